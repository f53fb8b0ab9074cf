import { pino } from 'pino';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLog } from '../../src/log.ts';
import { createStores } from '../../src/store/create-stores.ts';

const dir = mkdtempSync(join(tmpdir(), 'stores-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['sqlite', undefined],
  ['redis', 'redis://127.0.0.1:6379'],
])('keyv stores on %s', (kind, redisUrl) => {
  it('keeps namespaces apart, expires entries, and survives a reopen', async () => {
    const prefix = `test-${process.pid}-${Date.now()}`;
    const stores = createStores({ dataDir: dir, redisUrl, redisPrefix: prefix, log: silentLog() });
    expect(stores.kind).toBe(kind);
    await stores.sessions.set('a', { from: 'sessions' });
    await stores.links.set('a', { from: 'links' });
    await stores.catalog.set('short', 1, 50);
    expect(await stores.sessions.get('a')).toEqual({ from: 'sessions' });
    expect(await stores.links.get('a')).toEqual({ from: 'links' });
    // Expiry runs on the store's own clock (Redis's, for Redis): wait for it to happen, with a deadline.
    await expect.poll(() => stores.catalog.get('short'), { timeout: 5_000, interval: 20 }).toBeUndefined();
    await stores.close();

    const reopened = createStores({ dataDir: dir, redisUrl, redisPrefix: prefix, log: silentLog() });
    expect(await reopened.sessions.get('a')).toEqual({ from: 'sessions' });
    await reopened.sessions.delete('a');
    await reopened.links.delete('a');
    await reopened.close();
  });
});

describe('expired entries in SQLite', () => {
  it('are deleted from the file, not only hidden when read', async () => {
    const own = mkdtempSync(join(dir, 'purge-'));
    const stores = createStores({ dataDir: own, log: silentLog() });
    await stores.sessions.set('kept', { forever: true });
    await stores.sessions.set('kept-for-a-day', 1, 86_400_000);
    for (let i = 0; i < 5; i++) await stores.links.set(`gone-${i}`, { i }, 20);
    await stores.clicks.set('gone-too', 'x', 20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await stores.purgeExpired()).toBe(6);
    expect(await stores.purgeExpired()).toBe(0);
    expect(await stores.sessions.get('kept')).toEqual({ forever: true });
    expect(await stores.sessions.get('kept-for-a-day')).toBe(1);
    await stores.close();
    // Counted in the file itself: the expired rows are gone, the others are there.
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(join(own, 'bot.sqlite'));
    const count = (table: string) => Number((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);
    expect([count('kv_sessions'), count('kv_links'), count('kv_clicks')]).toEqual([2, 0, 0]);
    db.close();
  });
});

describe('store errors are surfaced', () => {
  it('a Redis that cannot be reached rejects the call and logs it, it does not return undefined', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
    const stores = createStores({ dataDir: dir, redisUrl: 'redis://127.0.0.1:1', log });
    await expect(stores.sessions.get('x')).rejects.toThrow();
    expect(lines.join('')).toContain('store error');
    await stores.close();
  });
});
