import { createSandbox } from '../sandbox/create-sandbox.ts';
import { listen } from '../http/listen.ts';
import { createSyndicateClient } from '../syndicate/client.ts';

export interface DemoNetworks {
  sandboxUrl: string;
  agentclickKey: string;
  syndicateAccountKey: string;
  syndicateAgentKey: string;
  close(): Promise<void>;
}

/**
 * Demo mode: the sandbox of both networks runs in this process and listens on a port (so a browser can
 * follow tracking URLs to the merchant), and the bot gets the keys it needs from it.
 */
export async function startDemoNetworks({ port, postbackUrl, postbackSecret }: { port: number; postbackUrl?: string; postbackSecret?: string }): Promise<DemoNetworks> {
  const sandbox = createSandbox({ postbackUrl, postbackSecret });
  const server = await listen(sandbox.app, { port });
  const { api_key: agentclickKey } = sandbox.agentclick.createAccount('agent');
  const { account_key: syndicateAccountKey } = sandbox.syndicate.createAccount();
  const { key: syndicateAgentKey } = await createSyndicateClient({ baseUrl: server.url, accountKey: syndicateAccountKey }).issueAgentKey();
  return { sandboxUrl: server.url, agentclickKey, syndicateAccountKey, syndicateAgentKey, close: server.close };
}

/** In the demo every sandbox program has a Syndicate Links tracking code of its own. */
export const demoTrackingCode = (programId: number): string => `ac-${programId}`;
