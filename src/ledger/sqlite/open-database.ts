import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SQLITE_MIGRATIONS } from './migrations.ts';

/**
 * The ledger's SQLite file (Node's built-in `node:sqlite`) for one instance. WAL with full sync: a
 * purchase that was acknowledged is on disk, even after `kill -9`. The schema is migrated on open,
 * version by version (PRAGMA user_version), inside one writer transaction so two processes opening the
 * same file at once migrate it once.
 */
export function openDatabase(dataDir: string, file = 'bot-ledger.sqlite'): DatabaseSync {
  mkdirSync(dataDir, { recursive: true });
  const db = new DatabaseSync(join(dataDir, file));
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;');
  transaction(db, () => {
    const current = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
    for (const migration of SQLITE_MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.exec(`PRAGMA user_version = ${migration.version}`);
    }
  });
  return db;
}

/** Runs `work` in one transaction (BEGIN IMMEDIATE: writers queue instead of failing mid-way). */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
