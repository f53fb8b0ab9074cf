import type { Message, MessageEntity, Update, UserFromGetMe } from 'grammy/types';
import { Hono } from 'hono';
import { type RunningServer, listen } from '../../src/http/listen.ts';

/**
 * A local stand-in for the Telegram Bot API, over real HTTP: `POST /bot<token>/<method>`.
 * It records every call, long-polls getUpdates, keeps the webhook that setWebhook set (and can
 * deliver updates to it), and parses HTML the way Telegram does: unknown or unbalanced tags,
 * a bare `<` or `&`, empty text and text over 4096 characters after parsing are 400s with
 * Telegram's own descriptions. A sent message comes back with the text Telegram would show.
 */
export interface FakeCall {
  method: string;
  payload: Record<string, unknown>;
  at: number;
  ok: boolean;
  errorCode?: number;
  description?: string;
  /** For sendMessage / sendMessageDraft that succeeded: the text after entity parsing. */
  text?: string;
  entities?: MessageEntity[];
}

export interface FakeTelegram {
  url: string;
  token: string;
  botInfo: UserFromGetMe;
  calls: FakeCall[];
  /** Calls of one method (successful or not). */
  callsOf(method: string): FakeCall[];
  /** Messages Telegram accepted, in order. */
  sent(chatId?: number): FakeCall[];
  /** Queues an update for getUpdates (an update_id is assigned unless given). */
  push(update: Omit<Update, 'update_id'> & { update_id?: number }): Update;
  /** POSTs an update to the webhook registered with setWebhook, with its secret (or `secret`). */
  deliver(update: Update, secret?: string | null): Promise<Response>;
  /** The next `times` calls of `method` answer 429 with `retry_after`. */
  failNext(times: number, options?: { method?: string; retryAfter?: number }): void;
  /** The next `times` sendMessage calls with parse_mode HTML answer "can't parse entities". */
  rejectHtmlNext(times: number): void;
  /** The next `times` sendMessage calls with URL buttons answer "Wrong HTTP URL" (as Telegram does for localhost). */
  rejectButtonsNext(times: number): void;
  waitFor(predicate: (calls: FakeCall[]) => boolean, timeoutMs?: number): Promise<void>;
  webhook: { url: string; secret?: string } | undefined;
  close(): Promise<void>;
}

export const FAKE_BOT: UserFromGetMe = {
  id: 7_000_001,
  is_bot: true,
  first_name: 'Picks',
  username: 'picks_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

const TAGS: Record<string, MessageEntity['type']> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline', s: 'strikethrough', strike: 'strikethrough',
  del: 'strikethrough', 'tg-spoiler': 'spoiler', span: 'spoiler', a: 'text_link', code: 'code', pre: 'pre', blockquote: 'blockquote', 'tg-emoji': 'custom_emoji',
};
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export class ParseError extends Error {
  override readonly name = 'ParseError';
}

