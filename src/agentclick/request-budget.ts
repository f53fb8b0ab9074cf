import { fingerprint } from '../shared/secrets.ts';
import { SlidingWindow } from '../shared/sliding-window.ts';
import type { ActionKind } from './actions.ts';

/**
 * Keeps each API key under the network's limits (200 reads and 30 writes per minute).
 * The in-process budget below serves one instance; a shared one (Redis) implements the same interface.
 */
export interface RequestBudget {
  /** Takes one request from the key's budget, or says how long until one is free. */
  take(apiKey: string, kind: ActionKind): Promise<{ allowed: boolean; retryAfterMs: number }>;
  /** Requests still allowed right now (for metrics and the dashboard). */
  remaining(apiKey: string, kind: ActionKind): Promise<number>;
}

export const AGENTCLICK_LIMITS: Record<ActionKind, number> = { read: 200, write: 30 };

export function createMemoryBudget({
  limits = AGENTCLICK_LIMITS,
  windowMs = 60_000,
  now = Date.now,
}: { limits?: Record<ActionKind, number>; windowMs?: number; now?: () => number } = {}): RequestBudget {
  const windows: Record<ActionKind, SlidingWindow> = {
    read: new SlidingWindow({ limit: limits.read, windowMs, now }),
    write: new SlidingWindow({ limit: limits.write, windowMs, now }),
  };
  return {
    async take(apiKey, kind) {
      const decision = windows[kind].take(fingerprint(apiKey));
      return { allowed: decision.allowed, retryAfterMs: decision.retryAfterMs };
    },
    async remaining(apiKey, kind) {
      return windows[kind].remaining(fingerprint(apiKey));
    },
  };
}
