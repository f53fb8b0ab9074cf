import { redactSecrets } from '../shared/secrets.ts';

export type SyndicateErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  | 'network'
  | 'invalid_key'
  | 'invalid_response';

export interface SyndicateErrorOptions {
  /** The client method that failed, e.g. "recordAttribution". */
  operation: string;
  code: SyndicateErrorCode;
  status?: number;
  /** What went wrong; redacted before it becomes the message. */
  detail: string;
  retryAfterMs?: number;
  cause?: unknown;
}

// A registry symbol rather than instanceof, so two copies of this module still recognise each other's errors.
const MARKER = Symbol.for('affiliate-bot.syndicate.error');

/** A failed Syndicate Links call. The message names the operation and status and never holds a key or token. */
export class SyndicateError extends Error {
  override readonly name = 'SyndicateError';
  readonly operation: string;
  readonly code: SyndicateErrorCode;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly [MARKER] = true;

  constructor({ operation, code, status, detail, retryAfterMs, cause }: SyndicateErrorOptions) {
    const where = status === undefined ? `syndicate ${operation} failed (${code})` : `syndicate ${operation} failed: HTTP ${status} (${code})`;
    super(redactSecrets(`${where}: ${detail}`), { cause });
    this.operation = operation;
    this.code = code;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }

  /** Worth another attempt with the same request: the server refused it for now or never answered. */
  get retryable(): boolean {
    return this.code === 'rate_limited' || this.code === 'server_error' || this.code === 'timeout' || this.code === 'network';
  }

  static isInstance(error: unknown): error is SyndicateError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }
}

/** The error code for an HTTP status the server answered with. */
export function codeForStatus(status: number): SyndicateErrorCode {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 429:
      return 'rate_limited';
    default:
      // 408 and 5xx are the server's trouble; any other 4xx is ours.
      return status >= 500 || status === 408 ? 'server_error' : 'bad_request';
  }
}
