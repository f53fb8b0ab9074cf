import type Keyv from 'keyv';
import type { Log } from '../log.ts';

interface Entry<T> {
  value: T;
  fetchedAt: number;
}

export interface StaleWhileRefreshOptions<T> {
  kv: Keyv;
  key: string;
  /** Fresh for this long; after that the copy is stale and refreshed in the background. */
  ttlMs: number;
  load: () => Promise<T>;
  log: Log;
  now?: () => number;
  /** After a failed refresh, wait this long before asking the API again (the stale copy is served meanwhile). */
  retryAfterMs?: number;
  /** How long the stored copy survives at all, as the last resort when the API is down. */
  keepMs?: number;
}

/**
 * A value cached in keyv with a TTL: fresh copies are served from memory, a stale copy is served at
 * once while one refresh runs in the background, concurrent misses share one request, and when the
 * API fails the stale copy keeps being served and the refresh is retried later.
 */
export function createStaleWhileRefresh<T>({ kv, key, ttlMs, load, log, now = Date.now, retryAfterMs = 30_000, keepMs = 7 * 86_400_000 }: StaleWhileRefreshOptions<T>) {
  let memory: Entry<T> | undefined;
  let inflight: Promise<Entry<T>> | undefined;
  let nextAttemptAt = 0;

  const refresh = (): Promise<Entry<T>> => {
    inflight ??= (async () => {
      try {
        const entry = { value: await load(), fetchedAt: now() };
        memory = entry;
        await kv.set(key, entry, keepMs);
        return entry;
      } catch (error) {
        nextAttemptAt = now() + retryAfterMs;
        throw error;
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  };

  return {
    async get(): Promise<T> {
      memory ??= (await kv.get<Entry<T>>(key)) ?? undefined;
      const cached = memory;
      if (!cached) return (await refresh()).value;
      const stale = now() - cached.fetchedAt >= ttlMs;
      if (stale && now() >= nextAttemptAt && !inflight) {
        refresh().catch((error: unknown) => log.warn({ err: error, key }, 'refresh failed; serving the stale copy'));
      }
      return cached.value;
    },
    /** When the value in hand was fetched (for the dashboard and tests). */
    fetchedAt: () => memory?.fetchedAt,
    /** Forget the in-memory copy (the stored copy stays). */
    dropMemory() {
      memory = undefined;
    },
  };
}
