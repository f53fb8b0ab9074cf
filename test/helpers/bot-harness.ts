import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModel } from 'ai';
import { Hono } from 'hono';
import { type Config, type Env, createConfig } from '../../src/config.ts';
import { type App, type Networks, createApp } from '../../src/create-app.ts';
import { demoTrackingCode } from '../../src/demo/start-demo-networks.ts';
import { openSqliteLedger } from '../../src/ledger/sqlite/open-sqlite-ledger.ts';
import { type Log, silentLog } from '../../src/log.ts';
import { listen } from '../../src/http/listen.ts';
import { createSyndicateClient } from '../../src/syndicate/client.ts';
import { type RunningSandbox, startSandbox } from './sandbox-server.ts';

export const TEST_POSTBACK_SECRET = 'test-postback-secret-0123456789abcdef';

export interface RunningBot {
  url: string;
  bot: App;
  sandbox: RunningSandbox;
  agentclickKey: string;
  /** Every credential the bot holds in this test: none may ever appear in a log line or a reply. */
  secrets: string[];
  /**
   * The ledger's clock (real time plus what the test added): advancing it makes waiting retries of
   * deliveries and queued clicks due, instead of waiting minutes for them.
   */
  ledgerClock: { now(): number; advance(ms: number): void };
  close(): Promise<void>;
}

/** The whole bot over real HTTP, on the sandbox of both networks, with a SQLite file in a temp folder. */
export async function startBot({
  model,
  env = {},
  log = silentLog(),
  startOutbox = true,
  postbackSecrets = [TEST_POSTBACK_SECRET],
}: {
  model: LanguageModel;
  env?: Env;
  /** A logger, or a factory that builds one once the configuration and the networks' keys are known (as main.ts does). */
  log?: Log | ((config: Config, networks: Networks) => Log);
  startOutbox?: boolean;
  postbackSecrets?: string[];
}): Promise<RunningBot> {
  // Listen first, so the bot knows its own public URL; requests go to the app once it exists.
  let bot: App | undefined;
  const front = new Hono();
  front.all('*', (c) => (bot ? bot.app.fetch(c.req.raw, c.env) : c.text('starting', 503)));
  const server = await listen(front);
  const sandbox = await startSandbox({ postbackUrl: `${server.url}/postbacks/purchase`, postbackSecret: TEST_POSTBACK_SECRET });
  const { api_key: agentclickKey } = sandbox.agentclick.createAccount('agent');
  const { account_key } = sandbox.syndicate.createAccount();
  const { key: syndicateAgentKey } = await createSyndicateClient({ baseUrl: sandbox.url, accountKey: account_key }).issueAgentKey();
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-test-'));

  const config = createConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: server.url, LOG_LEVEL: 'silent', ...env });
  const networks: Networks = { agentclickUrl: sandbox.url, agentclickKey, syndicateUrl: sandbox.url, syndicateAgentKey, syndicateAccountKey: account_key, syndicateCodeFor: demoTrackingCode, sandboxUrl: sandbox.url };
  let ahead = 0;
  const ledgerClock = { now: () => Date.now() + ahead, advance: (ms: number) => void (ahead += ms) };
  const ledger = openSqliteLedger(dataDir, { now: ledgerClock.now });
  bot = createApp({ config, networks, model, log: typeof log === 'function' ? log(config, networks) : log, postbackSecrets, ledger });
  const running = bot;
  if (startOutbox) running.outbox.start();
  return {
    url: server.url,
    bot: running,
    sandbox,
    agentclickKey,
    secrets: [agentclickKey, syndicateAgentKey, account_key, ...postbackSecrets],
    ledgerClock,
    async close() {
      await server.close();
      await running.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
