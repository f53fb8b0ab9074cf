import { afterEach, describe, expect, it } from 'vitest';
import { signPostback } from '../../src/attribution/postback-signature.ts';
import { TEST_POSTBACK_SECRET, type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { everyTurnModel } from '../helpers/scripted-model.ts';

let running: RunningBot | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function botWithLink() {
  running = await startBot({ model: everyTurnModel({ tool: 'get_link', input: { program_id: 42 } }, { text: 'Below.' }), startOutbox: false });
  const linkId = (await running.bot.core.handleTurn({ channel: 'web', sessionId: 'outbox', text: 'link' })).links[0]?.id ?? '';
  return { bot: running, linkId };
}

async function purchase(bot: RunningBot, linkId: string, orderId: string, amount: number | string = 9800, currency = 'JPY') {
  const raw = JSON.stringify({ linkId, orderId, amount, currency });
  const response = await fetch(`${bot.url}/postbacks/purchase`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': signPostback(TEST_POSTBACK_SECRET, raw, Math.floor(Date.now() / 1000)) },
    body: raw,
  });
  expect(response.status).toBe(202);
}

function fault(bot: RunningBot, spec: Record<string, unknown>) {
  return fetch(`${bot.sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(spec) });
}

/** Accepted writes per order id at each network (201/200 = recorded; 409 = a repeat, which is fine). */
function recorded(bot: RunningBot) {
  const events = bot.sandbox.events.list();
  const count = (network: string, type: string, key: string) => {
    const counts = new Map<string, number>();
    for (const event of events) {
      if (event.network !== network || event.type !== type || (event.status !== 200 && event.status !== 201)) continue;
      const order = String(event.data[key]);
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    return Object.fromEntries(counts);
  };
  return { agentclick: count('agentclick', 'conversion', 'order_id'), syndicate: count('syndicate', 'attribution', 'orderId') };
}

async function drain(bot: RunningBot, { rounds = 60, advance = true } = {}) {
  for (let i = 0; i < rounds; i++) {
    await bot.bot.outbox.runOnce();
    const health = await bot.bot.ledger.health();
    if (health.pending === 0 && health.retrying === 0) return;
    // Move the ledger's clock to the next retry's time, instead of waiting minutes for it.
    const due = advance ? await bot.bot.ledger.nextDueAt() : undefined;
    if (due !== undefined) bot.ledgerClock.advance(Math.max(0, due - bot.ledgerClock.now()));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the outbox delivers each purchase to both networks exactly once', () => {
  it('delivers at once, with the commission, and a repeated postback adds nothing', async () => {
    const { bot, linkId } = await botWithLink();
    await purchase(bot, linkId, 'OB-1', '149.99', 'USD');
    await purchase(bot, linkId, 'OB-1', '149.99', 'USD');
    await purchase(bot, linkId, 'OB-2', 9800, 'JPY');
    await drain(bot);
    expect(recorded(bot)).toEqual({ agentclick: { 'OB-1': 1, 'OB-2': 1 }, syndicate: { 'OB-1': 1, 'OB-2': 1 } });
    expect(await bot.bot.ledger.health()).toEqual({ pending: 0, retrying: 0, delivered: 4, dead: 0 });
    const attribution = bot.sandbox.events.list().find((e) => e.type === 'attribution' && e.data.orderId === 'OB-1');
    expect(attribution?.data).toMatchObject({ saleAmount: 149.99, currency: 'USD' });
  });

  it('a network down for a while, a 429 storm and slow answers: every purchase delivered once in the end', async () => {
    const { bot, linkId } = await botWithLink();
    await fault(bot, { network: 'agentclick', status: 503, times: 4 });
    await fault(bot, { network: 'syndicate', status: 429, times: 5 });
    for (let i = 1; i <= 5; i++) await purchase(bot, linkId, `STORM-${i}`);
    await drain(bot);
    await fault(bot, { network: 'all', status: 500, errorRate: 0.5, latencyMs: 30 });
    for (let i = 6; i <= 8; i++) await purchase(bot, linkId, `STORM-${i}`);
    await drain(bot, { rounds: 200 });
    await fetch(`${bot.sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
    await drain(bot);
    const expected = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`STORM-${i + 1}`, 1]));
    expect(recorded(bot)).toEqual({ agentclick: expected, syndicate: expected });
    expect((await bot.bot.ledger.health()).dead).toBe(0);
    // Failed attempts really happened and were retried.
    expect(bot.sandbox.events.list().filter((e) => e.status >= 429).length).toBeGreaterThan(5);
  });

  it('a refusal (4xx) goes to the dead letters with its reason, and a replay delivers it', async () => {
    const { bot, linkId } = await botWithLink();
    await fault(bot, { network: 'syndicate', status: 403, times: 1 });
    await purchase(bot, linkId, 'DEAD-1');
    await drain(bot);
    const dead = await bot.bot.ledger.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ orderId: 'DEAD-1', network: 'syndicate' });
    expect(dead[0]?.reason).toContain('403');
    expect(await bot.bot.ledger.replay()).toBe(1);
    await drain(bot);
    expect(recorded(bot).syndicate).toEqual({ 'DEAD-1': 1 });
    expect(await bot.bot.ledger.deadLetters()).toHaveLength(0);
  });

  it('the worker started by the app delivers without being asked', async () => {
    running = await startBot({ model: everyTurnModel({ tool: 'get_link', input: { program_id: 42 } }, { text: 'Below.' }) });
    const linkId = (await running.bot.core.handleTurn({ channel: 'web', sessionId: 'auto', text: 'link' })).links[0]?.id ?? '';
    await purchase(running, linkId, 'AUTO-1');
    const bot = running;
    await expect.poll(() => recorded(bot), { timeout: 10_000 }).toEqual({ agentclick: { 'AUTO-1': 1 }, syndicate: { 'AUTO-1': 1 } });
  });
});
