import type { Clock } from '../../src/shared/clock.ts';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

/** Lets every promise callback queued so far run (in-memory keyv and the like settle within it). */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A clock that only moves when the test says so. Timers fire in due order during `advance`, with promise
 * callbacks flushed after each, so code awaiting one timer can schedule the next within the same advance.
 */
export function createFakeClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  let seq = 0;
  const timers = new Set<Timer>();
  const schedule = (ms: number, fire: () => void): Timer => {
    const timer = { at: now + Math.max(0, ms), seq: seq++, fire };
    timers.add(timer);
    return timer;
  };

  const clock: Clock = {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          timers.delete(timer);
          reject(signal?.reason);
        };
        const timer = schedule(ms, () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    timeout(ms) {
      const controller = new AbortController();
      schedule(ms, () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')));
      return controller.signal;
    },
  };

  return {
    clock,
    /** How many sleeps and timeouts are waiting: lets a test wait until code has scheduled its next step. */
    pending: () => timers.size,
    /** Moves time forward by `ms`, firing every timer that falls due on the way. */
    async advance(ms: number): Promise<void> {
      const target = now + ms;
      await settle();
      for (;;) {
        const due = [...timers].filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
        if (!due) break;
        timers.delete(due);
        now = Math.max(now, due.at);
        due.fire();
        await settle();
      }
      now = target;
      await settle();
    },
  };
}

/** Watches a promise so a test can ask whether it has settled yet, without awaiting it. */
export function track<T>(promise: Promise<T>) {
  const state: { done: boolean; value?: T; error?: unknown } = { done: false };
  promise.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  return state;
}
