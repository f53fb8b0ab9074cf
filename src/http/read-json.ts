import type { Context } from 'hono';
import type { z } from 'zod';
import { describeZodError } from '../shared/zod-message.ts';
import { jsonError } from './errors.ts';
import { isJsonRequest } from './media-type.ts';

export type ParsedJson<T> = { ok: true; value: T } | { ok: false; code: 'invalid_json' | 'invalid_request'; message: string };
export type JsonBody<T> = { ok: true; value: T } | { ok: false; response: Response };

/**
 * A body's text parsed as JSON and checked against a schema; a failure says in one line what was wrong.
 * `emptyAs` stands in for an empty body (the sandbox's control API takes none for defaults).
 */
export function parseJson<S extends z.ZodType>(text: string, schema: S, { emptyAs }: { emptyAs?: unknown } = {}): ParsedJson<z.output<S>> {
  let body: unknown;
  try {
    body = emptyAs !== undefined && text.trim() === '' ? emptyAs : JSON.parse(text);
  } catch {
    return { ok: false, code: 'invalid_json', message: 'The request body is not valid JSON.' };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, code: 'invalid_request', message: describeZodError(parsed.error) };
  return { ok: true, value: parsed.data };
}

/** The request's JSON body checked against a schema; otherwise the 4xx JSON error to send back (415, 400). */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<JsonBody<z.output<S>>> {
  if (!isJsonRequest(c)) {
    return { ok: false, response: jsonError(c, 415, 'unsupported_media_type', 'Send the request as JSON (content-type: application/json).') };
  }
  const parsed = parseJson(await c.req.text(), schema);
  return parsed.ok ? parsed : { ok: false, response: jsonError(c, 400, parsed.code, parsed.message) };
}
