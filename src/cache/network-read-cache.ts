import { unlessAborted } from '../shared/clock.ts';
import { redactSecrets } from '../shared/secrets.ts';

/** A value fetched from a network for the dashboard: the value (maybe an older copy) or why there is none. */
export type Fetched<T> =
  | { ok: true; value: T; fetchedAt: string; stale?: string }
  | { ok: false; error: string };

interface Entry {
  value?: { data: unknown; at: number };
  failure?: { error: string; at: number };
  inflight?: Promise<void>;
}

export interface NetworkReadCacheOptions {
  /** How long a good answer is reused (the dashboard reloads often; the networks count our requests). */
  ttlMs?: number;
  /** How long a failure is remembered before the network is asked again. */
  failureTtlMs?: number;
  /** How long a page waits for a network; the request goes on and fills the cache for the next view. */
  deadlineMs?: number;
  now?: () => number;
}

const MAX_KEYS = 64;

export const describeError = (error: unknown): string => redactSecrets(error instanceof Error ? error.message : String(error)).slice(0, 300);

/**
 * A small in-memory cache for the dashboard's network reads: one request in flight per key, a good
 * answer kept for `ttlMs`, the last good answer shown (marked stale) when a refresh fails or is slow,
 * and never an exception: a failure becomes `{ ok: false, error }`.
 */
export function createNetworkReadCache({ ttlMs = 60_000, failureTtlMs = 15_000, deadlineMs = 3_000, now = Date.now }: NetworkReadCacheOptions = {}) {
  const entries = new Map<string, Entry>();

  function outcome<T>(entry: Entry, problem: string | undefined): Fetched<T> {
    if (entry.value) {
      const fetched = { ok: true as const, value: entry.value.data as T, fetchedAt: new Date(entry.value.at).toISOString() };
      return problem === undefined ? fetched : { ...fetched, stale: problem };
    }
    return { ok: false, error: problem ?? 'not fetched yet' };
  }

  return {
    async get<T>(key: string, load: () => Promise<T>): Promise<Fetched<T>> {
      let entry = entries.get(key);
      if (!entry) {
        // Keys carry dates (the report's window), so old ones are let go instead of piling up.
        if (entries.size >= MAX_KEYS) entries.delete(entries.keys().next().value ?? '');
        entry = {};
        entries.set(key, entry);
      }
      const at = now();
      if (entry.value && at - entry.value.at < ttlMs) return outcome(entry, undefined);
      if (entry.failure && at - entry.failure.at < failureTtlMs) return outcome(entry, entry.failure.error);

      const current = entry;
      current.inflight ??= load().then(
        (data) => {
          current.value = { data, at: now() };
          current.failure = undefined;
        },
        (error: unknown) => {
          current.failure = { error: describeError(error), at: now() };
        },
      ).finally(() => {
        current.inflight = undefined;
      });

      // `inflight` never rejects (both outcomes are stored): a rejection here is the deadline.
      const inTime = await unlessAborted(current.inflight, AbortSignal.timeout(deadlineMs)).then(() => true, () => false);
      if (!inTime) return outcome(current, `no answer within ${deadlineMs / 1000} s`);
      return outcome(current, current.failure?.error);
    },

    clear(): void {
      entries.clear();
    },
  };
}

export type NetworkReadCache = ReturnType<typeof createNetworkReadCache>;
