import { randomBytes } from 'node:crypto';
import { createRedisClaims } from '../store/redis-delivery-claims.ts';
import { createOutboxWorker } from '../attribution/outbox-worker.ts';
import { createLineChannel } from '../channels/line/create-line-channel.ts';
import { createTelegramChannel } from '../channels/telegram/create-telegram-channel.ts';
import type { Network } from '../ledger/types.ts';
import { createClickRecorder } from '../links/click-recorder.ts';
import { createMetrics } from '../observability/metrics.ts';
import { createRedisWindows } from '../store/redis-window.ts';
import { type CoreServicesDeps, createCoreServices } from './create-core-services.ts';

export type ServicesDeps = Omit<CoreServicesDeps, 'metrics'>;

const FLUSH_PENDING_CLICKS_MS = 30_000;

/**
 * Every collaborator of the HTTP bot: the core's services, metrics, chat limits, clicks, the outbox and the
 * channels that hold state (Telegram, LINE). Builds, starts nothing: `start()` begins the background work
 * (the caller's choice: main.ts calls it, tests start only what they exercise).
 */
export function createServices(deps: ServicesDeps) {
  const { config, networks, log, redis } = deps;
  const metrics = createMetrics();
  const base = createCoreServices({ ...deps, metrics });
  const { core, stores, agentclick, syndicate, store, analytics } = base;
  // With Redis, a visitor's chat, voice, Telegram and click limits hold however many instances serve them.
  const windows = redis ? createRedisWindows(redis, { prefix: config.REDIS_PREFIX, log }) : undefined;
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? createTelegramChannel({
        core,
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
        publicBaseUrl: config.publicBaseUrl,
        historyTtlDays: config.HISTORY_TTL_DAYS,
        kv: stores.telegram,
        log,
        windows,
      })
    : undefined;
  const pendingClicks = store.pendingClicks;
  const clicks = createClickRecorder({
    client: agentclick,
    kv: stores.clicks,
    pending: pendingClicks,
    leaseMs: config.DELIVERY_LEASE_MS,
    log,
    ipSalt: config.IP_HASH_SALT ?? randomBytes(32).toString('hex'),
    publicBaseUrl: config.publicBaseUrl,
    syndicate,
    syndicateCodeFor: networks.syndicateCodeFor,
    analytics,
    windows,
  });
  const ledger = store.purchases;
  const outbox = createOutboxWorker({
    ledger,
    agentclick,
    syndicate,
    log,
    leaseMs: config.DELIVERY_LEASE_MS,
    // A shared ledger leases each delivery to one instance; separate SQLite ledgers need Redis claims for that.
    ...(redis && !ledger.shared ? { claims: createRedisClaims(redis, { prefix: config.REDIS_PREFIX }) } : {}),
    onCommission: (purchase, commission) => void base.dashboard.commissionEarned(purchase, commission),
  });
  const line =
    config.LINE_CHANNEL_SECRET && config.LINE_CHANNEL_ACCESS_TOKEN
      ? createLineChannel({
          core,
          channelSecret: config.LINE_CHANNEL_SECRET,
          accessToken: config.LINE_CHANNEL_ACCESS_TOKEN,
          apiRoot: config.LINE_API_ROOT,
          log,
          kv: stores.line,
          windows,
          historyTtlDays: config.HISTORY_TTL_DAYS,
        })
      : undefined;
  const deliverTo: Network[] = syndicate ? ['agentclick', 'syndicate'] : ['agentclick'];
  metrics.setSources({ budgetRemaining: () => agentclick.budgetRemaining(), outbox: () => ledger.health(), pendingClicks: () => clicks.pendingCount() });

  let flushTimer: ReturnType<typeof setInterval> | undefined;
  return {
    ...base,
    metrics,
    windows,
    telegram,
    line,
    clicks,
    pendingClicks,
    ledger,
    outbox,
    deliverTo,
    /** Background work: the core's (store purge, counters, partnerships), the outbox and the retry of queued clicks. */
    start(): void {
      base.start();
      outbox.start();
      // Clicks that could not be recorded at once (write budget spent, network down) are retried here.
      flushTimer ??= setInterval(() => void clicks.flushPending().catch((error: unknown) => log.warn({ err: error }, 'pending clicks not flushed')), FLUSH_PENDING_CLICKS_MS);
    },
    async close(): Promise<void> {
      clearInterval(flushTimer);
      await line?.stop();
      await outbox.stop();
      await base.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
