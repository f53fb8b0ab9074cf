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
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await stores.catalog.get('short')).toBeUndefined();
    await stores.close();

    const reopened = createStores({ dataDir: dir, redisUrl, redisPrefix: prefix, log: silentLog() });
    expect(await reopened.sessions.get('a')).toEqual({ from: 'sessions' });
    await reopened.sessions.delete('a');
    await reopened.links.delete('a');
    await reopened.close();
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
