import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../helpers/sandbox-server.ts';

/**
 * The spec's own curl examples (sections 6-8), in the spec's order, with a fresh agent key from the
 * control API: each answers with the documented envelope and the documented fields.
 */
let sandbox: RunningSandbox;
let key: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  key = await sandbox.agentclickKey('agent');
});
afterAll(() => sandbox.close());

async function curl(body: unknown, auth = true) {
  const response = await fetch(`${sandbox.url}/api/mcp.php`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { success: boolean; message: string; data: Record<string, unknown> };
  return { status: response.status, ...json };
}

describe('the spec\'s curl examples against `npm run sandbox`', () => {
  it('health needs no auth', async () => {
    const r = await curl({ action: 'health' }, false);
    expect(r).toMatchObject({ status: 200, success: true, message: 'OK', data: { status: 'ok' } });
  });

  it('common.*', async () => {
    const categories = await curl({ action: 'common.categories' });
    expect(Object.keys((categories.data.categories as object[])[0] ?? {})).toEqual(expect.arrayContaining(['id', 'name', 'slug', 'description', 'sort_order']));
    for (const action of ['common.stats', 'common.profile', 'common.api_key_info']) expect(await curl({ action })).toMatchObject({ status: 200, success: true });
  });

  it('publisher.* in order: search, detail, apply 42 -> 15 approved, cancel, list, links, self-back, report, earnings, notifications', async () => {
    const search = await curl({ action: 'publisher.programs_search', params: { category_slug: 'ai-chatbot', reward_type: 'cpa', min_reward: 1000 } });
    expect((search.data.programs as unknown[]).length).toBeGreaterThan(0);
    expect((await curl({ action: 'publisher.programs_detail', params: { program_id: 42 } })).data.id).toBe(42);

    const apply = await curl({ action: 'publisher.partnerships_apply', params: { program_id: 42 } });
    expect(apply.data).toMatchObject({ partnership_id: 15, status: 'approved', tracking_code: expect.stringMatching(/^[0-9a-f]{32}$/) });
    // Partnership 15 is approved, and only pending applications can be cancelled: a documented 400.
    const cancel = await curl({ action: 'publisher.partnerships_cancel', params: { partnership_id: 15 } });
    expect(cancel).toMatchObject({ status: 400, success: false });

    const list = await curl({ action: 'publisher.partnerships_list', params: { status: 'approved' } });
    expect((list.data.partnerships as Array<{ tracking_code: string }>)[0]?.tracking_code).toBe(apply.data.tracking_code);
    const links = await curl({ action: 'publisher.links_generate', params: { partnership_id: 15 } });
    expect(Object.keys(links.data)).toEqual(expect.arrayContaining(['url', 'html_tag', 'js_tag', 'disclosure']));

    expect((await curl({ action: 'publisher.selfback_list' })).data.programs).toBeInstanceOf(Array);
    expect((await curl({ action: 'publisher.selfback_apply', params: { program_id: 42 } })).status).toBe(200);
    const report = await curl({ action: 'publisher.report', params: { start_date: '2026-03-01', end_date: '2026-03-31', group_by: 'daily' } });
    expect(report.data).toMatchObject({ start_date: '2026-03-01', end_date: '2026-03-31', group_by: 'daily' });
    expect(Object.keys((await curl({ action: 'publisher.earnings_summary' })).data)).toEqual(
      expect.arrayContaining(['unpaid_balance', 'current_month', 'lifetime_total', 'paid_out', 'trend']),
    );
    const payouts = await curl({ action: 'publisher.earnings_payouts' });
    expect(Object.keys((payouts.data.payouts as object[])[0] ?? {})).toEqual(
      expect.arrayContaining(['gross_reward', 'withholding_tax', 'transfer_fee', 'net_payout']),
    );
    expect((await curl({ action: 'publisher.notifications_list', params: { unread_only: true } })).data.notifications).toBeInstanceOf(Array);
    expect((await curl({ action: 'publisher.notifications_read', params: { notification_id: 5 } })).status).toBe(200);
    expect((await curl({ action: 'publisher.notifications_read' })).status).toBe(200);
  });

  it('agent.* : recommend 画像生成, detail 42, track_click 15, record_conversion ORDER-001 once, catalog, categories', async () => {
    const recommend = await curl({ action: 'agent.recommend', params: { use_case: '画像生成', limit: 5 } });
    expect(recommend.data.programs).toHaveLength(5);
    expect((await curl({ action: 'agent.program_detail', params: { program_id: 42 } })).data.id).toBe(42);
    await curl({ action: 'publisher.partnerships_apply', params: { program_id: 42 } });
    const click = await curl({ action: 'agent.track_click', params: { partnership_id: 15, context: 'voice-assistant' } });
    expect(Object.keys(click.data).sort()).toEqual(['click_id', 'lp_url', 'tracking_url']);
    const conversion = { action: 'agent.record_conversion', params: { tracking_code: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4', order_id: 'ORDER-001', amount: 9800 } };
    expect((await curl(conversion)).status).toBe(200);
    expect(await curl(conversion)).toMatchObject({ status: 409, success: false });
    expect((await curl({ action: 'agent.catalog' })).data.programs).toBeInstanceOf(Array);
    expect((await curl({ action: 'agent.categories' })).data.categories).toBeInstanceOf(Array);
    const events = sandbox.events.list().map((e) => [e.network, e.type, e.status, e.data.context ?? e.data.order_id]);
    expect(events).toEqual(expect.arrayContaining([['agentclick', 'click', 200, 'voice-assistant'], ['agentclick', 'conversion', 200, 'ORDER-001'], ['agentclick', 'conversion', 409, 'ORDER-001']]));
  });

  it('section 11\'s sample conversion without order_id and with a short code is refused with a clear message', async () => {
    const r = await curl({ action: 'agent.record_conversion', params: { tracking_code: 'abc123...', amount: 5000 } });
    expect(r.status).toBe(400);
    expect(r.message).toContain('tracking_code');
  });
});
