import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStaleWhileRefresh } from '../../src/cache/stale-while-refresh.ts';
import { silentLog } from '../../src/log.ts';
import { createStores } from '../../src/store/create-stores.ts';
import { manualClock } from '../helpers/sandbox-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'loader-'));
const stores = createStores({ dataDir: dir, log: silentLog() });
afterAll(async () => {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('stale-while-refresh cache', () => {
  it('concurrent misses share one request; fresh copies cost nothing', async () => {
    let calls = 0;
    const loader = createStaleWhileRefresh({ kv: stores.catalog, key: 'shared', ttlMs: 60_000, log: silentLog(), load: async () => ++calls });
    expect(await Promise.all([loader.get(), loader.get(), loader.get()])).toEqual([1, 1, 1]);
    expect(await loader.get()).toBe(1);
    expect(calls).toBe(1);
  });

  it('serves the stale copy while one refresh runs, and keeps serving it when the API fails, retrying later', async () => {
    const clock = manualClock();
    let fail = false;
    let calls = 0;
    const loader = createStaleWhileRefresh({
      kv: stores.catalog,
      key: 'stale',
      ttlMs: 1_000,
      retryAfterMs: 10_000,
      log: silentLog(),
      now: clock.now,
      load: async () => {
        calls++;
        if (fail) throw new Error('429 from the API');
        return `v${calls}`;
      },
    });
    expect(await loader.get()).toBe('v1');
    clock.advance(2_000);
    fail = true;
    expect(await loader.get()).toBe('v1');
    await expect.poll(() => calls).toBe(2); // the refresh runs in the background
    expect(await loader.get()).toBe('v1');
    expect(calls).toBe(2); // no new attempt before retryAfterMs
    clock.advance(10_001);
    fail = false;
    await loader.get();
    await expect.poll(() => loader.get()).toBe('v3');
    expect(calls).toBe(3);
  });

  it('a restarted process finds the stored copy without asking the API', async () => {
    let calls = 0;
    const first = createStaleWhileRefresh({ kv: stores.catalog, key: 'persisted', ttlMs: 60_000, log: silentLog(), load: async () => ++calls });
    await first.get();
    const second = createStaleWhileRefresh({ kv: stores.catalog, key: 'persisted', ttlMs: 60_000, log: silentLog(), load: async () => ++calls });
    expect(await second.get()).toBe(1);
    expect(calls).toBe(1);
  });

  it('with no copy at all, the failure reaches the caller', async () => {
    const loader = createStaleWhileRefresh({ kv: stores.catalog, key: 'never', ttlMs: 1, log: silentLog(), load: async () => Promise.reject(new Error('down')) });
    await expect(loader.get()).rejects.toThrow('down');
  });
});
