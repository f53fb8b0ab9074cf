import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';
import { createRedactor } from './shared/secrets.ts';

export type Log = Logger;

export interface LogOptions {
  level?: string;
  destination?: NodeJS.WritableStream;
  /** The configured secret values (tokens, keys): hidden wherever they appear, whatever their shape. */
  secrets?: Iterable<string | undefined>;
  /** Tracing is on: each line written inside a span carries its `trace_id` and `span_id`. Off, nothing is looked up. */
  traceIds?: boolean;
}

type Redact = (text: string) => string;

/**
 * An error as a log shows it: its name, message and codes, never the whole object. Library errors
 * carry request URLs, headers and options (a Bot API URL holds the bot token), so only what names
 * the failure is kept, and that passes through the redactor too.
 */
function describeError(error: Error, redact: Redact, depth: number): Record<string, unknown> {
  const fields = error as Error & { code?: unknown; status?: unknown; error_code?: unknown };
  const out: Record<string, unknown> = { type: error.name, message: redact(error.message) };
  for (const key of ['code', 'status', 'error_code'] as const) {
    const value = fields[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = typeof value === 'string' ? redact(value) : value;
  }
  if (error.cause instanceof Error && depth < 3) out.cause = describeError(error.cause, redact, depth + 1);
  return out;
}

/** Every string redacted, every error reduced to its description; depth-limited, cycles cut. */
function clean(value: unknown, redact: Redact, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error) return describeError(value, redact, 0);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 5) return '[deep]';
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => clean(item, redact, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = clean(item, redact, depth + 1);
  return out;
}

/**
 * Structured logs (JSON lines). Known secret fields are censored by path, and every message and
 * string value passes through the redactor (exact configured secrets, then credential shapes), so a
 * key that slips into an error text is still hidden. Errors are logged by name and message only.
 */
export function createLog({ level = 'info', destination, secrets = [], traceIds = false }: LogOptions = {}): Log {
  const redact = createRedactor(secrets);
  return pino(
    {
      level,
      base: undefined,
      ...(traceIds ? { mixin: activeTraceIds } : {}),
      redact: {
        paths: ['apiKey', 'agentKey', 'accountKey', 'token', 'secret', 'authorization', '*.apiKey', '*.agentKey', '*.token', '*.authorization', 'headers.authorization'],
        censor: '[redacted]',
      },
      // Errors are already described by `clean`; pino's own serializer would name them "Object".
      serializers: { err: (value: unknown) => value },
      formatters: {
        log: (object) => clean(object, redact) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          // Objects are cleaned here too, so a message pino takes from `err.message` is already redacted.
          method.apply(this, args.map((arg) => (arg instanceof Error ? { err: clean(arg, redact) } : clean(arg, redact))) as Parameters<typeof method>);
        },
      },
    },
    destination ?? process.stdout,
  );
}

/** The ids of the span active where a line is written, so a log line leads to its trace. */
function activeTraceIds(): Record<string, string> {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}

/** A logger that drops everything, for tests that do not look at logs. */
export function silentLog(): Log {
  return pino({ level: 'silent' });
}
