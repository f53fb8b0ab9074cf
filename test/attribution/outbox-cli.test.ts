import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPurchaseLedger } from '../../src/attribution/purchase-ledger.ts';
import { openDatabase } from '../../src/db/open-database.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'outbox-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const run = (...args: string[]) => execFileSync(process.execPath, ['src/outbox-cli.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });

describe('npm run outbox', () => {
  it('lists dead letters with their reasons and replays them', () => {
    const db = openDatabase(dataDir);
    const ledger = createPurchaseLedger(db);
    const { purchase } = ledger.accept({ orderId: 'CLI-1', linkId: 'x'.repeat(22), clickId: undefined, programId: 42, partnershipId: 15, trackingCode: 'a'.repeat(32), sessionId: 's', channel: 'web', amountCents: 100, currency: 'JPY' });
    ledger.dead(purchase.id, 'syndicate', 'forbidden (HTTP 403): token mismatch');
    db.close();
    const listed = run('list');
    expect(listed).toContain('1 dead');
    expect(listed).toContain('CLI-1');
    expect(listed).toContain('token mismatch');
    expect(run('replay', String(purchase.id))).toContain('1 dead letter(s) queued again');
    expect(run('list')).toContain('0 dead');
  });
});
