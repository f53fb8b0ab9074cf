import { type Api, GrammyError, InlineKeyboard } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import type { Core } from '../../core/create-core.ts';
import type { IssuedLink, Suggestion, TurnInput, TurnResult } from '../../core/types.ts';
import type { Log } from '../../log.ts';
import { createDraftStream } from './draft-stream.ts';
import { escapeTelegramHtml, markdownToTelegramHtml } from './format-html.ts';
import { type MessagePart, splitTelegramHtml } from './split-message.ts';
import { startTyping } from './typing.ts';

/** Where an answer goes. */
export interface ReplyTarget {
  chatId: number;
  /** Drafts exist in private chats only. */
  isPrivate: boolean;
  /** Forum topic of the message being answered. */
  threadId?: number;
  /** In groups the answer quotes the message it answers. */
  replyToMessageId?: number;
  /** Non-zero; changes to one draft id animate in the client. */
  draftId: number;
}

export interface ReplyDeps {
  log: Log;
  draftIntervalMs?: number;
  typingIntervalMs?: number;
}

const MAX_BUTTON_TEXT = 64;
/** A suggestion button sends this prefix and the suggestion's text back as its callback data (at most 64 bytes). */
export const SUGGESTION_PREFIX = 'next:';

/** The callback data of a suggestion button, or undefined when its text would not fit in Telegram's 64 bytes. */
export function suggestionData(suggestion: Suggestion): string | undefined {
  const data = `${SUGGESTION_PREFIX}${suggestion.text}`;
  return Buffer.byteLength(data, 'utf8') <= 64 ? data : undefined;
}

/**
 * One URL button per link, titled with the program's name (the disclosure is in the message text),
 * then the next steps as one row of buttons that send their text as the user's next message.
 */
export function linkKeyboard(links: IssuedLink[], suggestions: Suggestion[] = []): InlineKeyboard | undefined {
  const title = (text: string) => (text.length > MAX_BUTTON_TEXT ? `${text.slice(0, MAX_BUTTON_TEXT - 1)}…` : text);
  const rows: InlineKeyboardButton[][] = links.map((link) => [InlineKeyboard.url(title(link.title), link.url)]);
  const next = suggestions.flatMap((suggestion) => {
    const data = suggestionData(suggestion);
    return data ? [InlineKeyboard.text(title(suggestion.label), data)] : [];
  });
  if (next.length > 0) rows.push(next);
  return rows.length > 0 ? InlineKeyboard.from(rows) : undefined;
}

const isParseError = (error: unknown) => error instanceof GrammyError && error.error_code === 400 && /can't parse entities/i.test(error.description);
// Telegram refuses button URLs it considers private (http://localhost, bare IPs): the links then go in the text.
const isButtonError = (error: unknown) => error instanceof GrammyError && error.error_code === 400 && /button|url/i.test(error.description);

/**
 * Sends HTML as one or more messages: previews off, buttons on the last part, the first part quoting
 * the question in groups. Each part is sent once; only a 400 (nothing was delivered) leads to the
 * same part again: plain text when Telegram could not parse the HTML, links in the text when it
 * refused the buttons. 429s are retried below this, by the send budget and auto-retry.
 */
export async function sendHtml(api: Api, target: ReplyTarget, html: string, { links = [], suggestions = [], log }: { links?: IssuedLink[]; suggestions?: Suggestion[]; log: Log }): Promise<void> {
  const parts = splitTelegramHtml(html);
  const keyboard = linkKeyboard(links, suggestions);
  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    const other = {
      link_preview_options: { is_disabled: true },
      ...(target.threadId ? { message_thread_id: target.threadId } : {}),
      ...(index === 0 && target.replyToMessageId ? { reply_parameters: { message_id: target.replyToMessageId, allow_sending_without_reply: true } } : {}),
      ...(last && keyboard ? { reply_markup: keyboard } : {}),
    };
    try {
      await sendPart(api, target.chatId, part, other, log);
    } catch (error) {
      if (!(last && keyboard && isButtonError(error))) throw error;
      log.warn({ err: error }, 'telegram refused the link buttons; sending the links in the text');
      const { reply_markup: _buttons, ...rest } = other;
      // The next-step buttons carry no URL, so they stay.
      const nextSteps = linkKeyboard([], suggestions);
      const withoutButtons = nextSteps ? { ...rest, reply_markup: nextSteps } : rest;
      const listed = links.map((link) => `• ${escapeTelegramHtml(link.title)}: ${escapeTelegramHtml(link.url)}`).join('\n');
      for (const extra of splitTelegramHtml(`${part.html}\n\n${listed}`)) await sendPart(api, target.chatId, extra, withoutButtons, log);
    }
  }
}

async function sendPart(api: Api, chatId: number, part: MessagePart, other: Parameters<Api['sendMessage']>[2], log: Log): Promise<void> {
  try {
    await api.sendMessage(chatId, part.html, { ...other, parse_mode: 'HTML' });
  } catch (error) {
    if (!isParseError(error)) throw error;
    log.warn({ err: error }, 'telegram could not parse our HTML; sending the same text plain');
    await api.sendMessage(chatId, part.text, other);
  }
}

/** The newest screenful of a half-written answer, as a draft shows it. */
function draftHtml(markdown: string): string {
  return splitTelegramHtml(markdownToTelegramHtml(markdown)).at(-1)?.html ?? '';
}

/**
 * Runs one turn and answers it: typing while the core works, drafts as the text grows (private
 * chats), then the whole answer as real messages, exactly once.
 */
export async function answerTurn(api: Api, core: Core, target: ReplyTarget, input: TurnInput, signal: AbortSignal, deps: ReplyDeps): Promise<TurnResult | undefined> {
  const { log, draftIntervalMs = 700, typingIntervalMs = 4_000 } = deps;
  const thread = target.threadId ? { message_thread_id: target.threadId } : {};
  const typing = startTyping(() => api.sendChatAction(target.chatId, 'typing', thread), { intervalMs: typingIntervalMs, log });
  const drafts = target.isPrivate
    ? createDraftStream({
        send: (text) => api.sendMessageDraft(target.chatId, target.draftId, draftHtml(text), { ...thread, parse_mode: 'HTML' }),
        intervalMs: draftIntervalMs,
        log,
      })
    : undefined;
  let text = '';
  let links: IssuedLink[] = [];
  let result: TurnResult | undefined;
  try {
    for await (const event of core.streamTurn(input, signal)) {
      if (event.type === 'text') {
        text += event.delta;
        drafts?.update(text);
      } else if (event.type === 'links') links = event.links;
      else result = event.result;
    }
  } finally {
    typing.stop();
    await drafts?.finish();
  }
  const reply = result?.reply ?? text.trim();
  if (reply) await sendHtml(api, target, markdownToTelegramHtml(reply), { links: result?.links ?? links, suggestions: result?.suggestions ?? [], log });
  return result;
}
