import type { Locale, ProgramCardView, Suggestion } from './types.ts';

/**
 * Next steps after a list, in the user's language, worded the way the offline model and a real model
 * both understand: details on the first program, and further options for the same need.
 */
export function suggestionsFor(cards: readonly ProgramCardView[], locale: Locale): Suggestion[] {
  if (cards.length === 0) return [];
  if (locale === 'ja') {
    return [
      { label: cards.length > 1 ? '1つ目の詳細' : '詳細', text: cards.length > 1 ? '1つ目の詳細' : '詳細を教えて' },
      { label: 'ほかの候補', text: '他には？' },
    ];
  }
  return [
    { label: cards.length > 1 ? 'Details on #1' : 'Details', text: cards.length > 1 ? 'details on #1' : 'tell me more about it' },
    { label: 'Other options', text: 'any others?' },
  ];
}
