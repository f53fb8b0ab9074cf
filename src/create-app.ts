import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { Tracer } from '@opentelemetry/api';
import type { LanguageModel } from 'ai';
import { createAgentClickClient } from './agentclick/client.ts';
import { createCatalog } from './catalog/catalog.ts';
import { createAdminRoutes } from './admin/routes.ts';
import { createOutboxWorker } from './attribution/outbox-worker.ts';
import { createPostbackRoutes } from './attribution/postback-routes.ts';
import { createRedisFigures } from './analytics/redis-figures.ts';
import { createLedgerFigures } from './analytics/ledger-figures.ts';
import { bothAnalytics, createMetrics } from './observability/metrics.ts';
import { createHealthRoutes } from './observability/health-routes.ts';
import { createMetricsRoutes } from './observability/metrics-routes.ts';
import { httpSpan } from './observability/http-span.ts';
import { openSqliteLedger } from './ledger/sqlite/open-sqlite-ledger.ts';
import type { Ledger, Network } from './ledger/types.ts';
import { createRedisClaims } from './attribution/delivery-claims.ts';
import { createRedisBudget } from './store/redis-budget.ts';
import { createRedisWindows } from './store/redis-window.ts';
import { createTieredCache } from './store/tiered-cache.ts';
import type { RedisClient } from './store/redis-client.ts';
import { createTelegramChannel } from './channels/telegram/create-telegram-bot.ts';
import { createVoiceRoutes } from './channels/voice/create-voice-routes.ts';
import { createMcpRoutes } from './channels/mcp/routes.ts';
import { createLineChannel } from './channels/line/create-line-channel.ts';
import type { ToolDeps } from './core/tools/index.ts';
import { createChatRoutes } from './channels/web/chat-routes.ts';
import { createWidgetRoutes } from './channels/web/widget/routes.ts';
import type { Config } from './config.ts';
import { createCore } from './core/create-core.ts';
import { createHistory } from './core/history.ts';
import { loadPrompts } from './core/prompts.ts';
import { jsonError } from './http/errors.ts';
import { createClickRecorder } from './links/click-recorder.ts';
import { createClickRoutes } from './links/click-routes.ts';
import { createLinkStore } from './links/link-store.ts';
import { createPartnershipManager } from './partnerships/partnership-manager.ts';
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
  /** The ledger, opened (and migrated) by the caller: PostgreSQL when DATABASE_URL is set. Default: SQLite in DATA_DIR. */
  ledger?: Ledger;
  fetch?: typeof fetch;
  /** Set when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT): spans for each request and each network call. */
  tracer?: Tracer;
}

/** Builds the whole bot from its configuration: stores, clients, core, channels, one Hono app. No process work here. */
export function createApp({ config, networks, model, log, postbackSecrets = [], redis, ledger: givenLedger, fetch: fetchImpl, tracer }: AppDeps) {
  const metrics = createMetrics();
  const stores = createStores({ dataDir: config.DATA_DIR, redisUrl: config.REDIS_URL, redisPrefix: config.REDIS_PREFIX, log });
  const agentclick = createAgentClickClient({
    baseUrl: networks.agentclickUrl,
    apiKey: networks.agentclickKey,
    fetch: fetchImpl,
    ...(redis ? { budget: createRedisBudget(redis, { prefix: config.REDIS_PREFIX }) } : {}),
    onResult: (action, outcome) => metrics.networkCall('agentclick', action, outcome),
    tracer,
  });
  const syndicate =
    networks.syndicateUrl && networks.syndicateAgentKey
      ? createSyndicateClient({ baseUrl: networks.syndicateUrl, agentKey: networks.syndicateAgentKey, accountKey: networks.syndicateAccountKey, fetch: fetchImpl, tracer })
      : undefined;
  const catalog = createCatalog({ client: agentclick, kv: stores.catalog, log });
  const store = givenLedger ?? openSqliteLedger(config.DATA_DIR);
  // Applications live in the ledger, so a restart never applies twice; the app's start path runs its background passes.
  const partnerships = createPartnershipManager({ client: agentclick, catalog, store: store.partnerships, log });
  // The figures live in the ledger: shared by every instance with PostgreSQL; with a SQLite ledger,
  // Redis (when set) shares them between instances, else they are this instance's.
  const dashboard = redis && !store.purchases.shared ? createRedisFigures(redis, { prefix: config.REDIS_PREFIX, log }) : createLedgerFigures(store.figures, { log });
  const analytics = bothAnalytics(dashboard.analytics, metrics.analytics);
  const ttlMs = config.HISTORY_TTL_DAYS * 86_400_000;
  // With SQLite this process is the only writer and serves /r itself: links are written in batches, like history.
  const links = createLinkStore({ kv: stores.links, ttlMs, log, writeBehindMs: stores.kind === 'sqlite' ? 500 : undefined });
  // With SQLite this process is the only writer, so history stays hot in memory and is written in batches.
  const history = createHistory({ kv: stores.sessions, ttlMs, log, writeBehindMs: stores.kind === 'sqlite' ? 500 : undefined });
  const toolDeps: ToolDeps = { agentclick, catalog, partnerships, links, cache: createTieredCache({ kv: stores.catalog }), publicBaseUrl: config.publicBaseUrl, log, analytics };
  const core = createCore({
    model,
    history,
    prompts: loadPrompts(),
    tools: toolDeps,
    log,
    analytics,
    observe: metrics,
    publicBaseUrl: config.publicBaseUrl,
    // Visitors' words reach the trace collector only when the operator asks for it.
    telemetry: { functionId: 'turn', recordInputs: config.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT, recordOutputs: config.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT },
  });
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
    onCommission: (purchase, commission) => void dashboard.commissionEarned(purchase, commission),
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

  const app = new Hono();
  metrics.setSources({ budgetRemaining: () => agentclick.budgetRemaining(), outbox: () => ledger.health(), pendingClicks: () => clicks.pendingCount() });
  app.route('/', createHealthRoutes({ ready: () => catalog.programs() }));
  app.route('/', createMetricsRoutes({ metrics, adminToken: config.ADMIN_TOKEN }));
  // Before every other route, so its work (and every log line of it) happens inside the request's span;
  // after the probes and the scrape, which would otherwise flood the traces every few seconds.
  if (tracer) app.use('*', httpSpan({ tracer, log }));
  app.route('/api', createChatRoutes({ core, allowedOrigins: config.ALLOWED_ORIGINS, trustProxy: config.TRUST_PROXY, windows }));
  app.route('/r', createClickRoutes({ links, clicks, log, trustProxy: config.TRUST_PROXY, windows }));
  app.route(
    '/',
    createVoiceRoutes({ core, log, voiceApiKey: config.VOICE_API_KEY, openWithoutKey: config.demo, alexaSkillId: config.ALEXA_SKILL_ID, deadlineMs: config.VOICE_DEADLINE_MS, kv: stores.voice, windows }),
  );
  if (telegram) app.route('/telegram', telegram.routes);
  // Other AI agents: off (a 404 like any unknown route) until the operator sets a key.
  if (config.MCP_API_KEY) app.route('/mcp', createMcpRoutes({ apiKey: config.MCP_API_KEY, tools: toolDeps, log, windows }));
  if (line) app.route('/line', line.routes);
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
      kv: stores.admin,
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
    line,
    metrics,
    store,
    figures: dashboard.source,
    async close() {
      await line?.stop();
      await partnerships.stop();
      await outbox.stop();
      await history.flush();
      await links.flush();
      await dashboard.close();
      await stores.close();
      await store.close();
    },
  };
}

export type App = ReturnType<typeof createApp>;
