import type { DatabaseSync } from 'node:sqlite';

export interface PendingClick {
  id: number;
  linkId: string;
  partnershipId: number;
  context: string;
  userAgent: string | undefined;
  clickedAt: number;
  attempts: number;
}

interface Row {
  id: number;
  link_id: string;
  partnership_id: number;
  context: string;
  user_agent: string | null;
  clicked_at: number;
  attempts: number;
}

/**
 * Clicks the network could not take at once (write budget spent, network down), one row each in the
 * bot's SQLite database. Each instance keeps and retries only the clicks it saw, so adding, retrying
 * and removing are single-row statements: nothing is read, changed and written back, and no click is
 * lost or sent twice when clicks fail while a retry runs.
 */
export function createPendingClicks(db: DatabaseSync, { now = Date.now }: { now?: () => number } = {}) {
  const insert = db.prepare('INSERT INTO pending_clicks (link_id, partnership_id, context, user_agent, clicked_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)');
  const due = db.prepare('SELECT id, link_id, partnership_id, context, user_agent, clicked_at, attempts FROM pending_clicks WHERE next_attempt_at <= ? ORDER BY id LIMIT ?');
  const remove = db.prepare('DELETE FROM pending_clicks WHERE id = ?');
  const later = db.prepare('UPDATE pending_clicks SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?');
  const count = db.prepare('SELECT COUNT(*) AS n FROM pending_clicks');
  const soonest = db.prepare('UPDATE pending_clicks SET next_attempt_at = ?');

  return {
    add(click: Omit<PendingClick, 'id' | 'attempts'>): void {
      insert.run(click.linkId, click.partnershipId, click.context, click.userAgent ?? null, click.clickedAt, now());
    },
    /** The clicks whose next attempt is due, oldest first. */
    due(limit: number): PendingClick[] {
      return (due.all(now(), limit) as unknown as Row[]).map((row) => ({
        id: row.id,
        linkId: row.link_id,
        partnershipId: row.partnership_id,
        context: row.context,
        userAgent: row.user_agent ?? undefined,
        clickedAt: row.clicked_at,
        attempts: row.attempts,
      }));
    },
    /** Recorded at last, or refused by the network for good (say, the partnership ended). */
    remove(id: number): void {
      remove.run(id);
    },
    retryLater(id: number, at: number, error: string): void {
      later.run(at, error.slice(0, 500), id);
    },
    count(): number {
      return Number((count.get() as { n: number }).n);
    },
    /** Makes every waiting click due now (tests use it instead of waiting for the retry time). */
    allDueNow(): void {
      soonest.run(now());
    },
  };
}

export type PendingClicks = ReturnType<typeof createPendingClicks>;