/** Telegram's HTML parse mode, strictly: the shown text and its entities, or a ParseError. */
export function parseTelegramHtml(html: string): { text: string; entities: MessageEntity[] } {
  let text = '';
  const entities: MessageEntity[] = [];
  const open: Array<{ name: string; offset: number; href?: string }> = [];
  const byteOffset = (index: number) => Buffer.byteLength(html.slice(0, index));
  let i = 0;
  while (i < html.length) {
    const char = html[i] ?? '';
    if (char === '<') {
      const tag = /^<(\/?)([a-zA-Z][\w-]*)((?:\s+[a-zA-Z-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))*)\s*>/.exec(html.slice(i));
      if (!tag) throw new ParseError(`Bad Request: can't parse entities: Unsupported start tag at byte offset ${byteOffset(i)}`);
      const [raw, slash, rawName = '', attributes = ''] = tag;
      const name = rawName.toLowerCase();
      if (!(name in TAGS)) throw new ParseError(`Bad Request: can't parse entities: Unsupported start tag "${name}" at byte offset ${byteOffset(i)}`);
      if (slash) {
        const top = open.pop();
        if (!top) throw new ParseError(`Bad Request: can't parse entities: Unexpected end tag at byte offset ${byteOffset(i)}`);
        if (top.name !== name) throw new ParseError(`Bad Request: can't parse entities: Unmatched end tag at byte offset ${byteOffset(i)}, expected "</${top.name}>", found "</${name}>"`);
        const length = text.length - top.offset;
        if (length > 0) entities.push({ type: TAGS[name], offset: top.offset, length, ...(top.href ? { url: top.href } : {}) } as MessageEntity);
      } else {
        const href = /href\s*=\s*"([^"]*)"/.exec(attributes)?.[1];
        open.push({ name, offset: text.length, ...(href !== undefined ? { href: decode(href) } : {}) });
      }
      i += raw.length;
    } else if (char === '&') {
      const entity = /^&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/.exec(html.slice(i));
      const body = entity?.[1] ?? '';
      const value = body.startsWith('#x') ? String.fromCodePoint(Number.parseInt(body.slice(2), 16)) : body.startsWith('#') ? String.fromCodePoint(Number(body.slice(1))) : ENTITIES[body];
      if (!entity || value === undefined) throw new ParseError(`Bad Request: can't parse entities: Unsupported HTML entity at byte offset ${byteOffset(i)}`);
      text += value;
      i += entity[0].length;
    } else {
      text += char;
      i++;
    }
  }
  const unclosed = open.pop();
  if (unclosed) throw new ParseError(`Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { text, entities };
}

function decode(value: string): string {
  return value.replace(/&(lt|gt|amp|quot);/g, (_, name: string) => ENTITIES[name] ?? '');
}

/** Telegram trims the outer whitespace of a message; entity offsets move with it. */
function trimmed(parsed: { text: string; entities: MessageEntity[] }) {
  const lead = parsed.text.length - parsed.text.trimStart().length;
  const text = parsed.text.trim();
  return { text, entities: parsed.entities.map((entity) => ({ ...entity, offset: entity.offset - lead })).filter((entity) => entity.offset >= 0) };
}

type Answer = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: { retry_after: number } };

export async function startFakeTelegram({ token = '123456:TEST-token-for-the-fake-telegram-api', maxHoldMs = 1_000 } = {}): Promise<FakeTelegram> {
  const calls: FakeCall[] = [];
  const queue: Update[] = [];
  let nextUpdateId = 10_000;
  let nextMessageId = 1;
  let waiters: Array<() => void> = [];
  const failures: Array<{ method: string; retryAfter: number }> = [];
  let htmlRejections = 0;
  let buttonRejections = 0;
  const state: { webhook: FakeTelegram['webhook'] } = { webhook: undefined };
  const wake = () => {
    for (const waiter of waiters) waiter();
    waiters = [];
  };

  function message(payload: Record<string, unknown>, kind: 'sendMessage' | 'sendMessageDraft'): Answer & { text?: string; entities?: MessageEntity[] } {
    const raw = String(payload.text ?? '');
    let parsed: { text: string; entities: MessageEntity[] };
    try {
      parsed = trimmed(payload.parse_mode === 'HTML' ? parseTelegramHtml(raw) : { text: raw, entities: [] });
    } catch (error) {
      return { ok: false, error_code: 400, description: (error as Error).message };
    }
    if (kind === 'sendMessageDraft' && Number(payload.chat_id) < 0) return { ok: false, error_code: 400, description: 'Bad Request: drafts can be sent to private chats only' };
    if (kind === 'sendMessage' && parsed.text.length === 0) return { ok: false, error_code: 400, description: 'Bad Request: message text is empty' };
    if (parsed.text.length > 4096) return { ok: false, error_code: 400, description: 'Bad Request: message is too long' };
    if (kind === 'sendMessageDraft') return { ok: true, result: true, ...parsed };
    const chatId = Number(payload.chat_id);
    const result: Message.TextMessage = {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: chatId > 0 ? { id: chatId, type: 'private', first_name: 'User' } : { id: chatId, type: 'supergroup', title: 'Group' },
      from: { id: FAKE_BOT.id, is_bot: true, first_name: FAKE_BOT.first_name, username: FAKE_BOT.username },
      text: parsed.text,
      ...(parsed.entities.length ? { entities: parsed.entities } : {}),
    };
    return { ok: true, result, ...parsed };
  }

  async function answer(method: string, payload: Record<string, unknown>, signal: AbortSignal): Promise<Answer & { text?: string; entities?: MessageEntity[] }> {
    const failure = failures.findIndex((entry) => entry.method === method);
    if (failure >= 0) {
      const [{ retryAfter } = { retryAfter: 1 }] = failures.splice(failure, 1);
      return { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } };
    }
    switch (method) {
      case 'getMe':
        return { ok: true, result: FAKE_BOT };
      case 'getUpdates': {
        const offset = Number(payload.offset ?? 0);
        while (queue.length && (queue[0]?.update_id ?? 0) < offset) queue.shift();
        if (queue.length === 0) {
          const holdMs = Math.min(maxHoldMs, Number(payload.timeout ?? 0) * 1000);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, holdMs);
            waiters.push(() => (clearTimeout(timer), resolve()));
            signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
          });
        }
        return { ok: true, result: queue.filter((update) => update.update_id >= offset).slice(0, Number(payload.limit ?? 100)) };
      }
      case 'sendMessage':
        if (payload.parse_mode === 'HTML' && htmlRejections > 0) {
          htmlRejections--;
          return { ok: false, error_code: 400, description: "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0" };
        }
        if (payload.reply_markup && buttonRejections > 0) {
          buttonRejections--;
          return { ok: false, error_code: 400, description: "Bad Request: inline keyboard button URL 'http://localhost/r/x' is invalid: Wrong HTTP URL" };
        }
        return message(payload, 'sendMessage');
      case 'sendMessageDraft':
        return message(payload, 'sendMessageDraft');
      case 'setWebhook':
        state.webhook = { url: String(payload.url), ...(payload.secret_token ? { secret: String(payload.secret_token) } : {}) };
        return { ok: true, result: true };
      case 'deleteWebhook':
        state.webhook = undefined;
        return { ok: true, result: true };
      case 'sendChatAction':
      case 'setMyCommands':
      case 'answerCallbackQuery':
        return { ok: true, result: true };
      default:
        return { ok: false, error_code: 404, description: 'Not Found: method not found' };
    }
  }

  const app = new Hono();
  app.post('/:bot/:method', async (c) => {
    if (c.req.param('bot') !== `bot${token}`) return c.json({ ok: false, error_code: 401, description: 'Unauthorized' }, 401);
    const method = c.req.param('method');
    const body = await c.req.text();
    const payload = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
    const at = Date.now();
    const { text, entities, ...response } = await answer(method, payload, c.req.raw.signal);
    calls.push({ method, payload, at, ok: response.ok, ...(response.ok ? { text, entities } : { errorCode: response.error_code, description: response.description }) });
    return c.json(response, response.ok ? 200 : (response.error_code as 400));
  });
  const server: RunningServer = await listen(app);

  return {
    url: server.url,
    token,
    botInfo: FAKE_BOT,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    sent: (chatId) => calls.filter((call) => call.method === 'sendMessage' && call.ok && (chatId === undefined || call.payload.chat_id === chatId)),
    push(partial) {
      const update = { ...partial, update_id: partial.update_id ?? nextUpdateId++ } as Update;
      queue.push(update);
      wake();
      return update;
    },
    deliver(update, secret) {
      if (!state.webhook) throw new Error('no webhook was set');
      const key = secret === null ? undefined : (secret ?? state.webhook.secret);
      return fetch(state.webhook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key !== undefined ? { 'x-telegram-bot-api-secret-token': key } : {}) },
        body: JSON.stringify(update),
      });
    },
    failNext(times, { method = 'sendMessage', retryAfter = 1 } = {}) {
      for (let n = 0; n < times; n++) failures.push({ method, retryAfter });
    },
    rejectHtmlNext(times) {
      htmlRejections += times;
    },
    rejectButtonsNext(times) {
      buttonRejections += times;
    },
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) throw new Error(`fake telegram: condition not met in ${timeoutMs} ms; calls: ${calls.map((call) => call.method).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    get webhook() {
      return state.webhook;
    },
    async close() {
      wake();
      await server.close();
    },
  };
}

