import type { DatabaseSync } from 'node:sqlite';
import type { Channel } from '../core/types.ts';
import { transaction } from '../db/open-database.ts';

export type Network = 'agentclick' | 'syndicate';
export const NETWORKS: readonly Network[] = ['agentclick', 'syndicate'];

export interface NewPurchase {
  orderId: string;
  linkId: string;
  clickId: string | undefined;
  programId: number;
  partnershipId: number;
  trackingCode: string | undefined;
  sessionId: string;
  channel: Channel;
  amountCents: number;
  currency: string;
}

export interface Purchase extends NewPurchase {
  id: number;
  receivedAt: number;
}

export interface DeliveryJob {
  purchase: Purchase;
  network: Network;
  attempts: number;
  token: string | undefined;
}

interface PurchaseRow {
  id: number;
  order_id: string;
  link_id: string;
  click_id: string | null;
  program_id: number;
  partnership_id: number;
  tracking_code: string | null;
  session_id: string;
  channel: string;
  amount_cents: number;
  currency: string;
  received_at: number;
}

const toPurchase = (row: PurchaseRow): Purchase => ({
  id: row.id,
  orderId: row.order_id,
  linkId: row.link_id,
  clickId: row.click_id ?? undefined,
  programId: row.program_id,
  partnershipId: row.partnership_id,
  trackingCode: row.tracking_code ?? undefined,
  sessionId: row.session_id,
  channel: row.channel as Channel,
  amountCents: row.amount_cents,
  currency: row.currency,
  receivedAt: row.received_at,
});

/**
 * Purchases and their delivery to each network, in one SQLite file. A purchase and its two pending
 * deliveries are written in one transaction, de-duplicated by order id, before anyone is told "accepted".
 */
export function createPurchaseLedger(db: DatabaseSync, now: () => number = Date.now) {
  const byOrder = db.prepare('SELECT * FROM purchases WHERE order_id = ?');
  const insertPurchase = db.prepare(`INSERT INTO purchases (order_id, link_id, click_id, program_id, partnership_id, tracking_code, session_id, channel, amount_cents, currency, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`);
  const insertDelivery = db.prepare('INSERT INTO deliveries (purchase_id, network, status, next_attempt_at) VALUES (?, ?, \'pending\', ?)');

  return {
    /** Stores a purchase once; a repeated order id returns the first one and `created: false`. */
    accept(input: NewPurchase, networks: readonly Network[] = NETWORKS): { created: boolean; purchase: Purchase } {
      return transaction(db, () => {
        const existing = byOrder.get(input.orderId) as PurchaseRow | undefined;
        if (existing) return { created: false, purchase: toPurchase(existing) };
        const at = now();
        const row = insertPurchase.get(input.orderId, input.linkId, input.clickId ?? null, input.programId, input.partnershipId, input.trackingCode ?? null, input.sessionId, input.channel, input.amountCents, input.currency, at) as unknown as PurchaseRow;
        for (const network of networks) insertDelivery.run(row.id, network, at);
        return { created: true, purchase: toPurchase(row) };
      });
    },

    /** Claims due deliveries for `leaseMs`, so two workers (or instances on one file) never send the same one at once. */
    claimDue(limit: number, leaseMs: number): DeliveryJob[] {
      return transaction(db, () => {
        const at = now();
        const rows = db
          .prepare(`SELECT d.network, d.attempts, d.token, p.* FROM deliveries d JOIN purchases p ON p.id = d.purchase_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?)
            ORDER BY d.next_attempt_at LIMIT ?`)
          .all(at, at, limit) as unknown as Array<PurchaseRow & { network: Network; attempts: number; token: string | null }>;
        const lease = db.prepare('UPDATE deliveries SET lease_until = ? WHERE purchase_id = ? AND network = ?');
        for (const row of rows) lease.run(at + leaseMs, row.id, row.network);
        return rows.map((row) => ({ purchase: toPurchase(row), network: row.network, attempts: row.attempts, token: row.token ?? undefined }));
      });
    },

    /** Remembers the attribution token before it is sent, so a retry after a crash reuses it. */
    saveToken(purchaseId: number, token: string): void {
      db.prepare("UPDATE deliveries SET token = ? WHERE purchase_id = ? AND network = 'syndicate'").run(token, purchaseId);
    },

    delivered(purchaseId: number, network: Network, commission?: { cents: number; currency: string }): void {
      db.prepare(`UPDATE deliveries SET status = 'delivered', delivered_at = ?, lease_until = NULL, attempts = attempts + 1, last_error = NULL,
          commission_cents = ?, commission_currency = ? WHERE purchase_id = ? AND network = ?`)
        .run(now(), commission?.cents ?? null, commission?.currency ?? null, purchaseId, network);
    },

    retryLater(purchaseId: number, network: Network, error: string, nextAttemptAt: number): void {
      db.prepare('UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE purchase_id = ? AND network = ?')
        .run(nextAttemptAt, error, purchaseId, network);
    },

    dead(purchaseId: number, network: Network, reason: string): void {
      db.prepare("UPDATE deliveries SET status = 'dead', attempts = attempts + 1, lease_until = NULL, last_error = ? WHERE purchase_id = ? AND network = ?").run(reason, purchaseId, network);
    },

    deadLetters() {
      return db
        .prepare(`SELECT p.id AS purchaseId, p.order_id AS orderId, d.network, d.attempts, d.last_error AS reason, p.received_at AS receivedAt
          FROM deliveries d JOIN purchases p ON p.id = d.purchase_id WHERE d.status = 'dead' ORDER BY p.id`)
        .all() as Array<{ purchaseId: number; orderId: string; network: Network; attempts: number; reason: string; receivedAt: number }>;
    },

    /** Puts dead letters back in the queue (all, or one purchase's). */
    replay(purchaseId?: number): number {
      const result =
        purchaseId === undefined
          ? db.prepare("UPDATE deliveries SET status = 'pending', next_attempt_at = ?, last_error = NULL WHERE status = 'dead'").run(now())
          : db.prepare("UPDATE deliveries SET status = 'pending', next_attempt_at = ?, last_error = NULL WHERE status = 'dead' AND purchase_id = ?").run(now(), purchaseId);
      return Number(result.changes);
    },

    /** Delivery health for the dashboard: pending (never tried), retrying, delivered, dead. */
    health() {
      const row = db
        .prepare(`SELECT
            SUM(status = 'pending' AND attempts = 0) AS pending,
            SUM(status = 'pending' AND attempts > 0) AS retrying,
            SUM(status = 'delivered') AS delivered,
            SUM(status = 'dead') AS dead
          FROM deliveries`)
        .get() as Record<string, number | null>;
      return { pending: row.pending ?? 0, retrying: row.retrying ?? 0, delivered: row.delivered ?? 0, dead: row.dead ?? 0 };
    },

    /** Makes every waiting retry due now (tests, and the operator's "retry now"). */
    replayDueNow(): number {
      return Number(db.prepare("UPDATE deliveries SET next_attempt_at = ?, lease_until = NULL WHERE status = 'pending'").run(now()).changes);
    },

    nextDueAt(): number | undefined {
      const row = db.prepare("SELECT MIN(next_attempt_at) AS due FROM deliveries WHERE status = 'pending'").get() as { due: number | null };
      return row.due ?? undefined;
    },
  };
}

export type PurchaseLedger = ReturnType<typeof createPurchaseLedger>;
