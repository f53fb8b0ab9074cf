import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClaims } from '../../src/store/redis-delivery-claims.ts';
import type { RedisClient } from '../../src/store/redis-client.ts';

/** Several instances racing for the same purchases on one real redis-server. */
const prefix = `claims-${process.pid}-${Date.now()}`;
const connections: RedisClient[] = [];

async function connect(): Promise<RedisClient> {
  const client = createClient({ url: 'redis://127.0.0.1:6379' });
  await client.connect();
  connections.push(client);
  return client;
}

beforeAll(async () => {
  for (let i = 0; i < 4; i++) await connect();
});

afterAll(async () => {
  const [first] = connections;
  if (first) for await (const keys of first.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) if (keys.length > 0) await first.del(keys);
  for (const client of connections) await client.close();
});

describe('Redis delivery claims', () => {
  it('lets exactly one of several racing instances send each purchase', async () => {
    const instances = connections.map((redis, i) => createRedisClaims(redis, { prefix, owner: `instance-${i}` }));
    const orders = Array.from({ length: 200 }, (_, i) => `RACE-${i}`);
    const sends = new Map<string, number>();
    // Each instance works through every order the way the outbox does: claim, send, mark delivered;
    // a busy claim is tried again until the order is known to be delivered.
    await Promise.all(
      instances.map(async (claims) => {
        for (const orderId of orders) {
          for (;;) {
            const claim = await claims.claim(orderId, 'agentclick', 5_000);
            if (claim === 'delivered') break;
            if (claim === 'busy') continue;
            sends.set(orderId, (sends.get(orderId) ?? 0) + 1);
            await claims.delivered(orderId, 'agentclick');
            break;
          }
        }
      }),
    );
    expect(sends.size).toBe(orders.length);
    expect([...sends.values()].every((count) => count === 1)).toBe(true);
  });

  it('keeps a lock to its owner, and a released lock can be taken by another', async () => {
    const [a, b] = connections.map((redis, i) => createRedisClaims(redis, { prefix, owner: `owner-${i}` }));
    if (!a || !b) throw new Error('two connections expected');
    expect(await a.claim('LOCK-1', 'syndicate', 5_000)).toBe('mine');
    expect(await b.claim('LOCK-1', 'syndicate', 5_000)).toBe('busy');
    expect(await a.claim('LOCK-1', 'syndicate', 5_000)).toBe('mine');
    await b.release('LOCK-1', 'syndicate');
    expect(await b.claim('LOCK-1', 'syndicate', 5_000)).toBe('busy');
    await a.release('LOCK-1', 'syndicate');
    expect(await b.claim('LOCK-1', 'syndicate', 5_000)).toBe('mine');
    await b.delivered('LOCK-1', 'syndicate');
    expect(await a.claim('LOCK-1', 'syndicate', 5_000)).toBe('delivered');
    // The other network's delivery of the same order is separate.
    expect(await a.claim('LOCK-1', 'agentclick', 5_000)).toBe('mine');
  });

  it('lets another instance take over a lock whose lease ran out (a crash mid-send)', async () => {
    const [a, b] = connections.map((redis, i) => createRedisClaims(redis, { prefix, owner: `lease-${i}` }));
    if (!a || !b) throw new Error('two connections expected');
    expect(await a.claim('LEASE-1', 'agentclick', 50)).toBe('mine');
    // The lease runs out on Redis's clock: wait for that, with a deadline (a lease that never ends fails here).
    await expect.poll(() => b.claim('LEASE-1', 'agentclick', 5_000), { timeout: 5_000, interval: 20 }).toBe('mine');
    expect(await a.claim('LEASE-1', 'agentclick', 50)).toBe('busy');
  });
});
