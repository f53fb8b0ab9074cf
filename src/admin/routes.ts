import { readFileSync } from 'node:fs';
import type Keyv from 'keyv';
import { type Context, Hono } from 'hono';
import type { AgentClickClient } from '../agentclick/client.ts';
import type { FigureSource } from '../analytics/figures.ts';
import type { PurchaseLedger } from '../ledger/types.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { TRUST_NO_PROXY, type TrustProxy, clientIp } from '../http/client-ip.ts';
import { jsonError } from '../http/errors.ts';
import { limitBody } from '../http/body-limit.ts';
import { isJsonRequest, mediaType } from '../http/media-type.ts';
import type { Log } from '../log.ts';
import { safeEqual } from '../shared/secrets.ts';
import { SlidingWindow } from '../shared/sliding-window.ts';
import type { SyndicateClient } from '../syndicate/client.ts';
import { type AdminEnv, clearSessionCookie, currentSession, formField, requireAdmin, requireCsrf, setSessionCookie } from './auth.ts';
import { createNetworkReadCache } from '../cache/network-read-cache.ts';
import { checkoutOrigins, httpOrigin, startCheckout } from './checkout.ts';
import { createEarningsReader } from './earnings.ts';
import { SECURITY_HEADERS, adminCsp } from './layout.ts';
import { checkoutLinkPage, dashboardPage, loginPage, messagePage } from './pages.ts';
import { createSessionSigner } from './session.ts';
import { buildSummary, deliveries, parseDays } from './summary.ts';
import type { PartnershipOverview } from '../partnerships/partnership-manager.ts';
import { type PartnershipsView, partnershipsView } from './partnerships-section.ts';

export interface AdminRoutesOptions {
  /** ADMIN_TOKEN; without it every admin route answers 404. */
  adminToken: string | undefined;
  /** The dashboard's figures: this instance's SQLite, or Redis or PostgreSQL shared by every instance. */
  figures: FigureSource;
  ledger: PurchaseLedger;
  agentclick: AgentClickClient;
  syndicate: SyndicateClient | undefined;
  catalog: Catalog;
  log: Log;
  now?: () => number;
  /** The partnership manager's overview, for the partnerships section (absent: no section). */
  partnerships?: { overview(): Promise<PartnershipOverview> };
  /** Where the routes are mounted; links and the cookie path use it. */
  base?: string;
  /**
   * Origins plan checkouts may redirect the browser to (the Syndicate URL): browsers apply the page's
   * CSP `form-action` to a form's redirect too. A checkout elsewhere gets a page with a link instead.
   */
  checkoutOrigins?: readonly string[];
  /** Mark the session cookie Secure (e.g. when PUBLIC_BASE_URL is https); by default it follows the request's scheme. */
  secureCookies?: boolean;
  /** Read the client IP (for the login throttle) from X-Forwarded-For. */
  trustProxy?: TrustProxy;
  sessionTtlMs?: number;
  /** Shared store for logout revocations (SQLite, or Redis for every instance); memory only without it. */
  kv?: Keyv;
  /** How long network figures are reused, and how long a page waits for them. */
  earningsTtlMs?: number;
  networkDeadlineMs?: number;
}

const CSS = readFileSync(new URL('./admin.css', import.meta.url), 'utf8');
const LOGIN_FAILURES = { limit: 10, windowMs: 15 * 60_000 };
const ADMIN_MAX_BODY_BYTES = 8 * 1024;

const wantsJson = (c: Context) => {
  const accept = c.req.header('accept') ?? '';
  return isJsonRequest(c) || (accept.includes('application/json') && !accept.includes('text/html'));
};

