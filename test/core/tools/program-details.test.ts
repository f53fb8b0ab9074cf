import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentClickClient } from '../../../src/agentclick/client.ts';
import { createCatalog } from '../../../src/catalog/catalog.ts';
import { programDetailsTool } from '../../../src/core/tools/program-details.ts';
import type { ToolDeps, TurnScope } from '../../../src/core/tools/deps.ts';
import { createLinkStore } from '../../../src/links/link-store.ts';
import { createPartnerships } from '../../../src/links/partnerships.ts';
import { silentLog } from '../../../src/log.ts';
import { createStores } from '../../../src/store/create-stores.ts';
import { createTieredCache } from '../../../src/store/tiered-cache.ts';
import { type RunningSandbox, manualClock, startSandbox } from '../../helpers/sandbox-server.ts';

/** `program_details` against the sandbox, with a clock the test moves. */
const dir = mkdtempSync(join(tmpdir(), 'details-'));
const stores = createStores({ dataDir: dir, log: silentLog() });
let sandbox: RunningSandbox;
const clock = manualClock();

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every AgentClick action the client sends, counted on its way out. */
const sent: string[] = [];
const countingFetch: typeof fetch = async (input, init) => {
  sent.push((JSON.parse(String(init?.body)) as { action: string }).action);
  return fetch(input, init);
};
const requests = (action: string) => sent.filter((a) => a === action).length;

describe('program_details', () => {
  it('keeps a program\'s terms for hours but always shows the reward the catalog has now', async () => {
    const agentclick = createAgentClickClient({ baseUrl: sandbox.url, apiKey: await sandbox.agentclickKey('agent'), fetch: countingFetch });
    const catalog = createCatalog({ client: agentclick, kv: stores.catalog, log: silentLog(), now: clock.now });
    const deps: ToolDeps = {
      agentclick,
      catalog,
      partnerships: createPartnerships({ client: agentclick, catalog, kv: stores.partnerships, now: clock.now }),
      links: createLinkStore({ kv: stores.links, ttlMs: 86_400_000 }),
      cache: createTieredCache({ kv: stores.catalog }),
      publicBaseUrl: 'http://127.0.0.1:1',
      log: silentLog(),
    };
    const scope: TurnScope = { sessionId: 'details', channel: 'web', locale: 'en', issued: [], shown: new Set() };
    const details = programDetailsTool(deps, scope);
    const ask = async () => {
      const output = await details.execute?.({ program_id: 42 }, { toolCallId: 'call', messages: [], context: {} });
      if (!output || 'error' in output || Symbol.asyncIterator in output) throw new Error('no details');
      return output.program;
    };

    const first = await ask();
    expect(first).toMatchObject({ id: 42, partnership: expect.any(String) });
    expect(first.reward).toMatch(/^¥[\d,]+ per (sale|click|install)$/);
    const before = requests('publisher.programs_detail');
    expect(before).toBe(1);

    // The network raises the reward; the catalog's copy is refreshed after its 10 minutes.
    const program = sandbox.agentclick.catalog.byId.get(42);
    if (!program) throw new Error('program 42 missing from the sandbox');
    program.reward_amount += 1_000;
    clock.advance(11 * 60_000);
    await catalog.programs(); // the stale copy is served while the refresh runs
    await new Promise((resolve) => setTimeout(resolve, 100));

    const second = await ask();
    expect(second.reward).not.toBe(first.reward);
    expect(second.reward).toContain(new Intl.NumberFormat('en-US').format(program.reward_amount));
    expect(second.conditions).toBe(first.conditions);
    // The terms came from the cache: no second programs_detail request.
    expect(requests('publisher.programs_detail')).toBe(before);
  });
});
