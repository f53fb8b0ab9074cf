import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSyndicateClient, type SyndicateClientOptions } from '../../src/syndicate/client.ts';
import { SyndicateError } from '../../src/syndicate/errors.ts';
import { decodeSlatToken, mintSlatToken, verifySlatToken } from '../../src/syndicate/slat.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let accountKey: string;
let agentKey: string;
/** Every request body the clients sent, to check what went over the wire. */
const sent: string[] = [];

const recordingFetch: typeof fetch = async (input, init) => {
  if (typeof init?.body === 'string') sent.push(init.body);
  return fetch(input, init);
};

function client(options: Partial<SyndicateClientOptions> = {}) {
  // random 0: backoff waits nothing, so retries do not slow the suite.
  return createSyndicateClient({ baseUrl: h.url, agentKey, accountKey, fetch: recordingFetch, now: h.now, random: () => 0, ...options });
}

async function failure(promise: Promise<unknown>): Promise<SyndicateError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!SyndicateError.isInstance(error)) throw new Error(`expected a SyndicateError, got ${String(error)}`);
  return error;
}

const attributionStatuses = () => h.events.list().filter((e) => e.type === 'attribution').map((e) => e.status);

beforeAll(async () => {
  h = await startHarness();
  accountKey = await h.accountKey();
  agentKey = await h.agentKey(accountKey);
});
afterAll(() => h.close());
afterEach(async () => {
  await h.call('DELETE', '/_sandbox/faults');
  await h.call('POST', '/_sandbox/reset');
});

describe('keys', () => {
  it('refuses malformed keys before any request', async () => {
    const calls: unknown[] = [];
    const spy: typeof fetch = async (...args) => {
      calls.push(args);
      return new Response('{}');
    };
    expect(() => createSyndicateClient({ baseUrl: h.url, agentKey: 'aff_agent_short', fetch: spy })).toThrow(/agent key is not aff_agent_/);
    expect(() => createSyndicateClient({ baseUrl: h.url, accountKey: 'ak_prod_0123456789', fetch: spy })).toThrow(SyndicateError);
    const bare = createSyndicateClient({ baseUrl: h.url, fetch: spy });
    expect(await failure(bare.getCommission())).toMatchObject({ code: 'invalid_key', status: undefined });
    expect(await failure(bare.issueAgentKey())).toMatchObject({ code: 'invalid_key' });
    expect(calls).toHaveLength(0);
  });

  it('issues an agent key with the account key; an unknown account key is a 401 that never shows the key', async () => {
    const issued = await client().issueAgentKey();
    expect(issued).toEqual({ key: expect.stringMatching(/^aff_agent_[0-9a-f]{24}$/), type: 'agent' });
    const stranger = `ak_live_${'0'.repeat(32)}`;
    const error = await failure(client({ accountKey: stranger }).issueAgentKey());
    expect(error).toMatchObject({ name: 'SyndicateError', code: 'unauthorized', status: 401, operation: 'issueAgentKey' });
    expect(error.message).toContain('issueAgentKey');
    expect(error.message).not.toContain(stranger);
  });
});

describe('trackAiReferral', () => {
  it('records a click, folds a repeat within 60 s and records again after', async () => {
    const input = { trackingCode: 'ac-42', ipHash: 'ip-1', deviceType: 'desktop', referrer: 'https://chat.openai.com/' };
    const first = await client().trackAiReferral(input);
    expect(first).toEqual({ clickId: expect.any(String), trackingCode: 'ac-42', redirectUrl: `${h.url}/merchant/42`, attributionMethod: 'ai_referral', duplicate: false });
    expect((await fetch(first.redirectUrl)).status).toBe(200); // program 42 exists at the sandbox merchant
    const repeat = await client().trackAiReferral(input);
    expect(repeat).toMatchObject({ clickId: first.clickId, duplicate: true });
    h.advance(60_000);
    const later = await client().trackAiReferral(input);
    expect(later.duplicate).toBe(false);
    expect(later.clickId).not.toBe(first.clickId);
    expect(h.state.clicks()).toHaveLength(2);
    expect(h.events.list().map((e) => [e.type, e.status, e.data.duplicate])).toEqual([
      ['referral', 201, false],
      ['referral', 200, true],
      ['referral', 201, false],
    ]);
    const index = await client().trackAiReferral({ trackingCode: 'agent-link' });
    expect(index.redirectUrl).toBe(`${h.url}/merchant`);
    expect((await fetch(index.redirectUrl)).status).toBe(200);
  });

  it('checks the tracking code locally', async () => {
    expect(await failure(client().trackAiReferral({ trackingCode: '-bad' }))).toMatchObject({ code: 'bad_request' });
  });

  it('retries through faults only when an ipHash makes the repeat safe', async () => {
    await h.call('POST', '/_sandbox/faults', { body: { network: 'syndicate', status: 503, times: 1 } });
    expect(await failure(client().trackAiReferral({ trackingCode: 'ac-1' }))).toMatchObject({ code: 'server_error', status: 503 });
    await h.call('POST', '/_sandbox/faults', { body: { network: 'syndicate', status: 503, times: 1 } });
    expect((await client().trackAiReferral({ trackingCode: 'ac-1', ipHash: 'ip-2' })).duplicate).toBe(false);
    expect(h.events.list().map((e) => e.status)).toEqual([503, 503, 201]);
  });
});

