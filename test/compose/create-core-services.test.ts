import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoreServices } from '../../src/compose/create-core-services.ts';
import type { Networks } from '../../src/compose/networks.ts';
import { createConfig } from '../../src/config.ts';
import type { TurnResult } from '../../src/core/types.ts';
import { createOfflineModel } from '../../src/core/offline-model/index.ts';
import { demoTrackingCode } from '../../src/demo/start-demo-networks.ts';
import { silentLog } from '../../src/log.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandbox-server.ts';

/** What `npm run chat` builds: the core and what it stands on, without the HTTP app. */
describe('createCoreServices', () => {
  let sandbox: RunningSandbox | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await sandbox?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a turn on the sandbox with cards, and closes cleanly', async () => {
    sandbox = await startSandbox();
    const { api_key: agentclickKey } = sandbox.agentclick.createAccount('agent');
    dataDir = mkdtempSync(join(tmpdir(), 'core-services-'));
    const config = createConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: 'http://bot.test', LOG_LEVEL: 'silent' });
    const networks: Networks = { agentclickUrl: sandbox.url, agentclickKey, syndicateUrl: undefined, syndicateAgentKey: undefined, syndicateCodeFor: demoTrackingCode };
    const services = createCoreServices({ config, networks, model: createOfflineModel(), log: silentLog() });
    expect(services).not.toHaveProperty('app');

    let result: TurnResult | undefined;
    for await (const event of services.core.streamTurn({ channel: 'web', sessionId: 's1', text: 'I need an AI that generates images' })) {
      if (event.type === 'done') result = event.result;
    }
    expect(result?.cards?.length ?? 0).toBeGreaterThan(0);
    expect(services.syndicate).toBeUndefined();
    await services.close();
  });
});
