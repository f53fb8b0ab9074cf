import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresLedger } from '../../src/ledger/postgres/open-postgres-ledger.ts';
import { openSqliteLedger } from '../../src/ledger/sqlite/open-sqlite-ledger.ts';
import type { Ledger } from '../../src/ledger/types.ts';
import { silentLog } from '../../src/log.ts';
import { type TestDatabase, createTestDatabase } from '../helpers/postgres.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'outbox-cli-'));
const databases: TestDatabase[] = [];
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  for (const database of databases) await database.drop();
});

/** The CLI on either ledger: the same commands, the environment alone chooses. */
const engines: Array<[string, () => Promise<{ env: Record<string, string>; open: () => Promise<Ledger> }>]> = [
  ['SQLite (DATA_DIR)', async () => ({ env: { DATA_DIR: dataDir }, open: async () => openSqliteLedger(dataDir) })],
  [
    'PostgreSQL (DATABASE_URL)',
    async () => {
      const database = await createTestDatabase('cli');
      databases.push(database);
      return { env: { DATA_DIR: dataDir, DATABASE_URL: database.url }, open: () => openPostgresLedger(database.url, { log: silentLog() }) };
    },
  ],
];

describe.each(engines)('npm run outbox on %s', (_name, setUp) => {
  it('lists dead letters with their reasons, replays them, and makes waiting retries due', async () => {
    const { env, open } = await setUp();
    const run = async (...args: string[]) => (await promisify(execFile)(process.execPath, ['src/outbox-cli.ts', ...args], { env: { ...process.env, ...env }, encoding: 'utf8' })).stdout;
    const ledger = await open();
    const order = `CLI-${Math.random().toString(36).slice(2)}`;
    const { purchase } = await ledger.purchases.accept({ orderId: order, linkId: 'x'.repeat(22), clickId: undefined, programId: 42, partnershipId: 15, trackingCode: 'a'.repeat(32), sessionId: 's', channel: 'web', amountCents: 100, currency: 'JPY' });
    await ledger.purchases.dead(purchase.id, 'syndicate', 'forbidden (HTTP 403): token mismatch');
    await ledger.purchases.retryLater(purchase.id, 'agentclick', 'HTTP 503', Date.now() + 3_600_000);
    await ledger.close();

    const listed = await run('list');
    expect(listed).toContain('1 retrying');
    expect(listed).toContain('1 dead');
    expect(listed).toContain(order);
    expect(listed).toContain('token mismatch');
    expect(await run('retry')).toContain('1 waiting delivery(ies) due now');
    expect(await run('replay', String(purchase.id))).toContain('1 dead letter(s) queued again');
    expect(await run('list')).toContain('0 dead');

    const after = await open();
    expect((await after.purchases.nextDueAt()) ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(Date.now());
    await after.close();
  });
});
