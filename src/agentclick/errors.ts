import { redactSecrets } from '../shared/secrets.ts';

export type AgentClickErrorCode =
  | 'bad_request' // 400
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'unprocessable' // 422
  | 'rate_limited' // 429
  | 'server_error' // 5xx
  | 'timeout'
  | 'network'
  | 'invalid_key' // the key's format is wrong: nothing was sent
  | 'invalid_params' // our params failed the schema: nothing was sent
  | 'invalid_response' // the answer did not have the documented shape
  | 'budget_exhausted'; // our own request budget is spent: nothing was sent

const CODE_BY_STATUS: Record<number, AgentClickErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'unprocessable',
  429: 'rate_limited',
};

export function codeForStatus(status: number): AgentClickErrorCode {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'server_error' : 'bad_request');
}

const MARKER = Symbol.for('agentclick.error');

/** A failed AgentClick call: which action, what status, and why. Never carries the API key. */
export class AgentClickError extends Error {
  override readonly name = 'AgentClickError';
  readonly [MARKER] = true;
  readonly action: string;
  readonly code: AgentClickErrorCode;
  readonly status: number | undefined;
  /** How long the caller should wait before trying again, when the server or budget says so. */
  readonly retryAfterMs: number | undefined;

  constructor(input: {
    action: string;
    code: AgentClickErrorCode;
    message: string;
    status?: number;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    const where = input.status === undefined ? input.action : `${input.action} (HTTP ${input.status})`;
    super(redactSecrets(`AgentClick ${where}: ${input.message}`), { cause: input.cause });
    this.action = input.action;
    this.code = input.code;
    this.status = input.status;
    this.retryAfterMs = input.retryAfterMs;
  }

  static isInstance(error: unknown): error is AgentClickError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }

  /** Worth trying again later: the network or the budget said "not now", not "never". */
  get retryable(): boolean {
    return ['rate_limited', 'server_error', 'timeout', 'network', 'budget_exhausted'].includes(this.code);
  }
}
