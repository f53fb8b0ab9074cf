import type { Tracer } from '@opentelemetry/api';
import { Hono } from 'hono';
import { createAdminRoutes } from '../admin/routes.ts';
import { createPostbackRoutes } from '../attribution/postback-routes.ts';
import { createMcpRoutes } from '../channels/mcp/routes.ts';
import { createVoiceRoutes } from '../channels/voice/create-voice-routes.ts';
import { createChatRoutes } from '../channels/web/chat-routes.ts';
import { createWidgetRoutes } from '../channels/web/widget/routes.ts';
import type { Config } from '../config.ts';
import { jsonError } from '../http/errors.ts';
import { createClickRoutes } from '../links/click-routes.ts';
import type { Log } from '../log.ts';
import { createHealthRoutes } from '../observability/health-routes.ts';
import { httpSpan } from '../observability/http-span.ts';
import { createMetricsRoutes } from '../observability/metrics-routes.ts';
import type { Services } from './create-services.ts';
import type { Networks } from './networks.ts';

export interface RouteOptions {
  config: Config;
  networks: Networks;
  log: Log;
  /** Secrets purchase postbacks may be signed with (current first). */
  postbackSecrets: string[];
  /** Set when tracing is on: a span for each request. */
  tracer?: Tracer;
}

/** One Hono app with every route of the bot over the services; only routes here, nothing is built. */
export function mountRoutes(services: Services, { config, networks, log, postbackSecrets, tracer }: RouteOptions): Hono {
  const { core, catalog, links, clicks, windows, stores, metrics, telegram, line, ledger, outbox, dashboard, agentclick, syndicate, partnerships, toolDeps } = services;
  const app = new Hono();
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
    createPostbackRoutes({
      ledger,
      links,
      linkIdForClick: (id) => clicks.linkIdForClick(id),
      secrets: postbackSecrets,
      networks: services.deliverTo,
      log,
      onAccepted: (purchase) => {
        metrics.purchase(purchase.channel);
        void dashboard.purchaseAccepted(purchase);
        outbox.wake();
      },
    }),
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
  return app;
}
