import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModel } from 'ai';
import { Hono } from 'hono';
import { createConfig } from '../../src/config.ts';
import { type App, createApp } from '../../src/create-app.ts';
import { demoTrackingCode } from '../../src/demo/start-demo-networks.ts';
import type { Ledger } from '../../src/ledger/types.ts';
import { type Log, silentLog } from '../../src/log.ts';
import { type Sandbox, createSandbox } from '../../src/sandbox/create-sandbox.ts';
import { listen } from '../../src/http/listen.ts';
import { createSyndicateClient } from '../../src/syndicate/client.ts';
import { freePort } from './http.ts';
import { applyWhatIfs, whatIfsFromEnv } from './what-if.ts';

/** What reached the AgentClick sandbox: requests per action and per answer status. */
export interface ApiCounts {
  total: number;
  byAction: Record<string, number>;
  byStatus: Record<string, number>;
}

export interface BenchBot {
  url: string;
  app: App;
  sandbox: Sandbox;
  sandboxUrl: string;
  agentclickKey: string;
  api: ApiCounts;
  resetCounts(): void;
  close(): Promise<void>;
}

/**
 * The whole bot as `createApp` builds it, listening on 127.0.0.1, on the sandbox of both networks
 * (in this process, behind a thin wrapper that counts every AgentClick request), with a SQLite store
 * in a temp folder. TRUST_PROXY=true so simulated users can carry their own address in X-Forwarded-For;
 * otherwise every request comes from 127.0.0.1 and the per-address limit (60 a minute) answers 429.
 */
export async function startBenchBot({
  model,
  log = silentLog(),
  env = {},
  ledger,
  postbackSecrets,
}: { model: LanguageModel; log?: Log; env?: Record<string, string>; ledger?: Ledger; postbackSecrets?: string[] }): Promise<BenchBot> {
  const sandbox = createSandbox();
  const api: ApiCounts = { total: 0, byAction: {}, byStatus: {} };
  const counter = new Hono();
  counter.all('*', async (c) => {
    const isApi = c.req.method === 'POST' && c.req.path === '/api/mcp.php';
    let action = '?';
    if (isApi) {
      try {
        action = String((JSON.parse(await c.req.raw.clone().text()) as { action?: unknown }).action);
      } catch {
        action = 'unreadable';
      }
    }
    const response = await sandbox.app.fetch(c.req.raw);
    if (isApi) {
      api.total++;
      api.byAction[action] = (api.byAction[action] ?? 0) + 1;
      api.byStatus[response.status] = (api.byStatus[response.status] ?? 0) + 1;
    }
    return response;
  });
  const sandboxServer = await listen(counter);
  const { api_key: agentclickKey } = sandbox.agentclick.createAccount('agent');
  const { account_key } = sandbox.syndicate.createAccount();
  const { key: syndicateAgentKey } = await createSyndicateClient({ baseUrl: sandboxServer.url, accountKey: account_key }).issueAgentKey();

  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-bench-'));
  const config = createConfig({ DATA_DIR: dataDir, PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'silent', TRUST_PROXY: 'true', ...env });
  const app = createApp({
    config,
    networks: { agentclickUrl: sandboxServer.url, agentclickKey, syndicateUrl: sandboxServer.url, syndicateAgentKey, syndicateAccountKey: account_key, syndicateCodeFor: demoTrackingCode, sandboxUrl: sandboxServer.url },
    model,
    log,
    ...(ledger ? { ledger } : {}),
    ...(postbackSecrets ? { postbackSecrets } : {}),
  });
  // Only with BENCH_WHATIF set: proposed src/ changes, simulated (see what-if.ts).
  await applyWhatIfs(app, dataDir, whatIfsFromEnv());
  app.outbox.start();
  const server = await listen(app.app, { port });
  api.total = 0;
  api.byAction = {};
  api.byStatus = {};
  return {
    url: server.url,
    app,
    sandbox,
    sandboxUrl: sandboxServer.url,
    agentclickKey,
    api,
    resetCounts() {
      api.total = 0;
      api.byAction = {};
      api.byStatus = {};
    },
    async close() {
      await server.close();
      await app.close();
      await sandboxServer.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
