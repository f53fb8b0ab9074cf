import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresLedger } from '../../src/ledger/postgres/open-postgres-ledger.ts';
import { openSqliteLedger } from '../../src/ledger/sqlite/open-sqlite-ledger.ts';
import type { Ledger, NewPurchase } from '../../src/ledger/types.ts';
import { silentLog } from '../../src/log.ts';
import { type TestDatabase, createTestDatabase } from '../helpers/postgres.ts';
import { manualClock } from '../helpers/sandbox-server.ts';

/**
 * The ledger's contract, one suite run against both engines. "Two instances" here are two ledgers
 * opened on the same store (two SQLite connections on one file, two PostgreSQL pools on one database),
 * sharing one manual clock so leases run out when the test says, not when time passes.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

type Engine = (now: () => number) => Promise<{ open: () => Promise<Ledger> }>;
const engines: Array<[string, Engine]> = [
  [
    'SQLite',
    async (now) => {
      const dir = mkdtempSync(join(tmpdir(), 'ledger-contract-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      return { open: async () => openSqliteLedger(dir, { now }) };
    },
  ],
  [
    'PostgreSQL',
    async (now) => {
      const database: TestDatabase = await createTestDatabase('contract');
      cleanups.push(() => database.drop());
      return { open: () => openPostgresLedger(database.url, { log: silentLog(), now, poolSize: 4 }) };
    },
  ],
];

const purchase = (orderId: string, overrides: Partial<NewPurchase> = {}): NewPurchase => ({
  orderId,
  linkId: 'L'.repeat(22),
  clickId: undefined,
  programId: 42,
  partnershipId: 15,
  trackingCode: 't'.repeat(32),
  sessionId: 'session-1',
  channel: 'web',
  amountCents: 980_000,
  currency: 'JPY',
  ...overrides,
});

describe.each(engines)('the ledger on %s', (_name, engine) => {
  let clock: ReturnType<typeof manualClock>;
  let a: Ledger;
  let b: Ledger;
  let store: { open: () => Promise<Ledger> };
  beforeEach(async () => {
    clock = manualClock();
    store = await engine(clock.now);
    a = await store.open();
    b = await store.open();
    return async () => {
      await a.close();
      await b.close();
    };
  });

  it('stores a purchase once per order id, with a pending delivery per network', async () => {
    const first = await a.purchases.accept(purchase('ORDER-1', { clickId: 'c-1' }));
    expect(first.created).toBe(true);
    expect(first.purchase).toMatchObject({ orderId: 'ORDER-1', clickId: 'c-1', programId: 42, amountCents: 980_000, currency: 'JPY', channel: 'web', receivedAt: clock.now() });
    const again = await b.purchases.accept(purchase('ORDER-1', { amountCents: 1 }));
    expect(again).toEqual({ created: false, purchase: first.purchase });
    const onlyOne = await a.purchases.accept(purchase('ORDER-2'), ['agentclick']);
    expect(onlyOne.purchase.id).not.toBe(first.purchase.id);
    expect(await b.purchases.health()).toEqual({ pending: 3, retrying: 0, delivered: 0, dead: 0 });
  });

  it('the same order posted to two instances at the same moment is stored once', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).purchases.accept(purchase('RACE-1'))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.purchase.id)).size).toBe(1);
    expect((await a.purchases.health()).pending).toBe(2);
  });

  it('a leased delivery is nobody else\'s until the lease runs out; then another instance takes it', async () => {
    await a.purchases.accept(purchase('LEASE-1'));
    const taken = await a.purchases.claimDue(10, 30_000);
    expect(taken.map((job) => job.network).sort()).toEqual(['agentclick', 'syndicate']);
    expect(taken[0]).toMatchObject({ attempts: 0, token: undefined, purchase: { orderId: 'LEASE-1' } });
    expect(await b.purchases.claimDue(10, 30_000)).toEqual([]);
    expect(await a.purchases.claimDue(10, 30_000)).toEqual([]);
    // Leased rows are not "due" for the worker's timer either: it sleeps until the lease ends.
    expect(await b.purchases.nextDueAt()).toBe(clock.now() + 30_000);

    clock.advance(29_999);
    expect(await b.purchases.claimDue(10, 30_000)).toEqual([]);
    clock.advance(1);
    // The first holder died: the second instance takes both deliveries over.
    expect((await b.purchases.claimDue(10, 30_000)).map((job) => job.purchase.orderId)).toEqual(['LEASE-1', 'LEASE-1']);
  });

  it('instances claiming at once take disjoint deliveries', async () => {
    for (let i = 0; i < 30; i++) await a.purchases.accept(purchase(`SPLIT-${i}`));
    const batches = await Promise.all([a, b, a, b].map((ledger) => ledger.purchases.claimDue(8, 30_000)));
    const keys = batches.flat().map((job) => `${job.purchase.orderId}/${job.network}`);
    expect(keys).toHaveLength(32);
    expect(new Set(keys).size).toBe(32);
    const rest = [...(await a.purchases.claimDue(100, 30_000)), ...(await b.purchases.claimDue(100, 30_000))];
    expect(rest).toHaveLength(28);
  });

  it('a stored Syndicate token comes back with the delivery on any instance', async () => {
    const { purchase: p } = await a.purchases.accept(purchase('TOKEN-1'));
    await a.purchases.claimDue(10, 1_000);
    await a.purchases.saveToken(p.id, 'slat_v1.stored-token');
    clock.advance(1_000);
    const jobs = await b.purchases.claimDue(10, 1_000);
    expect(jobs.find((job) => job.network === 'syndicate')?.token).toBe('slat_v1.stored-token');
    expect(jobs.find((job) => job.network === 'agentclick')?.token).toBeUndefined();
  });

  it('retries wait for their time, count attempts, and "retry now" makes them due without breaking leases', async () => {
    const { purchase: p } = await a.purchases.accept(purchase('RETRY-1'));
    await a.purchases.claimDue(10, 30_000);
    await a.purchases.retryLater(p.id, 'agentclick', 'network_error (HTTP 503): down', clock.now() + 10_000);
    expect(await a.purchases.health()).toEqual({ pending: 1, retrying: 1, delivered: 0, dead: 0 });
    // The syndicate delivery is still leased; the agentclick one waits ten seconds.
    expect(await b.purchases.nextDueAt()).toBe(clock.now() + 10_000);
    expect(await b.purchases.claimDue(10, 30_000)).toEqual([]);
    expect(await b.purchases.retryWaitingNow()).toBe(1);
    const jobs = await b.purchases.claimDue(10, 30_000);
    expect(jobs.map((job) => [job.network, job.attempts])).toEqual([['agentclick', 1]]);
  });

  it('delivered and dead are final: a late report from a holder whose lease ran out changes nothing', async () => {
    const { purchase: p } = await a.purchases.accept(purchase('FINAL-1'));
    await a.purchases.claimDue(10, 1_000);
    clock.advance(1_000);
    await b.purchases.claimDue(10, 1_000);
    await b.purchases.delivered(p.id, 'agentclick', { cents: 150_000, currency: 'JPY' });
    await b.purchases.dead(p.id, 'syndicate', 'forbidden (HTTP 403): token mismatch');
    // The first holder comes back late with its own outcomes.
    await a.purchases.retryLater(p.id, 'agentclick', 'timeout', clock.now() + 5_000);
    await a.purchases.delivered(p.id, 'syndicate');
    expect(await a.purchases.health()).toEqual({ pending: 0, retrying: 0, delivered: 1, dead: 1 });
    expect(await a.purchases.nextDueAt()).toBeUndefined();
  });

  it('dead letters keep their reason, and a replay (one or all) queues them again', async () => {
    const one = (await a.purchases.accept(purchase('DEAD-1'))).purchase;
    const two = (await a.purchases.accept(purchase('DEAD-2'))).purchase;
    await a.purchases.claimDue(10, 30_000);
    await a.purchases.dead(one.id, 'syndicate', 'forbidden (HTTP 403): token mismatch');
    await a.purchases.dead(two.id, 'agentclick', 'not_found (HTTP 404): no such tracking code');
    const letters = await b.purchases.deadLetters();
    expect(letters).toEqual([
      { purchaseId: one.id, orderId: 'DEAD-1', network: 'syndicate', attempts: 1, reason: 'forbidden (HTTP 403): token mismatch', receivedAt: clock.now() },
      { purchaseId: two.id, orderId: 'DEAD-2', network: 'agentclick', attempts: 1, reason: 'not_found (HTTP 404): no such tracking code', receivedAt: clock.now() },
    ]);
    expect(await b.purchases.replay(two.id)).toBe(1);
    expect((await a.purchases.deadLetters()).map((d) => d.orderId)).toEqual(['DEAD-1']);
    expect(await b.purchases.replay()).toBe(1);
    expect(await a.purchases.deadLetters()).toEqual([]);
    expect(await a.purchases.replay()).toBe(0);
  });

  it('queued clicks: leased to one flush at a time, retried later, released, removed', async () => {
    for (let i = 0; i < 3; i++) await a.pendingClicks.add({ linkId: `link-${i}`, partnershipId: 15, context: 'chatbot', userAgent: i === 0 ? 'Mozilla/5.0' : undefined, clickedAt: clock.now() - i });
    expect(await b.pendingClicks.count()).toBe(3);
    const taken = await a.pendingClicks.take(2, 60_000);
    expect(taken.map((c) => c.linkId)).toEqual(['link-0', 'link-1']);
    expect(taken[0]).toMatchObject({ partnershipId: 15, context: 'chatbot', userAgent: 'Mozilla/5.0', attempts: 0 });
    expect((await b.pendingClicks.take(10, 60_000)).map((c) => c.linkId)).toEqual(['link-2']);
    const [first, second] = taken;
    if (!first || !second) throw new Error('two clicks expected');
    await a.pendingClicks.retryLater(first.id, clock.now() + 5_000, 'HTTP 503');
    await a.pendingClicks.release([second.id]);
    expect((await b.pendingClicks.take(10, 60_000)).map((c) => c.linkId)).toEqual(['link-1']);
    await b.pendingClicks.remove(second.id);
    clock.advance(5_000);
    const again = await b.pendingClicks.take(10, 60_000);
    expect(again.map((c) => [c.linkId, c.attempts])).toEqual([['link-0', 1]]);
    await a.pendingClicks.release([]);
    expect(await a.pendingClicks.count()).toBe(2);
  });

  it('figures: counters added in batches from any instance, purchases once, commission as reported', async () => {
    const day = new Date(clock.now()).toISOString().slice(0, 10);
    await a.figures.add([{ day, channel: 'web', metric: 'turns', programId: 0, value: 3 }]);
    await b.figures.add([
      { day, channel: 'web', metric: 'turns', programId: 0, value: 2 },
      { day, channel: 'telegram', metric: 'clicks', programId: 42, value: 1 },
    ]);
    await b.figures.add([]);
    const { purchase: p } = await a.purchases.accept(purchase('FIG-1'));
    await b.purchases.accept(purchase('FIG-1'));
    await a.purchases.accept(purchase('FIG-2', { channel: 'voice', currency: 'USD', programId: 7 }));
    await a.purchases.claimDue(10, 30_000);
    await a.purchases.delivered(p.id, 'agentclick', { cents: 150_000, currency: 'JPY' });
    await a.purchases.delivered(p.id, 'syndicate', { cents: 98_000, currency: 'JPY' });
    const rows = await b.figures.rows(day);
    const sorted = [...rows].sort((x, y) => `${x.channel}${x.metric}`.localeCompare(`${y.channel}${y.metric}`));
    expect(sorted).toEqual([
      { day, channel: 'telegram', metric: 'clicks', programId: 42, value: 1 },
      { day, channel: 'voice', metric: 'purchases', programId: 7, value: 1 },
      { day, channel: 'web', metric: 'commission_jpy', programId: 42, value: 248_000 },
      { day, channel: 'web', metric: 'purchases', programId: 42, value: 1 },
      { day, channel: 'web', metric: 'turns', programId: 0, value: 5 },
    ]);
    // Rows before `since` stay out.
    const tomorrow = new Date(clock.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await a.figures.rows(tomorrow)).toEqual([]);
  });

  it('partnership applications: one row per program, updated in place, seen by every instance and after a restart', async () => {
    expect(await a.partnerships.get(42)).toBeUndefined();
    const pending = { programId: 42, partnershipId: 15, status: 'pending' as const, trackingCode: undefined, fallbackUrl: undefined, appliedAt: clock.now(), checkedAt: clock.now() };
    await a.partnerships.put(pending);
    await a.partnerships.put({ programId: 7, partnershipId: 3, status: 'rejected', trackingCode: undefined, fallbackUrl: undefined, appliedAt: 1, checkedAt: 2 });
    expect(await b.partnerships.get(42)).toEqual(pending);
    clock.advance(120_000);
    const approved = { ...pending, status: 'approved' as const, trackingCode: 't'.repeat(32), fallbackUrl: 'https://track.example/c/abc', checkedAt: clock.now() };
    await b.partnerships.put(approved);
    await a.close();
    a = await store.open();
    expect(await a.partnerships.get(42)).toEqual(approved);
    expect((await a.partnerships.all()).map((record) => [record.programId, record.status])).toEqual([
      [7, 'rejected'],
      [42, 'approved'],
    ]);
  });

  it('opening again (a restart, or a second instance) keeps everything and migrates nothing twice', async () => {
    const { purchase: kept } = await a.purchases.accept(purchase('KEEP-1'));
    await a.close();
    a = await store.open();
    expect(await a.purchases.accept(purchase('KEEP-1'))).toEqual({ created: false, purchase: kept });
    expect((await a.purchases.health()).pending).toBe(2);
  });
});
