import { validateSignature } from '@line/bot-sdk';
import { Hono } from 'hono';
import { limitBody } from '../../http/body-limit.ts';
import { jsonError } from '../../http/errors.ts';
import { isJsonRequest } from '../../http/media-type.ts';
import { parseJson } from '../../http/read-json.ts';
import { type LineEvent, webhookBody } from './webhook-schema.ts';

export interface LineWebhookOptions {
  channelSecret: string;
  /** Takes the events and returns at once; the turns run in the background. */
  accept: (events: LineEvent[]) => void;
}

/**
 * `POST /webhook` (mounted at /line). The signature is checked over the raw bytes before anything is
 * parsed: `x-line-signature` is the base64 HMAC-SHA256 of the body with the channel secret, compared in
 * constant time by the SDK's `validateSignature`. LINE waits for our answer (and may redeliver on a slow
 * one), so a good request gets its 200 at once and the model's turns run afterwards.
 */
export function createLineWebhookRoutes({ channelSecret, accept }: LineWebhookOptions): Hono {
  const app = new Hono();
  app.post(
    '/webhook',
    limitBody(1_048_576, 'A LINE webhook body is at most 1 MB.'),
    async (c) => {
      const signature = c.req.header('x-line-signature');
      const raw = Buffer.from(await c.req.arrayBuffer());
      if (!signature || !validateSignature(raw, channelSecret, signature)) {
        return jsonError(c, 401, 'invalid_signature', 'Missing or wrong x-line-signature header.');
      }
      if (!isJsonRequest(c)) {
        return jsonError(c, 415, 'unsupported_media_type', 'Send the webhook body as application/json.');
      }
      const parsed = parseJson(raw.toString('utf8'), webhookBody);
      if (!parsed.ok) return jsonError(c, 400, parsed.code, parsed.message);
      accept(parsed.value.events);
      return c.body(null, 200);
    },
  );
  return app;
}
