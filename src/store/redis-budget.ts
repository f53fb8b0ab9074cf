import type { ActionKind } from '../agentclick/actions.ts';
import { AGENTCLICK_LIMITS, PRIORITY_RESERVES, type RequestBudget, type RequestPriority, limitFor } from '../agentclick/request-budget.ts';
import { fingerprint } from '../shared/secrets.ts';
import type { RedisClient } from './redis-client.ts';
import { takeRedisWindow } from './redis-window.ts';

/**
 * The AgentClick request budget shared by every instance: one Redis sliding window per key and kind,
 * with the same priority ceilings as the in-process budget (a background request may only fill the
 * window up to its own, lower limit), so one instance's applications never delay another's conversion.
 */
export function createRedisBudget(
  redis: RedisClient,
  {
    prefix = 'bot',
    limits = AGENTCLICK_LIMITS,
    reserves = PRIORITY_RESERVES,
    windowMs = 60_000,
    now = Date.now,
  }: { prefix?: string; limits?: Record<ActionKind, number>; reserves?: Record<ActionKind, Record<RequestPriority, number>>; windowMs?: number; now?: () => number } = {},
): RequestBudget {
  const key = (apiKey: string, kind: ActionKind) => `${prefix}:budget:${fingerprint(apiKey)}:${kind}`;
  return {
    async take(apiKey, kind, priority = 'interactive') {
      return takeRedisWindow(redis, key(apiKey, kind), { limit: limitFor(limits, reserves, kind, priority), windowMs, now: now() });
    },
    async remaining(apiKey, kind, priority = 'critical') {
      const redisKey = key(apiKey, kind);
      await redis.zRemRangeByScore(redisKey, '-inf', now() - windowMs);
      return Math.max(0, limitFor(limits, reserves, kind, priority) - (await redis.zCard(redisKey)));
    },
  };
}
