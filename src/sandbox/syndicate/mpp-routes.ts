import type { Context } from 'hono';
import { checkoutRequestSchema } from '../../syndicate/schemas.ts';
import { authenticate } from './auth.ts';
import type { SyndicateRouteDeps } from './deps.ts';
import { failure, parseBody, readBody, send, success } from './http.ts';
import { MACHINE_PAYMENTS, PLANS } from './plans.ts';

/** GET /.well-known/machine-payments and GET /mpp/plans: public, no auth. */
export function discoveryHandler(c: Context): Response {
  return c.json(MACHINE_PAYMENTS);
}

export function plansHandler(c: Context): Response {
  return c.json({ plans: PLANS });
}

/** POST /mpp/checkout `{ planId }` with the account key -> 201 an open session (the sandbox never charges). */
export function checkoutHandler({ state }: SyndicateRouteDeps) {
  return async (c: Context): Promise<Response> => {
    const body = await readBody(c.req.raw);
    const auth = authenticate(c.req.raw, state, 'account');
    if (!auth.ok) return send(c, auth.reply);
    const parsed = parseBody(body, checkoutRequestSchema);
    if (!parsed.ok) return send(c, parsed.reply);
    const { planId } = parsed.value;
    const session = state.openCheckout(auth.account, planId);
    if (!session) return send(c, failure(404, 'not_found', `unknown planId; see /mpp/plans`));
    return send(c, success(201, { sessionId: session.sessionId, url: sessionUrl(c, session.sessionId), planId, status: 'open' }));
  };
}

/** GET /mpp/checkout/:sessionId: where a checkout's url points, so the link a machine is given resolves. */
export function sessionHandler({ state }: SyndicateRouteDeps) {
  return (c: Context): Response => {
    const sessionId = c.req.param('sessionId') ?? '';
    const session = state.checkout(sessionId);
    if (!session) return send(c, failure(404, 'not_found', 'unknown checkout session'));
    return c.json({ sessionId, url: sessionUrl(c, sessionId), planId: session.planId, status: 'open' });
  };
}

function sessionUrl(c: Context, sessionId: string): string {
  return `${new URL(c.req.url).origin}/mpp/checkout/${encodeURIComponent(sessionId)}`;
}
