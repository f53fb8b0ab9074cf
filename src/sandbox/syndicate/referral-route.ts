import type { Context } from 'hono';
import { aiReferralRequestSchema } from '../../syndicate/schemas.ts';
import { authenticate } from './auth.ts';
import type { SyndicateRouteDeps } from './deps.ts';
import { referralEventData } from './event-data.ts';
import { parseBody, readBody, send, success, type Reply } from './http.ts';

/** POST /v1/track/ai-referral. Every attempt is written to the event log, duplicates included. */
export function referralHandler({ state, events }: SyndicateRouteDeps) {
  return async (c: Context): Promise<Response> => {
    const body = await readBody(c.req.raw);
    let duplicate: boolean | undefined;
    const reply = ((): Reply => {
      const auth = authenticate(c.req.raw, state, 'agent');
      if (!auth.ok) return auth.reply;
      const parsed = parseBody(body, aiReferralRequestSchema);
      if (!parsed.ok) return parsed.reply;
      const { trackingCode, ipHash } = parsed.value;
      const result = state.trackReferral(auth.account, trackingCode, ipHash);
      duplicate = result.duplicate;
      return success(result.duplicate ? 200 : 201, {
        clickId: result.click.clickId,
        trackingCode,
        redirectUrl: merchantUrl(new URL(c.req.url).origin, trackingCode),
        attributionMethod: 'ai_referral',
        duplicate: result.duplicate,
      });
    })();
    events.add('syndicate', 'referral', reply.status, { ...referralEventData(body), ...(duplicate === undefined ? {} : { duplicate }) });
    return send(c, reply);
  };
}

/**
 * Any well-formed code is accepted; a trailing "-<digits>" names the sandbox merchant's program
 * ("ac-42" -> /merchant/42), so a redirect lands on a page that exists. Otherwise the merchant's index,
 * which is served at "/merchant" (routing is strict: "/merchant/" would be a 404).
 */
export function merchantUrl(origin: string, trackingCode: string): string {
  const digits = /-(\d+)$/.exec(trackingCode)?.[1];
  return digits === undefined ? `${origin}/merchant` : `${origin}/merchant/${digits.replace(/^0+(?=\d)/, '')}`;
}
