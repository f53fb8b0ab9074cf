import type { DatabaseSync } from 'node:sqlite';
import { ERROR_LIMIT, type PendingClickRow, toPendingClick } from '../rows.ts';
import type { PendingClicks } from '../types.ts';
import { transaction } from './open-database.ts';

/**
 * Clicks waiting to be recorded, one row each in this instance's SQLite file. Adding, retrying and
 * removing are single-row statements: nothing is read, changed and written back, so no click is lost
 * or sent twice when clicks fail while a retry runs.
 */
export function createSqlitePendingClicks(db: DatabaseSync, { now = Date.now }: { now?: () => number } = {}): PendingClicks {
  const insert = db.prepare('INSERT INTO pending_clicks (link_id, partnership_id, context, user_agent, clicked_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)');
  const due = db.prepare(`SELECT id, link_id, partnership_id, context, user_agent, clicked_at, attempts FROM pending_clicks
    WHERE next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY id LIMIT ?`);
  const lease = db.prepare('UPDATE pending_clicks SET lease_until = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM pending_clicks WHERE id = ?');
  const later = db.prepare('UPDATE pending_clicks SET attempts = attempts + 1, next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE id = ?');
  const release = db.prepare('UPDATE pending_clicks SET lease_until = NULL WHERE id = ?');
  const count = db.prepare('SELECT COUNT(*) AS n FROM pending_clicks');

  return {
    async add(click) {
      insert.run(click.linkId, click.partnershipId, click.context, click.userAgent ?? null, click.clickedAt, now());
    },
    async take(limit, leaseMs) {
      return transaction(db, () => {
        const at = now();
        const rows = due.all(at, at, limit) as unknown as PendingClickRow[];
        for (const row of rows) lease.run(at + leaseMs, row.id);
        return rows.map(toPendingClick);
      });
    },
    async remove(id) {
      remove.run(id);
    },
    async retryLater(id, at, error) {
      later.run(at, error.slice(0, ERROR_LIMIT), id);
    },
    async release(ids) {
      if (ids.length > 0) transaction(db, () => ids.forEach((id) => release.run(id)));
    },
    async count() {
      return Number((count.get() as { n: number }).n);
    },
  };
}
