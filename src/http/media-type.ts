import type { Context } from 'hono';

/**
 * The request's media type, exactly: `application/json; charset=utf-8` is `application/json`, but
 * `text/plain; x=application/json` is `text/plain`. A substring test would let any site post "simple"
 * requests (no CORS preflight) that the bot then reads as JSON.
 */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export const isJsonRequest = (c: Context): boolean => mediaType(c) === 'application/json';
