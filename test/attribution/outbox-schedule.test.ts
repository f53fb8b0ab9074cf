import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentClickClient } from '../../src/agentclick/client.ts';
import { createOutboxWorker } from '../../src/attribution/outbox-worker.ts';
import { openSqliteLedger } from '../../src/ledger/sqlite/open-sqlite-ledger.ts';
import { silentLog } from '../../src/log.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandbox-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'outbox-schedule-'));
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the outbox worker on its own schedule', () => {
  it('retries a failed delivery when its time comes on the clock, not before', async () => {
    const time = createFakeClock(Date.now());
    const ledger = openSqliteLedger(dir, { now: time.clock.now });
    const { api_key } = sandbox.agentclick.createAccount('agent');
    const account = sandbox.agentclick.accounts.get(api_key);
    if (!account) throw new Error('no sandbox account');
    const { trackingCode } = sandbox.agentclick.createPartnership(account, 42, true);
    const worker = createOutboxWorker({
      ledger: ledger.purchases,
      agentclick: createAgentClickClient({ baseUrl: sandbox.url, apiKey: api_key, maxAttempts: 1 }),
      log: silentLog(),
      clock: time.clock,
      random: () => 0.5, // no jitter: the second attempt is due exactly 2 s after the first
    });
    const conversions = (status: number) => sandbox.events.list().filter((e) => e.type === 'conversion' && e.status === status).length;
    try {
      await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ network: 'agentclick', status: 503, times: 1 }) });
      await ledger.purchases.accept(
        { orderId: 'SCHEDULE-1', linkId: 'L'.repeat(22), clickId: undefined, programId: 42, partnershipId: 1, trackingCode, sessionId: 's', channel: 'web', amountCents: 980_000, currency: 'JPY' },
        ['agentclick'],
      );
      worker.start();
      await time.advance(0);
      // The first attempt meets the fault; the worker then waits for its next pass on the clock.
      await expect.poll(() => ledger.purchases.health()).toEqual({ pending: 0, retrying: 1, delivered: 0, dead: 0 });
      await expect.poll(() => time.pending()).toBe(1);
      expect(conversions(503)).toBe(1);

      await time.advance(1_999); // a pass at 1 s finds nothing due yet
      expect(conversions(200)).toBe(0);
      expect(await ledger.purchases.health()).toMatchObject({ retrying: 1, delivered: 0 });
      await time.advance(1);
      await expect.poll(() => ledger.purchases.health()).toEqual({ pending: 0, retrying: 0, delivered: 1, dead: 0 });
      expect(conversions(200)).toBe(1);
    } finally {
      await worker.stop();
      await ledger.close();
    }
  });
});
