import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentClickClient } from '../../src/agentclick/client.ts';
import { createCatalog } from '../../src/catalog/catalog.ts';
import { silentLog } from '../../src/log.ts';
import { createStores } from '../../src/store/create-stores.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandbox-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'catalog-details-'));
const stores = createStores({ dataDir: dir, log: silentLog() });
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('catalog details', () => {
  it('keeps a bounded number of detail loaders in memory; a dropped one is served from the store, not the API', async () => {
    const sent: string[] = [];
    const countingFetch: typeof fetch = async (input, init) => {
      sent.push((JSON.parse(String(init?.body)) as { action: string }).action);
      return fetch(input, init);
    };
    const client = createAgentClickClient({ baseUrl: sandbox.url, apiKey: await sandbox.agentclickKey('agent'), fetch: countingFetch });
    const catalog = createCatalog({ client, kv: stores.catalog, log: silentLog(), maxDetailLoaders: 2 });
    const ids = (await catalog.programs()).slice(0, 3).map((program) => program.id);
    expect(ids).toHaveLength(3);
    const first = await Promise.all(ids.map((id) => catalog.details(id)));
    const detailReads = () => sent.filter((action) => action.includes('detail')).length;
    const readsAfterFirst = detailReads();
    expect(readsAfterFirst).toBeGreaterThanOrEqual(3);

    // The first program's loader was dropped (the bound is 2); asking again reads keyv's copy, not the API.
    expect(await catalog.details(ids[0] as number)).toEqual(first[0]);
    expect(detailReads()).toBe(readsAfterFirst);

    // Proof that only two loaders stay in memory: with the stored copies gone, the two most recently
    // asked (ids[0] just now, ids[2]) answer from memory, and the dropped one (ids[1]) asks the API again.
    for (const id of ids) await stores.catalog.delete(`detail:${id}`);
    expect(await catalog.details(ids[0] as number)).toEqual(first[0]);
    expect(await catalog.details(ids[2] as number)).toEqual(first[2]);
    expect(detailReads()).toBe(readsAfterFirst);
    expect(await catalog.details(ids[1] as number)).toEqual(first[1]);
    expect(detailReads()).toBeGreaterThan(readsAfterFirst);
  });
});
