import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mintSlatToken } from '../../src/syndicate/slat.ts';
import { startHarness, type Harness } from '../syndicate/harness.ts';

let h: Harness;
let accountKey: string;
let agentKey: string;
let otherAgentKey: string;
const seconds = () => Math.floor(h.now() / 1000);
const mint = (orderId: string, options: { key?: string; nonce?: string; skew?: number } = {}) =>
  mintSlatToken({ agentKey: options.key ?? agentKey, orderId, nonce: options.nonce, timestamp: seconds() + (options.skew ?? 0) });
const attribute = (body: Record<string, unknown>, key = agentKey) => h.call('POST', '/v1/track/agent-attribution', { key, body });
const sale = (orderId: string, extra: Record<string, unknown> = {}) => ({ attribution_token: mint(orderId), orderId, saleAmount: 149.99, ...extra });
const CREDENTIAL = /aff_agent_|ak_live_|slat_v1_/;

beforeAll(async () => {
  h = await startHarness();
  accountKey = await h.accountKey();
  agentKey = await h.agentKey(accountKey);
  otherAgentKey = await h.agentKey();
});
afterAll(() => h.close());
afterEach(() => {
  h.state.reset();
  h.events.clear();
  h.faults.clear();
});

describe('POST /affiliate/keys', () => {
  it('answers 201, 401 and 400', async () => {
    expect(await h.call('POST', '/affiliate/keys', { key: accountKey, body: { type: 'agent' } })).toMatchObject({ status: 201, json: { type: 'agent' } });
    expect((await h.call('POST', '/affiliate/keys', { body: { type: 'agent' } })).status).toBe(401);
    expect((await h.call('POST', '/affiliate/keys', { key: agentKey, body: { type: 'agent' } })).status).toBe(401);
    expect(await h.call('POST', '/affiliate/keys', { key: accountKey, body: { type: 'user' } })).toMatchObject({ status: 400, json: { error: 'bad_request' } });
    expect((await h.call('POST', '/affiliate/keys', { key: accountKey, raw: '{"type":' })).status).toBe(400);
  });
});

