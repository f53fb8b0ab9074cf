import type Keyv from 'keyv';
import { createLruMap } from './lru-map.ts';

/**
 * A cache of values that are the same for every instance (API answers): a bounded in-process copy with
 * the same TTL in front of the shared store, so a hit costs no store round trip or deserialisation.
 */
export function createApiAnswerCache({ kv, maxEntries = 2_000, now = Date.now }: { kv: Keyv; maxEntries?: number; now?: () => number }) {
  const memory = createLruMap<string, { value: unknown; expiresAt: number }>(maxEntries);
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const hot = memory.get(key);
      if (hot && hot.expiresAt > now()) return hot.value as T;
      if (hot) memory.delete(key);
      return (await kv.get<T>(key)) ?? undefined;
    },
    async set(key: string, value: unknown, ttlMs: number): Promise<void> {
      memory.set(key, { value, expiresAt: now() + ttlMs });
      await kv.set(key, value, ttlMs);
    },
  };
}

export type ApiAnswerCache = ReturnType<typeof createApiAnswerCache>;
