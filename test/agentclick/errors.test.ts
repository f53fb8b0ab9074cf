import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgentClickClient } from '../../src/agentclick/client.ts';
import { AgentClickError } from '../../src/agentclick/errors.ts';
import { createMemoryBudget } from '../../src/agentclick/request-budget.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandbox-server.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.faults.clear());

async function raw(body: unknown, key?: string) {
  const response = await fetch(`${sandbox.url}/api/mcp.php`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { success: boolean; message: string } };
}

describe('documented error statuses, as the sandbox answers them and the client types them', () => {
  it('400: malformed body, unknown action, wrong parameter type', async () => {
    const key = await sandbox.agentclickKey();
    expect(await raw('{not json', key)).toMatchObject({ status: 400, body: { success: false } });
    expect(await raw({ params: {} }, key)).toMatchObject({ status: 400, body: { message: 'Missing "action"' } });
    expect(await raw({ action: 'publisher.nope' }, key)).toMatchObject({ status: 400, body: { message: 'Unknown action: publisher.nope' } });
    const wrongType = await raw({ action: 'publisher.programs_detail', params: { program_id: 'forty-two' } }, key);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toContain('program_id');
  });

  it('401: missing or unknown key (health needs none); the client rejects a malformed key before sending', async () => {
    expect((await raw({ action: 'health' })).status).toBe(200);
    expect(await raw({ action: 'common.categories' })).toMatchObject({ status: 401, body: { message: 'API key is missing' } });
    const unknown = createAgentClickClient({ baseUrl: sandbox.url, apiKey: `aa_${'0'.repeat(48)}` });
    await expect(unknown.call('common.categories')).rejects.toMatchObject({ code: 'unauthorized', status: 401, action: 'common.categories' });
    const malformed = createAgentClickClient({ baseUrl: sandbox.url, apiKey: 'aa_short', fetch: () => Promise.reject(new Error('must not be called')) });
    const error = await malformed.call('common.categories').catch((e: unknown) => e);
    expect(AgentClickError.isInstance(error) && error.code).toBe('invalid_key');
    expect(String(error)).not.toContain('aa_short');
  });

  it('403: the role table', async () => {
    const advertiser = createAgentClickClient({ baseUrl: sandbox.url, apiKey: await sandbox.agentclickKey('advertiser') });
    expect((await advertiser.call('common.profile')).role).toBe('advertiser');
    await expect(advertiser.call('publisher.programs_search')).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    const publisher = createAgentClickClient({ baseUrl: sandbox.url, apiKey: await sandbox.agentclickKey('publisher') });
    await expect(publisher.call('agent.recommend', { use_case: 'code' })).rejects.toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('404, 409 and 422', async () => {
    const key = await sandbox.agentclickKey();
    const client = createAgentClickClient({ baseUrl: sandbox.url, apiKey: key });
    await expect(client.call('publisher.programs_detail', { program_id: 99_999 })).rejects.toMatchObject({ code: 'not_found', status: 404 });
    await client.call('publisher.partnerships_apply', { program_id: 42 });
    await expect(client.call('publisher.partnerships_apply', { program_id: 42 })).rejects.toMatchObject({ code: 'conflict', status: 409 });
    const missing = await raw({ action: 'publisher.programs_detail', params: {} }, key);
    expect(missing).toMatchObject({ status: 422, body: { message: 'Missing required parameter: program_id' } });
    const missingCode = await raw({ action: 'agent.record_conversion', params: { order_id: 'X' } }, key);
    expect(missingCode.status).toBe(422);
    // The client checks params before sending: nothing reaches the network.
    await expect(client.call('publisher.programs_detail', {} as { program_id: number })).rejects.toMatchObject({ code: 'invalid_params' });
  });

  it('429 past 30 writes a minute, with Retry-After; the client does not retry a write that is not idempotent', async () => {
    const key = await sandbox.agentclickKey('publisher');
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await raw({ action: 'publisher.notifications_read' }, key)).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    const response = await fetch(`${sandbox.url}/api/mcp.php`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: JSON.stringify({ action: 'publisher.notifications_read' }),
    });
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    // Reads have their own budget of 200.
    expect((await raw({ action: 'common.profile' }, key)).status).toBe(200);
  });

  it('429 past 200 reads a minute', async () => {
    const key = await sandbox.agentclickKey();
    const statuses = await Promise.all(Array.from({ length: 201 }, () => raw({ action: 'common.profile' }, key).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(200);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
  });

  it('the client budget stops the client before the server would: no request is sent past it', async () => {
    const key = await sandbox.agentclickKey();
    let sent = 0;
    const counting: typeof fetch = (input, init) => {
      sent++;
      return fetch(input, init);
    };
    const client = createAgentClickClient({ baseUrl: sandbox.url, apiKey: key, fetch: counting, budget: createMemoryBudget({ limits: { read: 3, write: 1 } }) });
    for (let i = 0; i < 3; i++) await client.call('common.profile');
    const error = await client.call('common.profile').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'budget_exhausted' });
    expect(AgentClickError.isInstance(error) && error.retryAfterMs).toBeGreaterThan(0);
    expect(sent).toBe(3);
  });

  it('reads retry through 5xx faults; writes that are not idempotent do not', async () => {
    const client = createAgentClickClient({ baseUrl: sandbox.url, apiKey: await sandbox.agentclickKey(), random: () => 0 });
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ network: 'agentclick', status: 503, times: 2 }) });
    expect((await client.call('agent.catalog')).programs.length).toBeGreaterThan(0);

    const partnership = await client.applyForPartnership(42);
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ network: 'agentclick', status: 503, times: 1 }) });
    await expect(client.call('agent.track_click', { partnership_id: partnership.partnership_id })).rejects.toMatchObject({ code: 'server_error', status: 503 });
    const clicks = sandbox.events.list().filter((e) => e.type === 'click' && e.data.partnership_id === partnership.partnership_id);
    expect(clicks.map((e) => e.status)).toEqual([503]);

    // A conversion with an order id is safe to repeat: it gets through a fault, once.
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ network: 'agentclick', status: 502, times: 1 }) });
    const recorded = await client.recordConversion({ tracking_code: partnership.tracking_code ?? '', order_id: 'RETRY-1', amount: 100 });
    expect(recorded.status).toBe('recorded');
    const conversions = sandbox.events.list().filter((e) => e.type === 'conversion' && e.data.order_id === 'RETRY-1');
    expect(conversions.map((e) => e.status)).toEqual([502, 200]);
  });

  it('timeouts and network errors become typed errors', async () => {
    const slow = createAgentClickClient({ baseUrl: sandbox.url, apiKey: await sandbox.agentclickKey(), timeoutMs: 100, maxAttempts: 1 });
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ network: 'agentclick', latencyMs: 400, errorRate: 0 }) });
    await expect(slow.call('common.profile')).rejects.toMatchObject({ code: 'timeout' });
    sandbox.faults.clear();
    const nowhere = createAgentClickClient({ baseUrl: 'http://127.0.0.1:9', apiKey: `aa_${'a'.repeat(48)}`, maxAttempts: 2, random: () => 0 });
    const error = await nowhere.call('common.profile').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'network', action: 'common.profile' });
    expect(String(error)).not.toContain('a'.repeat(48));
  });

  it('tolerates the sample code\'s other shapes: catalog data as a list, partnership `id`', async () => {
    const legacy: typeof fetch = async (_input, init) => {
      const { action } = JSON.parse(String(init?.body)) as { action: string };
      const data = action === 'agent.catalog' ? [{ id: 1, name: 'X', reward_type: 'cpa', reward_amount: 500 }] : { id: 7, status: 'approved', tracking_code: 'f'.repeat(32) };
      return new Response(JSON.stringify({ success: true, message: 'ok', data }), { headers: { 'content-type': 'application/json' } });
    };
    const client = createAgentClickClient({ baseUrl: 'http://legacy.test', apiKey: `aa_${'b'.repeat(48)}`, fetch: legacy });
    expect((await client.call('agent.catalog')).programs[0]?.name).toBe('X');
    expect((await client.call('publisher.partnerships_apply', { program_id: 1 })).partnership_id).toBe(7);
  });
});