describe('POST /v1/track/agent-attribution', () => {
  it('answers 201 exactly like the spec', async () => {
    const res = await attribute(sale('order_7891234'));
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      affiliateId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      programId: h.state.programId,
      orderId: 'order_7891234',
      saleAmount: '149.99',
      commissionAmount: '14.99',
      commissionStatus: 'approved',
      attributionMethod: 'agent_token',
    });
    // A numeric string is a "numeric sale value" too.
    expect(await attribute(sale('o-string', { saleAmount: '0.5' }))).toMatchObject({ status: 201, json: { saleAmount: '0.50', commissionAmount: '0.05' } });
  });

  it.each([
    ['orderId', { attribution_token: 't', saleAmount: 1 }],
    ['saleAmount', { attribution_token: 't', orderId: 'o' }],
    ['attribution_token', { orderId: 'o', saleAmount: 1 }],
    ['saleAmount', { attribution_token: 't', orderId: 'o', saleAmount: '1.234' }],
    ['saleAmount', { attribution_token: 't', orderId: 'o', saleAmount: 0 }],
    ['saleAmount', { attribution_token: 't', orderId: 'o', saleAmount: -5 }],
    ['saleAmount', { attribution_token: 't', orderId: 'o', saleAmount: '1e3' }],
    ['currency', { attribution_token: 't', orderId: 'o', saleAmount: 1, currency: 'usd' }],
  ])('answers 400 naming %s', async (field, body) => {
    const res = await attribute(body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: 'bad_request', message: expect.stringContaining(field) });
  });

  it('never answers malformed JSON with a 500', async () => {
    for (const raw of ['{', 'null', '[]', '"text"', '42', '{"orderId":', '\u0000', '{"saleAmount":1e400}']) {
      for (const path of ['/v1/track/agent-attribution', '/v1/track/ai-referral', '/affiliate/keys', '/mpp/checkout']) {
        const key = path.startsWith('/v1') ? agentKey : accountKey;
        expect((await h.call('POST', path, { key, raw })).status, `${path} ${raw}`).toBe(400);
      }
    }
  });

  it('answers 401 for a missing or unknown key, a malformed token, a bad signature and an expired token', async () => {
    expect((await h.call('POST', '/v1/track/agent-attribution', { body: sale('o') })).status).toBe(401);
    expect((await attribute(sale('o'), `aff_agent_${'0'.repeat(24)}`)).status).toBe(401);
    expect(await attribute({ ...sale('o'), attribution_token: 'slat_v1_garbage' })).toMatchObject({ status: 401, json: { error: 'invalid_token' } });
    const token = mint('o');
    const encoded = token.slice(8, token.lastIndexOf('.'));
    const forged = `slat_v1_${encoded}.${createHmac('sha256', 'wrong').update(encoded).digest('hex')}`;
    expect(await attribute({ ...sale('o'), attribution_token: forged })).toMatchObject({ status: 401, json: { error: 'invalid_signature' } });
    for (const skew of [-301, 301]) {
      expect(await attribute({ ...sale('o'), attribution_token: mint('o', { skew }) })).toMatchObject({ status: 401, json: { error: 'token_expired' } });
    }
    expect((await attribute({ ...sale('o'), attribution_token: mint('o', { skew: -300 }) })).status).toBe(201);
  });

  it('answers 403 when the token belongs to another key or another order', async () => {
    expect(await attribute({ ...sale('o'), attribution_token: mint('o', { key: otherAgentKey }) })).toMatchObject({ status: 403, json: { error: 'token_mismatch' } });
    expect(await attribute({ ...sale('o'), attribution_token: mint('p') })).toMatchObject({ status: 403, json: { error: 'token_mismatch' } });
  });

  it('answers 409 for a replayed nonce and for an order already attributed; only a 201 records the nonce', async () => {
    const nonce = randomUUID();
    expect((await attribute({ ...sale('o-1'), orderId: 'o-other', attribution_token: mint('o-1', { nonce }) })).status).toBe(403);
    const body = { ...sale('o-1'), attribution_token: mint('o-1', { nonce }) };
    expect((await attribute(body)).status).toBe(201);
    expect(await attribute(body)).toMatchObject({ status: 409, json: { error: 'nonce_replay' } });
    expect(await attribute(sale('o-1'))).toMatchObject({ status: 409, json: { error: 'duplicate_order' } });
    // Another agent key has its own nonces and orders.
    expect((await attribute({ ...sale('o-1'), attribution_token: mint('o-1', { key: otherAgentKey, nonce }) }, otherAgentKey)).status).toBe(201);
  });

  it('forgets a nonce after 48 h', async () => {
    const nonce = randomUUID();
    expect((await attribute({ ...sale('n-1'), attribution_token: mint('n-1', { nonce }) })).status).toBe(201);
    h.advance(47 * 3_600_000);
    expect((await attribute({ ...sale('n-2'), attribution_token: mint('n-2', { nonce }) })).status).toBe(409);
    h.advance(2 * 3_600_000);
    expect((await attribute({ ...sale('n-3'), attribution_token: mint('n-3', { nonce }) })).status).toBe(201);
  });

  it('logs every attempt with its status and fields, never a key or token', async () => {
    await attribute({ ...sale('e-1'), attribution_token: mint('e-1', { skew: -400 }) });
    await attribute(sale('e-1'));
    await h.call('POST', '/v1/track/agent-attribution', { key: agentKey, raw: '{' });
    const events = h.events.list();
    expect(events.map((e) => [e.type, e.status, e.data.orderId])).toEqual([
      ['attribution', 401, 'e-1'],
      ['attribution', 201, 'e-1'],
      ['attribution', 400, undefined],
    ]);
    expect(events[1]?.data).toEqual({ orderId: 'e-1', saleAmount: 149.99, currency: 'USD', nonce: expect.any(String) });
    expect(JSON.stringify(events)).not.toMatch(CREDENTIAL);
  });
});

describe('POST /v1/track/ai-referral', () => {
  it('answers 201, folds a repeat into 200 duplicate, and checks the code', async () => {
    const body = { trackingCode: 'agent-link-1', ipHash: 'h', deviceType: 'desktop', referrer: 'https://chat.openai.com/' };
    const first = await h.call('POST', '/v1/track/ai-referral', { key: agentKey, body });
    expect(first).toMatchObject({ status: 201, json: { trackingCode: 'agent-link-1', redirectUrl: `${h.url}/merchant/1`, attributionMethod: 'ai_referral', duplicate: false } });
    const second = await h.call('POST', '/v1/track/ai-referral', { key: agentKey, body });
    expect(second).toMatchObject({ status: 200, json: { clickId: (first.json as { clickId: string }).clickId, duplicate: true } });
    expect((await h.call('POST', '/v1/track/ai-referral', { key: agentKey, body: { ...body, ipHash: 'other' } })).status).toBe(201);
    for (const trackingCode of ['', '-x', 'a b', 'x'.repeat(129), 42]) {
      expect((await h.call('POST', '/v1/track/ai-referral', { key: agentKey, body: { trackingCode } })).status).toBe(400);
    }
    expect((await h.call('POST', '/v1/track/ai-referral', { body })).status).toBe(401);
    expect(h.events.list().map((e) => e.status)).toEqual([201, 200, 201, 400, 400, 400, 400, 400, 401]);
    expect(h.events.list()[1]?.data).toEqual({ trackingCode: 'agent-link-1', ipHash: 'h', deviceType: 'desktop', referrer: 'https://chat.openai.com/', duplicate: true });
  });
});