describe('recordAttribution', () => {
  it('records a sale, sends the amount as a JSON number without losing a cent and returns the token used', async () => {
    const result = await client().recordAttribution({ orderId: 'order_7891234', saleAmount: '149.99' });
    expect(result).toMatchObject({
      status: 'recorded',
      event: { orderId: 'order_7891234', saleAmount: '149.99', commissionAmount: '14.99', commissionStatus: 'approved', attributionMethod: 'agent_token' },
    });
    expect(verifySlatToken(result.token, { bearerKey: agentKey, now: h.now() }).ok).toBe(true);
    expect(sent.at(-1)).toContain('"saleAmount":149.99,');
    expect(sent.at(-1)).toContain('"currency":"USD"');
  });

  it('treats 409 as already recorded, with the same token or a fresh one', async () => {
    const first = await client().recordAttribution({ orderId: 'o-dup', saleAmount: '10.00' });
    expect(await client().recordAttribution({ orderId: 'o-dup', saleAmount: '10.00', token: first.token })).toEqual({ status: 'duplicate', token: first.token });
    const again = await client().recordAttribution({ orderId: 'o-dup', saleAmount: '10.00' });
    expect(again.status).toBe('duplicate');
    expect(again.token).not.toBe(first.token);
    expect(attributionStatuses()).toEqual([201, 409, 409]);
    expect((await client().getCommission()).pending).toBe('1.00');
  });

  it('reuses a stored token while it is valid and mints a fresh one when it is about to expire', async () => {
    const fresh = mintSlatToken({ agentKey, orderId: 'o-reuse', timestamp: Math.floor(h.now() / 1000) - 100 });
    expect((await client().recordAttribution({ orderId: 'o-reuse', saleAmount: '1', token: fresh })).token).toBe(fresh);
    const stale = mintSlatToken({ agentKey, orderId: 'o-stale', timestamp: Math.floor(h.now() / 1000) - 290 });
    const result = await client().recordAttribution({ orderId: 'o-stale', saleAmount: '1', token: stale });
    expect(result.status).toBe('recorded');
    expect(result.token).not.toBe(stale);
    const foreign = mintSlatToken({ agentKey, orderId: 'another-order' });
    expect(await failure(client().recordAttribution({ orderId: 'o-x', saleAmount: '1', token: foreign }))).toMatchObject({ code: 'bad_request' });
  });

  it('mints like Python for a non-ASCII orderId, end to end', async () => {
    const result = await client().recordAttribution({ orderId: '注文-1', saleAmount: '1500', currency: 'JPY' });
    expect(result).toMatchObject({ status: 'recorded', event: { orderId: '注文-1', saleAmount: '1500.00', commissionAmount: '150.00' } });
    expect(Buffer.from(result.token.slice(8, result.token.indexOf('.')), 'base64url').toString()).toContain('"orderId":"\\u6ce8\\u6587-1"');
    expect(h.events.list().at(-1)?.data).toMatchObject({ orderId: '注文-1', currency: 'JPY', nonce: decodeSlatToken(result.token)?.payload.nonce });
  });

  it('retries through two injected 503s with the same token', async () => {
    await h.call('POST', '/_sandbox/faults', { body: { network: 'syndicate', status: 503, times: 2 } });
    const result = await client().recordAttribution({ orderId: 'o-fault', saleAmount: '20.00' });
    expect(result.status).toBe('recorded');
    const events = h.events.list();
    expect(events.map((e) => e.status)).toEqual([503, 503, 201]);
    const nonce = decodeSlatToken(result.token)?.payload.nonce;
    expect(events.every((e) => e.data.orderId === 'o-fault' && e.data.nonce === nonce)).toBe(true);
  });

  it('gives up after maxAttempts with a server_error', async () => {
    await h.call('POST', '/_sandbox/faults', { body: { network: 'syndicate', status: 500, times: 5 } });
    const error = await failure(client({ maxAttempts: 3 }).recordAttribution({ orderId: 'o-down', saleAmount: '5.00' }));
    expect(error).toMatchObject({ code: 'server_error', status: 500, retryable: true });
    expect(attributionStatuses()).toEqual([500, 500, 500]);
  });

  it('waits out a 429 Retry-After and succeeds', async () => {
    await h.call('POST', '/_sandbox/faults', { body: { network: 'syndicate', status: 429, times: 1 } });
    const started = Date.now();
    expect((await client().recordAttribution({ orderId: 'o-429', saleAmount: '5.00' })).status).toBe('recorded');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(attributionStatuses()).toEqual([429, 201]);
  });

  it('refuses an amount with more than two decimals before sending', async () => {
    expect(await failure(client().recordAttribution({ orderId: 'o', saleAmount: '1.999' }))).toMatchObject({ code: 'bad_request' });
  });
});

