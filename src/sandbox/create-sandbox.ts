import { Hono } from 'hono';
import { createAgentClickRoutes } from './agentclick/routes.ts';
import { AgentClickState } from './agentclick/state.ts';
import { buildCatalog } from './catalog.ts';
import { createControlRoutes } from './control-routes.ts';
import { EventLog } from './events.ts';
import { FaultTable } from './faults.ts';
import { createMerchantRoutes } from './merchant-routes.ts';
import { createSyndicateRoutes } from './syndicate/routes.ts';
import { SyndicateState } from './syndicate/state.ts';

export interface SandboxOptions {
  /** Clock, injectable so tests can move time (token windows, rate limits, review delays). */
  now?: () => number;
  /** Randomness for fault injection. */
  random?: () => number;
  /** Where the bot's purchase postback lives, and the secret to sign it with, for the merchant page's Buy button. */
  postbackUrl?: string;
  postbackSecret?: string;
}

export interface Sandbox {
  app: Hono;
  agentclick: AgentClickState;
  syndicate: SyndicateState;
  events: EventLog;
  faults: FaultTable;
  reset(): void;
}

/** Both networks, the merchant and the control API on one Hono app; nothing is shared with the bot. */
export function createSandbox({ now = Date.now, random = Math.random, postbackUrl, postbackSecret }: SandboxOptions = {}): Sandbox {
  const catalog = buildCatalog();
  const events = new EventLog(now);
  const faults = new FaultTable(random);
  const agentclick = new AgentClickState({ catalog, now });
  const syndicate = new SyndicateState({ now });

  const reset = () => {
    agentclick.reset();
    syndicate.reset();
    events.clear();
    faults.clear();
  };

  const app = new Hono();
  app.route('/', createAgentClickRoutes({ state: agentclick, catalog, events, faults, now }));
  app.route('/', createSyndicateRoutes({ state: syndicate, events, faults, now }));
  app.route('/merchant', createMerchantRoutes({ catalog, postbackUrl, postbackSecret }));
  app.route(
    '/_sandbox',
    createControlRoutes({
      accounts: { agentclick: (role) => agentclick.createAccount(role), syndicate: () => syndicate.createAccount() },
      events,
      faults,
      reset,
    }),
  );
  app.get('/', (c) =>
    c.json({
      sandbox: 'AgentClick + Syndicate Links',
      agentclick: '/api/mcp.php',
      syndicate: ['/affiliate/keys', '/v1/track/ai-referral', '/v1/track/agent-attribution', '/v1/agent/commission', '/.well-known/machine-payments', '/mpp/plans', '/mpp/checkout'],
      merchant: '/merchant/:programId',
      control: ['/_sandbox/accounts', '/_sandbox/faults', '/_sandbox/reset', '/_sandbox/events'],
    }),
  );
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no sandbox route ${c.req.method} ${c.req.path}` } }, 404));
  return { app, agentclick, syndicate, events, faults, reset };
}
