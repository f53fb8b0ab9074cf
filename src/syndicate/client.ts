import type { Tracer } from '@opentelemetry/api';
import type { z } from 'zod';
import { inClientSpan, urlAttributes } from '../observability/client-span.ts';
import { toCents } from '../shared/money.ts';
import { backoffDelay, parseRetryAfter, sleep } from '../shared/retry.ts';
import { describeZodError } from '../shared/zod-message.ts';
import { codeForStatus, SyndicateError } from './errors.ts';
import * as s from './schemas.ts';
import { decodeSlatToken, mintSlatToken, slatTokenExpiresAt } from './slat.ts';

export interface SyndicateClientOptions {
  baseUrl: string;
  /** aff_agent_ key: referrals, attribution, commission. */
  agentKey?: string;
  /** ak_live_/ak_test_ key: issuing agent keys, MPP checkout. */
  accountKey?: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  maxAttempts?: number;
  now?: () => number;
  random?: () => number;
  /** When tracing is on: one CLIENT span per attempt (operation, host, path, status; never keys, tokens or bodies). */
  tracer?: Tracer;
}

export interface RecordAttributionInput {
  orderId: string;
  /** Decimal string, "149.99": parsed to cents so no cent is lost on the way to a JSON number. */
  saleAmount: string;
  currency?: string;
  /** A token from an earlier attempt for this order; reused while it has time left, so the nonce stays the same. */
  token?: string;
  mpp_reference?: string;
  acp_transaction_token?: string;
}

/** `token` is the one actually sent: an outbox stores it and passes it back on its next attempt. */
export type AttributionResult = { status: 'recorded'; event: s.AttributionEvent; token: string } | { status: 'duplicate'; token: string };

export type SyndicateClient = ReturnType<typeof createSyndicateClient>;

type Auth = 'agent' | 'account' | 'none';
/** 'safe': repeating the request cannot count twice. 'refused-only': retry only what the server refused (429). */
type RetryPolicy = 'safe' | 'refused-only';

interface Call<T> {
  operation: string;
  method: 'GET' | 'POST';
  path: string;
  auth: Auth;
  body?: unknown;
  schema: z.ZodType<T>;
  retry: RetryPolicy;
}

// A Retry-After longer than this is handed back to the caller (an outbox can schedule it) instead of blocking.
const MAX_RETRY_WAIT_MS = 30_000;
// A stored token is only reused with this much validity left, so retries and transit still land inside the window.
const TOKEN_REUSE_MARGIN_MS = 60_000;

