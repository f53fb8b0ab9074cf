import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentClickClient } from '../../src/agentclick/client.ts';
import { createMemoryBudget } from '../../src/agentclick/request-budget.ts';
import { createOutboxWorker } from '../../src/attribution/outbox-worker.ts';
import { openPostgresLedger } from '../../src/ledger/postgres/open-postgres-ledger.ts';
import type { Ledger } from '../../src/ledger/types.ts';
import { silentLog } from '../../src/log.ts';
import { createSyndicateClient } from '../../src/syndicate/client.ts';
import { type TestDatabase, createTestDatabase } from '../helpers/postgres.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandbox-server.ts';

/**
 * Four instances' delivery side (each its own PostgreSQL pool, clients and outbox worker) racing over
 * 200 purchases on one ledger. AgentClick takes 30 writes a minute, so the test moves one clock shared
 * by the sandbox, the clients and the workers an hour per round instead of waiting: every refused
 * delivery is due again, and nothing depends on how fast this machine is.
 */
const ORDERS = 200;
let offset = 0;
const now = () => Date.now() + offset;
let sandbox: RunningSandbox;
let database: TestDatabase;
const ledgers: Ledger[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ now });
  database = await createTestDatabase('race');
}, 30_000);

afterAll(async () => {
  for (const ledger of ledgers) await ledger.close();
  await sandbox?.close();
  await database?.drop();
});

describe('four instances on one PostgreSQL ledger', () => {
  it('race over 200 purchases: each is delivered exactly once at each network, with no repeat sent at all', async () => {
    const { api_key } = sandbox.agentclick.createAccount('agent');
    const account = sandbox.agentclick.accounts.get(api_key);
    if (!account) throw new Error('no sandbox account');
    const { trackingCode } = sandbox.agentclick.createPartnership(account, 42, true);
    const { account_key } = sandbox.syndicate.createAccount();
    const { key: agentKey } = await createSyndicateClient({ baseUrl: sandbox.url, accountKey: account_key, now }).issueAgentKey();

    for (let i = 0; i < 4; i++) ledgers.push(await openPostgresLedger(database.url, { log: silentLog(), now, poolSize: 3 }));
    const workers = ledgers.map((ledger) =>
      createOutboxWorker({
        ledger: ledger.purchases,
        // One attempt per delivery: a refusal goes back to the ledger's schedule, which this test drives.
        agentclick: createAgentClickClient({ baseUrl: sandbox.url, apiKey: api_key, maxAttempts: 1, budget: createMemoryBudget({ now }) }),
        syndicate: createSyndicateClient({ baseUrl: sandbox.url, agentKey, maxAttempts: 1, now }),
        log: silentLog(),
        now,
      }),
    );

    // Each purchase reaches one instance, some reach two (a merchant retrying against the load balancer).
    const orders = Array.from({ length: ORDERS }, (_, i) => `RACE-${String(i).padStart(3, '0')}`);
    const accepted = await Promise.all(
      orders.flatMap((orderId, i) => {
        const input = { orderId, linkId: 'L'.repeat(22), clickId: undefined, programId: 42, partnershipId: 1, trackingCode, sessionId: `s-${i}`, channel: 'web' as const, amountCents: 980_000, currency: 'JPY' };
        const first = ledgers[i % 4]?.purchases.accept(input);
        return i % 5 === 0 ? [first, ledgers[(i + 1) % 4]?.purchases.accept(input)] : [first];
      }),
    );
    expect(accepted.filter((result) => result?.created)).toHaveLength(ORDERS);

    for (let round = 0; round < 20; round++) {
      await Promise.all(workers.map((worker) => worker.runOnce()));
      const health = await ledgers[0]?.purchases.health();
      if (health && health.pending === 0 && health.retrying === 0) break;
      offset += 3_600_000 + 60_000;
    }

    expect(await ledgers[3]?.purchases.health()).toEqual({ pending: 0, retrying: 0, delivered: ORDERS * 2, dead: 0 });
    const sent = new Map<string, number>();
    for (const event of sandbox.events.list()) {
      if (event.type !== 'conversion' && event.type !== 'attribution') continue;
      // 429: AgentClick's write limit for the minute, never counted; anything else is a real send.
      if (event.status === 429) continue;
      const key = `${event.network}:${String(event.data.order_id ?? event.data.orderId)}:${event.status}`;
      sent.set(key, (sent.get(key) ?? 0) + 1);
    }
    const expected = new Map(orders.flatMap((o) => [[`agentclick:${o}:200`, 1], [`syndicate:${o}:201`, 1]] as const));
    expect(Object.fromEntries(sent)).toEqual(Object.fromEntries(expected));
  }, 120_000);
});
