import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { createConfig } from '../src/config.ts';
import { type App, createApp } from '../src/create-app.ts';
import { createOfflineModel } from '../src/core/offline-model/index.ts';
import { listen } from '../src/http/listen.ts';
import { silentLog } from '../src/log.ts';
import { resolveNetworks } from '../src/resolve-networks.ts';

export interface EvalEnvironment {
  /** The bot's own URL: `POST ${botUrl}/api/chat`. */
  botUrl: string;
  /** The embedded sandbox of both networks, as demo mode starts it. */
  sandboxUrl: string;
  close(): Promise<void>;
}

/**
 * Demo mode in this process: the sandbox started by `resolveNetworks` (as `npm start` does without
 * AGENTCLICK_API_URL), the bot from `createApp` on the offline model, each on a free port, with a
 * throw-away SQLite folder. The configuration is built here, not read from the environment, so an
 * OPENAI_API_KEY or REDIS_URL in the shell cannot change what is measured.
 */
export async function startEvalEnvironment(): Promise<EvalEnvironment> {
  // Listen first so the bot knows its public URL; requests reach the app once it exists.
  let bot: App | undefined;
  const front = new Hono();
  front.all('*', (c) => (bot ? bot.app.fetch(c.req.raw, c.env) : c.text('starting', 503)));
  const server = await listen(front);
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-eval-'));
  const config = createConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: server.url, LOG_LEVEL: 'silent' });
  const postbackSecret = randomBytes(24).toString('hex');
  const { networks, close: closeNetworks } = await resolveNetworks(config, { sandboxPort: 0, postbackSecret });
  bot = createApp({ config, networks, model: createOfflineModel(), log: silentLog(), postbackSecrets: [postbackSecret] });
  const running = bot;
  return {
    botUrl: server.url,
    sandboxUrl: networks.sandboxUrl as string,
    async close() {
      await server.close();
      await running.close();
      await closeNetworks();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
