import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPostback } from '../../src/attribution/postback-signature.ts';
import { createLog } from '../../src/log.ts';
import { TEST_POSTBACK_SECRET, type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { captureLines } from '../helpers/log-capture.ts';
import { everyTurnModel } from '../helpers/scripted-model.ts';

/** A whole funnel, failures included, with every log line kept: no credential or signature may appear. */
const { destination: capture, lines } = captureLines();
let running: RunningBot;
const signatures: string[] = [];

beforeAll(async () => {
  running = await startBot({
    model: everyTurnModel({ tool: 'get_link', input: { program_id: 42 } }, { text: 'Below.' }),
    log: createLog({ level: 'debug', destination: capture }),
    startOutbox: false,
  });
});
afterAll(() => running.close());

describe('secrets stay out of the logs', () => {
  it('a funnel with failures logs nothing secret', async () => {
    const link = (await running.bot.core.handleTurn({ channel: 'web', sessionId: 'secrets-1', text: 'link' })).links[0];
    expect(link).toBeDefined();
    const fault = (spec: Record<string, unknown>) => fetch(`${running.sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(spec) });

    // A click while AgentClick fails (logged and queued), then one that works.
    await fault({ network: 'agentclick', status: 503, times: 3 });
    await fetch(link?.url ?? '', { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 Chrome/130' } });
    await running.bot.clicks.flushPending();

    // Purchases: one with a wrong signature, one good; deliveries that fail (401/403 logged) and succeed.
    const raw = JSON.stringify({ linkId: link?.id, orderId: 'SECRET-1', amount: 1000, currency: 'JPY' });
    const good = signPostback(TEST_POSTBACK_SECRET, raw, Math.floor(Date.now() / 1000));
    signatures.push(good.split('v1=')[1] ?? '');
    await fetch(`${running.url}/postbacks/purchase`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': 't=1,v1=' + 'f'.repeat(64) }, body: raw });
    await fetch(`${running.url}/postbacks/purchase`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': good }, body: raw });
    await fault({ network: 'syndicate', status: 401, times: 1 });
    await fault({ network: 'agentclick', status: 500, times: 1 });
    await running.bot.outbox.runOnce();
    await running.bot.ledger.replay();
    running.ledgerClock.advance(Math.max(0, ((await running.bot.ledger.nextDueAt()) ?? 0) - running.ledgerClock.now()));
    await running.bot.outbox.runOnce();
    const token = running.sandbox.events.list().find((e) => e.type === 'attribution');
    expect(token).toBeDefined();

    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join('\n');
    for (const secret of [...running.secrets, ...signatures]) expect(all, 'a secret leaked into the logs').not.toContain(secret);
    expect(all).not.toMatch(/slat_v1_[A-Za-z0-9_-]{20,}/);
    expect(all).not.toMatch(/aa_[0-9a-f]{48}/);
    expect(all).not.toMatch(/aff_agent_[A-Za-z0-9]{8,}/);
    expect(all).not.toMatch(/Bearer\s+\S{8,}/);
  });
});
