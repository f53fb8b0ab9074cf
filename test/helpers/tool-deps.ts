import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Keyv from 'keyv';
import { afterAll, beforeAll } from 'vitest';
import { createAgentClickClient } from '../../src/agentclick/client.ts';
import { createCatalog } from '../../src/catalog/catalog.ts';
import type { ToolDeps, TurnScope } from '../../src/core/tools/deps.ts';
import type { Locale } from '../../src/core/types.ts';
import { createLinkStore } from '../../src/links/link-store.ts';
import { createPartnershipManager } from '../../src/partnerships/partnership-manager.ts';
import { createMemoryPartnershipStore } from '../../src/partnerships/memory-partnership-store.ts';
import { silentLog } from '../../src/log.ts';
import { type Stores, createStores } from '../../src/store/create-stores.ts';
import { createApiAnswerCache } from '../../src/cache/api-answer-cache.ts';
import { type RunningSandbox, startSandbox } from './sandbox-server.ts';

/**
 * What the tools need, built from real parts on the sandbox (an agent key, the given stores and clock),
 * for tests that call one tool directly. `sent` lists every AgentClick action the client sent.
 */
export async function toolDepsOn(sandbox: RunningSandbox, stores: Pick<Stores, 'catalog' | 'links'>, now: () => number = Date.now) {
  const sent: string[] = [];
  const countingFetch: typeof fetch = async (input, init) => {
    sent.push((JSON.parse(String(init?.body)) as { action: string }).action);
    return fetch(input, init);
  };
  const agentclick = createAgentClickClient({ baseUrl: sandbox.url, apiKey: await sandbox.agentclickKey('agent'), fetch: countingFetch });
  const catalog = createCatalog({ client: agentclick, kv: stores.catalog as Keyv, log: silentLog(), now });
  const partnerships = createPartnershipManager({ client: agentclick, catalog, store: createMemoryPartnershipStore(), log: silentLog(), now });
  const deps: ToolDeps = {
    agentclick,
    catalog,
    partnerships,
    links: createLinkStore({ kv: stores.links, ttlMs: 86_400_000 }),
    cache: createApiAnswerCache({ kv: stores.catalog }),
    publicBaseUrl: 'http://127.0.0.1:1',
    log: silentLog(),
  };
  return { deps, catalog, sent, partnerships };
}

export function turnScope(locale: Locale = 'en'): TurnScope {
  return { sessionId: 'tool-test', channel: 'web', locale, issued: [], shown: new Set() };
}

/** Calls a tool's execute the way the AI SDK does. */
export const toolCall = { toolCallId: 'call', messages: [], context: {} };

/** A sandbox and SQLite stores in a temp folder for one test file, opened before its tests and closed after. */
export function toolRig(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const stores = createStores({ dataDir: dir, log: silentLog() });
  let running: RunningSandbox | undefined;
  beforeAll(async () => {
    running = await startSandbox();
  });
  afterAll(async () => {
    await running?.close();
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    stores,
    get sandbox(): RunningSandbox {
      if (!running) throw new Error('the sandbox starts in beforeAll');
      return running;
    },
  };
}
