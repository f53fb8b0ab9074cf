import { randomUUID } from 'node:crypto';
import { createUIMessageStream, createUIMessageStreamResponse } from 'ai';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { cors } from 'hono/cors';
import type { Core } from '../../core/create-core.ts';
import { type TrustProxy, clientIp } from '../../http/client-ip.ts';
import { limitBody } from '../../http/body-limit.ts';
import type { IssuedLink } from '../../core/types.ts';
import { jsonError } from '../../http/errors.ts';
import { readJson } from '../../http/read-json.ts';
import { type LimitWindows, rateLimit } from '../../http/rate-limit.ts';
import { type ChatRequest, parseChatRequest } from './chat-request.ts';

export interface ChatRoutesOptions {
  core: Core;
  allowedOrigins: string[] | undefined;
  trustProxy: TrustProxy;
  perSessionPerMinute?: number;
  perIpPerMinute?: number;
  /** Where the limits are counted: this process by default, Redis when several instances serve. */
  windows?: LimitWindows;
  maxBodyBytes?: number;
}

/** `POST /api/chat` (JSON) and `POST /api/chat/stream` (AI SDK UI message stream): the web channel, a thin adapter over the core. */
export function createChatRoutes({ core, allowedOrigins, trustProxy, perSessionPerMinute = 20, perIpPerMinute = 60, maxBodyBytes = 16 * 1024, windows }: ChatRoutesOptions): Hono<{ Variables: { chat: ChatRequest } }> {
  const app = new Hono<{ Variables: { chat: ChatRequest } }>();
  // Browsers on other sites may call the API only from the operator's allowed origins.
  app.use('*', cors({ origin: allowedOrigins ?? [], allowMethods: ['POST', 'OPTIONS'], allowHeaders: ['content-type'], maxAge: 600 }));
  app.use('*', limitBody(maxBodyBytes));
  app.use('*', rateLimit({ limit: perIpPerMinute, what: 'address', name: 'chat-address', windows, keyOf: (c) => clientIp(c, trustProxy) }));
  app.use('*', async (c, next) => {
    const body = await readJson(c, z.unknown());
    if (!body.ok) return body.response;
    const parsed = parseChatRequest(body.value, c.req.path.endsWith('/stream'));
    if (!parsed.ok) return jsonError(c, 400, 'invalid_request', parsed.message);
    c.set('chat', parsed.value);
    return next();
  });
  app.use('*', rateLimit({ limit: perSessionPerMinute, what: 'conversation', name: 'chat-conversation', windows, keyOf: (c: Context<{ Variables: { chat: ChatRequest } }>) => c.get('chat').sessionId }));

  app.post('/chat', async (c) => {
    const { sessionId = randomUUID(), message, locale } = c.get('chat');
    const result = await core.handleTurn({ channel: 'web', sessionId, text: message, locale }, c.req.raw.signal);
    // `programs`: the listed program ids in the answer's order (additive; clients ignore what they do not know).
    const programs = result.cards.length > 0 ? result.cards.map((card) => card.programId) : result.recommended;
    return c.json({ sessionId: result.sessionId, reply: result.reply, links: result.links, cards: result.cards, suggestions: result.suggestions, programs });
  });

  app.post('/chat/stream', (c) => {
    const { sessionId = randomUUID(), message, locale } = c.get('chat');
    const stream = createUIMessageStream({
      execute: async ({ writer }) => {
        writer.write({ type: 'start' });
        writer.write({ type: 'data-session', data: { sessionId }, transient: true });
        const textId = 'reply';
        writer.write({ type: 'text-start', id: textId });
        let links: IssuedLink[] = [];
        for await (const event of core.streamTurn({ channel: 'web', sessionId, text: message, locale }, c.req.raw.signal)) {
          if (event.type === 'text') writer.write({ type: 'text-delta', id: textId, delta: event.delta });
          else if (event.type === 'links') links = event.links;
          else {
            // The cards first, so a client draws each link on its program's card, then every link, then next steps.
            if (event.result.cards.length > 0) writer.write({ type: 'data-cards', data: { cards: event.result.cards } });
            if (links.length > 0) writer.write({ type: 'data-links', data: { links } });
            if (event.result.suggestions.length > 0) writer.write({ type: 'data-suggestions', data: { suggestions: event.result.suggestions } });
          }
        }
        writer.write({ type: 'text-end', id: textId });
        writer.write({ type: 'finish' });
      },
      onError: () => 'Sorry, something went wrong. Please try again.',
    });
    return createUIMessageStreamResponse({ stream });
  });

  return app;
}
