import type { MachinePaymentsDiscovery, Plan } from '../../syndicate/schemas.ts';

/**
 * The sandbox's MPP catalog. The spec says only "6 tiers" and points elsewhere for the schema, so the
 * tiers, prices and limits here are invented but fixed, so tests and demos can rely on them.
 * A null limit means unlimited.
 */
export const PLANS: readonly Plan[] = [
  plan('free', 'Free', '0.00', ['1 agent key', 'ACP attribution', 'Community support'], { agent_keys: 1, attributions_per_month: 100 }),
  plan('starter', 'Starter', '19.00', ['3 agent keys', 'ACP attribution', 'Email support'], { agent_keys: 3, attributions_per_month: 1_000 }),
  plan('growth', 'Growth', '49.00', ['10 agent keys', 'AI referral analytics', 'Email support'], { agent_keys: 10, attributions_per_month: 10_000 }),
  plan('pro', 'Pro', '99.00', ['25 agent keys', 'AI referral analytics', 'Webhooks', 'Priority support'], { agent_keys: 25, attributions_per_month: 50_000 }),
  plan('business', 'Business', '249.00', ['100 agent keys', 'ACP transaction correlation', 'Webhooks', 'SLA 99.9 %'], { agent_keys: 100, attributions_per_month: 250_000 }),
  plan('enterprise', 'Enterprise', '999.00', ['Unlimited agent keys', 'Dedicated support', 'Custom commission rules', 'SLA 99.99 %'], { agent_keys: null, attributions_per_month: null }),
];

export function findPlan(planId: string): Plan | undefined {
  return PLANS.find((candidate) => candidate.id === planId);
}

/** GET /.well-known/machine-payments: what a machine needs to find the plans and pay for one. */
export const MACHINE_PAYMENTS: MachinePaymentsDiscovery = {
  protocol: 'mpp',
  version: '1.0',
  provider: 'stripe',
  plans_url: '/mpp/plans',
  checkout_url: '/mpp/checkout',
  currencies: ['USD'],
  payment_methods: ['card', 'link', 'usdc'],
  checkout_auth: 'bearer_account_key',
  plan_count: PLANS.length,
};

function plan(id: string, name: string, price: string, features: string[], limits: Plan['limits']): Plan {
  return { id, name, price, currency: 'USD', interval: 'month', features, limits };
}
