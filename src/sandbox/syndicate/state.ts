import { randomBytes, randomUUID } from 'node:crypto';
import { fingerprint } from '../../shared/secrets.ts';
import { SlidingWindow } from '../../shared/sliding-window.ts';
import { findPlan } from './plans.ts';

/**
 * Everything the Syndicate Links sandbox remembers. Keys are looked up by their fingerprint, so maps are
 * keyed by a hash rather than the secret, and a key's text is kept only where it must be handed out once.
 */
export interface SyndicateAccount {
  id: string;
}

export interface SyndicateClick {
  clickId: string;
  trackingCode: string;
  ipHash: string | undefined;
  at: number;
}

export interface AttributionRecord {
  eventId: string;
  affiliateId: string;
  programId: string;
  orderId: string;
  saleCents: number;
  commissionCents: number;
  currency: string;
  mppReference: string | undefined;
  acpTransactionToken: string | undefined;
  at: number;
}

export type AttributionOutcome = { ok: true; record: AttributionRecord } | { ok: false; reason: 'nonce_replay' | 'duplicate_order' };

export const NONCE_TTL_MS = 48 * 60 * 60 * 1000;
export const REFERRAL_DEDUP_MS = 60_000;
/** Sandbox choice (the spec names no number): 300 requests per minute per Bearer key. */
export const RATE_LIMIT_PER_MINUTE = 300;
/** Sandbox choice: a flat 10 % commission, rounded down to the cent (149.99 -> 14.99, as in the spec). */
export const COMMISSION_PERCENT = 10;

interface Balance {
  pending: number;
  paid: number;
}

export class SyndicateState {
  /** One program for the whole sandbox, stable across resets. */
  readonly programId = randomUUID();
  readonly rateLimit: SlidingWindow;
  readonly #now: () => number;
  readonly #accounts = new Map<string, SyndicateAccount>(); // account key fingerprint -> account
  readonly #agents = new Map<string, SyndicateAccount>(); // agent key fingerprint -> its account
  #clicks: SyndicateClick[] = [];
  #recentClicks = new Map<string, SyndicateClick>(); // account|trackingCode|ipHash -> first click in the window
  #nonces = new Map<string, Map<string, number>>(); // agent fp -> nonce -> expires at
  #orders = new Map<string, AttributionRecord>(); // agent fp|orderId -> record
  #balances = new Map<string, Map<string, Balance>>(); // agent fp -> currency -> cents
  #checkouts = new Map<string, { planId: string; accountId: string; at: number }>();

  constructor({ now = Date.now }: { now?: () => number } = {}) {
    this.#now = now;
    this.rateLimit = new SlidingWindow({ limit: RATE_LIMIT_PER_MINUTE, windowMs: 60_000, now });
  }

  createAccount(): { account_key: string } {
    const accountKey = `ak_live_${randomBytes(16).toString('hex')}`;
    this.#accounts.set(fingerprint(accountKey), { id: randomUUID() });
    return { account_key: accountKey };
  }

  accountByKey(accountKey: string): SyndicateAccount | undefined {
    return this.#accounts.get(fingerprint(accountKey));
  }

  accountByAgentKey(agentKey: string): SyndicateAccount | undefined {
    return this.#agents.get(fingerprint(agentKey));
  }

  issueAgentKey(account: SyndicateAccount): string {
    const agentKey = `aff_agent_${randomBytes(12).toString('hex')}`;
    this.#agents.set(fingerprint(agentKey), account);
    return agentKey;
  }

