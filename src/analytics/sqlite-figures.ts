import type { DatabaseSync } from 'node:sqlite';
import { transaction } from '../db/open-database.ts';
import type { Log } from '../log.ts';
import { type CountSink, type Counters, createCounters } from './counters.ts';
import type { DashboardFigures, FigureRow, FigureSource } from './figures.ts';

/** Adds a batch of counts to this instance's `counters` table, in one transaction. */
function sqliteCountSink(db: DatabaseSync): CountSink {
  const upsert = db.prepare(`INSERT INTO counters (day, channel, metric, program_id, value) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (day, channel, metric, program_id) DO UPDATE SET value = value + excluded.value`);
  return (rows) => transaction(db, () => {
    for (const row of rows) upsert.run(row.day, row.channel, row.metric, row.programId, row.value);
  });
}

/**
 * The figures of this instance: its counters and its purchase ledger, in its SQLite file. Purchases and
 * commission are read from the ledger itself (commission: what the networks reported for each delivered
 * purchase, both networks added up), so the two purchase events need nothing more here.
 */
export function createSqliteFigures(db: DatabaseSync, { log }: { log: Log }): DashboardFigures {
  const counters = createCounters(sqliteCountSink(db), { log });
  return { analytics: counters, source: sqliteSource(db, counters), purchaseAccepted: async () => undefined, commissionEarned: async () => undefined, close: () => counters.close() };
}

function sqliteSource(db: DatabaseSync, counters: Counters): FigureSource {
  const counterRows = db.prepare('SELECT day, channel, metric, program_id AS programId, SUM(value) AS value FROM counters WHERE day >= ? GROUP BY day, channel, metric, program_id');
  const purchaseRows = db.prepare(`SELECT date(p.received_at / 1000, 'unixepoch') AS day, p.channel, p.program_id AS programId, COUNT(DISTINCT p.id) AS purchases,
      SUM(CASE WHEN d.commission_currency = 'JPY' THEN d.commission_cents ELSE 0 END) AS jpy,
      SUM(CASE WHEN d.commission_currency = 'USD' THEN d.commission_cents ELSE 0 END) AS usd
    FROM purchases p LEFT JOIN deliveries d ON d.purchase_id = p.id AND d.status = 'delivered'
    WHERE date(p.received_at / 1000, 'unixepoch') >= ? GROUP BY day, p.channel, p.program_id`);
  return {
    shared: false,
    async rows(since) {
      await counters.flush();
      const rows = counterRows.all(since) as unknown as FigureRow[];
      for (const p of purchaseRows.all(since) as Array<{ day: string; channel: string; programId: number; purchases: number; jpy: number | null; usd: number | null }>) {
        rows.push({ day: p.day, channel: p.channel, metric: 'purchases', programId: p.programId, value: p.purchases });
        if (p.jpy) rows.push({ day: p.day, channel: p.channel, metric: 'commission_jpy', programId: p.programId, value: p.jpy });
        if (p.usd) rows.push({ day: p.day, channel: p.channel, metric: 'commission_usd', programId: p.programId, value: p.usd });
      }
      return rows;
    },
  };
}
