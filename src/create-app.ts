import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { LanguageModel } from 'ai';
import { createAgentClickClient } from './agentclick/client.ts';
import { createCatalog } from './catalog/catalog.ts';
import { createAdminRoutes } from './admin/routes.ts';
import { createOutboxWorker } from './attribution/outbox-worker.ts';
import { createPostbackRoutes } from './attribution/postback-routes.ts';
import { type Network, createPurchaseLedger } from './attribution/purchase-ledger.ts';
import { createRedisFigures } from './analytics/redis-figures.ts';
import { createSqliteFigures } from './analytics/sqlite-figures.ts';
import { bothAnalytics, createMetrics } from './observability/metrics.ts';
import { openDatabase } from './db/open-database.ts';
import { createRedisClaims } from './attribution/delivery-claims.ts';
import { createRedisBudget } from './store/redis-budget.ts';
import { createRedisWindows } from './store/redis-window.ts';
import { createTieredCache } from './store/tiered-cache.ts';
import type { RedisClient } from './store/redis-client.ts';
import { createTelegramChannel } from './channels/telegram/create-telegram-bot.ts';
import { createVoiceRoutes } from './channels/voice/create-voice-routes.ts';
import { createChatRoutes } from './channels/web/chat-routes.ts';
import { createWidgetRoutes } from './channels/web/widget/routes.ts';
import type { Config } from './config.ts';
import { createCore } from './core/create-core.ts';
import { createHistory } from './core/history.ts';
import { loadPrompts } from './core/prompts.ts';
import { jsonError } from './http/errors.ts';
import { safeEqual } from './shared/secrets.ts';
import { createClickRecorder } from './links/click-recorder.ts';
import { createClickRoutes } from './links/click-routes.ts';
import { createLinkStore } from './links/link-store.ts';
import { createPendingClicks } from './links/pending-clicks.ts';
import { createPartnershipManager } from './partnerships/partnership-manager.ts';
import { createSqlitePartnershipStore } from './partnerships/sqlite-partnership-store.ts';
import type { Log } from './log.ts';
import { createStores } from './store/create-stores.ts';
import { createSyndicateClient } from './syndicate/client.ts';

export interface Networks {
  agentclickUrl: string;
  agentclickKey: string;
  syndicateUrl: string | undefined;
  syndicateAgentKey: string | undefined;
  /** Account key: starts MPP plan checkouts from the dashboard. */
  syndicateAccountKey?: string;
  /** Syndicate tracking code of a program, when the operator has one. */
  syndicateCodeFor: (programId: number) => string | undefined;
  /** Where the demo's sandbox lives, for the demo page. */
  sandboxUrl?: string;
}

export interface AppDeps {
  config: Config;
  networks: Networks;
  model: LanguageModel;
  log: Log;
  /** Secrets purchase postbacks may be signed with (current first). */
  postbackSecrets?: string[];
  /** Shared Redis connection (REDIS_URL): the API budget and delivery claims span every instance. */
  redis?: RedisClient;
  fetch?: typeof fetch;
}

