import type { messagingApi } from '@line/bot-sdk';
import type { Suggestion, TurnResult } from '../../core/types.ts';
import { replyDisclosure } from '../../links/disclosure.ts';
import { programsCarousel } from './flex.ts';

/** LINE's limits: 5,000 characters per text message, 13 quick-reply buttons, 20 characters per label, 300 per text. */
const MAX_TEXT = 5_000;
const MAX_QUICK_REPLIES = 13;

/** LINE shows text as typed: the model's Markdown emphasis and headings would appear as stray symbols. */
export function plainText(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/gs, '$1')
    .replace(/__(.+?)__/gs, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .trim();
}

/** Cuts a long answer at a line or sentence end that fits, so the disclosure after it always survives. */
function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const cut = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('。'), head.lastIndexOf('. '));
  return `${head.slice(0, cut > max * 0.6 ? cut + 1 : head.length).trimEnd()}…`;
}

export function quickReply(suggestions: readonly Suggestion[]): messagingApi.QuickReply | undefined {
  const items = suggestions
    .filter((suggestion) => suggestion.label.trim() && suggestion.text.trim())
    .slice(0, MAX_QUICK_REPLIES)
    .map((suggestion) => ({
      type: 'action',
      action: { type: 'message', label: [...suggestion.label].slice(0, 20).join(''), text: [...suggestion.text].slice(0, 300).join('') },
    }) satisfies messagingApi.QuickReplyItem);
  return items.length > 0 ? { items } : undefined;
}

/**
 * A turn as LINE messages: the answer's text (with the ad disclosure whenever programs or links are
 * shown), then a Flex carousel of the programs and links, with the next steps as quick replies on the
 * last message. At most 5 messages, as a reply allows.
 */
export function turnMessages(result: TurnResult): messagingApi.Message[] {
  const disclosure = replyDisclosure(result.locale);
  const showsAds = result.cards.length > 0 || result.links.length > 0;
  // The core may already have put the disclosure at the end; it is set once, after the (possibly cut) answer.
  const body = plainText(showsAds ? result.reply.replace(disclosure, '') : result.reply);
  const text = showsAds ? `${clipText(body, MAX_TEXT - disclosure.length - 2)}\n\n${disclosure}`.trim() : clipText(body, MAX_TEXT);
  const messages: messagingApi.Message[] = [{ type: 'text', text }];
  const carousel = programsCarousel(result.cards, result.links, result.locale);
  if (carousel) messages.push(carousel);
  const replies = quickReply(result.suggestions);
  const last = messages.at(-1);
  if (replies && last) last.quickReply = replies;
  return messages;
}
