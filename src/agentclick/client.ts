import type { Tracer } from '@opentelemetry/api';
import { inClientSpan, urlAttributes } from '../observability/client-span.ts';
import { backoffDelay, parseRetryAfter, sleep } from '../shared/retry.ts';
import { describeZodError } from '../shared/zod-message.ts';
import { type ActionData, type ActionName, type ActionParams, actions } from './actions.ts';
import { AgentClickError, codeForStatus } from './errors.ts';
import { type RequestBudget, type RequestPriority, createMemoryBudget, defaultPriority } from './request-budget.ts';

export const AGENTCLICK_KEY_PATTERN = /^aa_[0-9a-fA-F]{48}$/;

export interface AgentClickClientOptions {
  /** The endpoint (`https://agentclick.ai/api/mcp.php`) or the site it lives on. */
  baseUrl: string;
  /** `aa_` + 48 hex; only `health` works without one. */
  apiKey?: string;
  fetch?: typeof fetch;
  budget?: RequestBudget;
  timeoutMs?: number;
  /** Attempts per call, the first included, for calls that may be repeated safely. */
  maxAttempts?: number;
  /** A retry that would have to wait longer than this is not made; the error says how long to wait. */
  maxRetryDelayMs?: number;
  random?: () => number;
  /** Hears every attempt's outcome (HTTP status or error code), for metrics. */
  onResult?: (action: string, outcome: number | string) => void;
  /** When tracing is on: one CLIENT span per attempt (action, host, path, status; never the key or the body). */
  tracer?: Tracer;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Whose request this is; by default conversions are critical, clicks and reads interactive, other writes background. */
  priority?: RequestPriority;
}

export type AgentClickClient = ReturnType<typeof createAgentClickClient>;

/** Resolves `https://host` or `https://host/api/mcp.php` to the single POST endpoint. */
export function agentClickEndpoint(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (!url.pathname.endsWith('.php')) url.pathname = `${url.pathname.replace(/\/$/, '')}/api/mcp.php`;
  return url.toString();
}

/** Writes that may be repeated without a second effect: the server de-duplicates them. */
function isIdempotent(action: ActionName, params: Record<string, unknown>): boolean {
  if (actions[action].kind === 'read') return true;
  if (action === 'agent.record_conversion') return typeof params.order_id === 'string';
  // A repeated application answers 409, which applyForPartnership resolves to the existing partnership.
  return action === 'publisher.partnerships_apply';
}

