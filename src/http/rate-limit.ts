import type { Context, MiddlewareHandler } from 'hono';
import { SlidingWindow } from '../shared/sliding-window.ts';
import { jsonError } from './errors.ts';

/** One limit's counter: in this process, or shared by every instance (Redis). */
export interface LimitWindow {
  take(key: string): { allowed: boolean; retryAfterMs: number } | Promise<{ allowed: boolean; retryAfterMs: number }>;
}

/** Makes the counter of one named limit ("chat-address", "voice-conversation"). */
export type LimitWindows = (limit: { name: string; limit: number; windowMs: number }) => LimitWindow;

/** Counters in this process: right for one instance. */
export const memoryWindows: LimitWindows = ({ limit, windowMs }) => new SlidingWindow({ limit, windowMs });

export interface LimitOptions {
  limit: number;
  windowMs?: number;
  /** Names what is limited in the 429 message: "address", "conversation". */
  what: string;
  /** Names the limit's counter; limits with the same name share one. */
  name: string;
  windows?: LimitWindows;
}

/**
 * Per-key request limit for the bot's own routes: returns the 429 (with Retry-After) to send when the key
 * is over its limit, or undefined. For keys that are only known once the body is read (a webhook's session).
 */
export function createLimiter({ limit, windowMs = 60_000, what, name, windows = memoryWindows }: LimitOptions) {
  const window = windows({ name, limit, windowMs });
  return async (c: Context, key: string): Promise<Response | undefined> => {
    const decision = await window.take(key);
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
    return (key === undefined ? undefined : await limited(c, key)) ?? next();
  };
}
