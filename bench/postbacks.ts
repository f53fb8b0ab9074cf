/**
 * Purchase postbacks accepted per second on one instance: the ledger on PostgreSQL (DATABASE_URL)
 * against SQLite in DATA_DIR (the baseline). Each is a signed POST /postbacks/purchase with a new order
 * id, answered 202 only once the purchase and its deliveries are stored; the outbox runs as in
 * production. autocannon (in this process) with 20 connections against each server, in a process of
 * its own, in alternating slices. Reported, with no goal yet.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { signPostback } from '../src/attribution/postback-signature.ts';
import { type FigureResult, metric, round, runFigure } from './helpers/metric.ts';
import { BENCH_POSTBACK_SECRET, type PostbackTargetMessage } from './helpers/serve-postbacks.ts';

const CONNECTIONS = 20;
const DURATION_S = Number(process.env.BENCH_POSTBACKS_S ?? 8);
const SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const SCRIPT = new URL('./helpers/serve-postbacks.ts', import.meta.url).pathname;

type Engine = 'sqlite' | 'postgres';
interface Target {
  engine: Engine;
  url: string;
  linkId: string;
  close(): Promise<void>;
}

async function start(engine: Engine, databaseUrl?: string): Promise<Target> {
  const child: ChildProcess = fork(SCRIPT, databaseUrl ? [engine, databaseUrl] : [engine], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<PostbackTargetMessage>((resolve, reject) => {
    child.once('message', (message: PostbackTargetMessage) => resolve(message));
    child.once('exit', (code) => reject(new Error(`${engine} server exited (${code}) before it was ready`)));
  });
  return {
    engine,
    url: ready.url,
    linkId: ready.linkId,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'close' });
      await exited;
    },
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let order = 0;
async function load(target: Target, seconds: number): Promise<{ requests: number; seconds: number }> {
  let bad = 0;
  const result = await autocannon({
    url: `${target.url}/postbacks/purchase`,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const body = JSON.stringify({ linkId: target.linkId, orderId: `BENCH-${target.engine}-${++order}`, amount: 9800, currency: 'JPY' });
          return { ...request, headers: { 'content-type': 'application/json', 'x-signature': signPostback(BENCH_POSTBACK_SECRET, body, Math.floor(Date.now() / 1000)) }, body };
        },
        onResponse: (status) => {
          if (status !== 202) bad++;
        },
      },
    ],
  });
  const answered = result.requests.total;
  if (answered === 0 || bad + result.errors + result.timeouts > answered * 0.001) {
    throw new Error(`${target.engine}: ${bad} answers other than 202, ${result.errors} errors, ${result.timeouts} timeouts of ${answered}`);
  }
  return { requests: answered, seconds: result.duration };
}

export async function measurePostbacks(): Promise<FigureResult> {
  const database = `bot_bench_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${database}`);
  const targets: Target[] = [];
  const rounds: Record<Engine, Array<{ requests: number; seconds: number }>> = { sqlite: [], postgres: [] };
  try {
    const sqlite = await start('sqlite');
    targets.push(sqlite);
    const postgres = await start('postgres', `${SERVER}/${database}`);
    targets.push(postgres);
    for (const target of targets) await load(target, 2);
    const slice = DURATION_S / 4;
    // ABBA BAAB, so a change in the machine's speed touches both alike.
    for (const target of [sqlite, postgres, postgres, sqlite, postgres, sqlite, sqlite, postgres]) rounds[target.engine].push(await load(target, slice));
  } finally {
    for (const target of targets) await target.close();
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
  const rate = (engine: Engine) => rounds[engine].reduce((sum, r) => sum + r.requests, 0) / rounds[engine].reduce((sum, r) => sum + r.seconds, 0);
  return {
    figure: 'postbacks',
    metrics: [
      // No goal yet (goal 0 is always met): the figure is reported so a change to the ledger shows.
      metric({ name: 'postbacks accepted, PostgreSQL ledger vs SQLite', unit: 'req/s', value: round(rate('postgres'), 1), baseline: round(rate('sqlite'), 1), goal: 0, better: 'higher', goalOn: 'ratio' }),
    ],
    details: { connections: CONNECTIONS, seconds: DURATION_S, rounds },
    notes: ['Reported without a goal. Each 202 means the purchase and its deliveries are committed (SQLite: WAL with synchronous=FULL; PostgreSQL: a local server with its default fsync).'],
  };
}

await runFigure(import.meta, measurePostbacks);
