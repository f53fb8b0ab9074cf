import { describe, expect, it } from 'vitest';
import { createNetworkReadCache } from '../../src/cache/network-read-cache.ts';

describe('network read cache of the dashboard', () => {
  it('reuses an answer for the TTL, shares one request in flight, and asks again afterwards', async () => {
    let now = 0;
    let loads = 0;
    const cache = createNetworkReadCache({ ttlMs: 60_000, now: () => now });
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    expect(a).toMatchObject({ ok: true, value: 1 });
    expect(b).toMatchObject({ ok: true, value: 1 });
    now = 59_999;
    expect(await cache.get('k', load)).toMatchObject({ value: 1 });
    now = 60_000;
    expect(await cache.get('k', load)).toMatchObject({ value: 2 });
    expect(loads).toBe(2);
  });

  it('a failure becomes "unavailable" (redacted), then the last good answer is shown as stale', async () => {
    let now = 0;
    const cache = createNetworkReadCache({ ttlMs: 1_000, failureTtlMs: 500, now: () => now });
    const failing = async (): Promise<number> => {
      throw new Error('HTTP 503 with key aff_agent_secret123456');
    };
    const first = await cache.get('k', failing);
    expect(first).toEqual({ ok: false, error: 'HTTP 503 with key [redacted]' });
    now = 600;
    expect(await cache.get('k', async () => 7)).toMatchObject({ ok: true, value: 7 });
    now = 2_000;
    expect(await cache.get('k', failing)).toMatchObject({ ok: true, value: 7, stale: 'HTTP 503 with key [redacted]' });
  });

  it('a slow network does not hold the page: the answer arrives later and is used next time', async () => {
    const cache = createNetworkReadCache({ deadlineMs: 20 });
    let release: (value: number) => void = () => {};
    const slow = () => new Promise<number>((resolve) => (release = resolve));
    expect(await cache.get('k', slow)).toEqual({ ok: false, error: 'no answer within 0.02 s' });
    release(42);
    await expect.poll(() => cache.get('k', slow)).toMatchObject({ ok: true, value: 42 });
  });
});
