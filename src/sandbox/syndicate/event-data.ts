import { redactSecrets } from '../../shared/secrets.ts';
import { decodeSlatToken } from '../../syndicate/slat.ts';
import type { EventLog } from '../events.ts';
import { readBody, type ParsedBody } from './http.ts';

/**
 * What the event log keeps of a referral or attribution attempt: the request's own fields, never the
 * Bearer key or the token (the nonce is taken out of the token when it decodes). Strings are redacted as
 * well, in case a caller put a credential where an order id belongs.
 */
export function referralEventData(body: ParsedBody): Record<string, unknown> {
  const raw = fields(body);
  return pick(raw, ['trackingCode', 'ipHash', 'deviceType', 'referrer']);
}

export function attributionEventData(body: ParsedBody): Record<string, unknown> {
  const raw = fields(body);
  const data = pick(raw, ['orderId', 'saleAmount', 'currency']);
  if (body.ok && data.currency === undefined) data.currency = 'USD';
  const token = raw.attribution_token;
  const nonce = typeof token === 'string' ? decodeSlatToken(token)?.payload.nonce : undefined;
  if (nonce !== undefined) data.nonce = redactSecrets(nonce);
  return data;
}

/** faultMiddleware's onFault: a request failed by an injected fault is still an attempt, so it is logged. */
export function logFaultedAttempt(events: EventLog): (status: number, request: Request) => Promise<void> {
  return async (status, request) => {
    if (request.method !== 'POST') return;
    const path = new URL(request.url).pathname;
    if (path.endsWith('/v1/track/ai-referral')) events.add('syndicate', 'referral', status, referralEventData(await readBody(request)));
    if (path.endsWith('/v1/track/agent-attribution')) events.add('syndicate', 'attribution', status, attributionEventData(await readBody(request)));
  };
}

function fields(body: ParsedBody): Record<string, unknown> {
  const json = body.ok ? body.json : undefined;
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

function pick(raw: Record<string, unknown>, names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const value = raw[name];
    if (typeof value === 'string') out[name] = redactSecrets(value);
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) out[name] = value;
  }
  return out;
}
