import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../src/admin/summary.ts';
import { createOfflineModel } from '../../src/core/offline-model/index.ts';
import { ADMIN_TOKEN, type RunningAdmin, startAdmin } from '../admin/harness.ts';
import { launchBrowser } from '../helpers/browser.ts';

/**
 * The whole money path in a real browser: a question on the demo page, a link card, the click through
 * the tracking URL to the merchant, Buy, the signed postback, delivery to both networks exactly once,
 * and the operator seeing the purchase and its commission on the dashboard (desktop and phone widths).
 */
let env: RunningAdmin;
let browser: Browser;
beforeAll(async () => {
  env = await startAdmin({ model: createOfflineModel({ chunkDelayMs: 5 }), startOutbox: true });
  browser = await launchBrowser();
  await mkdir('test-artifacts', { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await env?.close();
});

function watchProblems(page: Page, problems: string[]) {
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
}

describe('purchase funnel, end to end', () => {
  it('ask, click, buy, attribute once at each network, and see it on the dashboard', async () => {
    const { running } = env;
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const chat = await context.newPage();
    watchProblems(chat, problems);
    await chat.goto(running.url);
    await chat.locator('[role="dialog"]').waitFor({ state: 'visible' });
    await chat.locator('textarea').fill('Can I get a link for FlyerKit?');
    await chat.locator('textarea').press('Enter');
    await expect.poll(() => chat.locator('.card').count(), { timeout: 20_000 }).toBe(1);
    const anchor = chat.locator('.card a').first();
    await expect.poll(() => chat.locator('.card').first().textContent()).toContain('FlyerKit');

    const [merchant] = await Promise.all([context.waitForEvent('page'), anchor.click()]);
    watchProblems(merchant, problems);
    await merchant.waitForLoadState('domcontentloaded');
    expect(merchant.url()).toContain(`${running.sandbox.url}/merchant/42`);
    await merchant.getByRole('button', { name: 'Buy' }).click();
    await merchant.waitForURL(/\/merchant\/42\/buy$/);
    expect(await merchant.locator('h1').textContent()).toBe('Thank you for your purchase');

    // The outbox runs in the background (woken by the postback); give it the moment it needs.
    await running.bot.outbox.runOnce();
    await expect.poll(() => running.bot.ledger.health(), { timeout: 10_000 }).toEqual({ pending: 0, retrying: 0, delivered: 2, dead: 0 });
    const events = running.sandbox.events.list();
    const conversions = events.filter((e) => e.network === 'agentclick' && e.type === 'conversion');
    const attributions = events.filter((e) => e.network === 'syndicate' && e.type === 'attribution');
    expect(conversions.map((e) => e.status)).toEqual([200]);
    expect(attributions.map((e) => e.status)).toEqual([201]);
    expect(String(conversions[0]?.data.order_id)).toMatch(/^sbx-/);
    expect(attributions[0]?.data.orderId).toBe(conversions[0]?.data.order_id);

    // The operator logs in through the form and finds the purchase and its commission.
    const dashboard = await context.newPage();
    watchProblems(dashboard, problems);
    await dashboard.goto(`${env.url}/admin`);
    expect(new URL(dashboard.url()).pathname).toBe('/admin/login');
    await dashboard.getByLabel('Admin token').fill('not-the-token-0123456789');
    await dashboard.getByRole('button', { name: 'Log in' }).click();
    expect(await dashboard.getByRole('alert').textContent()).toContain('not the admin token');
    problems.splice(0); // the 401 answer itself is logged as a console error by Chromium
    await dashboard.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await dashboard.getByRole('button', { name: 'Log in' }).click();
    await dashboard.waitForURL(`${env.url}/admin`);
    expect(await dashboard.locator('h1').textContent()).toBe('Operator dashboard');
    const cookies = await context.cookies(`${env.url}/admin`);
    expect(cookies.find((c) => c.name === 'admin_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    const summary = (await (await fetch(`${env.url}/admin/api/summary`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as Summary;
    expect(summary.totals).toMatchObject({ clicks: 1, purchases: 1 });
    expect(summary.totals.commissionJpy).toBeGreaterThan(0);
    const kpi = (label: string) => dashboard.locator('.kpis li', { hasText: label }).first().locator('.kpi-value').textContent();
    expect(await kpi('Purchases')).toBe('1');
    expect(await kpi('Clicks')).toBe('1');
    const yen = `¥${new Intl.NumberFormat('en-US').format(Math.round(summary.totals.commissionJpy))}`;
    expect(await kpi('Commission (JPY)')).toBe(yen);
    expect(await dashboard.locator('#t-programs').locator('..').textContent()).toContain('FlyerKit');
    expect(await dashboard.locator('svg.chart').count()).toBeGreaterThanOrEqual(4);
    expect(await dashboard.locator('#deliveries').textContent()).toContain('No dead letters');
    expect(await dashboard.locator('#earnings').textContent()).not.toContain('Unavailable');
    // Nothing spills sideways at desktop width; CSP violations would show up as console errors.
    expect(await dashboard.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await dashboard.screenshot({ path: 'test-artifacts/dashboard.png', fullPage: true });

    await dashboard.setViewportSize({ width: 390, height: 844 });
    await dashboard.reload();
    expect(await dashboard.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await dashboard.screenshot({ path: 'test-artifacts/dashboard-phone.png', fullPage: true });

    // The operator starts a plan checkout and lands on the Syndicate checkout session.
    await dashboard.setViewportSize({ width: 1280, height: 900 });
    await dashboard.getByRole('button', { name: 'Start checkout for the Pro plan' }).click();
    await dashboard.waitForURL(new RegExp(`^${running.sandbox.url}/mpp/checkout/`));
    expect(await dashboard.locator('body').textContent()).toContain('"planId":"pro"');

    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