/** The operator's dashboard (HTML), its JSON, login/logout, dead-letter replay and plan checkout; mounted at `base`. */
export function createAdminRoutes(options: AdminRoutesOptions): Hono<AdminEnv> {
  const { adminToken, ledger, syndicate, log, now = Date.now, base = '/admin', trustProxy = TRUST_NO_PROXY, sessionTtlMs = 12 * 3_600_000 } = options;
  const app = new Hono<AdminEnv>();
  app.use('*', async (c, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
    await next();
  });
  // Login, logout and the dashboard's forms are a few fields: anything bigger is refused unread.
  app.use('*', limitBody(ADMIN_MAX_BODY_BYTES));
  if (!adminToken) {
    app.all('*', (c) => jsonError(c, 404, 'admin_disabled', 'The operator dashboard is off: set ADMIN_TOKEN (at least 16 characters) to turn it on.'));
    return app;
  }

  const signer = createSessionSigner({ adminToken, ttlMs: sessionTtlMs, now, kv: options.kv });
  const earnings = createEarningsReader({ agentclick: options.agentclick, syndicate, cache: createNetworkReadCache({ ttlMs: options.earningsTtlMs, deadlineMs: options.networkDeadlineMs, now }) });
  const failures = new SlidingWindow({ ...LOGIN_FAILURES, now });
  const loginPath = `${base}/login`;
  const page = requireAdmin({ adminToken, signer, kind: 'page', loginPath });
  const api = requireAdmin({ adminToken, signer, kind: 'api', loginPath });
  const csrf = requireCsrf(signer);
  const summaryOf = (c: Context) => buildSummary({ ...options, now }, parseDays(c.req.query('days')));
  const allowedOrigins = async () => {
    const { discovery } = await earnings.plans();
    return checkoutOrigins(options.checkoutOrigins ?? [], discovery.ok ? discovery.value.checkout_url : undefined);
  };
  const partnershipsOf = async (): Promise<PartnershipsView | undefined> => {
    if (!options.partnerships) return undefined;
    const [overview, programs] = await Promise.all([options.partnerships.overview(), options.catalog.programs().catch(() => [])]);
    return partnershipsView(overview, new Map(programs.map((program) => [program.id, program.name_en ?? program.name])));
  };
  const windowOf = (days: number) => ({ since: new Date(now() - (days - 1) * 86_400_000).toISOString().slice(0, 10), until: new Date(now()).toISOString().slice(0, 10) });

  app.get('/admin.css', (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.body(CSS, 200, { 'content-type': 'text/css; charset=utf-8' });
  });

  app.get('/login', async (c) => ((await currentSession(c, signer)) ? c.redirect(base, 303) : c.html(loginPage({ base }))));

  app.post('/login', async (c) => {
    const ip = clientIp(c, trustProxy);
    if (failures.remaining(ip) === 0) {
      c.header('Retry-After', String(Math.ceil(LOGIN_FAILURES.windowMs / 1000)));
      return c.html(loginPage({ base, error: 'Too many wrong tokens from this address. Try again in a few minutes.' }), 429);
    }
    const token = await formField(c, 'token');
    if (token === undefined || !safeEqual(token, adminToken)) {
      failures.take(ip);
      log.warn({ ip }, 'admin: login with a wrong token');
      return c.html(loginPage({ base, error: 'That is not the admin token.' }), 401);
    }
    const { session, value } = signer.issue();
    setSessionCookie(c, value, { maxAgeSeconds: (session.expiresAt - now()) / 1000, path: base, secure: options.secureCookies });
    log.info({ ip }, 'admin: logged in');
    return c.redirect(base, 303);
  });

  app.post('/logout', async (c) => {
    const session = await currentSession(c, signer);
    if (session) {
      const token = c.req.header('x-csrf-token') ?? (await formField(c, 'csrf'));
      if (!signer.checkCsrf(session, token)) return jsonError(c, 403, 'csrf_failed', 'The form has no valid CSRF token: reload the dashboard and try again.');
      await signer.revoke(session);
    }
    clearSessionCookie(c, { path: base, secure: options.secureCookies });
    return c.redirect(loginPath, 303);
  });

  app.get('/', page, async (c) => {
    const summary = await summaryOf(c);
    const [money, plans, origins, partnerships] = await Promise.all([earnings.earnings(windowOf(summary.days)), earnings.plans(), allowedOrigins(), partnershipsOf()]);
    const auth = c.get('auth');
    c.header('content-security-policy', adminCsp(origins));
    const replayed = c.req.query('replayed');
    const notice = replayed !== undefined && /^\d{1,6}$/.test(replayed) ? `${replayed} ${replayed === '1' ? 'delivery' : 'deliveries'} put back in the queue; the outbox sends them within seconds.` : undefined;
    return c.html(dashboardPage({ summary, earnings: money, plans, partnerships, csrf: auth.via === 'session' ? auth.csrf : '', base, notice, canLogOut: auth.via === 'session' }));
  });

  app.get('/api/summary', api, async (c) => c.json(await summaryOf(c)));
  app.get('/api/deliveries', api, async (c) => c.json(await deliveries(ledger)));
  app.get('/api/partnerships', api, async (c) => {
    const view = await partnershipsOf();
    return view ? c.json(view) : jsonError(c, 404, 'not_found', 'Partnerships are not managed by this instance.');
  });
  app.get('/api/earnings', api, async (c) => {
    const [money, plans] = await Promise.all([earnings.earnings(windowOf(parseDays(c.req.query('days')))), earnings.plans()]);
    return c.json({ ...money, plans });
  });

  app.post('/dead-letters/replay', api, csrf, async (c) => {
    const raw = await formField(c, 'purchaseId');
    if (raw !== undefined && raw !== '' && !/^\d{1,15}$/.test(raw)) return jsonError(c, 400, 'bad_request', 'purchaseId must be a purchase number.');
    const purchaseId = raw === undefined || raw === '' ? undefined : Number(raw);
    const replayed = await ledger.replay(purchaseId);
    log.info({ purchaseId, replayed }, 'admin: dead letters replayed');
    return wantsJson(c) ? c.json({ replayed }) : c.redirect(`${base}?replayed=${replayed}#deliveries`, 303);
  });

  app.post('/checkout', api, csrf, async (c) => {
    const result = await startCheckout(syndicate, await formField(c, 'planId'), log);
    if (result.ok) {
      const { session } = result;
      const fromForm = c.get('auth').via === 'session' && !wantsJson(c);
      const origin = httpOrigin(session.url);
      if (fromForm && (origin === undefined || !(await allowedOrigins()).includes(origin))) return c.html(checkoutLinkPage({ base, url: session.url, planId: session.planId }));
      return c.json(session, 303, { location: session.url });
    }
    if (wantsJson(c)) return jsonError(c, result.status, result.code, result.message);
    return c.html(messagePage({ base, title: 'Checkout not started', message: result.message }), result.status);
  });

  return app;
}
