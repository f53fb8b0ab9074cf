import type { Message, MessageEntity, UserFromGetMe } from 'grammy/types';

/**
 * Whether a message is meant for the bot, and its text without the @mention.
 * In a private chat everything is. In a group only a message that mentions the bot (@username or
 * a text mention), or replies to one of its messages; commands are routed before this is asked.
 * Channel posts never are: the bot does not talk in channels.
 */
export interface Addressed {
  addressed: boolean;
  text: string;
}

/** Entity offsets and lengths are in UTF-16 code units, like JavaScript string indices. */
function mentionsOf(text: string, entities: MessageEntity[] | undefined, me: UserFromGetMe): MessageEntity[] {
  const username = `@${me.username}`.toLowerCase();
  return (entities ?? []).filter(
    (entity) =>
      (entity.type === 'mention' && text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === username) ||
      (entity.type === 'text_mention' && entity.user.id === me.id),
  );
}

function withoutMentions(text: string, mentions: MessageEntity[]): string {
  let out = text;
  for (const entity of [...mentions].sort((a, b) => b.offset - a.offset)) {
    // A text mention is the person's name written inline ("Bot, what is…"): keep the words, drop only @usernames.
    if (entity.type === 'mention') out = out.slice(0, entity.offset) + out.slice(entity.offset + entity.length);
  }
  return out.replace(/[ \t]{2,}/g, ' ').replace(/^[\s,:;]+/, '').trim();
}

export function addressing(message: Message, me: UserFromGetMe): Addressed {
  const text = message.text ?? message.caption ?? '';
  const entities = message.entities ?? message.caption_entities;
  if (message.chat.type === 'private') return { addressed: true, text: text.trim() };
  if (message.chat.type === 'channel') return { addressed: false, text };
  const mentions = mentionsOf(text, entities, me);
  const isReplyToBot = message.reply_to_message?.from?.id === me.id;
  return { addressed: mentions.length > 0 || isReplyToBot, text: withoutMentions(text, mentions) };
}
