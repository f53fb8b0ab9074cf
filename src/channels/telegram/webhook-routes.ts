import { Hono } from 'hono';
import type { Update } from 'grammy/types';
import { limitBody } from '../../http/body-limit.ts';
import { jsonError } from '../../http/errors.ts';
import { safeEqual } from '../../shared/secrets.ts';

export interface WebhookRoutesOptions {
  /** Unset: polling mode, the route answers 404. */
  secret: string | undefined;
  /** False until the bot knows who it is; Telegram retries a 503 later. */
  isReady: () => boolean;
  /** Takes the update and returns at once; the turn runs in the background. */
  accept: (update: Update) => void;
}

const isUpdate = (value: unknown): value is Update =>
  typeof value === 'object' && value !== null && Number.isSafeInteger((value as { update_id?: unknown }).update_id);

/**
 * `POST /webhook` (mounted at /telegram). Telegram waits for our answer before it sends the next
 * update and resends on a timeout, so the answer is a 200 as soon as the update is accepted; the
 * model's turn, which can take many seconds, runs afterwards. The secret token header is compared
 * in constant time before the body is even read.
 */
export function createWebhookRoutes({ secret, isReady, accept }: WebhookRoutesOptions): Hono {
  const app = new Hono();
  app.post(
    '/webhook',
    // The secret and readiness first: a stranger's body is never read, not even into the limit's buffer.
    async (c, next) => {
      if (secret === undefined) return jsonError(c, 404, 'not_found', 'The Telegram webhook is off: set TELEGRAM_WEBHOOK_SECRET to use it.');
      if (!safeEqual(c.req.header('x-telegram-bot-api-secret-token') ?? '', secret)) {
        return jsonError(c, 401, 'unauthorized', 'Missing or wrong X-Telegram-Bot-Api-Secret-Token header.');
      }
      if (!isReady()) return jsonError(c, 503, 'not_ready', 'The Telegram bot is still starting; retry shortly.');
      return next();
    },
    limitBody(1_048_576, 'A Telegram update is at most 1 MB.'),
    async (c) => {
      let update: unknown;
      try {
        update = await c.req.json();
      } catch {
        return jsonError(c, 400, 'invalid_json', 'The body is not valid JSON.');
      }
      if (!isUpdate(update)) return jsonError(c, 400, 'invalid_update', 'Expected a Telegram Update object with a numeric update_id.');
      accept(update);
      // An empty 200: a JSON body with a "method" field would be read by Telegram as a webhook reply.
      return c.body(null, 200);
    },
  );
  return app;
}
