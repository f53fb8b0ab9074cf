import { fingerprint } from '../shared/secrets.ts';
import { SlidingWindow } from '../shared/sliding-window.ts';
import type { ActionKind, ActionName } from './actions.ts';

/**
 * Who a request is for, most important first: a purchase being attributed (`critical`), a person
 * waiting on a click or an answer (`interactive`), and work nobody waits for: partnership applications,
 * link generation, re-checks (`background`).
 */
export type RequestPriority = 'critical' | 'interactive' | 'background';

/**
 * Keeps each API key under the network's limits (200 reads and 30 writes per minute), with one window
 * per key and kind shared by every priority. A lower priority may only use the window up to its limit
 * minus a reserve, so the slots it leaves are always there for the more important requests: a flood of
 * background applications can never make a conversion or a click wait.
 * The in-process budget below serves one instance; the shared one (Redis) implements the same interface.
 */
export interface RequestBudget {
  /** Takes one request from the key's budget, or says how long until one is free for this priority. */
  take(apiKey: string, kind: ActionKind, priority?: RequestPriority): Promise<{ allowed: boolean; retryAfterMs: number }>;
  /** Requests still allowed right now at this priority (for metrics and the dashboard). */
  remaining(apiKey: string, kind: ActionKind, priority?: RequestPriority): Promise<number>;
}

export const AGENTCLICK_LIMITS: Record<ActionKind, number> = { read: 200, write: 30 };

/**
 * Slots per minute each priority leaves to the ones above it. Writes: background work uses at most 22
 * of 30 (160 applications still fit in about 7.5 minutes), clicks at most 28, conversions all 30.
 * Reads: background at most 140 of 200, the rest stays for conversations.
 */
export const PRIORITY_RESERVES: Record<ActionKind, Record<RequestPriority, number>> = {
  write: { critical: 0, interactive: 2, background: 8 },
  read: { critical: 0, interactive: 0, background: 60 },
};

/** The priority of a call that did not name one: conversions and clicks by their action, other writes background. */
export function defaultPriority(action: ActionName, kind: ActionKind): RequestPriority {
  if (action === 'agent.record_conversion') return 'critical';
  if (kind === 'read' || action === 'agent.track_click') return 'interactive';
  return 'background';
}

/** The most requests of `kind` a priority may have in one window. */
export function limitFor(limits: Record<ActionKind, number>, reserves: Record<ActionKind, Record<RequestPriority, number>>, kind: ActionKind, priority: RequestPriority): number {
  return Math.max(1, limits[kind] - reserves[kind][priority]);
}

export function createMemoryBudget({
  limits = AGENTCLICK_LIMITS,
  reserves = PRIORITY_RESERVES,
  windowMs = 60_000,
  now = Date.now,
}: { limits?: Record<ActionKind, number>; reserves?: Record<ActionKind, Record<RequestPriority, number>>; windowMs?: number; now?: () => number } = {}): RequestBudget {
  const windows: Record<ActionKind, SlidingWindow> = {
    read: new SlidingWindow({ limit: limits.read, windowMs, now }),
    write: new SlidingWindow({ limit: limits.write, windowMs, now }),
  };
  return {
    async take(apiKey, kind, priority = 'interactive') {
      const decision = windows[kind].take(fingerprint(apiKey), limitFor(limits, reserves, kind, priority));
      return { allowed: decision.allowed, retryAfterMs: decision.retryAfterMs };
    },
    async remaining(apiKey, kind, priority = 'critical') {
      const reserve = limits[kind] - limitFor(limits, reserves, kind, priority);
      return Math.max(0, windows[kind].remaining(fingerprint(apiKey)) - reserve);
    },
  };
}
