/**
 * What-ifs: proposed changes to src/, simulated on a running bot from outside so their effect can be
 * measured before anyone edits src/. Never on in `npm run bench`; set BENCH_WHATIF to a comma list
 * (or `all`) when running a figure or bench/phases.ts, e.g. `BENCH_WHATIF=all node bench/latency.ts`.
 *
 *   wal          keyv SQLite connections in journal_mode=WAL, synchronous=NORMAL
 *                (src/store/create-stores.ts: run the two PRAGMAs on each KeyvSqlite after creating it)
 *   node-sqlite  keyv stores on node:sqlite (synchronous, prepared statements, WAL, synchronous=NORMAL)
 *                instead of @keyv/sqlite over the sqlite3 thread pool (src/store/create-stores.ts)
 *   json         keyv values serialized with JSON.stringify/JSON.parse instead of @keyv/serialize
 *                (src/store/create-stores.ts: `serialize`/`deserialize` options of each Keyv)
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type Keyv from 'keyv';
import type { App } from '../../src/create-app.ts';
import { NAMESPACES } from '../../src/store/create-stores.ts';

export const WHAT_IFS = ['wal', 'node-sqlite', 'json'] as const;
export type WhatIf = (typeof WHAT_IFS)[number];

export function whatIfsFromEnv(value = process.env.BENCH_WHATIF ?? ''): WhatIf[] {
  const asked = value.split(',').map((item) => item.trim()).filter(Boolean);
  if (asked.includes('all')) return [...WHAT_IFS];
  const unknown = asked.filter((item) => !(WHAT_IFS as readonly string[]).includes(item));
  if (unknown.length > 0) throw new Error(`unknown BENCH_WHATIF: ${unknown.join(', ')} (choose from ${WHAT_IFS.join(', ')}, all)`);
  return asked as WhatIf[];
}

/** A keyv store adapter over node:sqlite: what create-stores.ts could use instead of @keyv/sqlite. */
class NodeSqliteStore extends EventEmitter {
  readonly opts = { dialect: 'sqlite' };
  namespace: string | undefined;
  readonly #db: DatabaseSync;
  readonly #get: StatementSync;
  readonly #set: StatementSync;
  readonly #delete: StatementSync;
  readonly #clear: StatementSync;

  constructor(db: DatabaseSync, table: string) {
    super();
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID`);
    this.#get = db.prepare(`SELECT value FROM ${table} WHERE key = ?`);
    this.#set = db.prepare(`INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
    this.#delete = db.prepare(`DELETE FROM ${table} WHERE key = ?`);
    this.#clear = db.prepare(`DELETE FROM ${table}`);
  }
  async get(key: string): Promise<string | undefined> {
    return (this.#get.get(key) as { value: string } | undefined)?.value;
  }
  async set(key: string, value: string): Promise<boolean> {
    this.#set.run(key, value);
    return true;
  }
  async delete(key: string): Promise<boolean> {
    return Number(this.#delete.run(key).changes) > 0;
  }
  async clear(): Promise<void> {
    this.#clear.run();
  }
  async disconnect(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}

/** Applies the what-ifs to a running bot; returns what was applied, for the report. */
export async function applyWhatIfs(app: App, dataDir: string, whatIfs: readonly WhatIf[]): Promise<string[]> {
  if (whatIfs.length === 0) return [];
  const stores = NAMESPACES.map((name) => [name, app.stores[name]] as const);
  if (whatIfs.includes('wal') && !whatIfs.includes('node-sqlite')) {
    for (const [, kv] of stores) {
      const store = kv.store as { query: (sql: string) => Promise<unknown> };
      await store.query('PRAGMA journal_mode = WAL');
      await store.query('PRAGMA synchronous = NORMAL');
    }
  }
  if (whatIfs.includes('node-sqlite')) {
    const db = new DatabaseSync(join(dataDir, 'what-if.sqlite'));
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;');
    for (const [name, kv] of stores) (kv as Keyv).store = new NodeSqliteStore(db, `kv_${name}`);
  }
  if (whatIfs.includes('json')) {
    for (const [, kv] of stores) {
      kv.serialize = (data) => JSON.stringify(data);
      kv.deserialize = (data) => JSON.parse(data as string) as never;
    }
  }
  return [...whatIfs];
}
