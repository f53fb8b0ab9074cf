import type { Config } from './config.ts';
import type { Networks } from './compose/networks.ts';
import { demoTrackingCode, startDemoNetworks } from './demo/start-demo-networks.ts';

/**
 * The networks the bot talks to: the ones configured, or in demo mode (no AGENTCLICK_API_URL) the
 * embedded sandbox, started here and listening on SANDBOX_PORT.
 */
export async function resolveNetworks(config: Config, { sandboxPort = config.SANDBOX_PORT, postbackSecret }: { sandboxPort?: number; postbackSecret?: string } = {}): Promise<{ networks: Networks; close: () => Promise<void> }> {
  if (!config.demo) {
    return {
      networks: {
        agentclickUrl: config.AGENTCLICK_API_URL as string,
        agentclickKey: config.AGENTCLICK_API_KEY as string,
        syndicateUrl: config.SYNDICATE_API_URL,
        syndicateAgentKey: config.SYNDICATE_AGENT_KEY,
        syndicateAccountKey: config.SYNDICATE_ACCOUNT_KEY,
        syndicateCodeFor: (programId) => config.SYNDICATE_TRACKING_CODES?.get(programId),
      },
      close: async () => undefined,
    };
  }
  const demo = await startDemoNetworks({ port: sandboxPort, postbackUrl: `${config.publicBaseUrl}/postbacks/purchase`, postbackSecret });
  return {
    networks: {
      agentclickUrl: demo.sandboxUrl,
      agentclickKey: demo.agentclickKey,
      syndicateUrl: demo.sandboxUrl,
      syndicateAgentKey: demo.syndicateAgentKey,
      syndicateAccountKey: demo.syndicateAccountKey,
      syndicateCodeFor: demoTrackingCode,
      sandboxUrl: demo.sandboxUrl,
    },
    close: demo.close,
  };
}