export function createSyndicateClient({
  baseUrl,
  agentKey,
  accountKey,
  fetch: fetchFn = globalThis.fetch,
  timeoutMs = 10_000,
  maxAttempts = 3,
  now = Date.now,
  random = Math.random,
  tracer,
}: SyndicateClientOptions) {
  // Fail fast on a misconfigured key rather than on the first request.
  if (agentKey !== undefined) checkKey('createSyndicateClient', 'agent', agentKey);
  if (accountKey !== undefined) checkKey('createSyndicateClient', 'account', accountKey);
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;

  async function request<T>(call: Call<T>): Promise<T> {
    const key = call.auth === 'none' ? undefined : checkKey(call.operation, call.auth, call.auth === 'agent' ? agentKey : accountKey);
    for (let attempt = 1; ; attempt++) {
      try {
        const url = new URL(call.path.replace(/^\//, ''), base);
        return await inClientSpan(tracer, `syndicate ${call.operation}`, { ...urlAttributes(url), 'http.request.method': call.method, 'syndicate.operation': call.operation, 'syndicate.attempt': attempt }, (note) =>
          attemptOnce(call, key, url, (status) => note({ 'http.response.status_code': status })),
        );
      } catch (error) {
        if (!SyndicateError.isInstance(error) || attempt >= maxAttempts || !shouldRetry(error, call.retry)) throw error;
        const wait = Math.max(backoffDelay(attempt, { random }), error.retryAfterMs ?? 0);
        if (wait > MAX_RETRY_WAIT_MS) throw error;
        await sleep(wait);
      }
    }
  }

  async function attemptOnce<T>({ operation, method, body, schema }: Call<T>, key: string | undefined, url: URL, onStatus: (status: number) => void): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (key) headers.authorization = `Bearer ${key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetchFn(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
      text = await response.text();
    } catch (cause) {
      const timedOut = signal.aborted;
      const detail = timedOut ? `no answer within ${timeoutMs} ms` : 'the request did not get a response';
      throw new SyndicateError({ operation, code: timedOut ? 'timeout' : 'network', detail, cause });
    }
    onStatus(response.status);
    if (!response.ok) {
      const status = response.status;
      throw new SyndicateError({ operation, status, code: codeForStatus(status), detail: errorDetail(text), retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()) });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new SyndicateError({ operation, status: response.status, code: 'invalid_response', detail: 'the body is not JSON', cause });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new SyndicateError({ operation, status: response.status, code: 'invalid_response', detail: describeZodError(parsed.error), cause: parsed.error });
    return parsed.data;
  }

  /** Reuses `token` while it is bound to this key and order and has time left; otherwise mints a fresh one. */
  function tokenFor(operation: string, key: string, orderId: string, token: string | undefined): string {
    if (token !== undefined) {
      const decoded = decodeSlatToken(token);
      if (!decoded || decoded.payload.agent_key !== key || decoded.payload.orderId !== orderId) {
        throw new SyndicateError({ operation, code: 'bad_request', detail: 'the given token is not a slat_v1 token for this agent key and orderId' });
      }
      if ((slatTokenExpiresAt(token) ?? 0) - now() > TOKEN_REUSE_MARGIN_MS) return token;
    }
    return mintSlatToken({ agentKey: key, orderId, timestamp: Math.floor(now() / 1000) });
  }

  return {
    /**
     * The token to send for an order: `previous` while it stays valid, else a fresh one. An outbox stores
     * it before sending, so a retry after a crash reuses the same nonce and cannot count twice.
     */
    attributionToken(orderId: string, previous?: string): string {
      return tokenFor('attributionToken', checkKey('attributionToken', 'agent', agentKey), orderId, previous);
    },

    issueAgentKey(): Promise<s.IssuedAgentKey> {
      // Not retried on 5xx/timeouts: a repeat could issue a second long-lived key.
      return request({ operation: 'issueAgentKey', method: 'POST', path: '/affiliate/keys', auth: 'account', body: { type: 'agent' }, schema: s.issueKeyResponseSchema, retry: 'refused-only' });
    },

    async trackAiReferral(input: s.AiReferralInput): Promise<s.AiReferral> {
      const body = validate('trackAiReferral', s.aiReferralRequestSchema, input);
      // The server folds repeats with the same ipHash within 60 s into one click; without an ipHash a repeat is a second click.
      const retry: RetryPolicy = body.ipHash ? 'safe' : 'refused-only';
      return request({ operation: 'trackAiReferral', method: 'POST', path: '/v1/track/ai-referral', auth: 'agent', body, schema: s.aiReferralResponseSchema, retry });
    },

    async recordAttribution(input: RecordAttributionInput): Promise<AttributionResult> {
      const operation = 'recordAttribution';
      const key = checkKey(operation, 'agent', agentKey);
      let cents: number;
      try {
        cents = toCents(input.saleAmount);
      } catch (cause) {
        throw new SyndicateError({ operation, code: 'bad_request', detail: 'saleAmount must be a decimal string with at most two decimals', cause });
      }
      const token = tokenFor(operation, key, input.orderId, input.token);
      // cents / 100 is the double nearest the decimal, the same one JSON.parse("149.99") gives: no cent is lost.
      const { orderId, currency, mpp_reference, acp_transaction_token } = input;
      const body = validate(operation, s.attributionRequestSchema, { attribution_token: token, orderId, saleAmount: cents / 100, currency, mpp_reference, acp_transaction_token });
      try {
        // Retrying is safe: the same token (same nonce) and orderId are de-duplicated by the server.
        const event = await request({ operation, method: 'POST', path: '/v1/track/agent-attribution', auth: 'agent', body, schema: s.attributionEventSchema, retry: 'safe' });
        return { status: 'recorded', event, token };
      } catch (error) {
        // 409: this nonce or order was already recorded, possibly by an earlier attempt whose answer was lost.
        if (SyndicateError.isInstance(error) && error.status === 409) return { status: 'duplicate', token };
        throw error;
      }
    },

    getCommission(currency?: string): Promise<s.Commission> {
      const query = currency === undefined ? '' : `?currency=${encodeURIComponent(currency)}`;
      return request({ operation: 'getCommission', method: 'GET', path: `/v1/agent/commission${query}`, auth: 'agent', schema: s.commissionResponseSchema, retry: 'safe' });
    },

    discoverMachinePayments(): Promise<s.MachinePaymentsDiscovery> {
      return request({ operation: 'discoverMachinePayments', method: 'GET', path: '/.well-known/machine-payments', auth: 'none', schema: s.machinePaymentsSchema, retry: 'safe' });
    },

    async listPlans(): Promise<s.Plan[]> {
      const { plans } = await request({ operation: 'listPlans', method: 'GET', path: '/mpp/plans', auth: 'none', schema: s.plansResponseSchema, retry: 'safe' });
      return plans;
    },

    async createCheckout(planId: string): Promise<s.CheckoutSession> {
      const body = validate('createCheckout', s.checkoutRequestSchema, { planId });
      return request({ operation: 'createCheckout', method: 'POST', path: '/mpp/checkout', auth: 'account', body, schema: s.checkoutResponseSchema, retry: 'refused-only' });
    },
  };
}

function checkKey(operation: string, kind: 'agent' | 'account', key: string | undefined): string {
  const pattern = kind === 'agent' ? s.AGENT_KEY_PATTERN : s.ACCOUNT_KEY_PATTERN;
  const shape = kind === 'agent' ? 'aff_agent_ followed by at least 8 of [A-Za-z0-9_-]' : 'ak_live_ or ak_test_ followed by at least 8 of [A-Za-z0-9_-]';
  if (key === undefined) throw new SyndicateError({ operation, code: 'invalid_key', detail: `no ${kind} key configured` });
  if (!pattern.test(key)) throw new SyndicateError({ operation, code: 'invalid_key', detail: `the ${kind} key is not ${shape}` });
  return key;
}

function shouldRetry(error: SyndicateError, policy: RetryPolicy): boolean {
  return policy === 'safe' ? error.retryable : error.code === 'rate_limited';
}

function validate<T>(operation: string, schema: z.ZodType<T, unknown>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new SyndicateError({ operation, code: 'bad_request', detail: describeZodError(parsed.error), cause: parsed.error });
  return parsed.data;
}

function errorDetail(text: string): string {
  try {
    const body = s.errorBodySchema.safeParse(JSON.parse(text));
    if (body.success) return `${body.data.error}: ${body.data.message}`;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 200) || 'empty body';
}
