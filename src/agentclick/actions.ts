import { z } from 'zod';
import {
  applyResultSchema,
  catalogEntrySchema,
  categorySchema,
  clickResultSchema,
  conversionResultSchema,
  notificationSchema,
  paginationSchema,
  partnershipSchema,
  partnershipStatusSchema,
  payoutSchema,
  programDetailSchema,
  programSummarySchema,
  recommendationSchema,
  reportRowSchema,
  rewardTypeSchema,
  trackingLinksSchema,
} from './schemas.ts';

/**
 * The 24 actions of the AgentClick REST API (spec sections 6-8): who may call each, whether it counts
 * against the read or the write limit, and the shapes of its params and of its `data`.
 * The client and the sandbox both read this table, so the contract is written down once.
 */
export type Role = 'publisher' | 'advertiser' | 'agent';
export type ActionKind = 'read' | 'write';

const ALL_ROLES: readonly Role[] = ['publisher', 'advertiser', 'agent'];
const PUBLISHER_ROLES: readonly Role[] = ['publisher', 'agent'];
const AGENT_ROLES: readonly Role[] = ['agent'];

const id = z.number().int().positive();
const page = z.number().int().positive().optional().describe('Page number (default 1)');
const perPage = z.number().int().min(1).max(50).optional().describe('Items per page (default 20, max 50)');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const noParams = z.object({}).strict();
const programPage = z.object({ programs: z.array(programSummarySchema), pagination: paginationSchema.optional() });

/** Section 11's sample reads `catalog["data"]` as the list itself; the action docs say `data.programs`. */
const catalogData = z.preprocess(
  (value) => (Array.isArray(value) ? { programs: value } : value),
  z.object({ programs: z.array(catalogEntrySchema) }),
);

function action<P extends z.ZodType, D extends z.ZodType>(spec: {
  kind: ActionKind;
  roles: readonly Role[];
  auth?: boolean;
  params: P;
  data: D;
}) {
  return { auth: true, ...spec };
}

