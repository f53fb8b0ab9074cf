import type pg from 'pg';
import { DEAD_LETTERS_SQL, ERROR_LIMIT, HEALTH_SQL, type JobRow, type PurchaseRow, toHealth, toJob, toPurchase } from '../rows.ts';
import { type DeadLetter, NETWORKS, type PurchaseLedger } from '../types.ts';
import { withTransaction } from './pool.ts';

/**
 * Purchases and their deliveries in PostgreSQL, shared by every instance. Any instance delivers any
 * purchase: due deliveries are leased with `FOR UPDATE SKIP LOCKED` (instances polling at once take
 * disjoint rows instead of waiting on each other) and a lease expiry column (an instance that dies
 * mid-send holds its rows only until the lease runs out).
 */
export function createPostgresPurchases(pool: pg.Pool, { now = Date.now }: { now?: () => number } = {}): PurchaseLedger {
  // Only a pending delivery changes: a holder whose lease ran out must not undo another's "delivered".
  const pendingOnly = "WHERE purchase_id = $1 AND network = $2 AND status = 'pending'";

  return {
    shared: true,
    async accept(input, networks = NETWORKS) {
      return withTransaction(pool, async (client) => {
        const at = now();
        // ON CONFLICT waits for a concurrent insert of the same order to commit, then yields no row.
        const inserted = await client.query<PurchaseRow>(
          `INSERT INTO purchases (order_id, link_id, click_id, program_id, partnership_id, tracking_code, session_id, channel, amount_cents, currency, received_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (order_id) DO NOTHING RETURNING *`,
          [input.orderId, input.linkId, input.clickId ?? null, input.programId, input.partnershipId, input.trackingCode ?? null, input.sessionId, input.channel, input.amountCents, input.currency, at],
        );
        const row = inserted.rows[0];
        if (!row) {
          const existing = await client.query<PurchaseRow>('SELECT * FROM purchases WHERE order_id = $1', [input.orderId]);
          const first = existing.rows[0];
          if (!first) throw new Error(`purchase ${input.orderId} neither inserted nor found`);
          return { created: false, purchase: toPurchase(first) };
        }
        await client.query("INSERT INTO deliveries (purchase_id, network, status, next_attempt_at) SELECT $1, unnest($2::text[]), 'pending', $3", [row.id, [...networks], at]);
        return { created: true, purchase: toPurchase(row) };
      });
    },

    async claimDue(limit, leaseMs) {
      const at = now();
      // One statement: pick due, unleased rows nobody else is locking, lease them, return them with their purchase.
      const { rows } = await pool.query<JobRow>(
        `WITH due AS (
           SELECT purchase_id, network FROM deliveries
           WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
           ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED
         ), leased AS (
           UPDATE deliveries d SET lease_until = $3 FROM due WHERE d.purchase_id = due.purchase_id AND d.network = due.network
           RETURNING d.purchase_id, d.network, d.attempts, d.token, d.next_attempt_at
         )
         SELECT leased.network, leased.attempts, leased.token, p.* FROM leased JOIN purchases p ON p.id = leased.purchase_id ORDER BY leased.next_attempt_at`,
        [at, limit, at + leaseMs],
      );
      return rows.map(toJob);
    },

    async saveToken(purchaseId, token) {
      await pool.query(`UPDATE deliveries SET token = $3 ${pendingOnly}`, [purchaseId, 'syndicate', token]);
    },

    async delivered(purchaseId, network, commission) {
      await pool.query(
        `UPDATE deliveries SET status = 'delivered', delivered_at = $3, lease_until = NULL, attempts = attempts + 1, last_error = NULL,
           commission_cents = $4, commission_currency = $5 ${pendingOnly}`,
        [purchaseId, network, now(), commission?.cents ?? null, commission?.currency ?? null],
      );
    },

    async retryLater(purchaseId, network, error, nextAttemptAt) {
      await pool.query(`UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = $3, lease_until = NULL, last_error = $4 ${pendingOnly}`, [purchaseId, network, nextAttemptAt, error.slice(0, ERROR_LIMIT)]);
    },

    async dead(purchaseId, network, reason) {
      await pool.query(`UPDATE deliveries SET status = 'dead', attempts = attempts + 1, lease_until = NULL, last_error = $3 ${pendingOnly}`, [purchaseId, network, reason.slice(0, ERROR_LIMIT)]);
    },

    async deadLetters() {
      return (await pool.query<DeadLetter>(DEAD_LETTERS_SQL)).rows;
    },

    async replay(purchaseId) {
      const result =
        purchaseId === undefined
          ? await pool.query("UPDATE deliveries SET status = 'pending', next_attempt_at = $1, last_error = NULL WHERE status = 'dead'", [now()])
          : await pool.query("UPDATE deliveries SET status = 'pending', next_attempt_at = $1, last_error = NULL WHERE status = 'dead' AND purchase_id = $2", [now(), purchaseId]);
      return result.rowCount ?? 0;
    },

    async health() {
      return toHealth((await pool.query<Record<string, number | null>>(HEALTH_SQL)).rows[0]);
    },

    async retryWaitingNow() {
      const at = now();
      return (await pool.query("UPDATE deliveries SET next_attempt_at = $1 WHERE status = 'pending' AND next_attempt_at > $1", [at])).rowCount ?? 0;
    },

    async nextDueAt() {
      const { rows } = await pool.query<{ due: number | null }>("SELECT MIN(GREATEST(next_attempt_at, COALESCE(lease_until, 0))) AS due FROM deliveries WHERE status = 'pending'");
      return rows[0]?.due ?? undefined;
    },
  };
}
