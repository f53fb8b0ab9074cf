import type { ActionKind } from '../agentclick/actions.ts';
import { AGENTCLICK_LIMITS, type RequestBudget } from '../agentclick/request-budget.ts';
import { fingerprint } from '../shared/secrets.ts';
import type { RedisClient } from './redis-client.ts';
import { takeRedisWindow } from './redis-window.ts';

/** The AgentClick request budget shared by every instance: one Redis sliding window per key and kind. */
export function createRedisBudget(redis: RedisClient, { prefix = 'bot', limits = AGENTCLICK_LIMITS, windowMs = 60_000, now = Date.now }: { prefix?: string; limits?: Record<ActionKind, number>; windowMs?: number; now?: () => number } = {}): RequestBudget {
  const key = (apiKey: string, kind: ActionKind) => `${prefix}:budget:${fingerprint(apiKey)}:${kind}`;
  return {
    async take(apiKey, kind) {
      return takeRedisWindow(redis, key(apiKey, kind), { limit: limits[kind], windowMs, now: now() });
    },
    async remaining(apiKey, kind) {
      const redisKey = key(apiKey, kind);
      await redis.zRemRangeByScore(redisKey, '-inf', now() - windowMs);
      return Math.max(0, limits[kind] - (await redis.zCard(redisKey)));
    },
  };
}
