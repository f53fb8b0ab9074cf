import type { Context } from 'hono';
import { issueKeyRequestSchema } from '../../syndicate/schemas.ts';
import { authenticate } from './auth.ts';
import type { SyndicateRouteDeps } from './deps.ts';
import { parseBody, readBody, send, success } from './http.ts';

/** POST /affiliate/keys: an account key issues a long-lived agent key. */
export function issueKeyHandler({ state }: SyndicateRouteDeps) {
  return async (c: Context): Promise<Response> => {
    const body = await readBody(c.req.raw);
    const auth = authenticate(c.req.raw, state, 'account');
    if (!auth.ok) return send(c, auth.reply);
    const parsed = parseBody(body, issueKeyRequestSchema);
    if (!parsed.ok) return send(c, parsed.reply);
    return send(c, success(201, { key: state.issueAgentKey(auth.account), type: 'agent' }));
  };
}
