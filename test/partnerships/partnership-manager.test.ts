import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgentClickClient } from '../../src/agentclick/client.ts';
import { createMemoryBudget } from '../../src/agentclick/request-budget.ts';
import { createCatalog } from '../../src/catalog/catalog.ts';
import { openSqliteLedger } from '../../src/ledger/sqlite/open-sqlite-ledger.ts';
import { silentLog } from '../../src/log.ts';
import { createPartnershipManager } from '../../src/partnerships/partnership-manager.ts';
import { type RunningSandbox, manualClock, startSandbox } from '../helpers/sandbox-server.ts';

const never = () => ({ cancel: () => undefined });

/** A sandbox and a manager on one manual clock, with the bot's SQLite ledger in a temp folder. */
async function rig() {
  const clock = manualClock();
  const sandbox = await startSandbox({ now: clock.now });
  const apiKey = await sandbox.agentclickKey('agent');
  const dir = mkdtempSync(join(tmpdir(), 'partnerships-'));
  const sent: Array<{ action: string; programId?: number }> = [];
  const counting: typeof fetch = async (input, init) => {
    const body = JSON.parse(String(init?.body)) as { action: string; params?: { program_id?: number } };
    sent.push({ action: body.action, programId: body.params?.program_id });
    return fetch(input, init);
  };
  const budget = createMemoryBudget({ now: clock.now });
  const open = () => {
    const db = openSqliteLedger(dir);
    const client = createAgentClickClient({ baseUrl: sandbox.url, apiKey, fetch: counting, budget });
    const catalog = createCatalog({ client, kv: new Keyv(), log: silentLog(), now: clock.now });
    const manager = createPartnershipManager({ client, catalog, store: db.partnerships, log: silentLog(), now: clock.now, schedule: never });
    return { db, manager, client };
  };
  const applications = (programId?: number) => sent.filter((call) => call.action === 'publisher.partnerships_apply' && (programId === undefined || call.programId === programId)).length;
  const appliedIds = () => sent.filter((call) => call.action === 'publisher.partnerships_apply').map((call) => call.programId ?? 0);
  return {
    clock,
    sandbox,
    open,
    applications,
    appliedIds,
    async close() {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the manager's passes as its timer would, the clock jumping to each next pass, until `untilMs` have passed. */
async function runFor(manager: ReturnType<typeof createPartnershipManager>, clock: ReturnType<typeof manualClock>, untilMs: number) {
  const end = clock.now() + untilMs;
  while (clock.now() < end) {
    const wait = await manager.tick();
    clock.advance(Math.min(wait, end - clock.now()) || 1);
  }
}

describe('partnership manager', () => {
  let current: Awaited<ReturnType<typeof rig>> | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });

  it('applies for the whole catalog within ten minutes of a first start, reviews included, without a single 429', async () => {
    current = await rig();
    const { clock, sandbox, open } = current;
    const { manager, db } = open();
    const programs = sandbox.agentclick.catalog.programs.length;
    expect(programs).toBe(160);

    await runFor(manager, clock, 60_000);
    const firstMinute = await manager.overview();
    // 22 of the 30 writes a minute go to applications; the other 8 stay free for clicks and conversions.
    expect(current.applications()).toBeLessThanOrEqual(44);
    // Programs whose advertiser reviews are applied for first, so their reviews run while the rest is applied for.
    const reviewing = new Set(sandbox.agentclick.catalog.programs.filter((program) => !program.auto_approve).map((program) => program.id));
    const firstApplied = current.appliedIds();
    expect(firstApplied.length).toBeGreaterThan(0);
    expect(firstApplied.every((id) => reviewing.has(id))).toBe(true);
    expect(firstMinute.pending.length).toBe(firstApplied.length);

    await runFor(manager, clock, 9 * 60_000);
    const overview = await manager.overview();
    expect(current.applications()).toBe(programs);
    expect(overview.approved / programs).toBeGreaterThanOrEqual(0.95);
    expect(sandbox.agentclick.rateLimited).toBe(0);
    await db.close();
  });

  it('programs shown in the first minute (16 needs at 20 s and again at 60 s) carry links three minutes after start', async () => {
    current = await rig();
    const { clock, open } = current;
    const { manager, db, client } = open();
    // Started as the app starts it; the test runs its passes itself (its timer never fires).
    manager.start();
    const needs = ['marketing copy for my online shop', 'product images', 'writes code', 'translate documents', 'short videos from a script', 'meeting minutes', 'customer support chatbot', 'blog posts for SEO', 'music for videos', 'presentation slides', '画像生成', '議事録', '翻訳', '音声合成', '宣伝文', 'プログラミング'];
    const lists: number[][] = [];
    for (const need of needs) lists.push((await client.call('agent.recommend', { use_case: need, limit: 3 })).programs.map((program) => program.id));
    const shown = [...new Set(lists.flat())];
    const show = async () => {
      // One need after the other, as the turns arrive; the turn does not wait for the applications.
      for (const ids of lists) void manager.request(ids);
      await manager.idle();
    };
    await runFor(manager, clock, 20_000);
    await show();
    await runFor(manager, clock, 40_000);
    await show();
    await runFor(manager, clock, 120_000);
    const linked = (await Promise.all(shown.map((id) => manager.known(id)))).filter((record) => record?.status === 'approved').length;
    expect(linked / shown.length).toBeGreaterThanOrEqual(0.95);
    expect(current.sandbox.agentclick.rateLimited).toBe(0);
    await db.close();
  });

  it('a restart reads the ledger and applies for nothing twice', async () => {
    current = await rig();
    const { clock, open } = current;
    const first = open();
    await runFor(first.manager, clock, 10 * 60_000);
    const applied = current.applications();
    await first.db.close();

    const second = open();
    await runFor(second.manager, clock, 2 * 60_000);
    expect(current.applications()).toBe(applied);
    expect((await second.manager.overview()).withoutLink.length).toBeLessThanOrEqual(8);
    await second.db.close();
  });

  it('programs being shown jump the queue, and a pending one gets its link once the review allows', async () => {
    current = await rig();
    const { clock, sandbox, open } = current;
    const { manager, db } = open();
    const reviewed = sandbox.agentclick.catalog.programs.filter((program) => !program.auto_approve).at(-1);
    if (!reviewed) throw new Error('the sandbox has no program that reviews partners');
    // The catalog pass spreads its applications over the minute and leaves room for programs being shown.
    await runFor(manager, clock, 20_000);
    const batch = current.applications();
    expect(batch).toBe(6);
    expect(current.applications(reviewed.id)).toBe(0);
    await manager.request([reviewed.id]);
    expect(current.applications(reviewed.id)).toBe(1);
    expect(current.applications()).toBe(batch + 1);
    expect((await manager.known(reviewed.id))?.status).toBe('pending');

    clock.advance(sandbox.agentclick.reviewMs + 1);
    await manager.tick();
    const known = await manager.known(reviewed.id);
    expect(known?.status).toBe('approved');
    expect(known?.trackingCode).toMatch(/^[0-9a-f]{32}$/);
    expect(known?.fallbackUrl).toContain('/agentclick/t/');
    await db.close();
  });

  it('a rejection is kept, shown on the overview, and never applied for again', async () => {
    current = await rig();
    const { clock, sandbox, open } = current;
    const { manager, db } = open();
    const reviewed = sandbox.agentclick.catalog.programs.find((program) => !program.auto_approve);
    if (!reviewed) throw new Error('the sandbox has no program that reviews partners');
    await manager.request([reviewed.id]);
    for (const account of sandbox.agentclick.accounts.values()) {
      for (const partnership of account.partnerships.values()) {
        if (partnership.programId === reviewed.id) {
          partnership.status = 'rejected';
          partnership.reviewAt = undefined;
        }
      }
    }
    clock.advance(30_000);
    await runFor(manager, clock, 3 * 60_000);
    expect((await manager.known(reviewed.id))?.status).toBe('rejected');
    const overview = await manager.overview();
    expect(overview.rejected).toContain(reviewed.id);
    expect(overview.withoutLink).toContain(reviewed.id);
    expect(current.applications(reviewed.id)).toBe(1);
    await db.close();
  });
});