export const actions = {
  // Common (5): every role.
  health: action({ kind: 'read', roles: ALL_ROLES, auth: false, params: noParams, data: z.looseObject({ status: z.string() }) }),
  'common.categories': action({ kind: 'read', roles: ALL_ROLES, params: noParams, data: z.object({ categories: z.array(categorySchema) }) }),
  'common.stats': action({
    kind: 'read',
    roles: ALL_ROLES,
    params: noParams,
    data: z.looseObject({ active_programs: z.number().int(), publishers: z.number().int(), advertisers: z.number().int(), approved_conversions: z.number().int() }),
  }),
  'common.profile': action({
    kind: 'read',
    roles: ALL_ROLES,
    params: noParams,
    data: z.looseObject({ user_id: z.number().int(), role: z.enum(['publisher', 'advertiser', 'agent']), name: z.string() }),
  }),
  'common.api_key_info': action({
    kind: 'read',
    roles: ALL_ROLES,
    params: noParams,
    data: z.looseObject({ request_count: z.number().int(), allowed_actions: z.array(z.string()), last_used_at: z.string().nullish() }),
  }),

  // Publisher (13): publisher and agent roles.
  'publisher.programs_search': action({
    kind: 'read',
    roles: PUBLISHER_ROLES,
    params: z.object({
      category_id: id.optional(),
      category_slug: z.string().min(1).optional(),
      reward_type: rewardTypeSchema.optional(),
      keyword: z.string().min(1).optional(),
      min_reward: z.number().int().min(0).optional(),
      self_affiliate: z.boolean().optional(),
      min_confirmation_rate: z.number().int().min(0).max(100).optional(),
      allow_listing: z.boolean().optional(),
      has_product_link: z.boolean().optional(),
      itp_supported: z.boolean().optional(),
      is_campaign: z.boolean().optional(),
      is_new: z.boolean().optional(),
      auto_approve: z.boolean().optional(),
      sort: z.enum(['newest', 'reward_desc', 'reward_asc', 'name', 'confirmation_rate_desc', 'epc_desc']).optional(),
      page,
      per_page: perPage,
    }),
    data: programPage,
  }),
  'publisher.programs_detail': action({ kind: 'read', roles: PUBLISHER_ROLES, params: z.object({ program_id: id }), data: programDetailSchema }),
  'publisher.partnerships_apply': action({ kind: 'write', roles: PUBLISHER_ROLES, params: z.object({ program_id: id }), data: applyResultSchema }),
  'publisher.partnerships_cancel': action({
    kind: 'write',
    roles: PUBLISHER_ROLES,
    params: z.object({ partnership_id: id }),
    data: z.looseObject({ partnership_id: z.number().int().optional(), status: z.string().optional() }),
  }),
  'publisher.partnerships_list': action({
    kind: 'read',
    roles: PUBLISHER_ROLES,
    params: z.object({ status: partnershipStatusSchema.exclude(['cancelled']).optional(), page, per_page: perPage }),
    data: z.object({ partnerships: z.array(partnershipSchema), pagination: paginationSchema.optional() }),
  }),
  'publisher.links_generate': action({ kind: 'read', roles: PUBLISHER_ROLES, params: z.object({ partnership_id: id }), data: trackingLinksSchema }),
  'publisher.selfback_list': action({ kind: 'read', roles: PUBLISHER_ROLES, params: z.object({ page, per_page: perPage }), data: programPage }),
  'publisher.selfback_apply': action({
    kind: 'write',
    roles: PUBLISHER_ROLES,
    params: z.object({ program_id: id }),
    data: z.looseObject({ partnership_id: z.number().int(), click_id: z.number().int().nullish(), redirect_url: z.string() }),
  }),
  'publisher.report': action({
    kind: 'read',
    roles: PUBLISHER_ROLES,
    params: z.object({ start_date: date.optional(), end_date: date.optional(), group_by: z.enum(['program', 'daily']).optional() }),
    data: z.looseObject({
      start_date: z.string(),
      end_date: z.string(),
      group_by: z.string().nullish(),
      rows: z.array(reportRowSchema),
      totals: z.looseObject({ clicks: z.number().int(), conversions: z.number().int(), reward: z.number() }),
    }),
  }),
  'publisher.earnings_summary': action({
    kind: 'read',
    roles: PUBLISHER_ROLES,
    params: noParams,
    data: z.looseObject({
      unpaid_balance: z.number(),
      current_month: z.number(),
      lifetime_total: z.number(),
      paid_out: z.number(),
      trend: z.array(z.object({ month: z.string(), amount: z.number() })),
    }),
  }),
  'publisher.earnings_payouts': action({
    kind: 'read',
    roles: PUBLISHER_ROLES,
    params: z.object({ page, per_page: perPage }),
    data: z.object({ payouts: z.array(payoutSchema), pagination: paginationSchema.optional() }),
  }),
  'publisher.notifications_list': action({
    kind: 'read',
    roles: PUBLISHER_ROLES,
    params: z.object({ unread_only: z.boolean().optional(), page, per_page: perPage }),
    data: z.object({ notifications: z.array(notificationSchema), unread_count: z.number().int().optional(), pagination: paginationSchema.optional() }),
  }),
  'publisher.notifications_read': action({
    kind: 'write',
    roles: PUBLISHER_ROLES,
    params: z.object({ notification_id: id.optional() }),
    data: z.looseObject({ updated: z.number().int() }),
  }),

  // Agent (6): agent role only.
  'agent.recommend': action({
    kind: 'read',
    roles: AGENT_ROLES,
    params: z.object({
      use_case: z.string().min(1).optional(),
      category_slug: z.string().min(1).optional(),
      category_id: id.optional(),
      reward_type: rewardTypeSchema.optional(),
      limit: z.number().int().min(1).max(20).optional(),
    }),
    data: z.object({ programs: z.array(recommendationSchema), use_case: z.string().nullish() }),
  }),
  'agent.program_detail': action({ kind: 'read', roles: AGENT_ROLES, params: z.object({ program_id: id }), data: programDetailSchema }),
  'agent.track_click': action({
    kind: 'write',
    roles: AGENT_ROLES,
    params: z.object({ partnership_id: id, context: z.string().min(1).max(64).optional(), user_agent: z.string().max(512).optional() }),
    data: clickResultSchema,
  }),
  'agent.record_conversion': action({
    kind: 'write',
    roles: AGENT_ROLES,
    params: z.object({
      tracking_code: z.string().regex(/^[0-9a-f]{32}$/i, 'expected a 32-character hex tracking code'),
      order_id: z.string().min(1).max(128).optional(),
      amount: z.number().int().min(0).optional(),
    }),
    data: conversionResultSchema,
  }),
  'agent.catalog': action({ kind: 'read', roles: AGENT_ROLES, params: noParams, data: catalogData }),
  'agent.categories': action({ kind: 'read', roles: AGENT_ROLES, params: noParams, data: z.object({ categories: z.array(categorySchema) }) }),
} as const;

export type ActionName = keyof typeof actions;
export type ActionParams<A extends ActionName> = z.input<(typeof actions)[A]['params']>;
export type ActionData<A extends ActionName> = z.output<(typeof actions)[A]['data']>;

export const actionNames = Object.keys(actions) as ActionName[];

export function isActionName(value: string): value is ActionName {
  return Object.hasOwn(actions, value);
}
