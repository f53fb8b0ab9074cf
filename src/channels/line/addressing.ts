import type { LineEvent } from './webhook-schema.ts';

/**
 * Whether a text message is meant for the bot, and its text without the bot's @mention.
 * In a 1:1 chat everything is; in a group or room only a message that mentions the bot (LINE marks
 * that mentionee `isSelf`). Mention indices are UTF-16 offsets, like JavaScript string indices.
 */
export function addressing(event: LineEvent, text: string): { addressed: boolean; text: string } {
  if (event.source?.type === 'user') return { addressed: true, text: text.trim() };
  const mine = (event.message?.mention?.mentionees ?? []).filter((mentionee) => mentionee.isSelf === true);
  if (mine.length === 0) return { addressed: false, text };
  let out = text;
  for (const mention of [...mine].sort((a, b) => b.index - a.index)) out = out.slice(0, mention.index) + out.slice(mention.index + mention.length);
  return { addressed: true, text: out.replace(/[ \t\u3000]{2,}/g, ' ').replace(/^[\s,:;、]+/, '').trim() };
}
