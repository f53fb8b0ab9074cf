import type { ActionData } from '../agentclick/actions.ts';
import type { AgentClickClient } from '../agentclick/client.ts';
import type { SyndicateClient } from '../syndicate/client.ts';
import type { Commission, MachinePaymentsDiscovery, Plan } from '../syndicate/schemas.ts';
import { type NetworkReadCache, type Fetched, createNetworkReadCache } from '../cache/network-read-cache.ts';

export type EarningsSummary = ActionData<'publisher.earnings_summary'>;
export type Payout = ActionData<'publisher.earnings_payouts'>['payouts'][number];
export type PublisherReport = ActionData<'publisher.report'>;

export interface Earnings {
  syndicate: { usd: Fetched<Commission>; jpy: Fetched<Commission> };
  agentclick: { summary: Fetched<EarningsSummary>; payouts: Fetched<Payout[]>; report: Fetched<PublisherReport> };
}

export interface PlanOffer {
  discovery: Fetched<MachinePaymentsDiscovery>;
  plans: Fetched<Plan[]>;
}

const NO_SYNDICATE = 'Syndicate Links is not configured (SYNDICATE_API_URL and SYNDICATE_AGENT_KEY)';

/**
 * What both networks say the operator has earned, and the Syndicate plan tiers: read through a brief
 * in-memory cache so a dashboard reload costs no API budget, and a network that is down shows as
 * "unavailable" instead of breaking the page.
 */
export function createEarningsReader({ agentclick, syndicate, cache = createNetworkReadCache() }: { agentclick: AgentClickClient; syndicate: SyndicateClient | undefined; cache?: NetworkReadCache }) {
  const fromSyndicate = <T>(key: string, load: (client: SyndicateClient) => Promise<T>): Promise<Fetched<T>> =>
    syndicate ? cache.get(key, () => load(syndicate)) : Promise.resolve({ ok: false, error: NO_SYNDICATE });

  return {
    /** `since` and `until` are YYYY-MM-DD (UTC), the dashboard's window, for AgentClick's report. */
    async earnings({ since, until }: { since: string; until: string }): Promise<Earnings> {
      const [usd, jpy, summary, payouts, report] = await Promise.all([
        fromSyndicate('syndicate:commission:USD', (client) => client.getCommission('USD')),
        fromSyndicate('syndicate:commission:JPY', (client) => client.getCommission('JPY')),
        cache.get('agentclick:earnings_summary', () => agentclick.call('publisher.earnings_summary')),
        cache.get('agentclick:earnings_payouts', async () => (await agentclick.call('publisher.earnings_payouts', { per_page: 6 })).payouts),
        cache.get(`agentclick:report:${since}:${until}`, () => agentclick.call('publisher.report', { start_date: since, end_date: until, group_by: 'daily' })),
      ]);
      return { syndicate: { usd, jpy }, agentclick: { summary, payouts, report } };
    },

    async plans(): Promise<PlanOffer> {
      const [discovery, plans] = await Promise.all([
        fromSyndicate('syndicate:machine-payments', (client) => client.discoverMachinePayments()),
        fromSyndicate('syndicate:plans', (client) => client.listPlans()),
      ]);
      return { discovery, plans };
    },
  };
}

export type EarningsReader = ReturnType<typeof createEarningsReader>;
