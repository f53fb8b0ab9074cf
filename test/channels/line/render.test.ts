import { describe, expect, it } from 'vitest';
import { turnMessages } from '../../../src/channels/line/render.ts';
import type { IssuedLink, ProgramCardView, TurnResult } from '../../../src/core/types.ts';
import { linkDisclosure, replyDisclosure } from '../../../src/links/disclosure.ts';
import { messageProblem } from '../../helpers/fake-line.ts';

/** LINE rendering of constructed cards: what the core fills in once program cards arrive. */
const base = 'https://bot.example';
const link = (id: string, programId: number, title: string, locale: 'en' | 'ja' = 'en'): IssuedLink => ({ id, programId, title, url: `${base}/r/${id}`, disclosure: linkDisclosure(locale) });

function card(programId: number, availability: ProgramCardView['availability'], locale: 'en' | 'ja' = 'en'): ProgramCardView {
  return {
    programId,
    name: `Program ${programId}`,
    category: 'AI Image Generation',
    reason: 'Makes product photos from a plain description.',
    reward: { type: 'cpa', amount: 9800, currency: 'JPY' },
    rewardText: 'Reward for the operator: ¥9,800 per sale',
    availability,
    ...(availability === 'ready' ? { link: link(`link${String(programId).padStart(18, '0')}`, programId, `Program ${programId}`, locale) } : {}),
  };
}

function result(partial: Partial<TurnResult>): TurnResult {
  return { sessionId: 's', reply: 'Here are programs that fit.', links: [], locale: 'en', recommended: [], cards: [], suggestions: [], ...partial };
}

type Bubble = { body: { contents: Array<{ type: string; text?: string }> }; footer: { contents: Array<{ type: string; text?: string; action?: { uri: string; label: string } }> } };
const bubblesOf = (messages: ReturnType<typeof turnMessages>) => ((messages[1] as { contents?: { contents?: Bubble[] } }).contents?.contents ?? []) as Bubble[];
const texts = (bubble: Bubble | undefined) => [...(bubble?.body.contents ?? []), ...(bubble?.footer.contents ?? [])].map((part) => part.text ?? '');

describe('LINE rendering of a turn', () => {
  it('one bubble per card in list order: name, category, reason, reward; a URI button only for ready ones', () => {
    const cards = [card(1, 'ready'), card(2, 'pending'), card(3, 'unavailable')];
    const messages = turnMessages(result({ cards, links: cards.flatMap((c) => (c.link ? [c.link] : [])) }));
    expect(messageProblem(messages)).toBeUndefined();
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ type: 'text', text: `Here are programs that fit.\n\n${replyDisclosure('en')}` });
    const bubbles = bubblesOf(messages);
    expect(bubbles).toHaveLength(3);
    expect(texts(bubbles[0])).toEqual(expect.arrayContaining(['Ad', 'Program 1', 'AI Image Generation', 'Makes product photos from a plain description.', 'Reward for the operator: ¥9,800 per sale', linkDisclosure('en')]));
    expect(bubbles[0]?.footer.contents[0]).toMatchObject({ type: 'button', action: { type: 'uri', uri: `${base}/r/link000000000000000001`, label: 'Open site (Ad)' } });
    expect(bubbles[1]?.footer.contents.some((part) => part.type === 'button')).toBe(false);
    expect(texts(bubbles[1]).join(' ')).toMatch(/reviewing/);
    expect(bubbles[2]?.footer.contents.some((part) => part.type === 'button')).toBe(false);
    expect(texts(bubbles[2]).join(' ')).toMatch(/No link/);
  });

  it('a pending-only list still carries the disclosure in its text and no button', () => {
    const messages = turnMessages(result({ cards: [card(5, 'pending')] }));
    expect((messages[0] as { text: string }).text).toContain(replyDisclosure('en'));
    expect(JSON.stringify(messages)).not.toContain('"uri"');
  });

  it('links given without a card (a link for #2) get a bubble of their own; links already on a card are not repeated', () => {
    const ready = card(1, 'ready');
    const extra = link('extra00000000000000000', 7, 'Other tool');
    const bubbles = bubblesOf(turnMessages(result({ cards: [ready], links: [ready.link as IssuedLink, extra] })));
    expect(bubbles.map((bubble) => bubble.footer.contents[0]?.action?.uri)).toEqual([ready.link?.url, extra.url]);
  });

  it('suggestions become quick replies on the last message (at most 13, labels cut to 20 characters)', () => {
    const suggestions = Array.from({ length: 15 }, (_, i) => ({ label: `Details on program number ${i + 1}`, text: `details on #${i + 1}` }));
    const messages = turnMessages(result({ cards: [card(1, 'ready')], suggestions }));
    expect(messageProblem(messages)).toBeUndefined();
    expect(messages[0]?.quickReply).toBeUndefined();
    const items = messages[1]?.quickReply?.items ?? [];
    expect(items).toHaveLength(13);
    expect(items[0]?.action).toEqual({ type: 'message', label: 'Details on program n', text: 'details on #1' });
  });

  it('a plain answer is one text message, with Markdown emphasis removed and quick replies on it', () => {
    const messages = turnMessages(result({ reply: '**PixelForge** is a good fit.', suggestions: [{ label: 'Other options', text: 'any others?' }] }));
    expect(messages).toEqual([{ type: 'text', text: 'PixelForge is a good fit.', quickReply: { items: [{ type: 'action', action: { type: 'message', label: 'Other options', text: 'any others?' } }] } }]);
  });

  it('Japanese cards use the 【PR】 mark, and a long list stays within LINE\'s limits', () => {
    const cards = Array.from({ length: 14 }, (_, i) => ({ ...card(i + 1, 'ready', 'ja'), reason: 'とても長い説明。'.repeat(100) }));
    const messages = turnMessages(result({ locale: 'ja', reply: 'あ'.repeat(6_000), cards, links: cards.map((c) => c.link as IssuedLink) }));
    expect(messageProblem(messages)).toBeUndefined();
    expect((messages[1] as { altText: string }).altText).toMatch(/^【PR】おすすめ: Program 1、Program 2/);
    expect(bubblesOf(messages)).toHaveLength(12);
    expect(bubblesOf(messages)[0]?.footer.contents[0]?.action?.label).toBe('サイトを見る【PR】');
    const text = (messages[0] as { text: string }).text;
    expect(text.length).toBeLessThanOrEqual(5_000);
    expect(text.endsWith(`…\n\n${replyDisclosure('ja')}`)).toBe(true);
  });
});
