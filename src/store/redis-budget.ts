import type { ActionKind } from '../agentclick/actions.ts';
import { AGENTCLICK_LIMITS, type RequestBudget } from '../agentclick/request-budget.ts';
import { fingerprint } from '../shared/secrets.ts';
import type { RedisClient } from './redis-client.ts';

/**
 * The AgentClick request budget shared by every instance: a sliding window per key and kind kept in a
 * Redis sorted set, checked and taken atomically by one Lua script. (rate-limiter-flexible offers fixed
 * windows only, which can let 2x the limit through across a window edge; the network counts per minute.)
 */
const TAKE = `
local key, now, window, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + window - now}
end
redis.call('ZADD', key, now, member)
redis.call('PEXPIRE', key, window)
return {1, 0}`;

export function createRedisBudget(redis: RedisClient, { prefix = 'bot', limits = AGENTCLICK_LIMITS, windowMs = 60_000, now = Date.now }: { prefix?: string; limits?: Record<ActionKind, number>; windowMs?: number; now?: () => number } = {}): RequestBudget {
  let sequence = 0;
  const key = (apiKey: string, kind: ActionKind) => `${prefix}:budget:${fingerprint(apiKey)}:${kind}`;
  return {
    async take(apiKey, kind) {
      const at = now();
      const member = `${at}:${process.pid}:${++sequence}:${Math.random().toString(36).slice(2, 8)}`;
      const [allowed, retryAfterMs] = (await redis.eval(TAKE, { keys: [key(apiKey, kind)], arguments: [String(at), String(windowMs), String(limits[kind]), member] })) as [number, number];
      return { allowed: allowed === 1, retryAfterMs: Math.max(1, Number(retryAfterMs)) * (allowed === 1 ? 0 : 1) };
    },
    async remaining(apiKey, kind) {
      const redisKey = key(apiKey, kind);
      await redis.zRemRangeByScore(redisKey, '-inf', now() - windowMs);
      return Math.max(0, limits[kind] - (await redis.zCard(redisKey)));
    },
  };
}