/** A typed client for every AgentClick action: validation, auth, budget, retries and typed errors. */
export function createAgentClickClient({
  baseUrl,
  apiKey,
  fetch: fetchImpl = globalThis.fetch,
  budget = createMemoryBudget(),
  timeoutMs = 10_000,
  maxAttempts = 3,
  maxRetryDelayMs = 5_000,
  random = Math.random,
  onResult,
  tracer,
}: AgentClickClientOptions) {
  const endpoint = agentClickEndpoint(baseUrl);
  const where = urlAttributes(endpoint);

  async function call<A extends ActionName>(action: A, params?: ActionParams<A>, options: CallOptions = {}): Promise<ActionData<A>> {
    const spec = actions[action];
    const parsedParams = spec.params.safeParse(params ?? {});
    if (!parsedParams.success) {
      throw new AgentClickError({ action, code: 'invalid_params', message: describeZodError(parsedParams.error) });
    }
    const body = JSON.stringify({ action, params: parsedParams.data });
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (spec.auth) {
      if (!apiKey) throw new AgentClickError({ action, code: 'invalid_key', message: 'no API key configured (AGENTCLICK_API_KEY)' });
      if (!AGENTCLICK_KEY_PATTERN.test(apiKey)) {
        throw new AgentClickError({ action, code: 'invalid_key', message: 'the API key must be "aa_" followed by 48 hex characters' });
      }
      headers.authorization = `Bearer ${apiKey}`;
    }
    const repeatable = isIdempotent(action, parsedParams.data as Record<string, unknown>);

    for (let attempt = 1; ; attempt++) {
      if (spec.auth && apiKey) {
        const slot = await budget.take(apiKey, spec.kind, options.priority ?? defaultPriority(action, spec.kind));
        if (!slot.allowed) {
          throw new AgentClickError({
            action,
            code: 'budget_exhausted',
            message: `the ${spec.kind} budget for this key is spent; next slot in ${Math.ceil(slot.retryAfterMs / 1000)} s`,
            retryAfterMs: slot.retryAfterMs,
          });
        }
      }
      try {
        const data = await inClientSpan(tracer, `agentclick ${action}`, { ...where, 'http.request.method': 'POST', 'agentclick.action': action, 'agentclick.attempt': attempt }, (note) =>
          send(action, body, headers, options.signal, (status) => note({ 'http.response.status_code': status })),
        );
        onResult?.(action, 200);
        return data;
      } catch (error) {
        if (AgentClickError.isInstance(error) && error.code !== 'budget_exhausted') onResult?.(action, error.status ?? error.code);
        if (!AgentClickError.isInstance(error) || !error.retryable || !repeatable || attempt >= maxAttempts) throw error;
        const delay = error.retryAfterMs ?? backoffDelay(attempt, { random });
        if (delay > maxRetryDelayMs) throw error;
        await sleep(delay, options.signal);
      }
    }
  }

  async function send<A extends ActionName>(action: A, body: string, headers: Record<string, string>, signal: AbortSignal | undefined, onStatus: (status: number) => void): Promise<ActionData<A>> {
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetchImpl(endpoint, { method: 'POST', headers, body, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      const timedOut = timeout.aborted;
      throw new AgentClickError({
        action,
        code: timedOut ? 'timeout' : 'network',
        message: timedOut ? `no answer within ${timeoutMs} ms` : `request failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      });
    }
    onStatus(response.status);
    const envelope = await readEnvelope(response);
    if (!response.ok || envelope?.success !== true) {
      const status = response.status;
      throw new AgentClickError({
        action,
        status,
        code: response.ok ? 'bad_request' : codeForStatus(status),
        message: envelope?.message ?? (response.statusText || 'request failed'),
        retryAfterMs: status === 429 ? parseRetryAfter(response.headers.get('retry-after')) : undefined,
      });
    }
    const data = actions[action].data.safeParse(envelope.data ?? {});
    if (!data.success) {
      throw new AgentClickError({ action, status: response.status, code: 'invalid_response', message: `unexpected data: ${describeZodError(data.error)}` });
    }
    return data.data as ActionData<A>;
  }

  /** Finds this key's partnership with a program, paging through the list. */
  async function findPartnership(programId: number, options: CallOptions = {}) {
    for (let page = 1; page <= 20; page++) {
      const data = await call('publisher.partnerships_list', { page, per_page: 50 }, options);
      const found = data.partnerships.find((p) => p.program_id === programId && p.status !== 'cancelled');
      if (found) return found;
      if (!data.pagination || page >= data.pagination.total_pages) return undefined;
    }
    return undefined;
  }

  /**
   * Applies for a partnership; when one already exists (409, also after a retried apply whose first
   * answer was lost) the existing one is returned instead of an error.
   */
  async function applyForPartnership(programId: number, options: CallOptions = {}) {
    try {
      const created = await call('publisher.partnerships_apply', { program_id: programId }, options);
      return { ...created, existing: false };
    } catch (error) {
      if (!AgentClickError.isInstance(error) || error.code !== 'conflict') throw error;
      const found = await findPartnership(programId, options);
      if (!found) throw error;
      return { partnership_id: found.partnership_id, status: found.status, tracking_code: found.tracking_code, existing: true };
    }
  }

  /** Records a conversion; with an order id a 409 means it was recorded before, which is success. */
  async function recordConversion(params: ActionParams<'agent.record_conversion'>, options: CallOptions = {}) {
    try {
      const conversion = await call('agent.record_conversion', params, options);
      return { status: 'recorded' as const, conversion };
    } catch (error) {
      if (AgentClickError.isInstance(error) && error.code === 'conflict' && params.order_id) return { status: 'duplicate' as const };
      throw error;
    }
  }

  /** Requests this key may still make right now at a priority (by default the most important), for metrics, the dashboard and pacing. */
  async function budgetRemaining(priority?: RequestPriority) {
    if (!apiKey) return { read: 0, write: 0 };
    return { read: await budget.remaining(apiKey, 'read', priority), write: await budget.remaining(apiKey, 'write', priority) };
  }

  /** Writes this key may still make right now at a priority: one budget read, for pacing background work. */
  async function writesRemaining(priority: RequestPriority): Promise<number> {
    return apiKey ? budget.remaining(apiKey, 'write', priority) : 0;
  }

  return { endpoint, call, findPartnership, applyForPartnership, recordConversion, budgetRemaining, writesRemaining };
}

interface Envelope {
  success?: unknown;
  message?: string;
  data?: unknown;
}

async function readEnvelope(response: Response): Promise<Envelope | undefined> {
  const text = await response.text().catch(() => '');
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const envelope = value as Record<string, unknown>;
    return {
      success: envelope.success,
      message: typeof envelope.message === 'string' ? envelope.message : undefined,
      data: envelope.data,
    };
  } catch {
    return undefined;
  }
}
