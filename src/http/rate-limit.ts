import type { Context, MiddlewareHandler } from 'hono';
import { SlidingWindow } from '../shared/sliding-window.ts';
import { jsonError } from './errors.ts';

export interface LimitOptions {
  limit: number;
  windowMs?: number;
  /** Names what is limited in the 429 message: "address", "conversation". */
  what: string;
}

/**
 * Per-key request limit for the bot's own routes: returns the 429 (with Retry-After) to send when the key
 * is over its limit, or undefined. For keys that are only known once the body is read (a webhook's session).
 */
export function createLimiter({ limit, windowMs = 60_000, what }: LimitOptions) {
  const window = new SlidingWindow({ limit, windowMs });
  return (c: Context, key: string): Response | undefined => {
    const decision = window.take(key);
    if (decision.allowed) return undefined;
    const seconds = Math.ceil(decision.retryAfterMs / 1000);
    c.header('Retry-After', String(seconds));
    return jsonError(c, 429, 'rate_limited', `Too many messages from this ${what}: at most ${limit} per ${windowMs / 1000} s. Try again in ${seconds} s.`);
  };
}

/** The same limit as middleware; `keyOf` returns undefined to skip (e.g. no session yet). */
export function rateLimit({ keyOf, ...options }: LimitOptions & { keyOf: (c: Context) => string | undefined | Promise<string | undefined> }): MiddlewareHandler {
  const limited = createLimiter(options);
  return async (c, next) => {
    const key = await keyOf(c);
    return (key === undefined ? undefined : limited(c, key)) ?? next();
  };
}
