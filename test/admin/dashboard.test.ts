import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { createAdminRoutes } from '../../src/admin/routes.ts';
import { CHANNELS, type Summary } from '../../src/admin/summary.ts';
import type { PartnershipsView } from '../../src/admin/partnerships-section.ts';
import { escapeHtml } from '../../src/shared/html.ts';
import { silentLog } from '../../src/log.ts';
import { everyTurnModel } from '../helpers/scripted-model.ts';
import { ADMIN_TOKEN, BROWSER_UA, type RunningAdmin, csrfFrom, login, postPurchase, startAdmin, svgsIn, xmlProblems } from './harness.ts';

/**
 * The dashboard over a real bot on the sandbox: a scripted conversation issues a link to program 42
 * (FlyerKit), a person clicks it, the merchant reports a signed purchase, the outbox delivers it to
 * both networks; then the JSON and the page show those figures, both networks' earnings, the plans.
 */
let env: RunningAdmin;
let linkId = '';
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

beforeAll(async () => {
  env = await startAdmin({ model: everyTurnModel({ tool: 'get_link', input: { program_id: 42 } }, { text: 'Here is the link.' }) });
  const { bot, url } = env.running;
  const turn = await bot.core.handleTurn({ channel: 'web', sessionId: 'dash', text: 'A link for FlyerKit, please' });
  linkId = turn.links[0]?.id ?? '';
  const click = await fetch(`${url}/r/${linkId}`, { redirect: 'manual', headers: BROWSER_UA });
  expect(click.status).toBe(302);
  expect(await postPurchase(env.running, { linkId, orderId: 'DASH-1', amount: 9800, currency: 'JPY' })).toBe(202);
  await bot.outbox.runOnce();
  expect(await bot.ledger.health()).toMatchObject({ delivered: 2, pending: 0 });
});
afterAll(async () => {
  await env?.close();
});

const getJson = async <T>(path: string): Promise<T> => {
  const response = await env.admin.request(path, { headers: auth });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
};

