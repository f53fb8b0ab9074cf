import type pg from 'pg';
import type { Migration } from './migrations.ts';
import { withTransaction } from './pool.ts';

/** Any fixed number: every instance of this bot takes the same lock while it migrates. */
const MIGRATION_LOCK = 0x6c656467; // "ledg"

/**
 * Brings the schema to the newest version. Instances starting at once queue on a transaction-level
 * advisory lock, so exactly one applies each step; the others then find it recorded and apply nothing.
 * Each run is one transaction (PostgreSQL's DDL is transactional): a failed step leaves no half schema.
 * Returns the versions this call applied.
 */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[]): Promise<number[]> {
  return withTransaction(pool, async (client) => {
    // Waiting for another instance's migration, or a long step, may take longer than a query should.
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS ledger_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM ledger_migrations')).rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO ledger_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}
