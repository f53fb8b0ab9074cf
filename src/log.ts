import { pino, type Logger } from 'pino';
import { redactSecrets } from './shared/secrets.ts';

export type Log = Logger;

/**
 * Structured logs (JSON lines). Known secret fields are censored by path, and every message and
 * string value passes through `redactSecrets`, so a key that slips into an error text is still hidden.
 */
export function createLog({ level = 'info', destination }: { level?: string; destination?: NodeJS.WritableStream } = {}): Log {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['apiKey', 'agentKey', 'accountKey', 'token', 'secret', 'authorization', '*.apiKey', '*.agentKey', '*.token', '*.authorization', 'headers.authorization'],
        censor: '[redacted]',
      },
      formatters: {
        log: (object) => JSON.parse(redactSecrets(JSON.stringify(object))) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination ?? process.stdout,
  );
}

/** A logger that drops everything, for tests that do not look at logs. */
export function silentLog(): Log {
  return pino({ level: 'silent' });
}
