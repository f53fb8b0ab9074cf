import { actionNames, actions } from '../../../agentclick/actions.ts';
import type { ActionHandler, ActionResult } from '../action-context.ts';
import { categoryView } from '../present.ts';
import type { AgentClickState } from '../state.ts';

/** health, common.categories, common.stats, common.profile, common.api_key_info */
/** The one action without authentication. */
export const health = ({ state }: { state: AgentClickState }): ActionResult => ({
  message: 'OK',
  data: { status: 'ok', version: '1.0.0', sandbox: true, time: new Date(state.now()).toISOString() },
});

export const categories: ActionHandler = ({ catalog }) => ({ data: { categories: catalog.categories.map((category) => categoryView(category)) } });

export const stats: ActionHandler = ({ state, catalog }) => {
  let publishers = 0;
  let advertisers = 0;
  for (const account of state.accounts.values()) {
    if (account.role === 'advertiser') advertisers++;
    else publishers++;
  }
  return {
    data: {
      active_programs: catalog.programs.length,
      publishers: 1_240 + publishers,
      advertisers: new Set(catalog.programs.map((program) => program.advertiser_name)).size + advertisers,
      approved_conversions: 48_210 + state.orders.size,
    },
  };
};

export const profile: ActionHandler = ({ account }) => ({
  data: {
    user_id: account.userId,
    role: account.role,
    name: account.name,
    email: `user${account.userId}@sandbox.agentclick.test`,
    created_at: new Date(account.createdAt).toISOString(),
    ...(account.role === 'advertiser'
      ? { company: { company_name: `Sandbox Advertiser ${account.userId} Inc.`, website: 'https://advertiser.example' } }
      : { site: { site_name: `AI Tools Guide ${account.userId}`, site_url: 'https://publisher.example', site_type: account.role === 'agent' ? 'ai-agent' : 'blog' } }),
  },
});

export const apiKeyInfo: ActionHandler = ({ account }) => ({
  data: {
    key_prefix: `${account.key.slice(0, 7)}…`,
    role: account.role,
    request_count: account.requestCount,
    allowed_actions: actionNames.filter((name) => actions[name].roles.includes(account.role)),
    last_used_at: account.lastUsedAt === undefined ? null : new Date(account.lastUsedAt).toISOString(),
    created_at: new Date(account.createdAt).toISOString(),
    rate_limits: { read_per_minute: 200, write_per_minute: 30 },
  },
});
