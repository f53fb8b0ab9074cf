import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { redactSecrets } from '../../shared/secrets.ts';
import { describeZodError } from '../../shared/zod-message.ts';

/**
 * Request and response plumbing shared by the Syndicate routes. Every error has the same body,
 * `{ "error": "<code>", "message": "<what was wrong>" }` (the spec is silent on the format), and a
 * message never carries a key or token: it goes through redactSecrets on its way out.
 */
export interface Reply {
  status: ContentfulStatusCode;
  body: Record<string, unknown>;
  retryAfterSeconds?: number;
}

export type ParsedBody = { ok: true; json: unknown } | { ok: false };

export function success(status: ContentfulStatusCode, body: Record<string, unknown>): Reply {
  return { status, body };
}

export function failure(status: ContentfulStatusCode, error: string, message: string, retryAfterSeconds?: number): Reply {
  return { status, body: { error, message: redactSecrets(message) }, retryAfterSeconds };
}

export function send(c: Context, reply: Reply): Response {
  if (reply.retryAfterSeconds !== undefined) c.header('Retry-After', String(reply.retryAfterSeconds));
  return c.json(reply.body, reply.status);
}

/** The generic error code for a status, used where nothing more specific applies (injected faults too). */
export function errorCodeForStatus(status: number): string {
  const codes: Record<number, string> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    429: 'rate_limited',
    503: 'service_unavailable',
  };
  return codes[status] ?? (status >= 500 ? 'server_error' : 'bad_request');
}

/** Reads the body once, as JSON; an empty body counts as `{}` so a missing field is reported by name. */
export async function readBody(request: Request): Promise<ParsedBody> {
  try {
    const text = await request.text();
    return { ok: true, json: text.trim() === '' ? {} : (JSON.parse(text) as unknown) };
  } catch {
    return { ok: false };
  }
}

/** Validates a body read by readBody: 400 naming the offending fields, or the typed value. */
export function parseBody<T>(body: ParsedBody, schema: z.ZodType<T, unknown>): { ok: true; value: T } | { ok: false; reply: Reply } {
  if (!body.ok) return { ok: false, reply: failure(400, 'bad_request', 'request body is not valid JSON') };
  const result = schema.safeParse(body.json);
  if (!result.success) return { ok: false, reply: failure(400, 'bad_request', describeZodError(result.error)) };
  return { ok: true, value: result.data };
}