let nextMessage = 1;
/** A text message update as Telegram would send it; `/commands` and @mentions get their entities. */
export function textUpdate({
  chatId,
  text,
  chatType = chatId > 0 ? 'private' : 'supergroup',
  languageCode = 'en',
  replyTo,
  userId = chatId > 0 ? chatId : 555,
}: { chatId: number; text: string; chatType?: 'private' | 'group' | 'supergroup'; languageCode?: string; replyTo?: Message; userId?: number }): Omit<Update, 'update_id'> {
  const entities: MessageEntity[] = [];
  for (const match of text.matchAll(/(^\/[a-z_]+(?:@\w+)?)|(@\w+)/g)) {
    entities.push({ type: match[1] ? 'bot_command' : 'mention', offset: match.index, length: match[0].length });
  }
  const chat = chatType === 'private' ? { id: chatId, type: 'private' as const, first_name: 'Ann' } : { id: chatId, type: chatType, title: 'Tools chat' };
  return {
    message: {
      message_id: nextMessage++,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: { id: userId, is_bot: false, first_name: 'Ann', language_code: languageCode },
      text,
      ...(entities.length ? { entities } : {}),
      ...(replyTo ? { reply_to_message: { ...replyTo, reply_to_message: undefined } } : {}),
    } as Message & Update.NonChannel,
  };
}
