import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPostback } from '../../src/attribution/postback-signature.ts';
import { createSyndicateClient } from '../../src/syndicate/client.ts';
import { freePort, startBotProcess } from '../helpers/bot-process.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandbox-server.ts';

/**
 * Two bot processes behind an imaginary load balancer, one real redis-server and the sandbox: they share
 * conversations, links, the network's request budget and the delivery of purchases.
 */
const SECRET = 'two-instance-postback-secret-0123';
const ADMIN_TOKEN = 'two-instance-admin-token-0123456789';
const prefix = `scale-${process.pid}-${Date.now()}`;
const dirs = [mkdtempSync(join(tmpdir(), 'bot-a-')), mkdtempSync(join(tmpdir(), 'bot-b-'))];
const children: ChildProcess[] = [];
let sandbox: RunningSandbox;
let urls: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  const { api_key } = sandbox.agentclick.createAccount('agent');
  const { account_key } = sandbox.syndicate.createAccount();
  const { key } = await createSyndicateClient({ baseUrl: sandbox.url, accountKey: account_key }).issueAgentKey();
  for (const dir of dirs) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    urls.push(url);
    children.push(
      await startBotProcess({
        PORT: String(port),
        PUBLIC_BASE_URL: url,
        DATA_DIR: dir,
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_PREFIX: prefix,
        AGENTCLICK_API_URL: sandbox.url,
        AGENTCLICK_API_KEY: api_key,
        SYNDICATE_API_URL: sandbox.url,
        SYNDICATE_AGENT_KEY: key,
        POSTBACK_SECRET: SECRET,
        ADMIN_TOKEN,
        IP_HASH_SALT: 'shared-ip-hash-salt-0123456789',
        TRUST_PROXY: 'true',
      }),
    );
  }
}, 60_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await sandbox?.close();
  const redis = createClient({ url: 'redis://127.0.0.1:6379' });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) if (keys.length > 0) await redis.del(keys);
  await redis.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

let ip = 0;
async function chat(url: string, body: Record<string, unknown>) {
  const response = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.${Math.floor(++ip / 250)}.${ip % 250}` }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as { sessionId: string; reply: string; links: Array<{ id: string; url: string }> };
}

describe('two instances on one Redis', () => {
  it('a conversation moves between them and keeps its history; a link issued by one is followed on the other', async () => {
    const [a = '', b = ''] = urls;
    const first = await chat(a, { message: 'I need an AI that makes flyers and posters' });
    const second = await chat(b, { sessionId: first.sessionId, message: 'Can I get a link for FlyerKit?' });
    expect(second.links).toHaveLength(1);
    const third = await chat(a, { sessionId: first.sessionId, message: 'details on the first one' });
    expect(third.reply).not.toMatch(/don't have a list/);
    const link = second.links[0]?.url.replace(b, a) ?? '';
    const click = await fetch(link, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 Chrome/130' } });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toContain('/agentclick/t/');
  }, 60_000);

  it('the same purchase posted to both is delivered once to each network', async () => {
    const [a = '', b = ''] = urls;
    const { links } = await chat(a, { message: 'Can I get a link for FlyerKit?' });
    const linkId = links[0]?.id;
    const orders = ['SCALE-1', 'SCALE-2', 'SCALE-3'];
    for (const orderId of orders) {
      const raw = JSON.stringify({ linkId, orderId, amount: 9800, currency: 'JPY' });
      const post = (url: string) =>
        fetch(`${url}/postbacks/purchase`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': signPostback(SECRET, raw, Math.floor(Date.now() / 1000)) }, body: raw });
      const answers = await Promise.all([post(a), post(b)]);
      expect(answers.map((r) => r.status)).toEqual([202, 202]);
    }
    const sends = () => {
      const counts: Record<string, number> = {};
      for (const event of sandbox.events.list()) {
        if (event.type !== 'conversion' && event.type !== 'attribution') continue;
        const order = String(event.data.order_id ?? event.data.orderId);
        if (!orders.includes(order)) continue;
        const label = `${event.network}:${order}:${event.status}`;
        counts[label] = (counts[label] ?? 0) + 1;
      }
      return counts;
    };
    const expected = Object.fromEntries(orders.flatMap((o) => [[`agentclick:${o}:200`, 1], [`syndicate:${o}:201`, 1]]));
    await expect.poll(sends, { timeout: 30_000, interval: 250 }).toEqual(expected);
    // Wait until neither instance has anything left to send (the one that found a delivery busy retries
    // it a few seconds later and learns from Redis that it was delivered): then no repeat can still come.
    const deliveries = async (url: string) => {
      const response = await fetch(`${url}/admin/api/deliveries`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { health: Record<string, number> }).health;
    };
    for (const url of [a, b]) await expect.poll(() => deliveries(url), { timeout: 30_000, interval: 250 }).toEqual({ pending: 0, retrying: 0, delivered: 6, dead: 0 });
    // Not even a refused repeat: the second instance knew it was delivered.
    expect(sends()).toEqual(expected);

    // Both dashboards show the same figures, for both instances: each purchase once, its commission once.
    const summary = async (url: string) => {
      const response = await fetch(`${url}/admin/api/summary`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { scope: string; totals: { turns: number; purchases: number; commissionJpy: number } });
    };
    const rewards = sandbox.events
      .list()
      .filter((e) => (e.type === 'conversion' || e.type === 'attribution') && orders.includes(String(e.data.order_id ?? e.data.orderId)));
    expect(rewards).toHaveLength(6);
    await expect.poll(async () => (await summary(a)).totals, { timeout: 10_000, interval: 500 }).toMatchObject({ turns: 4, purchases: 3 });
    const [fromA, fromB] = [await summary(a), await summary(b)];
    expect(fromA.scope).toBe('all-instances');
    expect(fromB.totals).toEqual(fromA.totals);
    // Per order: AgentClick's reward for FlyerKit (program 42) plus Syndicate's 10 % of ¥9,800, counted once.
    const reward = sandbox.agentclick.catalog.byId.get(42)?.reward_amount ?? Number.NaN;
    expect(fromA.totals.commissionJpy).toBe(3 * (reward + 980));
  }, 60_000);

  it('together they never exceed the network\'s 200 reads a minute', async () => {
    const before = { rejected: sandbox.agentclick.rateLimited };
    const needs = Array.from({ length: 230 }, (_, i) => `an AI tool for task number ${i} with ${['images', 'code', 'video', 'voice', 'translation'][i % 5]}`);
    for (let i = 0; i < needs.length; i += 10) {
      await Promise.all(needs.slice(i, i + 10).map((message, j) => chat(urls[(i + j) % 2] ?? '', { message })));
    }
    expect(sandbox.agentclick.rateLimited - before.rejected).toBe(0);
    const account = [...sandbox.agentclick.accounts.values()].find((acc) => acc.role === 'agent');
    // Every turn was answered (from the cached catalog when the shared budget was spent), and the key
    // never made more than 200 reads plus the 30 writes of the minute.
    expect(account?.requestCount).toBeLessThanOrEqual(230);
  }, 120_000);

  it('a conversation gets the same limit whichever instance it reaches', async () => {
    const [a = '', b = ''] = urls;
    const headers = { 'content-type': 'application/json', 'x-forwarded-for': '10.200.0.1' };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const response = await fetch(`${i % 2 === 0 ? a : b}/api/chat`, { method: 'POST', headers, body: JSON.stringify({ sessionId: 'limited-conversation-0001', message: `hello ${i}` }) });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // 20 messages a minute per conversation, counted across both instances (10 each would pass alone).
    expect(statuses.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(statuses[20]).toBe(429);
  }, 60_000);
});
