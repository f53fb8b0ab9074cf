import { afterEach, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { scriptedModel } from '../helpers/scripted-model.ts';

let running: RunningBot | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function issueLink(channel: 'web' | 'voice' = 'web') {
  // One trusted proxy hop, so tests can click from different addresses (X-Forwarded-For).
  running = await startBot({ model: scriptedModel([{ tool: 'get_link', input: { program_id: 42 } }, { text: 'Below.' }]), env: { TRUST_PROXY: '1' } });
  const result = await running.bot.core.handleTurn({ channel, sessionId: `clicks-${channel}`, text: 'link' });
  const link = result.links[0];
  if (!link) throw new Error('no link issued');
  return link;
}

const clickEvents = () => running?.sandbox.events.list().filter((e) => e.network === 'agentclick' && e.type === 'click') ?? [];
const browser = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130 Safari/537.36' };

describe('GET /r/:linkId', () => {
  it('records a person\'s click with context chatbot and redirects to the tracking URL, then on to the merchant', async () => {
    const link = await issueLink();
    const response = await fetch(link.url, { redirect: 'manual', headers: browser });
    expect(response.status).toBe(302);
    const location = response.headers.get('location') ?? '';
    expect(location).toContain('/agentclick/t/');
    expect(clickEvents()).toHaveLength(1);
    expect(clickEvents()[0]).toMatchObject({ status: 200, data: { context: 'chatbot', user_agent: browser['user-agent'] } });
    const merchant = await fetch(location, { redirect: 'manual' });
    expect(merchant.headers.get('location')).toContain('/merchant/42');
    // The Syndicate ai-referral carries a hashed IP and names the channel.
    await expect.poll(() => running?.sandbox.events.list().filter((e) => e.type === 'referral').length).toBe(1);
    const referral = running?.sandbox.events.list().find((e) => e.type === 'referral');
    expect(referral?.data).toMatchObject({ trackingCode: 'ac-42', referrer: expect.stringContaining('/channels/web') });
    expect(String(referral?.data.ipHash)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('voice links are recorded with context voice-assistant', async () => {
    const link = await issueLink('voice');
    await fetch(link.url, { redirect: 'manual', headers: browser });
    expect(clickEvents()[0]?.data.context).toBe('voice-assistant');
  });

  it('previews and HEAD requests get a page and record nothing', async () => {
    const link = await issueLink();
    for (const agent of ['TelegramBot (like TwitterBot)', 'Slackbot-LinkExpanding 1.0', 'Mozilla/5.0 (compatible; Discordbot/2.0)', 'facebookexternalhit/1.1', 'WhatsApp/2.23']) {
      const response = await fetch(link.url, { redirect: 'manual', headers: { 'user-agent': agent } });
      expect(response.status, agent).toBe(200);
    }
    expect((await fetch(link.url, { method: 'HEAD', redirect: 'manual', headers: browser })).status).toBe(200);
    expect((await fetch(link.url, { redirect: 'manual', headers: { ...browser, purpose: 'preview' } })).status).toBe(200);
    expect(clickEvents()).toHaveLength(0);
  });

  it('the same visitor within a minute counts once', async () => {
    const link = await issueLink();
    const first = await fetch(link.url, { redirect: 'manual', headers: browser });
    const second = await fetch(link.url, { redirect: 'manual', headers: browser });
    expect(second.status).toBe(302);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(clickEvents()).toHaveLength(1);
  });

  it('an unknown or malformed id is a 404 page', async () => {
    const link = await issueLink();
    const base = link.url.slice(0, link.url.lastIndexOf('/'));
    expect((await fetch(`${base}/AAAAAAAAAAAAAAAAAAAAAA`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${base}/..%2F..%2Fetc`, { redirect: 'manual' })).status).toBe(404);
  });

  it('when the network fails the redirect still works, and the click is recorded later', async () => {
    const link = await issueLink();
    await fetch(`${running?.sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ network: 'agentclick', status: 503 }) });
    const response = await fetch(link.url, { redirect: 'manual', headers: browser });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toContain('/agentclick/t/');
    expect(await running?.bot.clicks.pendingCount()).toBe(1);
    await fetch(`${running?.sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
    expect(await running?.bot.clicks.flushPending()).toBe(1);
    expect(clickEvents().map((e) => e.status)).toEqual([503, 200]);
    expect(await running?.bot.clicks.pendingCount()).toBe(0);
  });

  it('many clicks failing at once are all kept, and each is recorded exactly once later', async () => {
    const link = await issueLink();
    const faults = `${running?.sandbox.url}/_sandbox/faults`;
    await fetch(faults, { method: 'POST', body: JSON.stringify({ network: 'agentclick', status: 503 }) });
    // Twelve different people click at the same moment while the network is down.
    const visitors = Array.from({ length: 12 }, (_, i) => ({ 'user-agent': `Mozilla/5.0 (visitor ${i}) Chrome/130`, 'x-forwarded-for': `198.51.100.${i + 1}` }));
    const redirects = await Promise.all(visitors.map((headers) => fetch(link.url, { redirect: 'manual', headers })));
    expect(redirects.map((r) => r.status)).toEqual(visitors.map(() => 302));
    expect(await running?.bot.clicks.pendingCount()).toBe(12);

    // Still down: the retry keeps them all (it stops at the first failure rather than spend requests).
    expect(await running?.bot.clicks.flushPending()).toBe(0);
    expect(await running?.bot.clicks.pendingCount()).toBe(12);
    expect(clickEvents().filter((e) => e.status === 503)).toHaveLength(13);

    await fetch(faults, { method: 'DELETE' });
    const pending = running?.bot.clicks;
    if (!pending) throw new Error('no bot');
    // The click tried a second time waits seconds before its next try: the ledger's clock moves past it.
    running?.ledgerClock.advance(60 * 60_000);
    // Two retries at once (two timers, or a timer and an operator) share one pass.
    const [a, b] = await Promise.all([pending.flushPending(), pending.flushPending()]);
    expect([a, b]).toEqual([12, 12]);
    expect(await pending.pendingCount()).toBe(0);
    const recorded = clickEvents().filter((e) => e.status === 200);
    expect(recorded).toHaveLength(12);
    expect(new Set(recorded.map((e) => String(e.data.user_agent))).size).toBe(12);
  });

  it('a queued click the network refuses for good is dropped, not retried for ever', async () => {
    const link = await issueLink();
    const faults = `${running?.sandbox.url}/_sandbox/faults`;
    await fetch(faults, { method: 'POST', body: JSON.stringify({ network: 'agentclick', status: 503 }) });
    await fetch(link.url, { redirect: 'manual', headers: browser });
    await fetch(faults, { method: 'POST', body: JSON.stringify({ network: 'agentclick', status: 403 }) });
    expect(await running?.bot.clicks.flushPending()).toBe(0);
    expect(await running?.bot.clicks.pendingCount()).toBe(0);
  });
});
