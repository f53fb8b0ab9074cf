import { fingerprint } from '../../shared/secrets.ts';
import { failure, type Reply } from './http.ts';
import type { SyndicateAccount, SyndicateState } from './state.ts';

export type KeyKind = 'agent' | 'account';

export type AuthResult = { ok: true; key: string; account: SyndicateAccount } | { ok: false; reply: Reply };

/**
 * Resolves the Bearer key of a request to its account (401 when missing or unknown), then applies the
 * per-key rate limit (429 with Retry-After). Only known keys are counted, so random keys cost no memory.
 */
export function authenticate(request: Request, state: SyndicateState, kind: KeyKind): AuthResult {
  const key = bearerKey(request);
  const label = kind === 'agent' ? 'aff_agent_ key' : 'account key';
  if (key === undefined) return { ok: false, reply: failure(401, 'unauthorized', `missing Authorization: Bearer <${label}>`) };
  const account = kind === 'agent' ? state.accountByAgentKey(key) : state.accountByKey(key);
  if (!account) return { ok: false, reply: failure(401, 'unauthorized', `invalid or unknown ${label}`) };
  const decision = state.rateLimit.take(fingerprint(key));
  if (!decision.allowed) {
    const seconds = Math.ceil(decision.retryAfterMs / 1000);
    return { ok: false, reply: failure(429, 'rate_limited', `rate limit exceeded: ${state.rateLimit.limit} requests per minute per key`, seconds) };
  }
  return { ok: true, key, account };
}

function bearerKey(request: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1];
}
