import Keyv from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentClickClient } from '../../src/agentclick/client.ts';
import { openPostgresLedger } from '../../src/ledger/postgres/open-postgres-ledger.ts';
import type { Ledger } from '../../src/ledger/types.ts';
import { type ClickRecorder, createClickRecorder } from '../../src/links/click-recorder.ts';
import type { StoredLink } from '../../src/links/link-store.ts';
import { silentLog } from '../../src/log.ts';
import { type TestDatabase, createTestDatabase } from '../helpers/postgres.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandbox-server.ts';

/**
 * Clicks waiting to be recorded live in the shared ledger: one instance queues them while the network is
 * down and is gone; the others record each of them once, even when they flush at the same moment.
 */
let sandbox: RunningSandbox;
let database: TestDatabase;
const ledgers: Ledger[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  database = await createTestDatabase('clicks');
});
afterAll(async () => {
  for (const ledger of ledgers) await ledger.close().catch(() => undefined);
  await sandbox?.close();
  await database?.drop();
});

describe('queued clicks on a shared PostgreSQL ledger', () => {
  it('clicks queued by an instance that is gone are recorded by the others, each exactly once', async () => {
    const { api_key } = sandbox.agentclick.createAccount('agent');
    const account = sandbox.agentclick.accounts.get(api_key);
    if (!account) throw new Error('no sandbox account');
    const partnership = sandbox.agentclick.createPartnership(account, 42, true);
    const link: StoredLink = { id: 'A'.repeat(22), sessionId: 's', channel: 'web', programId: 42, partnershipId: partnership.id, trackingCode: partnership.trackingCode, title: 'FlyerKit', fallbackUrl: `${sandbox.url}/merchant/42`, createdAt: Date.now() };
    const instance = async (): Promise<ClickRecorder> => {
      const ledger = await openPostgresLedger(database.url, { log: silentLog(), poolSize: 3 });
      ledgers.push(ledger);
      return createClickRecorder({
        client: createAgentClickClient({ baseUrl: sandbox.url, apiKey: api_key, maxAttempts: 1 }),
        kv: new Keyv(),
        pending: ledger.pendingClicks,
        log: silentLog(),
        ipSalt: 'shared-pending-clicks-salt',
        publicBaseUrl: 'http://bot.test',
      });
    };
    const [first, second, third] = [await instance(), await instance(), await instance()];

    await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ network: 'agentclick', status: 503 }) });
    const visitors = Array.from({ length: 10 }, (_, i) => ({ link, ip: `10.1.0.${i + 1}`, userAgent: `Mozilla/5.0 (visitor ${i}) Chrome/130` }));
    const redirects = await Promise.all(visitors.map((visit) => first.record(visit)));
    expect(redirects.every((r) => !r.recorded && r.location.includes('/merchant/42'))).toBe(true);
    expect(await second.pendingCount()).toBe(10);
    // The first instance is gone (its connections closed, as when its process dies).
    await ledgers[0]?.close();
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });

    // Both survivors flush at the same moment: the leases split the queue between them.
    const [a, b] = await Promise.all([second.flushPending(), third.flushPending()]);
    expect(a + b).toBe(10);
    expect(await third.pendingCount()).toBe(0);
    const recorded = sandbox.events.list().filter((e) => e.network === 'agentclick' && e.type === 'click' && e.status === 200);
    expect(recorded).toHaveLength(10);
    expect(new Set(recorded.map((e) => String(e.data.user_agent))).size).toBe(10);
  });
});
