import { describe, expect, it } from 'vitest';
import { createLog } from '../../src/log.ts';
import { createRedactor, redactSecrets } from '../../src/shared/secrets.ts';
import { captureLines } from '../helpers/log-capture.ts';

const TOKEN = '123456789:AAFakeTokenForRedactionTests_abcdefghij';

function captured(secrets: string[]) {
  const { destination, lines, text } = captureLines();
  return { log: createLog({ level: 'debug', destination, secrets }), text, lines };
}

describe('secret redaction', () => {
  it('hides a bot token inside a Bot API URL', () => {
    const text = `request to https://api.telegram.org/bot${TOKEN}/getMe failed`;
    expect(redactSecrets(text)).not.toContain('AAFakeToken');
    expect(redactSecrets(text)).toContain('/getMe');
  });

  it('hides configured values that have no recognisable shape', () => {
    const redact = createRedactor(['plain-admin-token-value', undefined, 'short']);
    expect(redact('the token plain-admin-token-value was wrong')).toBe('the token [redacted] was wrong');
    // Values under 8 characters are not matched by value: "short" stays.
    expect(redact('a short note')).toBe('a short note');
  });

  it('logs errors by name and message, never the objects they carry', () => {
    const { log, text, lines } = captured(['plain-admin-token-value']);
    const error = Object.assign(new Error(`fetch https://api.telegram.org/bot${TOKEN}/getMe failed`), {
      request: { url: 'https://api.example/?key=plain-admin-token-value', headers: { cookie: 'session=abc' } },
      code: 'ECONNREFUSED',
      cause: new Error('connect to plain-admin-token-value failed'),
    });
    log.warn({ err: error, method: 'getMe' }, 'call failed');
    log.error(error);
    const out = text();
    expect(out).not.toContain('AAFakeToken');
    expect(out).not.toContain('plain-admin-token-value');
    expect(out).not.toContain('session=abc');
    const first = JSON.parse(lines[0] ?? '{}') as { err?: { type?: string; message?: string; code?: string; cause?: { message?: string } } };
    expect(first.err?.type).toBe('Error');
    expect(first.err?.code).toBe('ECONNREFUSED');
    expect(first.err?.message).toContain('/getMe failed');
    expect(first.err?.cause?.message).toBe('connect to [redacted] failed');
  });

  it('redacts nested strings and the message itself', () => {
    const { log, text } = captured(['another-plain-secret-99']);
    log.info({ detail: { list: ['x another-plain-secret-99 y'] } }, 'saw another-plain-secret-99');
    expect(text()).not.toContain('another-plain-secret-99');
    expect(text()).toContain('[redacted]');
  });
});
