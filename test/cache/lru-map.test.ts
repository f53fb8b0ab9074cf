import { describe, expect, it } from 'vitest';
import { createLruMap } from '../../src/cache/lru-map.ts';

describe('createLruMap', () => {
  it('holds at most maxEntries, dropping the least recently used', () => {
    const map = createLruMap<number, string>(2);
    map.set(1, 'a');
    map.set(2, 'b');
    expect(map.get(1)).toBe('a'); // 1 is now the most recent
    map.set(3, 'c');
    expect(map.size).toBe(2);
    expect(map.get(2)).toBeUndefined();
    expect(map.get(1)).toBe('a');
    expect(map.get(3)).toBe('c');
  });

  it('overwriting a key keeps one entry and makes it the most recent', () => {
    const map = createLruMap<string, number>(2);
    map.set('x', 1);
    map.set('y', 2);
    map.set('x', 3);
    map.set('z', 4);
    expect(map.size).toBe(2);
    expect(map.get('x')).toBe(3);
    expect(map.get('y')).toBeUndefined();
    expect(map.delete('z')).toBe(true);
    expect(map.size).toBe(1);
  });

  it('keeps undefined values distinct from missing keys for recency', () => {
    const map = createLruMap<string, undefined>(1);
    map.set('a', undefined);
    map.set('b', undefined);
    expect(map.size).toBe(1);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => createLruMap(0)).toThrow(RangeError);
    expect(() => createLruMap(1.5)).toThrow(RangeError);
  });
});
