/**
 * A sliding-window request counter: at most `limit` events in any `windowMs` interval.
 * Used by the sandbox to enforce the networks' per-key limits and by the clients' request budget.
 * A sliding window is the strictest reading of "N per minute": a client that keeps to it also keeps
 * to any fixed-window counter the real server may use.
 */
export interface SlidingWindowOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
}

export interface WindowDecision {
  allowed: boolean;
  /** Events still allowed in the current window after this decision. */
  remaining: number;
  /** When not allowed: how long until one slot frees up. */
  retryAfterMs: number;
}

export class SlidingWindow {
  readonly limit: number;
  readonly windowMs: number;
  readonly #now: () => number;
  readonly #hits = new Map<string, number[]>();
  #takes = 0;

  constructor({ limit, windowMs, now = Date.now }: SlidingWindowOptions) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.#now = now;
  }

  /**
   * Records one event for `key` if the window has room. `limit` lowers the ceiling for this one call
   * (a low-priority request may use only part of the window); the window itself stays shared.
   */
  take(key: string, limit = this.limit): WindowDecision {
    const now = this.#now();
    // Keys that never come back (one-off sessions, addresses) would stay forever: sweep them now and then.
    if (++this.#takes % 1_000 === 0) for (const stale of [...this.#hits.keys()]) this.#recent(stale, now);
    const hits = this.#recent(key, now);
    const ceiling = Math.min(limit, this.limit);
    if (hits.length >= ceiling) {
      // The slot that frees this caller is the one that brings the count back under its own ceiling.
      const freeing = hits[hits.length - ceiling] ?? hits[0] ?? now;
      return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, freeing + this.windowMs - now) };
    }
    hits.push(now);
    this.#hits.set(key, hits);
    return { allowed: true, remaining: ceiling - hits.length, retryAfterMs: 0 };
  }

  /** How many events `key` may still make right now. */
  remaining(key: string): number {
    return Math.max(0, this.limit - this.#recent(key, this.#now()).length);
  }

  /** How many keys are remembered (memory stays bounded by the keys active in the last window). */
  get trackedKeys(): number {
    return this.#hits.size;
  }

  clear(): void {
    this.#hits.clear();
  }

  #recent(key: string, now: number): number[] {
    const hits = this.#hits.get(key) ?? [];
    const cutoff = now - this.windowMs;
    let drop = 0;
    while (drop < hits.length && (hits[drop] ?? 0) <= cutoff) drop++;
    if (drop > 0) hits.splice(0, drop);
    if (hits.length === 0) this.#hits.delete(key);
    return hits;
  }
}
