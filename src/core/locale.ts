import type { Locale } from './types.ts';

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const LATIN = /[A-Za-z]/;

/**
 * The language to answer in: what the user wrote wins (Japanese script means Japanese); a message
 * without letters (an emoji, a number) keeps the conversation's language, then the channel's hint.
 */
export function detectLocale(text: string, previous?: Locale, hint?: string): Locale {
  if (JAPANESE.test(text)) return 'ja';
  if (LATIN.test(text)) return 'en';
  if (previous) return previous;
  return hint?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
