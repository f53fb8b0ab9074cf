import type { DatabaseSync } from 'node:sqlite';
import type { Counters } from './counters.ts';
import type { FigureRow, FigureSource } from './figures.ts';

/**
 * The figures of this instance: its counters and its purchase ledger, in its SQLite file. Commission is
 * what the networks reported for each delivered purchase, both networks added up.
 */
export function sqliteFigures(db: DatabaseSync, counters: Counters): FigureSource {
  const counterRows = db.prepare('SELECT day, channel, metric, program_id AS programId, SUM(value) AS value FROM counters WHERE day >= ? GROUP BY day, channel, metric, program_id');
  const purchaseRows = db.prepare(`SELECT date(p.received_at / 1000, 'unixepoch') AS day, p.channel, p.program_id AS programId, COUNT(DISTINCT p.id) AS purchases,
      SUM(CASE WHEN d.commission_currency = 'JPY' THEN d.commission_cents ELSE 0 END) AS jpy,
      SUM(CASE WHEN d.commission_currency = 'USD' THEN d.commission_cents ELSE 0 END) AS usd
    FROM purchases p LEFT JOIN deliveries d ON d.purchase_id = p.id AND d.status = 'delivered'
    WHERE date(p.received_at / 1000, 'unixepoch') >= ? GROUP BY day, p.channel, p.program_id`);
  return {
    shared: false,
    async rows(since) {
      counters.flush();
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
