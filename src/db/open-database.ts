import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * The bot's SQLite database (Node's built-in `node:sqlite`) for what needs real transactions:
 * purchases and their deliveries, the dashboard's counters, and clicks waiting to be recorded. WAL
 * with full sync: a purchase that was acknowledged is on disk, even after `kill -9`.
 */
export function openDatabase(dataDir: string, file = 'bot-ledger.sqlite'): DatabaseSync {
  mkdirSync(dataDir, { recursive: true });
  const db = new DatabaseSync(join(dataDir, file));
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;');
  db.exec(`
    CREATE TABLE IF NOT EXISTS purchases (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      order_id TEXT NOT NULL UNIQUE,
      link_id TEXT NOT NULL,
      click_id TEXT,
      program_id INTEGER NOT NULL,
      partnership_id INTEGER NOT NULL,
      tracking_code TEXT,
      session_id TEXT NOT NULL,
      channel TEXT NOT NULL,
      amount_cents INTEGER NOT NULL,
      currency TEXT NOT NULL,
      received_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS deliveries (
      purchase_id INTEGER NOT NULL REFERENCES purchases(id),
      network TEXT NOT NULL CHECK (network IN ('agentclick', 'syndicate')),
      status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      lease_until INTEGER,
      last_error TEXT,
      token TEXT,
      commission_cents INTEGER,
      commission_currency TEXT,
      delivered_at INTEGER,
      PRIMARY KEY (purchase_id, network)
    );
    CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_attempt_at);
    CREATE TABLE IF NOT EXISTS counters (
      day TEXT NOT NULL,
      channel TEXT NOT NULL,
      metric TEXT NOT NULL,
      program_id INTEGER NOT NULL DEFAULT 0,
      value INTEGER NOT NULL,
      PRIMARY KEY (day, channel, metric, program_id)
    );
    CREATE TABLE IF NOT EXISTS pending_clicks (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      link_id TEXT NOT NULL,
      partnership_id INTEGER NOT NULL,
      context TEXT NOT NULL,
      user_agent TEXT,
      clicked_at INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT
    );
    CREATE INDEX IF NOT EXISTS pending_clicks_due ON pending_clicks (next_attempt_at);
  `);
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
