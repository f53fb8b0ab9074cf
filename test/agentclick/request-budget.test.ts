import { randomBytes } from 'node:crypto';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentClickClient } from '../../src/agentclick/client.ts';
import { AgentClickError } from '../../src/agentclick/errors.ts';
import { type RequestBudget, createMemoryBudget } from '../../src/agentclick/request-budget.ts';
import { createRedisBudget } from '../../src/store/redis-budget.ts';
import type { RedisClient } from '../../src/store/redis-client.ts';
import { type RunningSandbox, manualClock, startSandbox } from '../helpers/sandbox-server.ts';

const KEY = `aa_${'ab'.repeat(24)}`;

/** A flood of background writes, then one write of each higher priority, all at the same instant. */
async function flood(budget: RequestBudget) {
  let background = 0;
  for (let i = 0; i < 100; i++) if ((await budget.take(KEY, 'write', 'background')).allowed) background++;
  const refused = await budget.take(KEY, 'write', 'background');
  const click = await budget.take(KEY, 'write', 'interactive');
  const conversion = await budget.take(KEY, 'write', 'critical');
  return { background, refused, click, conversion };
}

describe('the AgentClick write budget has priorities', () => {
  let redis: RedisClient | undefined;
  beforeAll(async () => {
    redis = createClient({ url: 'redis://127.0.0.1:6379' });
    await redis.connect();
  });
  afterAll(async () => {
    await redis?.quit();
  });

  it('in memory: background work stops at 22 of 30 writes a minute, so a click and a conversion go through at once', async () => {
    const clock = manualClock();
    const result = await flood(createMemoryBudget({ now: clock.now }));
    expect(result.background).toBe(22);
    expect(result.refused.allowed).toBe(false);
    expect(result.refused.retryAfterMs).toBeGreaterThan(0);
    expect(result.click.allowed).toBe(true);
    expect(result.conversion.allowed).toBe(true);
  });

  it('in memory: clicks leave the last two slots of a minute to conversions', async () => {
    const clock = manualClock();
    const budget = createMemoryBudget({ now: clock.now });
    let clicks = 0;
    for (let i = 0; i < 40; i++) if ((await budget.take(KEY, 'write', 'interactive')).allowed) clicks++;
    expect(clicks).toBe(28);
    expect((await budget.take(KEY, 'write', 'critical')).allowed).toBe(true);
    expect((await budget.take(KEY, 'write', 'critical')).allowed).toBe(true);
    expect((await budget.take(KEY, 'write', 'critical')).allowed).toBe(false);
    clock.advance(60_001);
    expect((await budget.take(KEY, 'write', 'background')).allowed).toBe(true);
  });

  it('across instances (Redis): the same ceilings hold for two budgets sharing one window', async () => {
    if (!redis) throw new Error('no redis');
    const clock = manualClock();
    const prefix = `test-budget-${randomBytes(6).toString('hex')}`;
    const one = createRedisBudget(redis, { prefix, now: clock.now });
    const two = createRedisBudget(redis, { prefix, now: clock.now });
    let background = 0;
    for (let i = 0; i < 30; i++) if ((await (i % 2 ? one : two).take(KEY, 'write', 'background')).allowed) background++;
    expect(background).toBe(22);
    expect((await one.take(KEY, 'write', 'interactive')).allowed).toBe(true);
    expect((await two.take(KEY, 'write', 'critical')).allowed).toBe(true);
    expect(await one.remaining(KEY, 'write')).toBe(6);
    for (const key of await redis.keys(`${prefix}:*`)) await redis.del(key);
  });
});

describe('through the client, on the sandbox', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('a flood of partnership applications does not delay a conversion, and the network never answers 429', async () => {
    const apiKey = await sandbox.agentclickKey('agent');
    const client = createAgentClickClient({ baseUrl: sandbox.url, apiKey });
    const autoApproved = sandbox.agentclick.catalog.programs.filter((program) => program.auto_approve);
    const first = await client.applyForPartnership(autoApproved[0]?.id ?? 0, { priority: 'background' });
    expect(first.status).toBe('approved');

    let refused = 0;
    for (const program of autoApproved.slice(1, 40)) {
      try {
        await client.applyForPartnership(program.id, { priority: 'background' });
      } catch (error) {
        if (!AgentClickError.isInstance(error) || error.code !== 'budget_exhausted') throw error;
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    // The client never waits for a slot: a conversion without one would fail with budget_exhausted.
    const conversion = await client.recordConversion({ tracking_code: first.tracking_code ?? '', order_id: 'flood-1', amount: 1000 });
    expect(conversion.status).toBe('recorded');
    expect(sandbox.agentclick.rateLimited).toBe(0);
  });
});
