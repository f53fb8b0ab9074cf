import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { type RunningServer, listen } from '../../src/http/listen.ts';

/**
 * A local stand-in for the LINE Messaging API, over real HTTP: reply, push and the loading animation,
 * with LINE's own checks (Bearer channel access token, one use per reply token, 1-5 messages, text and
 * Flex limits, quick-reply limits, loading only for users, push retry keys answered 409 on a repeat).
 * It also plays LINE's side of the webhook: `deliver` signs a body with the channel secret and POSTs it.
 */
export interface LineCall {
  path: string;
  body: Record<string, unknown>;
  status: number;
  retryKey?: string;
}

export interface FakeLine {
  url: string;
  accessToken: string;
  channelSecret: string;
  botUserId: string;
  calls: LineCall[];
  /** Accepted calls to one endpoint: 'reply' | 'push' | 'loading'. */
  accepted(kind: 'reply' | 'push' | 'loading'): LineCall[];
  /** The next `times` calls to `kind` answer `status` with `body` (and headers). */
  failNext(kind: 'reply' | 'push' | 'loading', times: number, status: number, body: Record<string, unknown>, headers?: Record<string, string>): void;
  /** The next call to `kind` is held, unanswered, until `release()` is called. */
  holdNext(kind: 'reply' | 'push' | 'loading'): () => void;
  /** A text message event from a user (1:1) or in a group, with a fresh reply token. */
  textEvent(text: string, options?: EventOptions): LineEventJson;
  /** Any other event (follow, sticker message, ...) with a fresh reply token. */
  event(type: string, options?: EventOptions & { message?: Record<string, unknown> }): LineEventJson;
  /** POSTs events to `webhookUrl` signed with the channel secret; `signature: null` sends none. */
  deliver(webhookUrl: string, events: LineEventJson[], options?: { signature?: string | null; rawBody?: string }): Promise<Response>;
  waitFor(predicate: (calls: LineCall[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface EventOptions {
  userId?: string;
  groupId?: string;
  roomId?: string;
  /** Text of a mention of the bot at the start of the message (groups). */
  mentionSelf?: string;
  timestamp?: number;
  webhookEventId?: string;
  redelivery?: boolean;
}

export type LineEventJson = Record<string, unknown> & { webhookEventId: string; replyToken: string };

const PATHS = { reply: '/v2/bot/message/reply', push: '/v2/bot/message/push', loading: '/v2/bot/chat/loading/start' } as const;
type Kind = keyof typeof PATHS;

/** LINE's documented limits for what the bot sends; returns the first problem, LINE-style, or undefined. */
export function messageProblem(messages: unknown): string | undefined {
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 5) return 'messages: must contain 1 to 5 messages';
  for (const [index, message] of messages.entries()) {
    const where = `messages[${index}]`;
    const m = message as Record<string, unknown>;
    if (m.type === 'text') {
      if (typeof m.text !== 'string' || m.text.length === 0 || m.text.length > 5000) return `${where}.text: must be 1-5000 characters`;
    } else if (m.type === 'flex') {
      if (typeof m.altText !== 'string' || m.altText.length === 0 || m.altText.length > 1500) return `${where}.altText: must be 1-1500 characters`;
      const contents = m.contents as Record<string, unknown>;
      const bubbles = contents?.type === 'carousel' ? (contents.contents as unknown[]) : [contents];
      if (!Array.isArray(bubbles) || bubbles.length === 0 || bubbles.length > 12) return `${where}.contents: a carousel holds 1-12 bubbles`;
      for (const bubble of bubbles) if ((bubble as Record<string, unknown>)?.type !== 'bubble') return `${where}.contents: not a bubble`;
      const problem = flexProblem(contents, `${where}.contents`);
      if (problem) return problem;
    } else return `${where}.type: unsupported in this fake`;
    const quick = (m.quickReply as { items?: unknown[] } | undefined)?.items;
    if (quick !== undefined) {
      if (!Array.isArray(quick) || quick.length === 0 || quick.length > 13) return `${where}.quickReply.items: 1-13 items`;
      for (const item of quick) {
        const action = (item as { action?: Record<string, unknown> }).action;
        if (action?.type !== 'message' || typeof action.label !== 'string' || action.label.length === 0 || [...action.label].length > 20) return `${where}.quickReply: label must be 1-20 characters`;
        if (typeof action.text !== 'string' || action.text.length === 0 || [...action.text].length > 300) return `${where}.quickReply: text must be 1-300 characters`;
      }
    }
  }
  return undefined;
}

function flexProblem(node: unknown, where: string): string | undefined {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) {
      const problem = flexProblem(child, `${where}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const n = node as Record<string, unknown>;
  if (n.type === 'text' && (typeof n.text !== 'string' || n.text.length === 0)) return `${where}.text: must not be empty`;
  if (n.type === 'box' && (!Array.isArray(n.contents) || (n.contents as unknown[]).length === 0)) return `${where}.contents: a box needs contents`;
  const action = n.action as Record<string, unknown> | undefined;
  if (action?.type === 'uri') {
    if (typeof action.uri !== 'string' || !/^https?:\/\//.test(action.uri) || action.uri.length > 1000) return `${where}.action.uri: must be an http(s) URL`;
    if (typeof action.label === 'string' && [...action.label].length > 40) return `${where}.action.label: at most 40 characters`;
  }
  for (const [key, value] of Object.entries(n)) {
    if (key === 'action') continue;
    const problem = flexProblem(value, `${where}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}

export async function startFakeLine(): Promise<FakeLine> {
  const accessToken = randomBytes(32).toString('base64url');
  const channelSecret = randomBytes(16).toString('hex');
  const botUserId = `U${randomBytes(16).toString('hex')}`;
  const calls: LineCall[] = [];
  const tokens = new Set<string>();
  const retryKeys = new Set<string>();
  const holds: Record<Kind, Array<Promise<void>>> = { reply: [], push: [], loading: [] };
  const failures: Record<Kind, Array<{ status: number; body: Record<string, unknown>; headers: Record<string, string> }>> = { reply: [], push: [], loading: [] };

  const app = new Hono();
  for (const kind of Object.keys(PATHS) as Kind[]) {
    app.post(PATHS[kind], async (c) => {
      const hold = holds[kind].shift();
      if (hold) await hold;
      const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
      const retryKey = c.req.header('x-line-retry-key');
      const answer = (status: number, json: Record<string, unknown>, headers: Record<string, string> = {}) => {
        calls.push({ path: PATHS[kind], body, status, ...(retryKey ? { retryKey } : {}) });
        return c.json(json, status as 200, headers);
      };
      if (c.req.header('authorization') !== `Bearer ${accessToken}`) return answer(401, { message: 'Authentication failed due to the following reason: invalid token.' });
      const failure = failures[kind].shift();
      if (failure) return answer(failure.status, failure.body, failure.headers);
      if (kind === 'loading') {
        const chatId = String(body.chatId ?? '');
        const seconds = Number(body.loadingSeconds ?? 20);
        if (!chatId.startsWith('U')) return answer(400, { message: 'The property, \'chatId\', in the request body is invalid (line: -, column: -)' });
        if (!Number.isInteger(seconds) || seconds < 5 || seconds > 60 || seconds % 5 !== 0) return answer(400, { message: 'The property, \'loadingSeconds\', in the request body is invalid' });
        return answer(202, {});
      }
      const problem = messageProblem(body.messages);
      if (problem) return answer(400, { message: 'A message in the request body is invalid', details: [{ message: problem }] });
      if (kind === 'reply') {
        const token = String(body.replyToken ?? '');
        if (!tokens.delete(token)) return answer(400, { message: 'Invalid reply token' });
        return answer(200, { sentMessages: (body.messages as unknown[]).map(() => ({ id: randomUUID(), quoteToken: randomUUID() })) });
      }
      if (typeof body.to !== 'string' || body.to.length === 0) return answer(400, { message: 'The property, \'to\', in the request body is invalid' });
      if (retryKey) {
        if (retryKeys.has(retryKey)) return answer(409, { message: 'The retry key is already accepted' }, { 'x-line-accepted-request-id': randomUUID() });
        retryKeys.add(retryKey);
      }
      return answer(200, { sentMessages: (body.messages as unknown[]).map(() => ({ id: randomUUID(), quoteToken: randomUUID() })) });
    });
  }
  const server: RunningServer = await listen(app);

  function event(type: string, options: EventOptions & { message?: Record<string, unknown> } = {}): LineEventJson {
    const replyToken = randomBytes(16).toString('hex');
    tokens.add(replyToken);
    const userId = options.userId ?? `U${randomBytes(16).toString('hex')}`;
    return {
      type,
      mode: 'active',
      timestamp: options.timestamp ?? Date.now(),
      source: options.groupId ? { type: 'group', groupId: options.groupId, userId } : options.roomId ? { type: 'room', roomId: options.roomId, userId } : { type: 'user', userId },
      webhookEventId: options.webhookEventId ?? `01${randomBytes(12).toString('hex').toUpperCase()}`,
      deliveryContext: { isRedelivery: options.redelivery ?? false },
      replyToken,
      ...(options.message ? { message: options.message } : {}),
    };
  }

  return {
    url: server.url,
    accessToken,
    channelSecret,
    botUserId,
    calls,
    accepted: (kind) => calls.filter((call) => call.path === PATHS[kind] && call.status < 300),
    failNext(kind, times, status, body, headers = {}) {
      for (let i = 0; i < times; i++) failures[kind].push({ status, body, headers });
    },
    holdNext(kind) {
      let release = () => {};
      holds[kind].push(new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
    event,
    textEvent(text, options = {}) {
      const mention = options.mentionSelf;
      const full = mention ? `${mention} ${text}` : text;
      return event('message', {
        ...options,
        message: {
          id: randomBytes(8).toString('hex'),
          type: 'text',
          text: full,
          quoteToken: randomUUID(),
          ...(mention ? { mention: { mentionees: [{ index: 0, length: mention.length, type: 'user', userId: botUserId, isSelf: true }] } } : {}),
        },
      });
    },
    async deliver(webhookUrl, events, { signature, rawBody } = {}) {
      const body = rawBody ?? JSON.stringify({ destination: botUserId, events });
      const signed = createHmac('sha256', channelSecret).update(body).digest('base64');
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (signature !== null) headers['x-line-signature'] = signature ?? signed;
      return fetch(webhookUrl, { method: 'POST', headers, body });
    },
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) throw new Error(`fake LINE: condition not met in ${timeoutMs} ms; calls: ${JSON.stringify(calls.map((call) => [call.path, call.status]))}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => server.close(),
  };
}