describe('dashboard figures', () => {
  it('the JSON summary counts the turn, recommendation, link, click, purchase and commission of the web channel', async () => {
    const summary = await getJson<Summary>('/admin/api/summary');
    expect(summary.days).toBe(14);
    expect(summary.totals).toMatchObject({ turns: 1, links: 1, clicks: 1, purchases: 1 });
    expect(summary.totals.commissionJpy).toBeGreaterThan(0);
    const web = summary.channels.find((c) => c.channel === 'web');
    expect(web).toMatchObject({ turns: 1, links: 1, clicks: 1, purchases: 1, rates: { clickPerLink: 1, purchasePerClick: 1 } });
    expect(summary.channels.find((c) => c.channel === 'telegram')).toMatchObject({ turns: 0, clicks: 0 });
    const today = summary.daily.find((r) => r.day === summary.until && r.channel === 'web');
    expect(today).toMatchObject({ turns: 1, clicks: 1, purchases: 1 });
    expect(summary.daily).toHaveLength(14 * CHANNELS.length);
    expect(summary.funnel).toMatchObject({ clickPerLink: 1, purchasePerClick: 1 });
    expect(summary.topPrograms[0]).toMatchObject({ programId: 42, name: expect.stringContaining('FlyerKit'), links: 1, clicks: 1, purchases: 1 });
    expect(summary.deliveries).toEqual({ health: { pending: 0, retrying: 0, delivered: 2, dead: 0 }, deadLetters: [] });
    expect((await getJson<Summary>('/admin/api/summary?days=7')).daily).toHaveLength(7 * CHANNELS.length);
    expect((await getJson<Summary>('/admin/api/summary?days=9999')).days).toBe(90);
  });

  it('the page shows the figures, the program name, and well-formed, titled SVG charts', async () => {
    const cookie = await login(env.admin);
    const response = await env.admin.request('/admin', { headers: { cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('FlyerKit');
    expect(html).toContain('Delivery health');
    const svgs = svgsIn(html);
    expect(svgs.length).toBeGreaterThanOrEqual(4);
    for (const svg of svgs) {
      expect(xmlProblems(svg)).toEqual([]);
      expect(svg).toMatch(/<svg[^>]+role="img"[^>]+aria-labelledby="[^"]+"><title id="[^"]+">[^<]+<\/title><desc id="[^"]+">[^<]+<\/desc>/);
    }
    expect(html).toContain('<title id="chart-clicks-title">Clicks per day by channel</title>');
    expect(html).toContain('<title id="chart-funnel-title">Conversion funnel</title>');
    expect(html).toContain('<title id="chart-commission-jpy-title">');
    expect(html).toMatch(/<rect class="ch-web"[^>]*><title>[^<]* · Web: 1<\/title>/);
    expect(html).toMatch(/<th scope="col"/);
    expect(html).not.toMatch(/<script|\sstyle=|<style|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    const css = await env.admin.request('/admin/admin.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('earnings from both networks: Syndicate commission in USD and JPY, AgentClick summary, payouts and report', async () => {
    const earnings = await getJson<{
      syndicate: { usd: { ok: boolean; value?: { currency: string; balance: string } }; jpy: { ok: boolean; value?: { currency: string; balance: string } } };
      agentclick: { summary: { ok: boolean; value?: { lifetime_total: number } }; payouts: { ok: boolean; value?: unknown[] }; report: { ok: boolean; value?: { totals: { clicks: number; conversions: number } } } };
      plans: { discovery: { ok: boolean }; plans: { ok: boolean; value?: Array<{ id: string }> } };
    }>('/admin/api/earnings');
    expect(earnings.syndicate.usd).toMatchObject({ ok: true, value: { currency: 'USD' } });
    expect(earnings.syndicate.jpy).toMatchObject({ ok: true, value: { currency: 'JPY' } });
    expect(Number(earnings.syndicate.jpy.value?.balance)).toBeGreaterThan(0);
    expect(earnings.agentclick.summary.ok).toBe(true);
    expect(earnings.agentclick.summary.value?.lifetime_total).toBeGreaterThan(0);
    expect(earnings.agentclick.payouts.ok).toBe(true);
    expect(earnings.agentclick.report).toMatchObject({ ok: true, value: { totals: { clicks: 1, conversions: 1 } } });
    expect(earnings.plans.discovery.ok).toBe(true);
    expect(earnings.plans.plans.value?.map((p) => p.id)).toContain('pro');

    const html = await (await env.admin.request('/admin', { headers: auth })).text();
    expect(html).toContain('Syndicate Links');
    expect(html).toContain('AgentClick');
    expect(html).toContain('Start checkout');
  });

  it('a network that is down shows as unavailable and the page still renders', async () => {
    const down = await startAdmin({ model: everyTurnModel({ text: 'Hi.' }, { text: 'Hi.' }) });
    try {
      await fetch(`${down.running.sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ network: 'all', status: 401 }) });
      const response = await down.admin.request('/admin', { headers: auth });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html.match(/<strong>Unavailable<\/strong>/g)?.length).toBeGreaterThanOrEqual(4);
      const earnings = (await (await down.admin.request('/admin/api/earnings', { headers: auth })).json()) as { syndicate: { usd: { ok: boolean; error: string } } };
      expect(earnings.syndicate.usd).toMatchObject({ ok: false, error: expect.stringContaining('401') });
    } finally {
      await down.close();
    }
  });

  it('checkout: POST /admin/checkout { planId } redirects (303) to the sandbox checkout session', async () => {
    const cookie = await login(env.admin);
    const csrf = csrfFrom(await (await env.admin.request('/admin', { headers: { cookie } })).text());
    expect((await env.admin.request('/admin/checkout', { method: 'POST', headers: { cookie }, body: new URLSearchParams({ planId: 'pro' }) })).status).toBe(403);
    const response = await env.admin.request('/admin/checkout', { method: 'POST', headers: { cookie }, body: new URLSearchParams({ planId: 'pro', csrf }) });
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location.startsWith(`${env.running.sandbox.url}/mpp/checkout/`)).toBe(true);
    const session = (await (await fetch(location)).json()) as { planId: string; status: string };
    expect(session).toMatchObject({ planId: 'pro', status: 'open' });
    const page = await env.admin.request('/admin', { headers: { cookie } });
    // Browsers apply form-action to the redirect after a form post: the Syndicate origin must be listed.
    expect(page.headers.get('content-security-policy')).toContain(`form-action 'self' ${env.running.sandbox.url};`);
    const unknown = await env.admin.request('/admin/checkout', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ planId: 'platinum' }) });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_plan');
  });

  it('a checkout on an origin the page may not post to gets a page with a plain link instead of a blocked redirect', async () => {
    const { bot } = env.running;
    const strict = new Hono();
    strict.route('/admin', createAdminRoutes({ adminToken: ADMIN_TOKEN, figures: bot.figures, ledger: bot.ledger, agentclick: bot.agentclick, syndicate: bot.syndicate, catalog: bot.catalog, log: silentLog() }));
    const cookie = await login(strict);
    const page = await strict.request('/admin', { headers: { cookie } });
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self';");
    const response = await strict.request('/admin/checkout', { method: 'POST', headers: { cookie }, body: new URLSearchParams({ planId: 'growth', csrf: csrfFrom(await page.text()) }) });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(new RegExp(`<a class="button" href="${env.running.sandbox.url}/mpp/checkout/[^"]+" rel="noreferrer">Continue to the checkout</a>`));
    // A script with the Bearer token still gets the 303.
    const scripted = await strict.request('/admin/checkout', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ planId: 'growth' }) });
    expect(scripted.status).toBe(303);
  });
});

describe('dead letters', () => {
  it('a purchase a network refuses is listed with its reason, and Replay delivers it', async () => {
    const { running } = env;
    await fetch(`${running.sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ network: 'syndicate', status: 403, times: 1 }) });
    expect(await postPurchase(running, { linkId, orderId: 'DASH-DEAD', amount: 4800, currency: 'JPY' })).toBe(202);
    await running.bot.outbox.runOnce();

    const { health, deadLetters } = await getJson<Summary['deliveries']>('/admin/api/deliveries');
    expect(health.dead).toBe(1);
    expect(deadLetters).toEqual([expect.objectContaining({ orderId: 'DASH-DEAD', network: 'syndicate', attempts: 1, reason: expect.stringContaining('403') })]);
    const cookie = await login(env.admin);
    const html = await (await env.admin.request('/admin', { headers: { cookie } })).text();
    expect(html).toContain('DASH-DEAD');
    expect(html).toMatch(/<form method="post" action="\/admin\/dead-letters\/replay" class="inline"><input type="hidden" name="csrf" value="[^"]+"><input type="hidden" name="purchaseId" value="\d+">/);

    const purchaseId = String(deadLetters[0]?.purchaseId);
    const replay = await env.admin.request('/admin/dead-letters/replay', { method: 'POST', headers: { cookie }, body: new URLSearchParams({ csrf: csrfFrom(html), purchaseId }) });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe('/admin?replayed=1#deliveries');
    expect(await (await env.admin.request('/admin?replayed=1', { headers: { cookie } })).text()).toContain('1 delivery put back in the queue');
    await running.bot.outbox.runOnce();
    expect((await getJson<Summary['deliveries']>('/admin/api/deliveries')).health).toMatchObject({ dead: 0, pending: 0, retrying: 0, delivered: 4 });
    const attributions = running.sandbox.events.list().filter((e) => e.type === 'attribution' && e.data.orderId === 'DASH-DEAD');
    expect(attributions.map((e) => e.status)).toEqual([403, 201]);
  });
});

describe('dashboard partnerships', () => {
  it('shows approved, pending since when, and the programs still without a link, as JSON and on the page', async () => {
    const { bot, sandbox } = env.running;
    const reviewing = sandbox.agentclick.catalog.programs.find((program) => !program.auto_approve);
    if (!reviewing) throw new Error('the sandbox has no program that reviews partners');
    await bot.partnerships.request([reviewing.id]);

    const view = await getJson<PartnershipsView>('/admin/api/partnerships');
    expect(view.approved).toBe(1);
    expect(view.catalogSize).toBe(160);
    expect(view.pending).toEqual([{ programId: reviewing.id, name: reviewing.name_en ?? reviewing.name, since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
    expect(view.withoutLink).toHaveLength(159);
    expect(view.withoutLink.find((entry) => entry.programId === reviewing.id)?.state).toBe('pending review');
    expect(view.withoutLink.filter((entry) => entry.state === 'not applied yet')).toHaveLength(158);

    const response = await env.admin.request('/admin', { headers: auth });
    const html = await response.text();
    expect(html).toContain('<h2 id="h-partnerships">Partnerships</h2>');
    expect(html).toContain('1 of 160');
    expect(html).toContain('Programs still without a link (first 50 of 159)');
    expect(html).toContain(`<th scope="row">${escapeHtml(reviewing.name_en ?? reviewing.name)}</th><td><time`);
  });
});
