import type Keyv from 'keyv';
import type { Log } from '../log.ts';

export interface WriteBehindCacheOptions {
  kv: Keyv;
  ttlMs: number;
  log: Log;
  /** Entries kept in memory, least recently used dropped first. */
  maxEntries?: number;
  /**
   * Only when this process is the store's one writer (the SQLite file, not Redis): reads are served from
   * memory and writes are batched to the store this often, so a turn never waits for a disk sync.
   * Without it every read and write goes to the store (several instances share it).
   */
  writeBehindMs?: number;
}

/**
 * A hot in-process copy in front of a keyv namespace. With write-behind, a crash loses at most the last
 * `writeBehindMs` of writes, which suits conversation history (money never goes through here).
 */
export function createWriteBehindCache<T>({ kv, ttlMs, log, maxEntries = 5_000, writeBehindMs }: WriteBehindCacheOptions) {
  const memory = new Map<string, T>();
  const dirty = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  const remember = (key: string, value: T) => {
    memory.delete(key);
    memory.set(key, value);
    while (memory.size > maxEntries) {
      const oldest = memory.keys().next().value as string;
      if (dirty.has(oldest)) break; // never drop what has not been written yet
      memory.delete(oldest);
    }
  };

  async function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    const keys = [...dirty];
    dirty.clear();
    flushing = flushing.then(async () => {
      await Promise.all(
        keys.map(async (key) => {
          const value = memory.get(key);
          if (value === undefined) return;
          await kv.set(key, value, ttlMs).catch((error: unknown) => {
            dirty.add(key);
            log.error({ err: error }, 'write-behind store write failed; will retry');
          });
        }),
      );
    });
    await flushing;
  }

  return {
    async get(key: string): Promise<T | undefined> {
      if (writeBehindMs !== undefined) {
        const hot = memory.get(key);
        if (hot !== undefined) return hot;
      }
      const stored = (await kv.get<T>(key)) ?? undefined;
      if (stored !== undefined && writeBehindMs !== undefined) remember(key, stored);
      return stored;
    },
    async set(key: string, value: T): Promise<void> {
      if (writeBehindMs === undefined) {
        await kv.set(key, value, ttlMs);
        return;
      }
      remember(key, value);
      dirty.add(key);
      timer ??= setTimeout(() => void flush(), writeBehindMs);
      timer.unref?.();
    },
    async delete(key: string): Promise<void> {
      memory.delete(key);
      dirty.delete(key);
      await kv.delete(key);
    },
    flush,
    size: () => memory.size,
  };
}
