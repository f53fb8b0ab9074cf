import type { Log } from '../log.ts';
import type { SyndicateClient } from '../syndicate/client.ts';
import { SyndicateError } from '../syndicate/errors.ts';
import type { CheckoutSession } from '../syndicate/schemas.ts';
import { describeError } from '../cache/network-read-cache.ts';

export type CheckoutOutcome =
  | { ok: true; session: CheckoutSession }
  | { ok: false; status: 400 | 502 | 503; code: string; message: string };

/** `https://host[:port]` of a URL, or undefined for anything that is not http(s). */
export function httpOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where a plan checkout may send the browser: the configured Syndicate origin(s), and the origin of the
 * discovery document's checkout URL when it is absolute (a real service may host checkout elsewhere).
 */
export function checkoutOrigins(configured: readonly string[], discoveryCheckoutUrl: string | undefined): string[] {
  const origins = new Set<string>();
  for (const url of [...configured, ...(discoveryCheckoutUrl ? [discoveryCheckoutUrl] : [])]) {
    // A relative checkout_url (the sandbox's "/mpp/checkout") gives no origin of its own.
    if (!/^https?:\/\//i.test(url)) continue;
    const origin = httpOrigin(url);
    if (origin) origins.add(origin);
  }
  return [...origins];
}

/**
 * Starts a Syndicate Links MPP checkout for a plan (needs the account key, SYNDICATE_ACCOUNT_KEY).
 * Only an http(s) session URL is passed on as a redirect, so a bad answer cannot send the operator elsewhere.
 */
export async function startCheckout(syndicate: SyndicateClient | undefined, planId: string | undefined, log: Log): Promise<CheckoutOutcome> {
  if (planId === undefined || !/^[A-Za-z0-9_.-]{1,64}$/.test(planId)) return { ok: false, status: 400, code: 'bad_request', message: 'Choose a plan: planId is missing or malformed.' };
  if (!syndicate) return { ok: false, status: 503, code: 'not_configured', message: 'Syndicate Links is not configured (SYNDICATE_API_URL and SYNDICATE_AGENT_KEY).' };
  try {
    const session = await syndicate.createCheckout(planId);
    if (httpOrigin(session.url) === undefined) return { ok: false, status: 502, code: 'bad_gateway', message: 'Syndicate Links answered with a checkout URL that is not http(s).' };
    log.info({ planId, sessionId: session.sessionId }, 'admin: plan checkout started');
    return { ok: true, session };
  } catch (error) {
    log.warn({ err: error, planId }, 'admin: plan checkout failed');
    if (SyndicateError.isInstance(error) && error.code === 'invalid_key') {
      return { ok: false, status: 503, code: 'not_configured', message: 'Starting a checkout needs the Syndicate account key: set SYNDICATE_ACCOUNT_KEY.' };
    }
    if (SyndicateError.isInstance(error) && error.status === 404) return { ok: false, status: 400, code: 'unknown_plan', message: `Syndicate Links has no plan "${planId}".` };
    return { ok: false, status: 502, code: 'checkout_failed', message: `Syndicate Links did not start the checkout: ${describeError(error)}` };
  }
}
