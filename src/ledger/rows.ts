import type { FigureRow } from '../analytics/figures.ts';
import type { Channel } from '../core/types.ts';
import type { DeliveryHealth, DeliveryJob, Network, PendingClick, Purchase } from './types.ts';

/** Column names both engines share: rows from either map to the same objects here. */
export interface PurchaseRow {
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

export type JobRow = PurchaseRow & { network: Network; attempts: number; token: string | null };

export interface PendingClickRow {
  id: number;
  link_id: string;
  partnership_id: number;
  context: string;
  user_agent: string | null;
  clicked_at: number;
  attempts: number;
}

export const toPurchase = (row: PurchaseRow): Purchase => ({
  id: Number(row.id),
  orderId: row.order_id,
  linkId: row.link_id,
  clickId: row.click_id ?? undefined,
  programId: Number(row.program_id),
  partnershipId: Number(row.partnership_id),
  trackingCode: row.tracking_code ?? undefined,
  sessionId: row.session_id,
  channel: row.channel as Channel,
  amountCents: Number(row.amount_cents),
  currency: row.currency,
  receivedAt: Number(row.received_at),
});

export const toJob = (row: JobRow): DeliveryJob => ({ purchase: toPurchase(row), network: row.network, attempts: Number(row.attempts), token: row.token ?? undefined });

export const toPendingClick = (row: PendingClickRow): PendingClick => ({
  id: Number(row.id),
  linkId: row.link_id,
  partnershipId: Number(row.partnership_id),
  context: row.context,
  userAgent: row.user_agent ?? undefined,
  clickedAt: Number(row.clicked_at),
  attempts: Number(row.attempts),
});

export const toHealth = (row: Record<string, number | string | null> | undefined): DeliveryHealth => ({
  pending: Number(row?.pending ?? 0),
  retrying: Number(row?.retrying ?? 0),
  delivered: Number(row?.delivered ?? 0),
  dead: Number(row?.dead ?? 0),
});

/** The longest error text kept with a delivery or a click. */
export const ERROR_LIMIT = 500;

/** Dead-letter and health queries are plain SQL both engines accept. */
export const HEALTH_SQL = `SELECT
    COUNT(*) FILTER (WHERE status = 'pending' AND attempts = 0) AS pending,
    COUNT(*) FILTER (WHERE status = 'pending' AND attempts > 0) AS retrying,
    COUNT(*) FILTER (WHERE status = 'delivered') AS delivered,
    COUNT(*) FILTER (WHERE status = 'dead') AS dead
  FROM deliveries`;

export const DEAD_LETTERS_SQL = `SELECT p.id AS "purchaseId", p.order_id AS "orderId", d.network, d.attempts, d.last_error AS reason, p.received_at AS "receivedAt"
  FROM deliveries d JOIN purchases p ON p.id = d.purchase_id WHERE d.status = 'dead' ORDER BY p.id`;

/** Purchases and commission per day, channel and program, as both engines group them. */
export interface PurchaseFigure {
  day: string;
  channel: string;
  programId: number;
  purchases: number;
  jpy: number | null;
  usd: number | null;
}

/** Purchase and commission rows from the grouped ledger query (shared with PostgreSQL). */
export function purchaseFigures(grouped: readonly PurchaseFigure[]): FigureRow[] {
  const rows: FigureRow[] = [];
  for (const p of grouped) {
    const base = { day: p.day, channel: p.channel, programId: Number(p.programId) };
    rows.push({ ...base, metric: 'purchases', value: Number(p.purchases) });
    if (Number(p.jpy)) rows.push({ ...base, metric: 'commission_jpy', value: Number(p.jpy) });
    if (Number(p.usd)) rows.push({ ...base, metric: 'commission_usd', value: Number(p.usd) });
  }
  return rows;
}
