/**
 * A Map that holds at most `maxEntries`: reading or writing a key makes it the most recent, and a write
 * beyond the bound drops the least recently used. For per-key state that would otherwise grow with every
 * id an attacker or a large catalog can name. (Insertion order of a Map is the recency order here.)
 */
export function createLruMap<K, V>(maxEntries: number) {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  const entries = new Map<K, V>();
  return {
    get(key: K): V | undefined {
      if (!entries.has(key)) return undefined;
      const value = entries.get(key) as V;
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key: K, value: V): void {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as K);
    },
    delete: (key: K): boolean => entries.delete(key),
    get size(): number {
      return entries.size;
    },
  };
}

export type LruMap<K, V> = ReturnType<typeof createLruMap<K, V>>;
