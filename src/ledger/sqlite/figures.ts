import type { DatabaseSync } from 'node:sqlite';
import type { FigureRow } from '../../analytics/figures.ts';
import { type PurchaseFigure, purchaseFigures } from '../rows.ts';
import { type FigureStore, dayStartMs } from '../types.ts';
import { transaction } from './open-database.ts';

/**
 * This instance's figures in its SQLite file: counters added in one transaction per batch; purchases
 * and commission read from the ledger itself (both networks' reported commission added up).
 */
export function createSqliteFigures(db: DatabaseSync): FigureStore {
  const upsert = db.prepare(`INSERT INTO counters (day, channel, metric, program_id, value) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (day, channel, metric, program_id) DO UPDATE SET value = value + excluded.value`);
  const counterRows = db.prepare('SELECT day, channel, metric, program_id AS programId, SUM(value) AS value FROM counters WHERE day >= ? GROUP BY day, channel, metric, program_id');
  const purchaseRows = db.prepare(`SELECT date(p.received_at / 1000, 'unixepoch') AS day, p.channel, p.program_id AS programId, COUNT(DISTINCT p.id) AS purchases,
      SUM(CASE WHEN d.commission_currency = 'JPY' THEN d.commission_cents ELSE 0 END) AS jpy,
      SUM(CASE WHEN d.commission_currency = 'USD' THEN d.commission_cents ELSE 0 END) AS usd
    FROM purchases p LEFT JOIN deliveries d ON d.purchase_id = p.id AND d.status = 'delivered'
    WHERE p.received_at >= ? GROUP BY day, p.channel, p.program_id`);
  return {
    shared: false,
    async add(rows) {
      transaction(db, () => {
        for (const row of rows) upsert.run(row.day, row.channel, row.metric, row.programId, row.value);
      });
    },
    async rows(since) {
      const rows = counterRows.all(since) as unknown as FigureRow[];
      return [...rows, ...purchaseFigures(purchaseRows.all(dayStartMs(since)) as unknown as PurchaseFigure[])];
    },
  };
}
