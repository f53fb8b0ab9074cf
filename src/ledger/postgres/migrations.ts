export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The PostgreSQL ledger's schema, one step per version, applied in order at start (see migrate.ts).
 * Never edit a step that has shipped: add the next one. Times are epoch milliseconds (BIGINT), taken
 * from the instances' clocks like the SQLite ledger's, so tests drive leases with an injected clock.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger',
    sql: `
    CREATE TABLE purchases (
      id BIGSERIAL PRIMARY KEY,
      order_id TEXT NOT NULL UNIQUE,
      link_id TEXT NOT NULL,
      click_id TEXT,
      program_id INTEGER NOT NULL,
      partnership_id INTEGER NOT NULL,
      tracking_code TEXT,
      session_id TEXT NOT NULL,
      channel TEXT NOT NULL,
      amount_cents BIGINT NOT NULL,
      currency TEXT NOT NULL,
      received_at BIGINT NOT NULL
    );
    CREATE INDEX purchases_received ON purchases (received_at);
    CREATE TABLE deliveries (
      purchase_id BIGINT NOT NULL REFERENCES purchases(id),
      network TEXT NOT NULL CHECK (network IN ('agentclick', 'syndicate')),
      status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at BIGINT NOT NULL,
      lease_until BIGINT,
      last_error TEXT,
      token TEXT,
      commission_cents BIGINT,
      commission_currency TEXT,
      delivered_at BIGINT,
      PRIMARY KEY (purchase_id, network)
    );
    CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX deliveries_status ON deliveries (status);
    CREATE TABLE counters (
      day TEXT NOT NULL,
      channel TEXT NOT NULL,
      metric TEXT NOT NULL,
      program_id INTEGER NOT NULL DEFAULT 0,
      value BIGINT NOT NULL,
      PRIMARY KEY (day, channel, metric, program_id)
    );
    CREATE TABLE pending_clicks (
      id BIGSERIAL PRIMARY KEY,
      link_id TEXT NOT NULL,
      partnership_id INTEGER NOT NULL,
      context TEXT NOT NULL,
      user_agent TEXT,
      clicked_at BIGINT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at BIGINT NOT NULL,
      lease_until BIGINT,
      last_error TEXT
    );
    CREATE INDEX pending_clicks_due ON pending_clicks (next_attempt_at);`,
  },
  {
    // Partnership applications, shared by every instance so none applies for a program twice.
    version: 2,
    name: 'partnerships',
    sql: `
    CREATE TABLE partnerships (
      program_id INTEGER PRIMARY KEY,
      partnership_id BIGINT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('approved', 'pending', 'rejected', 'suspended')),
      tracking_code TEXT,
      fallback_url TEXT,
      applied_at BIGINT NOT NULL,
      checked_at BIGINT NOT NULL
    );`,
  },
];
