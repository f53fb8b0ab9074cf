import type { PartnershipStore } from '../partnerships/partnership-store.ts';
import type { Channel } from '../core/types.ts';
import type { FigureRow } from '../analytics/figures.ts';

/**
 * The ledger: the bot's money data and the work that must not be lost. One interface, two engines:
 * SQLite in DATA_DIR (one instance, the embedded default) and PostgreSQL (DATABASE_URL, any number of
 * instances). Every method is async so both engines fit behind it; the contract tests in
 * test/ledger/ledger-contract.test.ts run the same suite against each.
 */
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

export interface DeadLetter {
  purchaseId: number;
  orderId: string;
  network: Network;
  attempts: number;
  reason: string;
  receivedAt: number;
}

/** pending: never tried yet; retrying: tried and waiting for its next attempt. */
export interface DeliveryHealth {
  pending: number;
  retrying: number;
  delivered: number;
  dead: number;
}

export interface Commission {
  cents: number;
  currency: string;
}

/**
 * Purchases and their delivery to each network. A purchase and its pending deliveries are stored in one
 * transaction, de-duplicated by order id, before anyone is told "accepted". Deliveries are taken with a
 * lease: whoever holds it sends; when it runs out (the holder died), anyone may take it again. A
 * delivery that is delivered or dead no longer changes when a late holder reports on it.
 */
export interface PurchaseLedger {
  /** True when every instance reads and writes this same ledger (PostgreSQL). */
  readonly shared: boolean;
  /** Stores a purchase once; a repeated order id returns the first one and `created: false`. */
  accept(input: NewPurchase, networks?: readonly Network[]): Promise<{ created: boolean; purchase: Purchase }>;
  /** Leases up to `limit` due deliveries for `leaseMs`; nobody else gets them until then. */
  claimDue(limit: number, leaseMs: number): Promise<DeliveryJob[]>;
  /** Remembers the attribution token before it is sent, so a retry (anywhere) reuses its nonce. */
  saveToken(purchaseId: number, token: string): Promise<void>;
  delivered(purchaseId: number, network: Network, commission?: Commission): Promise<void>;
  retryLater(purchaseId: number, network: Network, error: string, nextAttemptAt: number): Promise<void>;
  dead(purchaseId: number, network: Network, reason: string): Promise<void>;
  deadLetters(): Promise<DeadLetter[]>;
  /** Puts dead letters back in the queue (all, or one purchase's); returns how many. */
  replay(purchaseId?: number): Promise<number>;
  health(): Promise<DeliveryHealth>;
  /**
   * The operator's "retry now" (`npm run outbox -- retry`, after an outage ends): every waiting retry
   * becomes due; leases still hold. Not for tests: they advance the ledger's injected clock.
   */
  retryWaitingNow(): Promise<number>;
  /** When the next delivery may be taken (due and not leased), if any is waiting. */
  nextDueAt(): Promise<number | undefined>;
}

export interface PendingClick {
  id: number;
  linkId: string;
  partnershipId: number;
  context: string;
  userAgent: string | undefined;
  clickedAt: number;
  attempts: number;
}

export type NewPendingClick = Omit<PendingClick, 'id' | 'attempts'>;

/**
 * Clicks the network could not take at once (write budget spent, network down). Taken with a lease like
 * deliveries, so with a shared ledger any instance records any queued click, and only one at a time.
 */
export interface PendingClicks {
  add(click: NewPendingClick): Promise<void>;
  /** Leases up to `limit` due clicks, oldest first. */
  take(limit: number, leaseMs: number): Promise<PendingClick[]>;
  /** Recorded at last, or refused by the network for good (say, the partnership ended). */
  remove(id: number): Promise<void>;
  retryLater(id: number, at: number, error: string): Promise<void>;
  /** Gives leased clicks back untried (a pass stopped early). */
  release(ids: readonly number[]): Promise<void>;
  count(): Promise<number>;
}

/**
 * The dashboard's figures kept in the ledger: turn-side counters added in batches, read back together
 * with purchases and commission (what the networks reported for each delivered purchase).
 */
export interface FigureStore {
  readonly shared: boolean;
  add(rows: readonly FigureRow[]): Promise<void>;
  /** Every figure row from `since` (YYYY-MM-DD, UTC) on. */
  rows(since: string): Promise<FigureRow[]>;
}

/**
 * Adding a store to the ledger (say, partnership applications): declare its interface here, implement it
 * in sqlite/ and postgres/ (one file each), add a schema step to both migration lists (never edit a
 * shipped step), add it as a member below, build it in both open-*-ledger.ts, and add its cases to the
 * contract suite so both engines pass the same tests.
 */
export interface Ledger {
  readonly kind: 'sqlite' | 'postgres';
  purchases: PurchaseLedger;
  pendingClicks: PendingClicks;
  figures: FigureStore;
  /** Partnership applications (the partnership manager's durable state). */
  partnerships: PartnershipStore;
  close(): Promise<void>;
}

export const dayStartMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
