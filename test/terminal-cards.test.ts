import { describe, expect, it } from 'vitest';
import type { IssuedLink, ProgramCardView } from '../src/core/types.ts';
import { terminalCards } from '../src/terminal-cards.ts';

const link: IssuedLink = { id: 'abcdefghijklmnopqrstuv', programId: 1, title: 'StepMail AI', url: 'http://localhost:3000/r/abcdefghijklmnopqrstuv', disclosure: 'Ad · affiliate link' };
const card = (programId: number, name: string, withLink: boolean): ProgramCardView => ({
  programId,
  name,
  category: 'AI Writing',
  reason: 'Writes copy.',
  reward: { type: 'cpa', amount: 1000, currency: 'JPY' },
  rewardText: 'Reward for the operator: ¥1,000 per sale',
  availability: withLink ? 'ready' : 'pending',
  ...(withLink ? { link } : {}),
});

/** What `npm run chat` prints under an answer. */
describe('terminal cards', () => {
  it('prints each listed program with its link and disclosure, or that its link comes after review, then the next steps', () => {
    const text = terminalCards({
      cards: [card(1, 'StepMail AI', true), card(2, 'HookWriter', false)],
      links: [link],
      suggestions: [{ label: 'Details on #1', text: 'details on #1' }],
      locale: 'en',
    });
    expect(text.split('\n').slice(2)).toEqual([
      '  1. StepMail AI (AI Writing) · Reward for the operator: ¥1,000 per sale',
      '     → http://localhost:3000/r/abcdefghijklmnopqrstuv',
      '       Ad · affiliate link',
      '  2. HookWriter (AI Writing) · Reward for the operator: ¥1,000 per sale',
      "     (link after the advertiser's review)",
      '  Next: “details on #1”',
    ]);
  });

  it('prints a link without a card on its own, and nothing at all for a plain answer', () => {
    expect(terminalCards({ cards: [], links: [link], suggestions: [], locale: 'ja' })).toBe(`\n\n  → StepMail AI: ${link.url}\n    Ad · affiliate link`);
    expect(terminalCards({ cards: [], links: [], suggestions: [], locale: 'en' })).toBe('');
  });
});
