import type { DatabaseSync } from 'node:sqlite';
import { DEAD_LETTERS_SQL, ERROR_LIMIT, HEALTH_SQL, type JobRow, type PurchaseRow, toHealth, toJob, toPurchase } from '../rows.ts';
import { type DeadLetter, NETWORKS, type PurchaseLedger } from '../types.ts';
import { transaction } from './open-database.ts';

/**
 * Purchases and their delivery to each network, in this instance's SQLite file. Writers queue on
 * BEGIN IMMEDIATE, so a lease is taken by one connection at a time even with two processes on one file.
 */
export function createSqlitePurchases(db: DatabaseSync, { now = Date.now }: { now?: () => number } = {}): PurchaseLedger {
  const byOrder = db.prepare('SELECT * FROM purchases WHERE order_id = ?');
  const insertPurchase = db.prepare(`INSERT INTO purchases (order_id, link_id, click_id, program_id, partnership_id, tracking_code, session_id, channel, amount_cents, currency, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`);
  const insertDelivery = db.prepare("INSERT INTO deliveries (purchase_id, network, status, next_attempt_at) VALUES (?, ?, 'pending', ?)");
  const due = db.prepare(`SELECT d.network, d.attempts, d.token, p.* FROM deliveries d JOIN purchases p ON p.id = d.purchase_id
    WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until <= ?)
    ORDER BY d.next_attempt_at LIMIT ?`);
  const lease = db.prepare('UPDATE deliveries SET lease_until = ? WHERE purchase_id = ? AND network = ?');
  // Only a pending delivery changes: a holder whose lease ran out must not undo another's "delivered".
  const pendingOnly = "WHERE purchase_id = ? AND network = ? AND status = 'pending'";
  // Prepared once: the outbox runs these on every delivery and every pass.
  const saveToken = db.prepare(`UPDATE deliveries SET token = ? ${pendingOnly}`);
  const markDelivered = db.prepare(`UPDATE deliveries SET status = 'delivered', delivered_at = ?, lease_until = NULL, attempts = attempts + 1, last_error = NULL,
      commission_cents = ?, commission_currency = ? ${pendingOnly}`);
  const markRetry = db.prepare(`UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ?, lease_until = NULL, last_error = ? ${pendingOnly}`);
  const markDead = db.prepare(`UPDATE deliveries SET status = 'dead', attempts = attempts + 1, lease_until = NULL, last_error = ? ${pendingOnly}`);
  const nextDue = db.prepare("SELECT MIN(MAX(next_attempt_at, COALESCE(lease_until, 0))) AS due FROM deliveries WHERE status = 'pending'");

  return {
    shared: false,
    async accept(input, networks = NETWORKS) {
      return transaction(db, () => {
        const existing = byOrder.get(input.orderId) as PurchaseRow | undefined;
        if (existing) return { created: false, purchase: toPurchase(existing) };
        const at = now();
        const row = insertPurchase.get(input.orderId, input.linkId, input.clickId ?? null, input.programId, input.partnershipId, input.trackingCode ?? null, input.sessionId, input.channel, input.amountCents, input.currency, at) as unknown as PurchaseRow;
        for (const network of networks) insertDelivery.run(row.id, network, at);
        return { created: true, purchase: toPurchase(row) };
      });
    },

    async claimDue(limit, leaseMs) {
      return transaction(db, () => {
        const at = now();
        const rows = due.all(at, at, limit) as unknown as JobRow[];
        for (const row of rows) lease.run(at + leaseMs, row.id, row.network);
        return rows.map(toJob);
      });
    },

    async saveToken(purchaseId, token) {
      saveToken.run(token, purchaseId, 'syndicate');
    },

    async delivered(purchaseId, network, commission) {
      markDelivered.run(now(), commission?.cents ?? null, commission?.currency ?? null, purchaseId, network);
    },

    async retryLater(purchaseId, network, error, nextAttemptAt) {
      markRetry.run(nextAttemptAt, error.slice(0, ERROR_LIMIT), purchaseId, network);
    },

    async dead(purchaseId, network, reason) {
      markDead.run(reason.slice(0, ERROR_LIMIT), purchaseId, network);
    },

    async deadLetters() {
      return db.prepare(DEAD_LETTERS_SQL).all() as unknown as DeadLetter[];
    },

    async replay(purchaseId) {
      const result =
        purchaseId === undefined
          ? db.prepare("UPDATE deliveries SET status = 'pending', next_attempt_at = ?, last_error = NULL WHERE status = 'dead'").run(now())
          : db.prepare("UPDATE deliveries SET status = 'pending', next_attempt_at = ?, last_error = NULL WHERE status = 'dead' AND purchase_id = ?").run(now(), purchaseId);
      return Number(result.changes);
    },

    async health() {
      return toHealth(db.prepare(HEALTH_SQL).get() as Record<string, number | null>);
    },

    async retryWaitingNow() {
      return Number(db.prepare("UPDATE deliveries SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at > ?").run(now(), now()).changes);
    },

    async nextDueAt() {
      const row = nextDue.get() as { due: number | null };
      return row.due ?? undefined;
    },
  };
}
