import { afterEach, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { everyTurnModel } from '../helpers/scripted-model.ts';

/**
 * A hostile visitor at /r/: rotating user agents, hammering, spreading over many links, or clicking while
 * the network is down. One address records a click per link, a few clicks in all, and queues only a few.
 */
let running: RunningBot | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start() {
  running = await startBot({ model: everyTurnModel({ tool: 'get_link', input: { program_id: 42 } }, { text: 'Below.' }), env: { TRUST_PROXY: '1' } });
  return running;
}
async function links(bot: RunningBot, count: number): Promise<string[]> {
  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    const link = (await bot.bot.core.handleTurn({ channel: 'web', sessionId: `abuse-session-${i}`, text: 'link' })).links[0];
    if (!link) throw new Error('no link issued');
    urls.push(link.url);
  }
  return urls;
}
const clicks = (bot: RunningBot) => bot.sandbox.events.list().filter((e) => e.network === 'agentclick' && e.type === 'click');
const from = (address: string, agent = 'Mozilla/5.0 Chrome/130') => ({ redirect: 'manual' as const, headers: { 'user-agent': agent, 'x-forwarded-for': address } });

describe('clicks under attack', () => {
  it('one address rotating 25 user agents on one link records one click', async () => {
    const bot = await start();
    const [url = ''] = await links(bot, 1);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await fetch(url, from('203.0.113.5', `Mozilla/5.0 (agent ${i}) Chrome/${100 + i}`))).status);
    expect(statuses).toEqual(Array(25).fill(302));
    expect(clicks(bot)).toHaveLength(1);
  });

  it('/r/ answers one address at most 30 times a minute; other addresses are not affected', async () => {
    const bot = await start();
    const [url = ''] = await links(bot, 1);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await fetch(url, from('203.0.113.6'))).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(302));
    const limited = await fetch(url, from('203.0.113.6'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await fetch(url, from('203.0.113.7'))).status).toBe(302);
  });

  it('one address spread over many links gets a handful recorded, and still reaches the merchant', async () => {
    const bot = await start();
    const urls = await links(bot, 14);
    const responses = [];
    for (const url of urls) responses.push(await fetch(url, from('203.0.113.8')));
    expect(responses.map((r) => r.status)).toEqual(urls.map(() => 302));
    expect(responses.every((r) => (r.headers.get('location') ?? '').includes('/agentclick/t/'))).toBe(true);
    expect(clicks(bot)).toHaveLength(10);
  });

  it('while the network is down, one address queues a few clicks and one link a bounded number', async () => {
    const bot = await start();
    const urls = await links(bot, 8);
    await fetch(`${bot.sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ network: 'agentclick', status: 503 }) });
    for (const url of urls) expect((await fetch(url, from('203.0.113.9'))).status).toBe(302);
    expect(await bot.bot.clicks.pendingCount()).toBe(3);
    // Forty different addresses on one link: the link's queue stops at 30.
    const [one = ''] = urls;
    for (let i = 0; i < 40; i++) expect((await fetch(one, from(`198.51.100.${i + 1}`))).status).toBe(302);
    expect(await bot.bot.clicks.pendingCount()).toBe(3 + 29);
  });
});
