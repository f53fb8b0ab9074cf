import type Keyv from 'keyv';
import type { Core } from '../../core/create-core.ts';
import { detectLocale } from '../../core/locale.ts';
import type { Locale } from '../../core/types.ts';
import type { LimitWindow } from '../../http/rate-limit.ts';
import type { Log } from '../../log.ts';
import { addressing } from './addressing.ts';
import { type LineApi, LineTimeoutError, type ReplyTarget } from './line-api.ts';
import { turnMessages } from './render.ts';
import { type LineLine, lineText, slowDownText } from './texts.ts';
import { type LineEvent, chatIdOf } from './webhook-schema.ts';

export interface EventHandlerDeps {
  core: Core;
  api: LineApi;
  log: Log;
  /** Turns per chat per minute. */
  perChat: LimitWindow;
  /** Remembers each chat's language for the bot's own lines (stickers, errors). */
  kv?: Keyv;
  localeTtlMs?: number;
}

/** Messages that are not text: answered with a polite line in a 1:1 chat. */
const MEDIA = new Set(['image', 'video', 'audio', 'file', 'sticker', 'location']);

/**
 * What the bot does with one LINE event: text turns (in groups and rooms only when mentioned), a greeting
 * on follow and join, a polite line for stickers and media, forgetting the chat on unfollow and leave.
 */
export function createEventHandler({ core, api, log, perChat, kv, localeTtlMs = 30 * 86_400_000 }: EventHandlerDeps) {
  const knownLocale = async (chatId: string): Promise<Locale | undefined> => ((await kv?.get<Locale>(`locale:${chatId}`).catch(() => undefined)) ?? undefined);

  async function say(target: ReplyTarget, line: LineLine, locale?: Locale): Promise<void> {
    await api.send(target, [{ type: 'text', text: lineText(line, locale) }]);
  }

  async function turn(event: LineEvent, target: ReplyTarget, text: string): Promise<void> {
    const chatId = target.chatId;
    const decision = await perChat.take(chatId);
    if (!decision.allowed) {
      // The message itself tells its language best; the chat's remembered language breaks a tie (digits, emoji).
      await api.send(target, [{ type: 'text', text: slowDownText(Math.ceil(decision.retryAfterMs / 1000), detectLocale(text, await knownLocale(chatId))) }]);
      return;
    }
    // Started alongside the turn and settled before the answer goes out: an animation started after our
    // message would keep running over it.
    const loading = event.source?.type === 'user' ? api.loading(chatId) : Promise.resolve();
    try {
      const result = await core.handleTurn({ channel: 'line', sessionId: chatId, text });
      await kv?.set(`locale:${chatId}`, result.locale, localeTtlMs).catch(() => undefined);
      await loading;
      await api.send(target, turnMessages(result));
    } catch (error) {
      log.error({ err: error, chatId }, 'LINE turn failed');
      // After a timeout the answer may well have arrived: an apology on top would only confuse.
      if (!(error instanceof LineTimeoutError)) await say(target, 'failed', await knownLocale(chatId)).catch(() => undefined);
    }
  }

  return async function handle(event: LineEvent): Promise<void> {
    // Standby: another module owns this chat now; the bot listens but must not answer.
    if (event.mode === 'standby' || !event.source) return;
    const chatId = chatIdOf(event.source);
    const target: ReplyTarget = { chatId, replyToken: event.replyToken, receivedAt: event.timestamp };
    switch (event.type) {
      case 'follow':
        return say(target, 'greeting');
      case 'join':
        return say(target, 'joined');
      case 'unfollow':
      case 'leave':
        await kv?.delete(`locale:${chatId}`).catch(() => undefined);
        return core.resetSession('line', chatId);
      case 'message': {
        const message = event.message;
        if (!message) return;
        if (message.type !== 'text') {
          // In a group, media cannot mention the bot, so it is never addressed to it.
          if (event.source.type === 'user' && MEDIA.has(message.type)) await say(target, 'textOnly', await knownLocale(chatId));
          return;
        }
        const { addressed, text } = addressing(event, message.text ?? '');
        if (!addressed) return;
        if (!text) return say(target, 'help', await knownLocale(chatId));
        return turn(event, target, text);
      }
      default:
        return;
    }
  };
}
