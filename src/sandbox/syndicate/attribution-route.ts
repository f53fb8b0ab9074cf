import type { Context } from 'hono';
import { formatCents, toCents } from '../../shared/money.ts';
import { attributionRequestSchema } from '../../syndicate/schemas.ts';
import { verifySlatToken, type SlatFailure } from '../../syndicate/slat.ts';
import { authenticate } from './auth.ts';
import type { SyndicateRouteDeps } from './deps.ts';
import { attributionEventData } from './event-data.ts';
import { failure, parseBody, readBody, send, success, type ParsedBody, type Reply } from './http.ts';

const TOKEN_FAILURES: Record<SlatFailure, Reply> = {
  malformed: failure(401, 'invalid_token', 'attribution_token is not a well-formed slat_v1 token'),
  agent_mismatch: failure(403, 'token_mismatch', 'token mismatch: the token was not minted for this agent key'),
  bad_signature: failure(401, 'invalid_signature', 'slat_v1 signature failure'),
  expired: failure(401, 'token_expired', 'slat_v1 token expired: its timestamp is outside the 5-minute window'),
};

/** POST /v1/track/agent-attribution. Every attempt, whatever its outcome, is written to the event log. */
export function attributionHandler(deps: SyndicateRouteDeps) {
  return async (c: Context): Promise<Response> => {
    const body = await readBody(c.req.raw);
    const reply = attribute(c.req.raw, body, deps);
    deps.events.add('syndicate', 'attribution', reply.status, attributionEventData(body));
    return send(c, reply);
  };
}

/** The checks in the order the spec implies: who calls, what is sent, the token, then replay and duplicates. */
function attribute(request: Request, body: ParsedBody, { state, now }: SyndicateRouteDeps): Reply {
  const auth = authenticate(request, state, 'agent');
  if (!auth.ok) return auth.reply;
  const parsed = parseBody(body, attributionRequestSchema);
  if (!parsed.ok) return parsed.reply;
  const input = parsed.value;

  const verified = verifySlatToken(input.attribution_token, { bearerKey: auth.key, now: now() });
  if (!verified.ok) return TOKEN_FAILURES[verified.reason];
  const { payload } = verified;
  if (payload.orderId !== input.orderId) return failure(403, 'token_mismatch', 'token mismatch: the token was minted for another orderId');

  const outcome = state.recordAttribution({
    agentKey: auth.key,
    nonce: payload.nonce,
    orderId: input.orderId,
    saleCents: toCents(input.saleAmount),
    currency: input.currency,
    mppReference: input.mpp_reference,
    acpTransactionToken: input.acp_transaction_token,
  });
  if (!outcome.ok) {
    return outcome.reason === 'nonce_replay'
      ? failure(409, 'nonce_replay', 'nonce already used by this agent key in the last 48 h: already recorded, treat as success')
      : failure(409, 'duplicate_order', 'this orderId is already attributed to this agent key: already recorded, treat as success');
  }
  const { record } = outcome;
  return success(201, {
    eventId: record.eventId,
    affiliateId: record.affiliateId,
    programId: record.programId,
    orderId: record.orderId,
    saleAmount: formatCents(record.saleCents),
    commissionAmount: formatCents(record.commissionCents),
    commissionStatus: 'approved',
    attributionMethod: 'agent_token',
  });
}
