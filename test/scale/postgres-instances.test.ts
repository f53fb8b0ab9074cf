import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@redis/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPostback } from '../../src/attribution/postback-signature.ts';
import { POSTGRES_MIGRATIONS } from '../../src/ledger/postgres/migrations.ts';
import { createSyndicateClient } from '../../src/syndicate/client.ts';
import { freePort, startBotProcess } from '../helpers/bot-process.ts';
import { type TestDatabase, createTestDatabase } from '../helpers/postgres.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandbox-server.ts';

/**
 * Two bot processes on one PostgreSQL ledger and one Redis. They start at the same moment on an empty
 * database; then the first takes purchases while both networks are down and is killed with SIGKILL, its
 * DATA_DIR deleted: the second delivers everything once the networks recover.
 */
const SECRET = 'pg-instances-postback-secret-0123';
const ADMIN_TOKEN = 'pg-instances-admin-token-0123456789';
const prefix = `pg-scale-${process.pid}-${Date.now()}`;
const dirs = [mkdtempSync(join(tmpdir(), 'bot-pg-a-')), mkdtempSync(join(tmpdir(), 'bot-pg-b-'))];
const children: ChildProcess[] = [];
let sandbox: RunningSandbox;
let database: TestDatabase;
let urls: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  database = await createTestDatabase('instances');
  const { api_key } = sandbox.agentclick.createAccount('agent');
  const { account_key } = sandbox.syndicate.createAccount();
  const { key } = await createSyndicateClient({ baseUrl: sandbox.url, accountKey: account_key }).issueAgentKey();
  const ports = [await freePort(), await freePort()];
  urls = ports.map((port) => `http://127.0.0.1:${port}`);
  const env = (i: number) => ({
    PORT: String(ports[i]),
    PUBLIC_BASE_URL: urls[i] ?? '',
    DATA_DIR: dirs[i] ?? '',
    DATABASE_URL: database.url,
    // Short enough that a delivery the killed instance held is free again within the test.
    DELIVERY_LEASE_MS: '5000',
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: prefix,
    AGENTCLICK_API_URL: sandbox.url,
    AGENTCLICK_API_KEY: api_key,
    SYNDICATE_API_URL: sandbox.url,
    SYNDICATE_AGENT_KEY: key,
    POSTBACK_SECRET: SECRET,
    ADMIN_TOKEN,
    IP_HASH_SALT: 'shared-ip-hash-salt-0123456789',
  });
  // Both at once, on a database with no schema yet.
  children.push(...(await Promise.all([startBotProcess(env(0)), startBotProcess(env(1))])));
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await sandbox?.close();
  await database?.drop();
  const redis = createClient({ url: 'redis://127.0.0.1:6379' });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) if (keys.length > 0) await redis.del(keys);
  await redis.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function chat(url: string, message: string) {
  const response = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
  expect(response.status).toBe(200);
  return (await response.json()) as { sessionId: string; links: Array<{ id: string }> };
}

/** Successful and repeated writes per order at each network, read from the sandbox's own event log. */
async function writes(orders: readonly string[]) {
  const { events } = (await (await fetch(`${sandbox.url}/_sandbox/events`)).json()) as { events: Array<{ network: string; type: string; status: number; data: Record<string, unknown> }> };
  const counts: Record<string, number> = {};
  for (const event of events) {
    if (event.type !== 'conversion' && event.type !== 'attribution') continue;
    const order = String(event.data.order_id ?? event.data.orderId);
    if (!orders.includes(order) || event.status === 503) continue;
    const label = `${event.network}:${order}:${event.status}`;
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}

describe('instances sharing one PostgreSQL ledger', () => {
  it('two instances starting at once on an empty database: the schema is migrated once and both serve', async () => {
    const applied = await query<{ version: number }>('SELECT version FROM ledger_migrations ORDER BY version');
    expect(applied.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    for (const url of urls) expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const [a = '', b = ''] = urls;
    expect((await chat(a, 'Can I get a link for FlyerKit?')).links).toHaveLength(1);
    expect((await chat(b, 'Can I get a link for FlyerKit?')).links).toHaveLength(1);
  }, 30_000);

  it('an instance killed with its disk while the networks are down loses nothing: the other delivers every purchase once', async () => {
    const [a = '', b = ''] = urls;
    const linkId = (await chat(a, 'Can I get a link for FlyerKit?')).links[0]?.id;
    expect(linkId).toBeTruthy();
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ network: 'all', status: 503 }) });

    // Three: with the client's own retries, every failing round costs nine of AgentClick's 30 writes a minute, shared by both.
    const orders = Array.from({ length: 3 }, (_, i) => `PG-KILL-${i + 1}`);
    for (const orderId of orders) {
      const raw = JSON.stringify({ linkId, orderId, amount: 9800, currency: 'JPY' });
      const response = await fetch(`${a}/postbacks/purchase`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': signPostback(SECRET, raw, Math.floor(Date.now() / 1000)) }, body: raw });
      expect(response.status).toBe(202);
    }
    // Every delivery has failed at least once: the purchases were acknowledged and not delivered.
    await expect
      .poll(async () => (await query<{ n: number }>("SELECT COUNT(*)::int AS n FROM deliveries WHERE status = 'pending' AND attempts > 0"))[0]?.n, { timeout: 30_000, interval: 200 })
      .toBe(orders.length * 2);

    const first = children[0];
    first?.kill('SIGKILL');
    await new Promise((resolve) => first?.once('exit', resolve));
    rmSync(dirs[0] ?? '', { recursive: true, force: true });
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
    // The operator's "retry now" after the outage (instead of waiting out the backoff), through the CLI on
    // the shared ledger; repeated while polling, since an attempt in flight when the networks came back
    // may still have been refused and scheduled later.
    const retryNow = async () => {
      const cli = await promisify(execFile)(process.execPath, ['src/outbox-cli.ts', 'retry'], { env: { ...process.env, DATABASE_URL: database.url }, encoding: 'utf8' });
      expect(cli.stdout).toMatch(/\d+ waiting delivery\(ies\) due now/);
    };
    const expected = Object.fromEntries(orders.flatMap((o) => [[`agentclick:${o}:200`, 1], [`syndicate:${o}:201`, 1]]));
    await expect
      .poll(async () => {
        await retryNow();
        return writes(orders);
      }, { timeout: 60_000, interval: 250 })
      .toEqual(expected);

    const summary = async () => {
      const response = await fetch(`${b}/admin/api/summary`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(response.status).toBe(200);
      return (await response.json()) as { scope: string; deliveriesScope: string; totals: { purchases: number; commissionJpy: number }; deliveries: { health: Record<string, number>; deadLetters: unknown[] } };
    };
    await expect.poll(async () => (await summary()).deliveries.health, { timeout: 10_000, interval: 250 }).toEqual({ pending: 0, retrying: 0, delivered: orders.length * 2, dead: 0 });
    const shown = await summary();
    expect(shown.scope).toBe('all-instances');
    expect(shown.deliveriesScope).toBe('all-instances');
    expect(shown.totals.purchases).toBe(orders.length);
    expect(shown.deliveries.deadLetters).toEqual([]);
    // Per order: AgentClick's reward for FlyerKit (program 42) plus Syndicate's 10 % of ¥9,800.
    const reward = sandbox.agentclick.catalog.byId.get(42)?.reward_amount ?? Number.NaN;
    expect(shown.totals.commissionJpy).toBe(orders.length * (reward + 980));
    // Still exactly once: nothing was sent again while the dashboard was read.
    expect(await writes(orders)).toEqual(expected);
  }, 120_000);
});
