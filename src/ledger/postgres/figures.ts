import type pg from 'pg';
import type { FigureRow } from '../../analytics/figures.ts';
import { type PurchaseFigure, purchaseFigures } from '../rows.ts';
import { type FigureStore, dayStartMs } from '../types.ts';

/**
 * The dashboard's figures in PostgreSQL, the same for every instance: each instance adds its batches of
 * counts (one statement per batch); purchases and commission come from the shared ledger, so a purchase
 * posted to several instances is one row and counts once.
 */
export function createPostgresFigures(pool: pg.Pool): FigureStore {
  return {
    shared: true,
    async add(rows) {
      if (rows.length === 0) return;
      await pool.query(
        `INSERT INTO counters (day, channel, metric, program_id, value)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::bigint[])
         ON CONFLICT (day, channel, metric, program_id) DO UPDATE SET value = counters.value + excluded.value`,
        [rows.map((r) => r.day), rows.map((r) => r.channel), rows.map((r) => r.metric), rows.map((r) => r.programId), rows.map((r) => r.value)],
      );
    },
    async rows(since) {
      const counters = await pool.query<FigureRow>('SELECT day, channel, metric, program_id AS "programId", value FROM counters WHERE day >= $1', [since]);
      const purchases = await pool.query<PurchaseFigure>(
        `SELECT to_char(to_timestamp(p.received_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, p.channel, p.program_id AS "programId", COUNT(DISTINCT p.id) AS purchases,
           SUM(CASE WHEN d.commission_currency = 'JPY' THEN d.commission_cents ELSE 0 END) AS jpy,
           SUM(CASE WHEN d.commission_currency = 'USD' THEN d.commission_cents ELSE 0 END) AS usd
         FROM purchases p LEFT JOIN deliveries d ON d.purchase_id = p.id AND d.status = 'delivered'
         WHERE p.received_at >= $1 GROUP BY 1, p.channel, p.program_id`,
        [dayStartMs(since)],
      );
      return [...counters.rows.map((row) => ({ ...row, value: Number(row.value) })), ...purchaseFigures(purchases.rows)];
    },
  };
}
