import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPostback } from '../../src/attribution/postback-signature.ts';
import { TEST_POSTBACK_SECRET, type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { everyTurnModel } from '../helpers/scripted-model.ts';

let running: RunningBot;
let linkId: string;
beforeAll(async () => {
  running = await startBot({ model: everyTurnModel({ tool: 'get_link', input: { program_id: 42 } }, { text: 'Below.' }), startOutbox: false });
  const result = await running.bot.core.handleTurn({ channel: 'telegram', sessionId: 'buyer-1', text: 'link' });
  linkId = result.links[0]?.id ?? '';
});
afterAll(() => running.close());

const now = () => Math.floor(Date.now() / 1000);
function post(body: unknown, { secret = TEST_POSTBACK_SECRET, at = now(), signature }: { secret?: string; at?: number; signature?: string } = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(`${running.url}/postbacks/purchase`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': signature ?? signPostback(secret, raw, at) },
    body: raw,
  });
}
const stored = () => running.bot.ledger.health();
const total = async () => Object.values(await stored()).reduce((a, b) => a + b, 0);

describe('POST /postbacks/purchase', () => {
  it('a signed purchase is stored with a delivery per network before the 202; a repeat gets the same answer and is not counted', async () => {
    const first = await post({ linkId, orderId: 'ORDER-A-1', amount: 9800, currency: 'JPY' });
    expect(first.status).toBe(202);
    const answer = await first.json();
    expect(answer).toMatchObject({ status: 'accepted', orderId: 'ORDER-A-1' });
    expect(await stored()).toMatchObject({ pending: 2 });
    const again = await post({ linkId, orderId: 'ORDER-A-1', amount: 9800, currency: 'JPY' });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual(answer);
    expect(await total()).toBe(2);
  });

  it('accepts a clickId recorded by a click, and USD amounts as decimal strings', async () => {
    const click = await fetch(`${running.url}/r/${linkId}`, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 Chrome/130' } });
    const clickId = new URL((await fetch(click.headers.get('location') ?? '', { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get('ac_click');
    expect(clickId).toMatch(/^\d+$/);
    const response = await post({ clickId, orderId: 'ORDER-A-2', amount: '149.99', currency: 'USD' });
    expect(response.status).toBe(202);
  });

  it('accepts the previous secret during a rotation', async () => {
    await running.close();
    running = await startBot({
      model: everyTurnModel({ tool: 'get_link', input: { program_id: 42 } }, { text: 'Below.' }),
      startOutbox: false,
      postbackSecrets: ['the-new-secret-0123456789abcdef', TEST_POSTBACK_SECRET],
    });
    linkId = (await running.bot.core.handleTurn({ channel: 'web', sessionId: 'buyer-2', text: 'link' })).links[0]?.id ?? '';
    expect((await post({ linkId, orderId: 'ORDER-ROT-OLD', amount: 100, currency: 'JPY' })).status).toBe(202);
    expect((await post({ linkId, orderId: 'ORDER-ROT-NEW', amount: 100, currency: 'JPY' }, { secret: 'the-new-secret-0123456789abcdef' })).status).toBe(202);
    expect((await post({ linkId, orderId: 'ORDER-ROT-BAD', amount: 100, currency: 'JPY' }, { secret: 'a-retired-secret-0123456789' })).status).toBe(401);
  });

  it.each([
    ['no signature', { signature: '' }, 401],
    ['a wrong secret', { secret: 'another-secret-0123456789' }, 401],
    ['a stale timestamp', { at: now() - 400 }, 401],
    ['a future timestamp', { at: now() + 400 }, 401],
    ['a malformed header', { signature: 'sha256=abc' }, 401],
  ])('%s -> 401 and nothing stored', async (_name, options, status) => {
    const before = await total();
    const response = await post({ linkId, orderId: `ORDER-BAD-${_name.replaceAll(' ', '-')}`, amount: 100, currency: 'JPY' }, options);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
    expect(await total()).toBe(before);
  });

  it.each([
    ['not JSON', () => 'order=1', 400],
    ['no order id', () => ({ linkId, amount: 1, currency: 'JPY' }), 400],
    ['both ids', () => ({ linkId, clickId: '5', orderId: 'X-1', amount: 1, currency: 'JPY' }), 400],
    ['a negative amount', () => ({ linkId, orderId: 'X-2', amount: -5, currency: 'JPY' }), 400],
    ['three decimals', () => ({ linkId, orderId: 'X-3', amount: '1.999', currency: 'USD' }), 400],
    ['a lowercase currency', () => ({ linkId, orderId: 'X-4', amount: 1, currency: 'usd' }), 400],
    ['an unknown field', () => ({ linkId, orderId: 'X-5', amount: 1, currency: 'JPY', extra: true }), 400],
    ['an unknown link', () => ({ linkId: 'AAAAAAAAAAAAAAAAAAAAAA', orderId: 'X-6', amount: 1, currency: 'JPY' }), 404],
    ['an unknown click', () => ({ clickId: '999999', orderId: 'X-7', amount: 1, currency: 'JPY' }), 404],
    ['an oversized body', () => ({ linkId, orderId: 'X-8', amount: 1, currency: 'JPY', pad: 'x'.repeat(20_000) }), 413],
  ])('%s -> a 4xx with a message that says what was wrong, nothing stored', async (_name, body, status) => {
    const before = await total();
    const response = await post(body());
    expect(response.status).toBe(status);
    const error = (await response.json()) as { error: { message: string } };
    expect(error.error.message.length).toBeGreaterThan(5);
    expect(await total()).toBe(before);
  });
});
