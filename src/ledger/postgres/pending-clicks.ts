import type pg from 'pg';
import { ERROR_LIMIT, type PendingClickRow, toPendingClick } from '../rows.ts';
import type { PendingClicks } from '../types.ts';

/** Clicks waiting to be recorded, in PostgreSQL: any instance flushes any click, leased like deliveries. */
export function createPostgresPendingClicks(pool: pg.Pool, { now = Date.now }: { now?: () => number } = {}): PendingClicks {
  return {
    async add(click) {
      await pool.query('INSERT INTO pending_clicks (link_id, partnership_id, context, user_agent, clicked_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        click.linkId,
        click.partnershipId,
        click.context,
        click.userAgent ?? null,
        click.clickedAt,
        now(),
      ]);
    },
    async take(limit, leaseMs) {
      const at = now();
      const { rows } = await pool.query<PendingClickRow>(
        `WITH due AS (
           SELECT id FROM pending_clicks WHERE next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
           ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
         )
         UPDATE pending_clicks c SET lease_until = $3 FROM due WHERE c.id = due.id
         RETURNING c.id, c.link_id, c.partnership_id, c.context, c.user_agent, c.clicked_at, c.attempts`,
        [at, limit, at + leaseMs],
      );
      return rows.map(toPendingClick).sort((a, b) => a.id - b.id);
    },
    async remove(id) {
      await pool.query('DELETE FROM pending_clicks WHERE id = $1', [id]);
    },
    async retryLater(id, at, error) {
      await pool.query('UPDATE pending_clicks SET attempts = attempts + 1, next_attempt_at = $2, lease_until = NULL, last_error = $3 WHERE id = $1', [id, at, error.slice(0, ERROR_LIMIT)]);
    },
    async release(ids) {
      if (ids.length > 0) await pool.query('UPDATE pending_clicks SET lease_until = NULL WHERE id = ANY($1::bigint[])', [[...ids]]);
    },
    async count() {
      return Number((await pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM pending_clicks')).rows[0]?.n ?? 0);
    },
  };
}
