import type { TurnResult } from './core/types.ts';

const PENDING = { en: "link after the advertiser's review", ja: '広告主の審査後にリンク' };
const NONE = { en: 'no link available', ja: 'リンクなし' };

/**
 * A turn's cards and links for a terminal (`npm run chat`): one block per listed program with its link
 * and disclosure, or that its link comes after review; then any link that has no card.
 */
export function terminalCards({ cards, links, suggestions, locale }: Pick<TurnResult, 'cards' | 'links' | 'suggestions' | 'locale'>): string {
  const lines: string[] = [];
  for (const [index, card] of cards.entries()) {
    lines.push(`  ${index + 1}. ${card.name}${card.category ? ` (${card.category})` : ''} · ${card.rewardText}`);
    if (card.link) lines.push(`     → ${card.link.url}`, `       ${card.link.disclosure}`);
    else lines.push(`     (${card.availability === 'pending' ? PENDING[locale] : NONE[locale]})`);
  }
  const carded = new Set(cards.flatMap((card) => (card.link ? [card.link.id] : [])));
  for (const link of links.filter((issued) => !carded.has(issued.id))) lines.push(`  → ${link.title}: ${link.url}`, `    ${link.disclosure}`);
  if (suggestions.length > 0) lines.push(`  ${locale === 'ja' ? '次は' : 'Next'}: ${suggestions.map((suggestion) => `“${suggestion.text}”`).join(' · ')}`);
  return lines.length > 0 ? `\n\n${lines.join('\n')}` : '';
}