describe('commission', () => {
  it('accumulates in cents without float error, per currency', async () => {
    const key = await h.agentKey(accountKey);
    const c = client({ agentKey: key });
    for (const [i, amount] of ['0.10', '0.10', '0.10', '19.99', '19.99', '19.99', '0.29'].entries()) {
      await c.recordAttribution({ orderId: `acc-${i}`, saleAmount: amount });
    }
    // 3 x floor(1.0) + 3 x floor(199.9) + floor(2.9) cents = 3 + 597 + 2
    expect(await c.getCommission()).toEqual({ balance: '6.02', pending: '6.02', paid: '0.00', currency: 'USD' });
    await c.recordAttribution({ orderId: 'acc-jpy', saleAmount: '999', currency: 'JPY' });
    expect(await c.getCommission('JPY')).toEqual({ balance: '99.90', pending: '99.90', paid: '0.00', currency: 'JPY' });
    expect((await c.getCommission('EUR')).balance).toBe('0.00');
  });
});

describe('MPP', () => {
  it('discovers, lists the 6 plans and opens a checkout', async () => {
    expect(await client().discoverMachinePayments()).toMatchObject({ plans_url: '/mpp/plans', checkout_url: '/mpp/checkout' });
    const plans = await client().listPlans();
    expect(plans).toHaveLength(6);
    expect(new Set(plans.map((p) => p.id)).size).toBe(6);
    const session = await client().createCheckout('pro');
    expect(session).toMatchObject({ planId: 'pro', status: 'open' });
    expect((await fetch(session.url)).status).toBe(200);
    expect(await failure(client().createCheckout('platinum'))).toMatchObject({ code: 'not_found', status: 404 });
  });
});

describe('transport failures', () => {
  it('rejects a response that does not match the contract', async () => {
    const lying: typeof fetch = async () => new Response('{"balance":1}', { status: 200 });
    expect(await failure(client({ fetch: lying }).getCommission())).toMatchObject({ code: 'invalid_response', status: 200 });
    const html: typeof fetch = async () => new Response('<html>', { status: 200 });
    expect(await failure(client({ fetch: html }).listPlans())).toMatchObject({ code: 'invalid_response' });
  });

  it('times out, retries and reports a timeout', async () => {
    let attempts = 0;
    const hanging: typeof fetch = (_input, init) => {
      attempts++;
      return new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    };
    const error = await failure(client({ fetch: hanging, timeoutMs: 20, maxAttempts: 2 }).getCommission());
    expect(error).toMatchObject({ code: 'timeout', status: undefined });
    expect(attempts).toBe(2);
  });

  it('reports a network error without the key in the message', async () => {
    const down: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const error = await failure(client({ fetch: down, maxAttempts: 1 }).recordAttribution({ orderId: 'o', saleAmount: '1.00' }));
    expect(error.code).toBe('network');
    expect(error.message).not.toMatch(/aff_agent_|slat_v1_/);
  });
});
