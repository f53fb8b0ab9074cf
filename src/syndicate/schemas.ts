import { z } from 'zod';
import { isMoney, toCents } from '../shared/money.ts';

/**
 * Requests and responses of the seven Syndicate Links routes. The client validates what it receives with
 * these, and the sandbox validates what it is sent with the same ones, so both sides agree on one contract.
 */

export const AGENT_KEY_PATTERN = /^aff_agent_[A-Za-z0-9_-]{8,}$/;
export const ACCOUNT_KEY_PATTERN = /^ak_(?:live|test)_[A-Za-z0-9_-]{8,}$/;
export const TRACKING_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** Amounts in responses: decimal strings with exactly two decimals, "149.99". */
export const DECIMAL_AMOUNT_PATTERN = /^-?\d+\.\d{2}$/;

const decimalAmount = z.string().regex(DECIMAL_AMOUNT_PATTERN, 'expected a decimal string like "149.99"');
const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like "USD"');
const text = (max: number) => z.string().max(max);

export const errorBodySchema = z.object({ error: z.string(), message: z.string() });
export type SyndicateErrorBody = z.infer<typeof errorBodySchema>;

// POST /affiliate/keys (account key)
export const issueKeyRequestSchema = z.object({ type: z.literal('agent') });
export const issueKeyResponseSchema = z.object({
  key: z.string().regex(AGENT_KEY_PATTERN, 'expected an aff_agent_ key'),
  type: z.literal('agent'),
});
export type IssuedAgentKey = z.infer<typeof issueKeyResponseSchema>;

// POST /v1/track/ai-referral (agent key)
export const aiReferralRequestSchema = z.object({
  trackingCode: z.string().regex(TRACKING_CODE_PATTERN, 'expected 1-128 characters of letters, digits, ".", "_" or "-"'),
  ipHash: text(256).min(1).optional(),
  userAgent: text(1024).optional(),
  country: text(8).optional(),
  deviceType: text(64).optional(),
  referrer: text(2048).optional(),
});
export type AiReferralInput = z.infer<typeof aiReferralRequestSchema>;

export const aiReferralResponseSchema = z.object({
  clickId: z.uuid(),
  trackingCode: z.string(),
  redirectUrl: z.url(),
  attributionMethod: z.literal('ai_referral'),
  duplicate: z.boolean(),
});
export type AiReferral = z.infer<typeof aiReferralResponseSchema>;

// POST /v1/track/agent-attribution (agent key + slat_v1 token)
/** "Numeric sale value": a JSON number or a numeric string, at most two decimals, above zero. */
export const saleAmountSchema = z
  .union([z.number(), z.string()])
  .superRefine((value, ctx) => {
    if (!isMoney(value)) ctx.addIssue({ code: 'custom', message: 'expected a number with at most two decimals' });
    else if (toCents(value) <= 0) ctx.addIssue({ code: 'custom', message: 'must be greater than 0' });
  });

export const attributionRequestSchema = z.object({
  attribution_token: z.string().min(1),
  orderId: text(256).min(1),
  saleAmount: saleAmountSchema,
  currency: currencyCode.default('USD'),
  mpp_reference: text(512).optional(),
  acp_transaction_token: text(4096).optional(),
});
export type AttributionRequest = z.input<typeof attributionRequestSchema>;

export const attributionEventSchema = z.object({
  eventId: z.uuid(),
  affiliateId: z.uuid(),
  programId: z.uuid(),
  orderId: z.string(),
  saleAmount: decimalAmount,
  commissionAmount: decimalAmount,
  commissionStatus: z.string().min(1),
  attributionMethod: z.literal('agent_token'),
});
export type AttributionEvent = z.infer<typeof attributionEventSchema>;

// GET /v1/agent/commission (agent key)
export const commissionQuerySchema = z.object({ currency: currencyCode.default('USD') });
export const commissionResponseSchema = z.object({
  balance: decimalAmount,
  pending: decimalAmount,
  paid: decimalAmount,
  currency: currencyCode,
});
export type Commission = z.infer<typeof commissionResponseSchema>;

// GET /.well-known/machine-payments (no auth). The spec only says "a discovery document": these fields are
// the sandbox's choice; unknown extra fields are kept so a richer real document still validates.
export const machinePaymentsSchema = z.looseObject({
  protocol: z.string(),
  version: z.string(),
  provider: z.string(),
  plans_url: z.string(),
  checkout_url: z.string(),
  currencies: z.array(currencyCode),
  payment_methods: z.array(z.string()),
});
export type MachinePaymentsDiscovery = z.infer<typeof machinePaymentsSchema>;

// GET /mpp/plans (no auth)
export const planSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  price: decimalAmount,
  currency: currencyCode,
  interval: z.enum(['month', 'year']),
  features: z.array(z.string()),
  /** null means unlimited. */
  limits: z.record(z.string(), z.number().int().nonnegative().nullable()),
});
export type Plan = z.infer<typeof planSchema>;
export const plansResponseSchema = z.object({ plans: z.array(planSchema) });

// POST /mpp/checkout (account key)
export const checkoutRequestSchema = z.object({ planId: z.string().min(1) });
export const checkoutResponseSchema = z.object({
  sessionId: z.string().min(1),
  url: z.url(),
  planId: z.string(),
  status: z.enum(['open', 'complete', 'expired']),
});
export type CheckoutSession = z.infer<typeof checkoutResponseSchema>;
