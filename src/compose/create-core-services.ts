import type { Tracer } from '@opentelemetry/api';
import type { LanguageModel } from 'ai';
import { createAgentClickClient } from '../agentclick/client.ts';
import { createLedgerFigures } from '../analytics/ledger-figures.ts';
import { createRedisFigures } from '../store/redis-figures.ts';
import { createCatalog } from '../catalog/catalog.ts';
import type { Config } from '../config.ts';
import { createCore } from '../core/create-core.ts';
import { createHistory } from '../core/history.ts';
import { loadPrompts } from '../core/prompts.ts';
import type { ToolDeps } from '../core/tools/index.ts';
import { openSqliteLedger } from '../ledger/sqlite/open-sqlite-ledger.ts';
import type { Ledger } from '../ledger/types.ts';
import { createLinkStore } from '../links/link-store.ts';
import type { Log } from '../log.ts';
import { type Metrics, bothAnalytics } from '../observability/metrics.ts';
import { createPartnershipManager } from '../partnerships/partnership-manager.ts';
import { createStores } from '../store/create-stores.ts';
import { createRedisBudget } from '../store/redis-budget.ts';
import type { RedisClient } from '../store/redis-client.ts';
import { createApiAnswerCache } from '../cache/api-answer-cache.ts';
import { createSyndicateClient } from '../syndicate/client.ts';
import type { Networks } from './networks.ts';

export interface CoreServicesDeps {
  config: Config;
  networks: Networks;
  model: LanguageModel;
  log: Log;
  /** Shared Redis connection (REDIS_URL): the API budget and the dashboard's figures span every instance. */
  redis?: RedisClient;
  /** The ledger, opened (and migrated) by the caller: PostgreSQL when DATABASE_URL is set. Default: SQLite in DATA_DIR. */
  ledger?: Ledger;
  fetch?: typeof fetch;
  /** Set when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT): a span for each network call. */
  tracer?: Tracer;
  /** Prometheus metrics, when something serves them (the HTTP app; not the terminal chat). */
  metrics?: Metrics;
}

/**
 * The conversation core and what it stands on: stores, both networks' clients, the catalog, the ledger,
 * the partnership manager, links, history and the dashboard's counters. Everything a channel needs, and
 * all the terminal chat builds. Starts no timer: `start()` begins the background work (main.ts calls it).
 */
export function createCoreServices({ config, networks, model, log, redis, ledger, fetch: fetchImpl, tracer, metrics }: CoreServicesDeps) {
  const stores = createStores({ dataDir: config.DATA_DIR, redisUrl: config.REDIS_URL, redisPrefix: config.REDIS_PREFIX, log });
  const agentclick = createAgentClickClient({
    baseUrl: networks.agentclickUrl,
    apiKey: networks.agentclickKey,
    fetch: fetchImpl,
    ...(redis ? { budget: createRedisBudget(redis, { prefix: config.REDIS_PREFIX }) } : {}),
    ...(metrics ? { onResult: (action: string, outcome: number | string) => metrics.networkCall('agentclick', action, outcome) } : {}),
    tracer,
  });
  const syndicate =
    networks.syndicateUrl && networks.syndicateAgentKey
      ? createSyndicateClient({ baseUrl: networks.syndicateUrl, agentKey: networks.syndicateAgentKey, accountKey: networks.syndicateAccountKey, fetch: fetchImpl, tracer })
      : undefined;
  const catalog = createCatalog({ client: agentclick, kv: stores.catalog, log });
  const store = ledger ?? openSqliteLedger(config.DATA_DIR);
  // Applications live in the ledger, so a restart never applies twice; start() runs its background passes.
  const partnerships = createPartnershipManager({ client: agentclick, catalog, store: store.partnerships, log });
  // The figures live in the ledger: shared by every instance with PostgreSQL; with a SQLite ledger,
  // Redis (when set) shares them between instances, else they are this instance's.
  const dashboard = redis && !store.purchases.shared ? createRedisFigures(redis, { prefix: config.REDIS_PREFIX, log }) : createLedgerFigures(store.figures, { log });
  const analytics = metrics ? bothAnalytics(dashboard.analytics, metrics.analytics) : dashboard.analytics;
  const ttlMs = config.HISTORY_TTL_DAYS * 86_400_000;
  // With SQLite this process is the only writer and serves /r itself: links are written in batches, like history.
  const links = createLinkStore({ kv: stores.links, ttlMs, log, writeBehindMs: stores.kind === 'sqlite' ? 500 : undefined });
  // With SQLite this process is the only writer, so history stays hot in memory and is written in batches.
  const history = createHistory({ kv: stores.sessions, ttlMs, log, writeBehindMs: stores.kind === 'sqlite' ? 500 : undefined });
  const toolDeps: ToolDeps = { agentclick, catalog, partnerships, links, cache: createApiAnswerCache({ kv: stores.catalog }), publicBaseUrl: config.publicBaseUrl, log, analytics };
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

  return {
    stores,
    agentclick,
    syndicate,
    catalog,
    store,
    partnerships,
    dashboard,
    analytics,
    links,
    history,
    toolDeps,
    core,
    /** Background work: hourly store purge, counters flush, partnership passes. */
    start(): void {
      stores.start();
      dashboard.start();
      // Partnerships are applied for ahead of need: programs being shown first, then the whole catalog.
      partnerships.start();
    },
    async close(): Promise<void> {
      await partnerships.stop();
      await history.flush();
      await links.flush();
      await dashboard.close();
      await stores.close();
      await store.close();
    },
  };
}

export type CoreServices = ReturnType<typeof createCoreServices>;
