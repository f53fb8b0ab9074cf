import { z } from 'zod';

/**
 * Response shapes of the AgentClick API. The spec names the fields of a few answers only, so these
 * schemas require what the bot relies on and accept (and keep out of its way) anything else.
 */
export const rewardTypeSchema = z.enum(['cpa', 'cpc', 'cpi']).describe('How the network pays: per action, click or install');
export const partnershipStatusSchema = z.enum(['pending', 'approved', 'rejected', 'suspended', 'cancelled']);

export const categorySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  slug: z.string(),
  description: z.string().nullish(),
  sort_order: z.number().int().nullish(),
  name_en: z.string().nullish(),
  program_count: z.number().int().nullish(),
});

export const paginationSchema = z.object({
  page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int(),
  total_pages: z.number().int(),
});

export const programSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  name_en: z.string().nullish(),
  description: z.string().nullish(),
  description_en: z.string().nullish(),
  category_id: z.number().int().nullish(),
  category_slug: z.string().nullish(),
  category_name: z.string().nullish(),
  advertiser_name: z.string().nullish(),
  reward_type: rewardTypeSchema,
  reward_amount: z.number(),
  confirmation_rate: z.number().nullish(),
  epc: z.number().nullish(),
  self_affiliate: z.boolean().nullish(),
  allow_listing: z.boolean().nullish(),
  has_product_link: z.boolean().nullish(),
  itp_supported: z.boolean().nullish(),
  is_campaign: z.boolean().nullish(),
  is_new: z.boolean().nullish(),
  auto_approve: z.boolean().nullish(),
  cookie_days: z.number().int().nullish(),
  created_at: z.string().nullish(),
  /** Not in the spec's samples; kept when a network sends them, for the ranker. */
  keywords: z.array(z.string()).nullish(),
});

export const creativeSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  width: z.number().int().nullish(),
  height: z.number().int().nullish(),
  image_url: z.string().nullish(),
  text: z.string().nullish(),
});

export const partnershipRefSchema = z.object({
  partnership_id: z.number().int(),
  status: partnershipStatusSchema,
  tracking_code: z.string().nullish(),
});

export const programDetailSchema = programSummarySchema.extend({
  reward_conditions: z.string().nullish(),
  lp_url: z.string().nullish(),
  creatives: z.array(creativeSchema).nullish(),
  /** Current partnership of the caller with this program (publisher.programs_detail only). */
  partnership: partnershipRefSchema.nullish(),
});

export const catalogEntrySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  name_en: z.string().nullish(),
  category_id: z.number().int().nullish(),
  category_slug: z.string().nullish(),
  category_name: z.string().nullish(),
  reward_type: rewardTypeSchema,
  reward_amount: z.number(),
  keywords: z.array(z.string()).nullish(),
});

export const recommendationSchema = programSummarySchema.extend({
  score: z.number().nullish(),
  match_reason: z.string().nullish(),
});

/** The action docs say `partnership_id`; section 11's samples read `id`. Both are accepted. */
function withPartnershipId(value: unknown): unknown {
  if (value && typeof value === 'object' && !('partnership_id' in value) && 'id' in value) {
    return { ...value, partnership_id: (value as { id: unknown }).id };
  }
  return value;
}

export const partnershipSchema = z.preprocess(
  withPartnershipId,
  z.object({
    partnership_id: z.number().int(),
    program_id: z.number().int().nullish(),
    program_name: z.string().nullish(),
    status: partnershipStatusSchema,
    tracking_code: z.string().nullish(),
    created_at: z.string().nullish(),
  }),
);

export const applyResultSchema = z.preprocess(
  withPartnershipId,
  z.object({
    partnership_id: z.number().int(),
    status: partnershipStatusSchema,
    tracking_code: z.string().nullish(),
  }),
);

export const trackingLinksSchema = z.object({
  partnership_id: z.number().int().nullish(),
  tracking_code: z.string().nullish(),
  url: z.string(),
  html_tag: z.string().nullish(),
  js_tag: z.string().nullish(),
  disclosure: z.string().nullish(),
});

export const clickResultSchema = z.object({
  click_id: z.number().int(),
  tracking_url: z.string(),
  lp_url: z.string().nullish(),
});

export const conversionResultSchema = z.object({
  conversion_id: z.number().int().nullish(),
  tracking_code: z.string().nullish(),
  order_id: z.string().nullish(),
  amount: z.number().nullish(),
  /** What the operator earns for it (JPY), when the network says. */
  reward_amount: z.number().nullish(),
  status: z.string().nullish(),
});

export const reportRowSchema = z.object({
  date: z.string().nullish(),
  program_id: z.number().int().nullish(),
  program_name: z.string().nullish(),
  clicks: z.number().int(),
  conversions: z.number().int(),
  approved: z.number().int().nullish(),
  reward: z.number(),
});

export const payoutSchema = z.object({
  id: z.number().int(),
  period: z.string().nullish(),
  gross_reward: z.number(),
  withholding_tax: z.number(),
  transfer_fee: z.number(),
  net_payout: z.number(),
  status: z.string().nullish(),
  paid_at: z.string().nullish(),
});

export const notificationSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  body: z.string().nullish(),
  is_read: z.boolean(),
  created_at: z.string().nullish(),
});
