import type { Context } from 'hono';
import { formatCents } from '../../shared/money.ts';
import { commissionQuerySchema } from '../../syndicate/schemas.ts';
import { authenticate } from './auth.ts';
import type { SyndicateRouteDeps } from './deps.ts';
import { parseBody, send, success } from './http.ts';

/** GET /v1/agent/commission[?currency=XXX]: sums kept in cents, formatted only here. */
export function commissionHandler({ state }: SyndicateRouteDeps) {
  return (c: Context): Response => {
    const auth = authenticate(c.req.raw, state, 'agent');
    if (!auth.ok) return send(c, auth.reply);
    const query = parseBody({ ok: true, json: c.req.query() }, commissionQuerySchema);
    if (!query.ok) return send(c, query.reply);
    const { currency } = query.value;
    const { pending, paid } = state.commission(auth.key, currency);
    return send(c, success(200, { balance: formatCents(pending + paid), pending: formatCents(pending), paid: formatCents(paid), currency }));
  };
}
