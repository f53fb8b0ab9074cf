import { z } from 'zod';
import { isMoney, toCents } from '../shared/money.ts';
import { LINK_ID_PATTERN } from '../links/link-store.ts';

/** The merchant's purchase postback body: `{ linkId | clickId, orderId, amount, currency }`. */
export const postbackSchema = z
  .object({
    linkId: z.string().regex(LINK_ID_PATTERN, 'linkId must be a link id issued by this bot').optional(),
    clickId: z
      .union([z.string().regex(/^\d{1,18}$/), z.number().int().positive()], { error: 'clickId must be a numeric AgentClick click id' })
      .transform(String)
      .optional(),
    orderId: z.string().trim().min(1).max(128).regex(/^[\w.:#/-]+$/, 'orderId may contain letters, digits and _ . : # / -'),
    amount: z
      .union([z.number(), z.string()])
      .refine(isMoney, 'amount must be a number with at most two decimals')
      .transform((value) => toCents(value))
      .refine((cents) => cents > 0, 'amount must be positive'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code like JPY or USD'),
  })
  .strict()
  .refine((body) => (body.linkId === undefined) !== (body.clickId === undefined), { message: 'give exactly one of linkId or clickId' });

export type Postback = z.output<typeof postbackSchema>;
