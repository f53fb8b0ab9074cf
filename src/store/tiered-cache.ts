import type Keyv from 'keyv';

/**
 * A cache of values that are the same for every instance (API answers): a bounded in-process copy with
 * the same TTL in front of the shared store, so a hit costs no store round trip or deserialisation.
 */
export function createTieredCache({ kv, maxEntries = 2_000, now = Date.now }: { kv: Keyv; maxEntries?: number; now?: () => number }) {
  const memory = new Map<string, { value: unknown; expiresAt: number }>();
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const hot = memory.get(key);
      if (hot && hot.expiresAt > now()) return hot.value as T;
      if (hot) memory.delete(key);
      return (await kv.get<T>(key)) ?? undefined;
    },
    async set(key: string, value: unknown, ttlMs: number): Promise<void> {
      memory.set(key, { value, expiresAt: now() + ttlMs });
      if (memory.size > maxEntries) memory.delete(memory.keys().next().value as string);
      await kv.set(key, value, ttlMs);
    },
  };
}

export type TieredCache = ReturnType<typeof createTieredCache>;
