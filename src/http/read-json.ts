import type { Context } from 'hono';
import type { z } from 'zod';
import { describeZodError } from '../shared/zod-message.ts';
import { jsonError } from './errors.ts';
import { isJsonRequest } from './media-type.ts';

export type JsonBody<T> = { ok: true; value: T } | { ok: false; response: Response };

/** The request's JSON body checked against a schema; otherwise the 4xx JSON error to send back (415, 400). */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<JsonBody<z.output<S>>> {
  if (!isJsonRequest(c)) {
    return { ok: false, response: jsonError(c, 415, 'unsupported_media_type', 'Send the request as JSON (content-type: application/json).') };
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return { ok: false, response: jsonError(c, 400, 'invalid_json', 'The request body is not valid JSON.') };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, response: jsonError(c, 400, 'invalid_request', describeZodError(parsed.error)) };
  }
  return { ok: true, value: parsed.data };
}
