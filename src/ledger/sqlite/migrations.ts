/**
 * The SQLite ledger's schema, one step per version. Never edit a step that has shipped: add the next.
 * Version 1 is the schema files had before versions existed (hence IF NOT EXISTS: those files are at
 * user_version 0 and already hold it).
 */
export const SQLITE_MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
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
    CREATE INDEX IF NOT EXISTS pending_clicks_due ON pending_clicks (next_attempt_at);`,
  },
  {
    // Queued clicks are leased like deliveries, so two flushes never send the same click.
    version: 2,
    sql: 'ALTER TABLE pending_clicks ADD COLUMN lease_until INTEGER; CREATE INDEX purchases_received ON purchases (received_at);',
  },
  {
    // Partnership applications, so a restart never applies for a program twice.
    version: 3,
    sql: `
    CREATE TABLE partnerships (
      program_id INTEGER PRIMARY KEY,
      partnership_id INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('approved', 'pending', 'rejected', 'suspended')),
      tracking_code TEXT,
      fallback_url TEXT,
      applied_at INTEGER NOT NULL,
      checked_at INTEGER NOT NULL
    );`,
  },
];
