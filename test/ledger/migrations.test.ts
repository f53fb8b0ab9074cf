import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/ledger/postgres/migrate.ts';
import { POSTGRES_MIGRATIONS } from '../../src/ledger/postgres/migrations.ts';
import { createPool } from '../../src/ledger/postgres/pool.ts';
import { openSqliteLedger } from '../../src/ledger/sqlite/open-sqlite-ledger.ts';
import { SQLITE_MIGRATIONS } from '../../src/ledger/sqlite/migrations.ts';
import { silentLog } from '../../src/log.ts';
import { type TestDatabase, createTestDatabase } from '../helpers/postgres.ts';

const databases: TestDatabase[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('PostgreSQL migrations', () => {
  it('four instances starting at once on an empty database: each step is applied once, by one of them', async () => {
    const database = await createTestDatabase('migrate');
    databases.push(database);
    const pools = Array.from({ length: 4 }, () => createPool(database.url, { log: silentLog(), max: 2 }));
    try {
      const results = await Promise.all(pools.map((pool) => migrate(pool, POSTGRES_MIGRATIONS)));
      const all = POSTGRES_MIGRATIONS.map((m) => m.version);
      expect(results.filter((applied) => applied.length > 0)).toEqual([all]);
      expect(results.filter((applied) => applied.length === 0)).toHaveLength(3);
      const [first] = pools;
      if (!first) throw new Error('no pool');
      const rows = await first.query<{ version: number; name: string }>('SELECT version, name FROM ledger_migrations ORDER BY version');
      expect(rows.rows).toEqual(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name })));
      // A later start finds everything done.
      expect(await migrate(first, POSTGRES_MIGRATIONS)).toEqual([]);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('a new step is applied on the next start, and a failing step leaves nothing half done', async () => {
    const database = await createTestDatabase('migrate_next');
    databases.push(database);
    const pool = createPool(database.url, { log: silentLog() });
    try {
      await migrate(pool, POSTGRES_MIGRATIONS);
      const next = POSTGRES_MIGRATIONS.length + 1;
      const broken = { version: next, name: 'broken', sql: 'CREATE TABLE half_done (id INT); SELECT no_such_function();' };
      await expect(migrate(pool, [...POSTGRES_MIGRATIONS, broken])).rejects.toThrow(/no_such_function/);
      expect((await pool.query("SELECT to_regclass('half_done') AS t")).rows[0]).toEqual({ t: null });
      const added = { version: next, name: 'added', sql: 'CREATE TABLE added_later (id INT)' };
      expect(await migrate(pool, [...POSTGRES_MIGRATIONS, added])).toEqual([next]);
    } finally {
      await pool.end();
    }
  });
});

describe('SQLite migrations', () => {
  it('a file from before versions existed is upgraded in place, keeping its rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-old-'));
    dirs.push(dir);
    const old = new DatabaseSync(join(dir, 'bot-ledger.sqlite'));
    old.exec(SQLITE_MIGRATIONS[0]?.sql ?? '');
    old.prepare('INSERT INTO pending_clicks (link_id, partnership_id, context, clicked_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)').run('old-link', 15, 'chatbot', 1, 1);
    old.close();

    const ledger = openSqliteLedger(dir);
    const taken = await ledger.pendingClicks.take(10, 1_000);
    expect(taken.map((c) => c.linkId)).toEqual(['old-link']);
    // The new lease column works: the click just taken is not taken again.
    expect(await ledger.pendingClicks.take(10, 1_000)).toEqual([]);
    await ledger.close();
    const check = new DatabaseSync(join(dir, 'bot-ledger.sqlite'));
    expect({ ...(check.prepare('PRAGMA user_version').get() as object) }).toEqual({ user_version: SQLITE_MIGRATIONS.length });
    check.close();
  });
});
