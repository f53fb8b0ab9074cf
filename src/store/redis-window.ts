import type { LimitWindows } from '../http/rate-limit.ts';
import type { Log } from '../log.ts';
import { fingerprint } from '../shared/secrets.ts';
import type { RedisClient } from './redis-client.ts';

/**
 * A sliding window kept in a Redis sorted set and checked and taken by one Lua script, so every
 * instance counts against the same window. (rate-limiter-flexible offers fixed windows only, which can
 * let twice the limit through across a window edge.) Used by the AgentClick budget and the chat limits.
 */
const TAKE = `
local key, now, window, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count >= limit then
  local freeing = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
  return {0, tonumber(freeing[2]) + window - now}
end
redis.call('ZADD', key, now, member)
redis.call('PEXPIRE', key, window)
return {1, 0}`;

let sequence = 0;

/** Takes one slot of `key`'s window if it has room; otherwise says how long until one frees up. */
export async function takeRedisWindow(redis: RedisClient, key: string, { limit, windowMs, now }: { limit: number; windowMs: number; now: number }): Promise<{ allowed: boolean; retryAfterMs: number }> {
  const member = `${now}:${process.pid}:${++sequence}:${Math.random().toString(36).slice(2, 8)}`;
  const [allowed, retryAfterMs] = (await redis.eval(TAKE, { keys: [key], arguments: [String(now), String(windowMs), String(limit), member] })) as [number, number];
  return allowed === 1 ? { allowed: true, retryAfterMs: 0 } : { allowed: false, retryAfterMs: Math.max(1, Number(retryAfterMs)) };
}

/**
 * The bot's own request limits (chat, voice) counted in Redis, so a visitor gets the same limit however
 * many instances serve them. If Redis cannot answer, the request is let through: a limit is a guard
 * against abuse, not a reason to refuse people while Redis is away.
 */
export function createRedisWindows(redis: RedisClient, { prefix = 'bot', log, now = Date.now }: { prefix?: string; log: Log; now?: () => number }): LimitWindows {
  return ({ name, limit, windowMs }) => ({
    async take(key) {
      try {
        // Keys are addresses and session ids: kept only as a fingerprint.
        return await takeRedisWindow(redis, `${prefix}:limit:${name}:${fingerprint(key)}`, { limit, windowMs, now: now() });
      } catch (error) {
        log.warn({ err: error, limit: name }, 'request limit not checked (Redis unavailable); let through');
        return { allowed: true, retryAfterMs: 0 };
      }
    },
  });
}
