import './clean-env.ts';
import { randomBytes } from 'node:crypto';
import { createApp } from './create-app.ts';
import { loadConfigOrExit } from './load-config-or-exit.ts';
import { selectModel } from './core/model.ts';
import { createLog } from './log.ts';
import { secretValues } from './log-secrets.ts';
import { resolveNetworks } from './resolve-networks.ts';
import { connectRedis } from './store/redis-client.ts';
import { openLedger } from './ledger/open-ledger.ts';
import { listen } from './http/listen.ts';
import { startTracing } from './observability/tracing.ts';

/** Composition root and the only place with process work: config, demo networks, app, listening, signals. */
const loaded = loadConfigOrExit();
// Demo mode opens the dashboard with a made-up token (printed below) when none is configured.
const config = loaded.demo && !loaded.ADMIN_TOKEN ? { ...loaded, ADMIN_TOKEN: randomBytes(12).toString('hex') } : loaded;
const closers: Array<() => Promise<void>> = [];
const closer = (close: () => Promise<void>) => closers.push(close);

// Demo mode's sandbox merchant signs its postbacks; without a configured secret the demo makes one up.
const postbackSecret = config.POSTBACK_SECRET ?? (config.demo ? randomBytes(24).toString('hex') : undefined);
const postbackSecrets = [postbackSecret, config.POSTBACK_SECRET_PREVIOUS].filter((secret): secret is string => secret !== undefined);
const { networks, close: closeNetworks } = await resolveNetworks(config, { postbackSecret });
// Traces over OTLP only when a collector is configured; otherwise nothing of OpenTelemetry is even loaded.
const tracing = await startTracing({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: config.OTEL_SERVICE_NAME });
// Made once every secret is known (demo mode makes up its keys above): each is hidden from the logs by value.
const log = createLog({ level: config.LOG_LEVEL, secrets: secretValues(config, networks, postbackSecrets), traceIds: tracing !== undefined });

const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, log) : undefined;
const { model, label } = selectModel(config);
// PostgreSQL (DATABASE_URL) is migrated before anything is served; without it the ledger is SQLite in DATA_DIR.
const ledger = await openLedger(config, { log }).catch((error: unknown) => {
  console.error(`The ledger could not be opened (${config.DATABASE_URL ? 'DATABASE_URL' : 'DATA_DIR'}): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
const bot = createApp({ config, networks, model, log, postbackSecrets, redis, ledger, tracer: tracing?.tracer });
// The only start of background work: store purge, counters flush, outbox, partnership passes, queued clicks.
bot.start();
const server = await listen(bot.app, { port: config.PORT, hostname: '0.0.0.0' });
// On SIGTERM: stop taking requests, let turns in flight finish (up to 10 s), then stop the outbox and stores.
closer(() => server.close(10_000));
closer(bot.close);
closer(closeNetworks);
if (redis) closer(async () => void (await redis.quit()));
// Last: the spans of everything that stopped above are sent before the process exits.
if (tracing) closer(tracing.shutdown);

// Telegram starts after the server listens: once the webhook is set, updates may arrive at once.
if (bot.telegram) {
  const telegram = bot.telegram;
  try {
    await telegram.start();
  } catch (error) {
    console.error(`Invalid configuration: TELEGRAM_BOT_TOKEN: Telegram refused to start (${error instanceof Error ? error.message : String(error)})`);
    process.exit(1);
  }
  // Right after the server stops taking requests, before the stores and networks that running turns need.
  closers.splice(1, 0, () => telegram.stop());
}

console.log(
  [
    `Bot ready on ${config.publicBaseUrl}  (web chat: ${config.publicBaseUrl}/)`,
    `Model: ${label}`,
    config.demo
      ? `Networks: demo mode, embedded sandbox of AgentClick and Syndicate Links on ${networks.sandboxUrl} (events: ${networks.sandboxUrl}/_sandbox/events)`
      : `Networks: AgentClick at ${networks.agentclickUrl}${networks.syndicateUrl ? `, Syndicate Links at ${networks.syndicateUrl}` : ''}`,
    `Dashboard: ${config.publicBaseUrl}/admin${loaded.ADMIN_TOKEN ? '' : `  (demo token: ${config.ADMIN_TOKEN})`}`,
    bot.telegram ? `Telegram: @${bot.telegram.bot.botInfo.username} (${bot.telegram.mode})` : 'Telegram: off (no TELEGRAM_BOT_TOKEN)',
    `Voice: /voice/webhook${config.ALEXA_SKILL_ID ? ', /voice/alexa' : ''}${config.VOICE_API_KEY ? ', /v1/chat/completions' : ' (set VOICE_API_KEY for /v1/chat/completions)'}`,
    bot.line ? `LINE: webhook ${config.publicBaseUrl}/line/webhook` : 'LINE: off (no LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN)',
    config.MCP_API_KEY ? `MCP for AI agents: ${config.publicBaseUrl}/mcp` : 'MCP: off (no MCP_API_KEY)',
    `Store: ${bot.stores.kind === 'redis' ? 'Redis' : `SQLite in ${config.DATA_DIR}`}`,
    `Ledger: ${ledger.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `SQLite in ${config.DATA_DIR}`}`,
    tracing ? `Traces: OTLP/HTTP to ${tracing.collector} as ${config.OTEL_SERVICE_NAME}` : 'Traces: off (no OTEL_EXPORTER_OTLP_ENDPOINT)',
  ].join('\n'),
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      for (const close of closers) await close().catch(() => undefined);
      process.exit(0);
    })();
  });
}