  /** Records a click unless the same ipHash followed the same tracking code of this account in the last 60 s. */
  trackReferral(account: SyndicateAccount, trackingCode: string, ipHash: string | undefined): { click: SyndicateClick; duplicate: boolean } {
    const now = this.#now();
    pruneOldest(this.#recentClicks, (click) => now - click.at >= REFERRAL_DEDUP_MS);
    const dedupKey = ipHash === undefined ? undefined : JSON.stringify([account.id, trackingCode, ipHash]);
    const first = dedupKey === undefined ? undefined : this.#recentClicks.get(dedupKey);
    if (first && now - first.at < REFERRAL_DEDUP_MS) return { click: first, duplicate: true };
    const click: SyndicateClick = { clickId: randomUUID(), trackingCode, ipHash, at: now };
    this.#clicks.push(click);
    if (dedupKey !== undefined) this.#recentClicks.set(dedupKey, click);
    return { click, duplicate: false };
  }

  clicks(): readonly SyndicateClick[] {
    return this.#clicks;
  }

  /** Checks the nonce (48 h per agent key) and the order (once per agent key), then records the event and its commission. */
  recordAttribution(input: {
    agentKey: string;
    nonce: string;
    orderId: string;
    saleCents: number;
    currency: string;
    mppReference?: string;
    acpTransactionToken?: string;
  }): AttributionOutcome {
    const now = this.#now();
    const agent = fingerprint(input.agentKey);
    const account = this.#agents.get(agent);
    if (!account) throw new Error('recordAttribution needs an issued agent key');
    const nonces = this.#liveNonces(agent, now);
    if (nonces.has(input.nonce)) return { ok: false, reason: 'nonce_replay' };
    const orderKey = JSON.stringify([agent, input.orderId]);
    if (this.#orders.has(orderKey)) return { ok: false, reason: 'duplicate_order' };

    const record: AttributionRecord = {
      eventId: randomUUID(),
      affiliateId: account.id,
      programId: this.programId,
      orderId: input.orderId,
      saleCents: input.saleCents,
      commissionCents: Math.floor((input.saleCents * COMMISSION_PERCENT) / 100),
      currency: input.currency,
      mppReference: input.mppReference,
      acpTransactionToken: input.acpTransactionToken,
      at: now,
    };
    nonces.set(input.nonce, now + NONCE_TTL_MS);
    this.#nonces.set(agent, nonces);
    this.#orders.set(orderKey, record);
    // New commission is pending until a payout, which the sandbox never makes.
    this.#balance(agent, input.currency).pending += record.commissionCents;
    return { ok: true, record };
  }

  /** Commission in integer cents for one agent key and currency. */
  commission(agentKey: string, currency: string): Balance {
    const balance = this.#balances.get(fingerprint(agentKey))?.get(currency);
    return { pending: balance?.pending ?? 0, paid: balance?.paid ?? 0 };
  }

  /** Opens an MPP checkout session; undefined when the plan does not exist. */
  openCheckout(account: SyndicateAccount, planId: string): { sessionId: string } | undefined {
    if (!findPlan(planId)) return undefined;
    const sessionId = `cs_test_${randomBytes(12).toString('hex')}`;
    this.#checkouts.set(sessionId, { planId, accountId: account.id, at: this.#now() });
    return { sessionId };
  }

  checkout(sessionId: string): { planId: string } | undefined {
    return this.#checkouts.get(sessionId);
  }

  /** Clears everything except accounts and their agent keys. */
  reset(): void {
    this.#clicks = [];
    this.#recentClicks = new Map();
    this.#nonces = new Map();
    this.#orders = new Map();
    this.#balances = new Map();
    this.#checkouts = new Map();
    this.rateLimit.clear();
  }

  #liveNonces(agent: string, now: number): Map<string, number> {
    const nonces = this.#nonces.get(agent) ?? new Map<string, number>();
    pruneOldest(nonces, (expiresAt) => expiresAt <= now);
    return nonces;
  }

  #balance(agent: string, currency: string): Balance {
    const byCurrency = this.#balances.get(agent) ?? new Map<string, Balance>();
    this.#balances.set(agent, byCurrency);
    const balance = byCurrency.get(currency) ?? { pending: 0, paid: 0 };
    byCurrency.set(currency, balance);
    return balance;
  }
}

/** Maps keep insertion order and entries are added as time goes on, so the stale ones are all at the front. */
function pruneOldest<V>(map: Map<string, V>, stale: (value: V) => boolean): void {
  for (const [key, value] of map) {
    if (!stale(value)) return;
    map.delete(key);
  }
}
