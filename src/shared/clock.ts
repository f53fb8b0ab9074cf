import { setTimeout as delay } from 'node:timers/promises';

/**
 * Time, as the code that depends on it sees it: injected so tests advance a fake clock instead of
 * sleeping through real deadlines and intervals.
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A signal that aborts after `ms` (a TimeoutError), as `AbortSignal.timeout` does. */
  timeout(ms: number): AbortSignal;
}

/** Node's own timers; an aborted sleep rejects with the signal's reason (as fetch does), so callers see why. */
export const systemClock: Clock = {
  now: () => Date.now(),
  async sleep(ms, signal) {
    try {
      await delay(Math.max(0, ms), undefined, { signal });
    } catch (error) {
      signal?.throwIfAborted();
      throw error;
    }
  },
  timeout: (ms) => AbortSignal.timeout(Math.max(0, ms)),
};

/**
 * Settles like `work`, unless `signal` aborts first: then rejects with its reason. For calls that take no
 * signal of their own (Node has no race of a promise against a signal). `work` keeps running either way.
 */
export function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** `work`, or a rejection with `timeoutError()` when it takes longer than `ms` (for calls that take no signal). */
export function within<T>(work: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  const late = AbortSignal.timeout(ms);
  return unlessAborted(work, late).catch((error: unknown) => {
    throw late.aborted && error === late.reason ? timeoutError() : error;
  });
}
