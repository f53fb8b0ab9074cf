import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signPostback } from '../../src/attribution/postback-signature.ts';
import { createSyndicateClient } from '../../src/syndicate/client.ts';
import { freePort, startBotProcess } from '../helpers/bot-process.ts';
import { type HoldingProxy, startHoldingProxy } from '../helpers/holding-proxy.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandbox-server.ts';

/**
 * The bot process is killed with SIGKILL while purchases are being delivered, then started again on the
 * same data folder: every purchase reaches each network exactly once.
 */
const SECRET = 'kill-test-postback-secret-0123456789';
const ADMIN_TOKEN = 'kill-test-admin-token-0123456789';
const dataDir = mkdtempSync(join(tmpdir(), 'kill-test-'));
const children: ChildProcess[] = [];
let sandbox: RunningSandbox | undefined;
let proxy: HoldingProxy | undefined;

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await proxy?.close();
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function successes() {
  const ok = (status: number) => status === 200 || status === 201;
  const count = (network: string, type: string, key: string) => {
    const counts: Record<string, number> = {};
    for (const event of sandbox?.events.list() ?? []) {
      if (event.network === network && event.type === type && ok(event.status)) counts[String(event.data[key])] = (counts[String(event.data[key])] ?? 0) + 1;
    }
    return counts;
  };
  return { agentclick: count('agentclick', 'conversion', 'order_id'), syndicate: count('syndicate', 'attribution', 'orderId') };
}

describe('kill -9 during delivery', () => {
  it('loses nothing and sends nothing twice', async () => {
    sandbox = await startSandbox();
    const { api_key } = sandbox.agentclick.createAccount('agent');
    const { account_key } = sandbox.syndicate.createAccount();
    const { key: agentKey } = await createSyndicateClient({ baseUrl: sandbox.url, accountKey: account_key }).issueAgentKey();
    // Conversions and attributions are held at a proxy in front of the sandbox until the test lets them go.
    proxy = await startHoldingProxy(sandbox.url, (path, body) => path.startsWith('/v1/track/agent-attribution') || body.includes('agent.record_conversion'));
    const port = await freePort();
    const env = {
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      AGENTCLICK_API_URL: proxy.url,
      AGENTCLICK_API_KEY: api_key,
      SYNDICATE_API_URL: proxy.url,
      SYNDICATE_AGENT_KEY: agentKey,
      POSTBACK_SECRET: SECRET,
      ADMIN_TOKEN,
    };
    let bot = await startBotProcess(env);
    children.push(bot);
    const chat = (await (await fetch(`${env.PUBLIC_BASE_URL}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Can I get a link for FlyerKit?' }) })).json()) as { links: Array<{ id: string }> };
    const linkId = chat.links[0]?.id;
    expect(linkId).toBeTruthy();

    const orders = Array.from({ length: 6 }, (_, i) => `KILL-${i + 1}`);
    for (const orderId of orders) {
      const raw = JSON.stringify({ linkId, orderId, amount: 9800, currency: 'JPY' });
      const response = await fetch(`${env.PUBLIC_BASE_URL}/postbacks/purchase`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': signPostback(SECRET, raw, Math.floor(Date.now() / 1000)) },
        body: raw,
      });
      expect(response.status).toBe(202);
    }
    // Deliveries are in flight (held at the proxy) when the process dies.
    await proxy.arrived(1);
    bot.kill('SIGKILL');
    await new Promise((resolve) => bot.once('exit', resolve));
    // The writes in flight reach the networks after all: the bot died without hearing the answers.
    await proxy.release();
    const landed = successes();
    expect(Object.keys(landed.agentclick).length + Object.keys(landed.syndicate).length).toBeGreaterThan(0);

    bot = await startBotProcess(env);
    children.push(bot);
    const expected = Object.fromEntries(orders.map((order) => [order, 1]));
    await expect.poll(successes, { timeout: 60_000, interval: 500 }).toEqual({ agentclick: expected, syndicate: expected });
    // The deliveries in flight at the kill landed anyway; the restarted bot could not know, so once their
    // lease ran out (30 s) it sent them again and the networks refused the repeats: still counted once.
    const repeats = () => sandbox?.events.list().filter((e) => (e.type === 'conversion' || e.type === 'attribution') && e.status === 409).length ?? 0;
    await expect.poll(repeats, { timeout: 60_000, interval: 1_000 }).toBeGreaterThan(0);
    // And it stays that way: once the bot has nothing left to send, nothing can be sent again.
    const health = async () => {
      const response = await fetch(`${env.PUBLIC_BASE_URL}/admin/api/deliveries`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      return ((await response.json()) as { health: Record<string, number> }).health;
    };
    await expect.poll(health, { timeout: 60_000, interval: 500 }).toEqual({ pending: 0, retrying: 0, delivered: 12, dead: 0 });
    expect(successes()).toEqual({ agentclick: expected, syndicate: expected });
    bot.kill('SIGTERM');
  }, 150_000);
});
