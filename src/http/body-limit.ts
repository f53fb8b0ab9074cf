import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { jsonError } from './errors.ts';

/**
 * The bot's one body limit (Hono's `bodyLimit`): a larger body is refused with a 413 JSON error before it
 * is read into memory, whether it declares its length or streams it chunked. Every route that reads a
 * body sets one, after its authentication where it has any (a chunked body is buffered up to the limit).
 */
export function limitBody(maxBytes: number, message = `The request body is larger than ${maxBytes} bytes.`): MiddlewareHandler {
  return bodyLimit({ maxSize: maxBytes, onError: (c) => jsonError(c, 413, 'payload_too_large', message) });
}