describe('GET /v1/agent/commission', () => {
  it('defaults to USD, selects a currency and checks it', async () => {
    await attribute(sale('c-1', { saleAmount: '0.10' }));
    await attribute(sale('c-2', { saleAmount: 0.1 }));
    await attribute(sale('c-3', { saleAmount: '0.10' }));
    await attribute(sale('c-4', { saleAmount: 1000, currency: 'JPY' }));
    expect((await h.call('GET', '/v1/agent/commission', { key: agentKey })).json).toEqual({ balance: '0.03', pending: '0.03', paid: '0.00', currency: 'USD' });
    expect((await h.call('GET', '/v1/agent/commission?currency=JPY', { key: agentKey })).json).toMatchObject({ balance: '100.00', currency: 'JPY' });
    expect((await h.call('GET', '/v1/agent/commission?currency=yen', { key: agentKey })).status).toBe(400);
    expect((await h.call('GET', '/v1/agent/commission', { key: accountKey })).status).toBe(401);
  });
});

describe('MPP routes', () => {
  it('serves discovery and plans without auth, and checkout with the account key', async () => {
    expect(await h.call('GET', '/.well-known/machine-payments')).toMatchObject({ status: 200, json: { plans_url: '/mpp/plans', checkout_url: '/mpp/checkout' } });
    const plans = await h.call('GET', '/mpp/plans');
    expect((plans.json as { plans: unknown[] }).plans).toHaveLength(6);
    expect(await h.call('POST', '/mpp/checkout', { key: accountKey, body: { planId: 'starter' } })).toMatchObject({ status: 201, json: { planId: 'starter', status: 'open' } });
    expect(await h.call('POST', '/mpp/checkout', { key: accountKey, body: { planId: 'nope' } })).toMatchObject({ status: 404, json: { error: 'not_found' } });
    expect((await h.call('POST', '/mpp/checkout', { key: accountKey, body: {} })).status).toBe(400);
    expect((await h.call('POST', '/mpp/checkout', { key: agentKey, body: { planId: 'starter' } })).status).toBe(401);
  });
});

describe('rate limit and faults', () => {
  it('answers 429 with Retry-After after 300 requests a minute per key, and logs a limited attribution', async () => {
    for (let i = 0; i < 300; i++) expect((await h.call('GET', '/v1/agent/commission', { key: agentKey })).status).toBe(200);
    const limited = await h.call('GET', '/v1/agent/commission', { key: agentKey });
    expect(limited).toMatchObject({ status: 429, json: { error: 'rate_limited' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await attribute(sale('r-1'))).status).toBe(429);
    expect(h.events.list().map((e) => [e.type, e.status])).toEqual([['attribution', 429]]);
    expect((await h.call('GET', '/v1/agent/commission', { key: otherAgentKey })).status).toBe(200);
    h.advance(60_000);
    expect((await h.call('GET', '/v1/agent/commission', { key: agentKey })).status).toBe(200);
  });

  it('logs attempts failed by an injected fault and leaves other networks alone', async () => {
    h.faults.set({ network: 'syndicate', status: 503, errorRate: 1, latencyMs: 0, times: 4 });
    expect(await attribute(sale('f-1'))).toMatchObject({ status: 503, json: { error: 'service_unavailable' } });
    expect((await h.call('POST', '/v1/track/ai-referral', { key: agentKey, body: { trackingCode: 'ac-1' } })).status).toBe(503);
    expect((await h.call('GET', '/v1/agent/commission', { key: agentKey })).status).toBe(503);
    // The fault is Syndicate's only: the merchant and AgentClick, mounted on the same app, still answer.
    expect((await h.call('GET', '/merchant')).status).toBe(200);
    expect((await h.call('POST', '/api/mcp.php', { body: {} })).status).not.toBe(503);
    expect(h.events.list().map((e) => [e.type, e.status, e.data.orderId ?? e.data.trackingCode])).toEqual([
      ['attribution', 503, 'f-1'],
      ['referral', 503, 'ac-1'],
    ]);
    expect(h.events.list()[0]?.data.nonce).toEqual(expect.any(String));
  });

  it('never echoes a key or token in an error body', async () => {
    const responses = [
      await attribute({ ...sale('x'), attribution_token: `${mint('x')}tail` }),
      await attribute({ ...sale('x'), attribution_token: mint('x', { key: otherAgentKey }) }),
      await attribute({ ...sale('x'), orderId: agentKey }),
      await h.call('POST', '/affiliate/keys', { key: `ak_live_${'f'.repeat(32)}`, body: { type: 'agent' } }),
    ];
    for (const res of responses) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.json).toEqual({ error: expect.any(String), message: expect.any(String) });
      expect(res.text).not.toMatch(CREDENTIAL);
    }
  });
});

describe('reset', () => {
  it('clears attributions and commission but keeps accounts and agent keys', async () => {
    await attribute(sale('z-1'));
    h.state.reset();
    expect((await h.call('GET', '/v1/agent/commission', { key: agentKey })).json).toMatchObject({ balance: '0.00' });
    expect((await attribute(sale('z-1'))).status).toBe(201);
  });
});
