import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentClickClient, createAgentClickClient } from '../../src/agentclick/client.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandbox-server.ts';

let sandbox: RunningSandbox;
let agent: AgentClickClient;
let publisher: AgentClickClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  agent = createAgentClickClient({ baseUrl: sandbox.url, apiKey: await sandbox.agentclickKey('agent') });
  publisher = createAgentClickClient({ baseUrl: sandbox.url, apiKey: await sandbox.agentclickKey('publisher') });
});
afterAll(() => sandbox.close());

describe('AgentClick client against the sandbox: every action', () => {
  it('common actions', async () => {
    const anonymous = createAgentClickClient({ baseUrl: sandbox.url });
    expect((await anonymous.call('health')).status).toBe('ok');
    const { categories } = await agent.call('common.categories');
    expect(categories.length).toBeGreaterThanOrEqual(12);
    expect(categories.map((c) => c.slug)).toContain('ai-chatbot');
    const stats = await agent.call('common.stats');
    expect(stats.active_programs).toBeGreaterThanOrEqual(150);
    const profile = await agent.call('common.profile');
    expect(profile.role).toBe('agent');
    const info = await agent.call('common.api_key_info');
    expect(info.allowed_actions).toHaveLength(24);
    expect(info.request_count).toBeGreaterThan(0);
    expect(JSON.stringify(info)).not.toMatch(/aa_[0-9a-f]{48}/);
  });

  it('programs: search with filters, sort and pagination; details with partnership status', async () => {
    const found = await agent.call('publisher.programs_search', { category_slug: 'ai-chatbot', reward_type: 'cpa', min_reward: 1000 });
    expect(found.programs.length).toBeGreaterThan(0);
    for (const program of found.programs) {
      expect(program.category_slug).toBe('ai-chatbot');
      expect(program.reward_type).toBe('cpa');
      expect(program.reward_amount).toBeGreaterThanOrEqual(1000);
    }
    const sorted = await agent.call('publisher.programs_search', { sort: 'reward_desc', per_page: 50 });
    const rewards = sorted.programs.map((p) => p.reward_amount);
    expect(rewards).toEqual([...rewards].sort((a, b) => b - a));
    expect(sorted.pagination?.per_page).toBe(50);
    expect(sorted.pagination?.total).toBeGreaterThanOrEqual(150);
    const page2 = await agent.call('publisher.programs_search', { sort: 'reward_desc', per_page: 50, page: 2 });
    expect(page2.programs[0]?.id).not.toBe(sorted.programs[0]?.id);
    const flagged = await agent.call('publisher.programs_search', { auto_approve: true, itp_supported: true, per_page: 50 });
    expect(flagged.programs.every((p) => p.auto_approve && p.itp_supported)).toBe(true);
    const keyword = await agent.call('publisher.programs_search', { keyword: '画像' });
    expect(keyword.programs.length).toBeGreaterThan(0);

    const detail = await agent.call('publisher.programs_detail', { program_id: 42 });
    expect(detail.id).toBe(42);
    expect(detail.lp_url).toContain('/merchant/42');
    expect(detail.creatives?.length).toBeGreaterThan(0);
    expect(detail.partnership).toBeNull();
    const agentDetail = await agent.call('agent.program_detail', { program_id: 42 });
    expect(agentDetail.reward_conditions).toBeTruthy();
  });

  it('partnerships: apply (auto-approve and pending), list, links, cancel, and a repeated apply resolves to the existing one', async () => {
    const approved = await publisher.applyForPartnership(42);
    expect(approved).toMatchObject({ partnership_id: 15, status: 'approved', existing: false });
    expect(approved.tracking_code).toMatch(/^[0-9a-f]{32}$/);
    const again = await publisher.applyForPartnership(42);
    expect(again).toMatchObject({ partnership_id: 15, status: 'approved', existing: true });

    const { programs } = await publisher.call('publisher.programs_search', { per_page: 50 });
    const reviewed = programs.find((p) => !p.auto_approve);
    if (!reviewed) throw new Error('the seed needs a program that is reviewed before approval');
    const pending = await publisher.applyForPartnership(reviewed.id);
    expect(pending.status).toBe('pending');
    expect(pending.tracking_code).toBeNull();

    const list = await publisher.call('publisher.partnerships_list', { status: 'approved' });
    expect(list.partnerships.map((p) => p.partnership_id)).toEqual([15]);
    const links = await publisher.call('publisher.links_generate', { partnership_id: 15 });
    expect(links.url).toContain(approved.tracking_code);
    expect(links.disclosure).toContain('PR');
    const cancelled = await publisher.call('publisher.partnerships_cancel', { partnership_id: pending.partnership_id });
    expect(cancelled.status).toBe('cancelled');
    const detail = await publisher.call('publisher.programs_detail', { program_id: 42 });
    expect(detail.partnership).toMatchObject({ partnership_id: 15, status: 'approved' });
  });

  it('self-back: list sorted by reward, apply once per program', async () => {
    const { programs } = await publisher.call('publisher.selfback_list');
    expect(programs.every((p) => p.self_affiliate)).toBe(true);
    const rewards = programs.map((p) => p.reward_amount);
    expect(rewards).toEqual([...rewards].sort((a, b) => b - a));
    const result = await publisher.call('publisher.selfback_apply', { program_id: 42 });
    expect(result.redirect_url).toContain('/agentclick/t/');
    await expect(publisher.call('publisher.selfback_apply', { program_id: 42 })).rejects.toMatchObject({ code: 'conflict', status: 409 });
  });

  it('agent: recommend, catalog, categories, track a click and record a conversion once', async () => {
    const recommended = await agent.call('agent.recommend', { use_case: '画像生成', limit: 5 });
    expect(recommended.programs).toHaveLength(5);
    const catalog = await agent.call('agent.catalog');
    expect(catalog.programs.length).toBeGreaterThanOrEqual(150);
    const categories = await agent.call('agent.categories');
    expect(categories.categories.reduce((sum, c) => sum + (c.program_count ?? 0), 0)).toBe(catalog.programs.length);

    const partnership = await agent.applyForPartnership(42);
    const click = await agent.call('agent.track_click', { partnership_id: partnership.partnership_id, context: 'chatbot', user_agent: 'test' });
    expect(click.tracking_url).toContain(String(click.click_id));
    const landing = await fetch(click.tracking_url, { redirect: 'manual' });
    expect(landing.status).toBe(302);
    expect(landing.headers.get('location')).toContain('/merchant/42');

    const code = partnership.tracking_code ?? '';
    const first = await agent.recordConversion({ tracking_code: code, order_id: 'ORDER-CLIENT-1', amount: 9800 });
    expect(first.status).toBe('recorded');
    const second = await agent.recordConversion({ tracking_code: code, order_id: 'ORDER-CLIENT-1', amount: 9800 });
    expect(second.status).toBe('duplicate');
    const events = sandbox.events.list().filter((e) => e.type === 'conversion' && e.data.order_id === 'ORDER-CLIENT-1');
    expect(events.map((e) => e.status)).toEqual([200, 409]);
  });

  it('publisher reports, earnings, payouts and notifications', async () => {
    const report = await publisher.call('publisher.report', { start_date: '2026-01-01', end_date: '2030-12-31', group_by: 'program' });
    expect(report.rows.find((r) => r.program_id === 42)?.clicks).toBeGreaterThan(0);
    const daily = await publisher.call('publisher.report', { group_by: 'daily' });
    expect(daily.group_by).toBe('daily');
    const summary = await publisher.call('publisher.earnings_summary');
    expect(summary.trend).toHaveLength(6);
    expect(summary.lifetime_total).toBe(summary.unpaid_balance + summary.paid_out);
    const { payouts } = await publisher.call('publisher.earnings_payouts');
    for (const payout of payouts) expect(payout.net_payout).toBe(payout.gross_reward - payout.withholding_tax - payout.transfer_fee);
    const unread = await publisher.call('publisher.notifications_list', { unread_only: true });
    expect(unread.notifications.every((n) => !n.is_read)).toBe(true);
    expect((await publisher.call('publisher.notifications_read', { notification_id: 5 })).updated).toBe(1);
    const all = await publisher.call('publisher.notifications_read');
    expect(all.updated).toBe((unread.unread_count ?? 0) - 1);
    expect((await publisher.call('publisher.notifications_list', { unread_only: true })).notifications).toHaveLength(0);
  });
});