/** Builds the whole bot from its configuration: stores, clients, core, channels, one Hono app. No process work here. */
export function createApp({ config, networks, model, log, postbackSecrets = [], redis, fetch: fetchImpl }: AppDeps) {
  const metrics = createMetrics();
  const stores = createStores({ dataDir: config.DATA_DIR, redisUrl: config.REDIS_URL, redisPrefix: config.REDIS_PREFIX, log });
  const agentclick = createAgentClickClient({
    baseUrl: networks.agentclickUrl,
    apiKey: networks.agentclickKey,
    fetch: fetchImpl,
    ...(redis ? { budget: createRedisBudget(redis, { prefix: config.REDIS_PREFIX }) } : {}),
    onResult: (action, outcome) => metrics.networkCall('agentclick', action, outcome),
  });
  const syndicate =
    networks.syndicateUrl && networks.syndicateAgentKey
      ? createSyndicateClient({ baseUrl: networks.syndicateUrl, agentKey: networks.syndicateAgentKey, accountKey: networks.syndicateAccountKey, fetch: fetchImpl })
      : undefined;
  const catalog = createCatalog({ client: agentclick, kv: stores.catalog, log });
  const db = openDatabase(config.DATA_DIR);
  // Applications live in the ledger, so a restart never applies twice; the app's start path runs its background passes.
  const partnerships = createPartnershipManager({ client: agentclick, catalog, store: createSqlitePartnershipStore(db), log });
  // With Redis the dashboard's figures are shared by every instance; alone, they live in this SQLite file.
  const dashboard = redis ? createRedisFigures(redis, { prefix: config.REDIS_PREFIX, log }) : createSqliteFigures(db, { log });
  const analytics = bothAnalytics(dashboard.analytics, metrics.analytics);
  const ttlMs = config.HISTORY_TTL_DAYS * 86_400_000;
  // With SQLite this process is the only writer and serves /r itself: links are written in batches, like history.
  const links = createLinkStore({ kv: stores.links, ttlMs, log, writeBehindMs: stores.kind === 'sqlite' ? 500 : undefined });
  // With SQLite this process is the only writer, so history stays hot in memory and is written in batches.
  const history = createHistory({ kv: stores.sessions, ttlMs, log, writeBehindMs: stores.kind === 'sqlite' ? 500 : undefined });
  const core = createCore({
    model,
    history,
    prompts: loadPrompts(),
    tools: { agentclick, catalog, partnerships, links, cache: createTieredCache({ kv: stores.catalog }), publicBaseUrl: config.publicBaseUrl, log, analytics },
    log,
    analytics,
    observe: metrics,
    publicBaseUrl: config.publicBaseUrl,
  });
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
      })
    : undefined;
  const pendingClicks = createPendingClicks(db);
  const clicks = createClickRecorder({
    client: agentclick,
    kv: stores.clicks,
    pending: pendingClicks,
    log,
    ipSalt: config.IP_HASH_SALT ?? randomBytes(32).toString('hex'),
    publicBaseUrl: config.publicBaseUrl,
    syndicate,
    syndicateCodeFor: networks.syndicateCodeFor,
    analytics,
  });

  const ledger = createPurchaseLedger(db);
  const outbox = createOutboxWorker({
    ledger,
    agentclick,
    syndicate,
    log,
    ...(redis ? { claims: createRedisClaims(redis, { prefix: config.REDIS_PREFIX }) } : {}),
    onCommission: (purchase, commission) => void dashboard.commissionEarned(purchase, commission),
  });
  // With Redis, a visitor's chat and voice limits hold however many instances serve them.
  const windows = redis ? createRedisWindows(redis, { prefix: config.REDIS_PREFIX, log }) : undefined;
  const deliverTo: Network[] = syndicate ? ['agentclick', 'syndicate'] : ['agentclick'];

  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  metrics.setSources({ budgetRemaining: () => agentclick.budgetRemaining(), outbox: () => ledger.health(), pendingClicks: () => clicks.pendingCount() });
  app.get('/metrics', async (c) => {
    // With ADMIN_TOKEN set, Prometheus scrapes with that bearer token: the figures are business data.
    if (config.ADMIN_TOKEN && !safeEqual(c.req.header('authorization') ?? '', `Bearer ${config.ADMIN_TOKEN}`)) {
      return jsonError(c, 401, 'unauthorized', 'Send Authorization: Bearer <ADMIN_TOKEN>.');
    }
    return c.text(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  });
  app.get('/readyz', async (c) => {
    try {
      await catalog.programs();
      return c.json({ status: 'ready' });
    } catch {
      return jsonError(c, 503, 'not_ready', 'The catalog could not be loaded yet.');
    }
  });
  app.route('/api', createChatRoutes({ core, allowedOrigins: config.ALLOWED_ORIGINS, trustProxy: config.TRUST_PROXY, windows }));
  app.route('/r', createClickRoutes({ links, clicks, log, trustProxy: config.TRUST_PROXY }));
  app.route(
    '/',
    createVoiceRoutes({ core, log, voiceApiKey: config.VOICE_API_KEY, alexaSkillId: config.ALEXA_SKILL_ID, deadlineMs: config.VOICE_DEADLINE_MS, kv: stores.voice, windows }),
  );
  if (telegram) app.route('/telegram', telegram.routes);
  app.route(
    '/postbacks',
    createPostbackRoutes({ ledger, links, linkIdForClick: (id) => clicks.linkIdForClick(id), secrets: postbackSecrets, networks: deliverTo, log, onAccepted: (purchase) => {
        metrics.purchase(purchase.channel);
        void dashboard.purchaseAccepted(purchase);
        outbox.wake();
      } }),
  );
  app.route(
    '/admin',
    createAdminRoutes({
      adminToken: config.ADMIN_TOKEN,
      figures: dashboard.source,
      ledger,
      agentclick,
      syndicate,
      catalog,
      partnerships,
      log,
      checkoutOrigins: networks.syndicateUrl ? [networks.syndicateUrl] : [],
      secureCookies: config.publicBaseUrl.startsWith('https:') ? true : undefined,
      trustProxy: config.TRUST_PROXY,
    }),
  );
  app.route('/', createWidgetRoutes({ sandboxUrl: networks.sandboxUrl }));
  app.notFound((c) => jsonError(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path}.`));
  app.onError((error, c) => {
    log.error({ err: error, path: c.req.path }, 'unhandled error');
    return jsonError(c, 500, 'internal_error', 'Something went wrong on our side.');
  });

  return {
    app,
    core,
    catalog,
    clicks,
    pendingClicks,
    stores,
    agentclick,
    syndicate,
    ledger,
    outbox,
    partnerships,
    telegram,
    metrics,
    db,
    figures: dashboard.source,
    async close() {
      await partnerships.stop();
      await outbox.stop();
      await history.flush();
      await links.flush();
      await dashboard.close();
      await stores.close();
      db.close();
    },
  };
}

export type App = ReturnType<typeof createApp>;
