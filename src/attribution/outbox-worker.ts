import type { AgentClickClient } from '../agentclick/client.ts';
import { AgentClickError } from '../agentclick/errors.ts';
import type { Log } from '../log.ts';
import { type Clock, systemClock } from '../shared/clock.ts';
import { formatCents, toCents } from '../shared/money.ts';
import type { SyndicateClient } from '../syndicate/client.ts';
import { SyndicateError } from '../syndicate/errors.ts';
import { type DeliveryClaims, localClaims } from './delivery-claims.ts';
import { nextAttemptDelay } from './delivery-schedule.ts';
import type { DeliveryJob, Purchase, PurchaseLedger } from '../ledger/types.ts';

type Outcome = { kind: 'delivered'; commission?: { cents: number; currency: string } } | { kind: 'retry'; error: string } | { kind: 'dead'; reason: string };

export interface OutboxWorkerOptions {
  ledger: PurchaseLedger;
  agentclick: AgentClickClient;
  syndicate?: SyndicateClient;
  log: Log;
  /** When the next pass runs; tests pass a fake one. */
  clock?: Clock;
  /** The time retries are scheduled from: the clock's by default. */
  now?: () => number;
  random?: () => number;
  /** How long a claimed delivery is ours before another worker may take it (a crash mid-send). */
  leaseMs?: number;
  pollMs?: number;
  /** Shared claims when several instances on SQLite deliver (Redis); a single instance, or a shared ledger, needs none. */
  claims?: DeliveryClaims;
  /** This instance delivered a purchase and the network reported a commission (for shared figures). */
  onCommission?: (purchase: Purchase, commission: { cents: number; currency: string }) => void;
}

function failure(error: unknown): Outcome {
  if (AgentClickError.isInstance(error) || SyndicateError.isInstance(error)) {
    const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
    const message = `${error.code}${status}: ${error.message}`;
    return error.retryable ? { kind: 'retry', error: message } : { kind: 'dead', reason: message };
  }
  return { kind: 'retry', error: error instanceof Error ? error.message : String(error) };
}

/**
 * Delivers each stored purchase to both networks: AgentClick `agent.record_conversion` and Syndicate
 * Links `agent-attribution`. 409 counts as delivered; 429, 5xx, timeouts and resets are retried on a
 * schedule; 400/401/403/404 go to the dead letters with their reason.
 */
export function createOutboxWorker({ ledger, agentclick, syndicate, log, clock = systemClock, now = () => clock.now(), random = Math.random, leaseMs = 30_000, pollMs = 1_000, claims = localClaims, onCommission }: OutboxWorkerOptions) {
  async function toAgentClick({ purchase }: DeliveryJob): Promise<Outcome> {
    if (!purchase.trackingCode) return { kind: 'dead', reason: 'the link has no tracking code' };
    try {
      const result = await agentclick.recordConversion({
        tracking_code: purchase.trackingCode,
        order_id: purchase.orderId,
        // AgentClick amounts are whole yen; other currencies are recorded without an amount.
        ...(purchase.currency === 'JPY' ? { amount: Math.round(purchase.amountCents / 100) } : {}),
      });
      const reward = result.status === 'recorded' ? result.conversion.reward_amount : undefined;
      return { kind: 'delivered', ...(typeof reward === 'number' ? { commission: { cents: Math.round(reward * 100), currency: 'JPY' } } : {}) };
    } catch (error) {
      return failure(error);
    }
  }

  async function toSyndicate(job: DeliveryJob): Promise<Outcome> {
    if (!syndicate) return { kind: 'dead', reason: 'Syndicate Links is not configured' };
    const { purchase } = job;
    try {
      const token = syndicate.attributionToken(purchase.orderId, job.token);
      if (token !== job.token) await ledger.saveToken(purchase.id, token);
      const result = await syndicate.recordAttribution({ orderId: purchase.orderId, saleAmount: formatCents(purchase.amountCents), currency: purchase.currency, token });
      if (result.status === 'duplicate') return { kind: 'delivered' };
      return { kind: 'delivered', commission: { cents: toCents(result.event.commissionAmount), currency: purchase.currency } };
    } catch (error) {
      return failure(error);
    }
  }

  async function deliver(job: DeliveryJob): Promise<void> {
    const where = { orderId: job.purchase.orderId, network: job.network, attempt: job.attempts + 1 };
    const claim = await claims.claim(job.purchase.orderId, job.network, leaseMs).catch(() => 'busy' as const);
    if (claim === 'delivered') {
      await ledger.delivered(job.purchase.id, job.network);
      log.info(where, 'purchase already delivered by another instance');
      return;
    }
    if (claim === 'busy') {
      await ledger.retryLater(job.purchase.id, job.network, 'another instance is delivering it', now() + 5_000);
      return;
    }
    const outcome = job.network === 'agentclick' ? await toAgentClick(job) : await toSyndicate(job);
    if (outcome.kind === 'delivered') await claims.delivered(job.purchase.orderId, job.network).catch((error: unknown) => log.warn({ err: error }, 'delivery mark not shared'));
    else await claims.release(job.purchase.orderId, job.network).catch(() => undefined);
    if (outcome.kind === 'delivered') {
      await ledger.delivered(job.purchase.id, job.network, outcome.commission);
      if (outcome.commission) onCommission?.(job.purchase, outcome.commission);
      log.info(where, 'purchase delivered');
    } else if (outcome.kind === 'retry') {
      await ledger.retryLater(job.purchase.id, job.network, outcome.error, now() + nextAttemptDelay(job.attempts + 1, random));
      log.warn({ ...where, error: outcome.error }, 'delivery failed; will retry');
    } else {
      await ledger.dead(job.purchase.id, job.network, outcome.reason);
      log.error({ ...where, reason: outcome.reason }, 'delivery refused; moved to dead letters');
    }
  }

  /** Cancels the pass waiting for its time. */
  let cancel: (() => void) | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  let closing = false;

  /** Delivers everything due now; returns how many deliveries were attempted. */
  async function runOnce(): Promise<number> {
    let attempted = 0;
    // After stop(), the batch in flight finishes and nothing more is taken (a long queue is left to the next start).
    while (!closing) {
      const jobs = await ledger.claimDue(20, leaseMs);
      if (jobs.length === 0) return attempted;
      await Promise.all(jobs.map(deliver));
      attempted += jobs.length;
    }
    return attempted;
  }

  function schedule(delay: number) {
    if (stopped) return;
    cancel?.();
    // A timeout signal, not a sleep: like an unref'd timer, a waiting pass does not keep the process alive.
    const due = clock.timeout(delay);
    const onDue = () => void tick();
    due.addEventListener('abort', onDue, { once: true });
    cancel = () => due.removeEventListener('abort', onDue);
  }

  async function tick() {
    if (running) return;
    running = runOnce().catch((error: unknown) => {
      log.error({ err: error }, 'outbox run failed');
      return 0;
    });
    await running;
    running = undefined;
    const due = await ledger.nextDueAt().catch((error: unknown) => {
      log.warn({ err: error }, 'outbox: next due time unknown');
      return undefined;
    });
    schedule(due === undefined ? pollMs : Math.min(pollMs, Math.max(0, due - now())));
  }

  return {
    runOnce,
    start() {
      stopped = false;
      schedule(0);
    },
    /** A new purchase arrived: try it at once. */
    wake() {
      schedule(0);
    },
    /** Stops taking work and waits for the deliveries in flight. */
    async stop() {
      stopped = true;
      closing = true;
      cancel?.();
      await running;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
