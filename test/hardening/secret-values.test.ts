import { describe, expect, it } from 'vitest';
import { createConfig } from '../../src/config.ts';
import { createLog } from '../../src/log.ts';
import { secretValues } from '../../src/log-secrets.ts';
import { captureLines } from '../helpers/log-capture.ts';

/** Every credential the configuration can hold is redacted by its exact value, the channels added later included. */
describe('secretValues', () => {
  const config = createConfig({
    LINE_CHANNEL_SECRET: '0123456789abcdef0123456789abcdef',
    LINE_CHANNEL_ACCESS_TOKEN: 'line-access-token-plain-value-55',
    MCP_API_KEY: 'mcp-key-plain-value-0123456789',
    DATABASE_URL: 'postgres://bot:pg-pass-plain-value@127.0.0.1:5432/ledger',
    REDIS_URL: 'redis://:redis-pass-plain-value@127.0.0.1:6379',
  });

  it('lists the LINE, MCP, PostgreSQL and Redis credentials', () => {
    const values = secretValues(config);
    for (const secret of ['0123456789abcdef0123456789abcdef', 'line-access-token-plain-value-55', 'mcp-key-plain-value-0123456789', 'pg-pass-plain-value', 'redis-pass-plain-value']) {
      expect(values).toContain(secret);
    }
  });

  it('keeps them out of a log line that quotes them', () => {
    const { destination, lines } = captureLines();
    const log = createLog({ level: 'info', destination, secrets: secretValues(config) });
    log.error({ err: new Error(`connect to ${config.DATABASE_URL} failed; token ${config.LINE_CHANNEL_ACCESS_TOKEN}`) }, `key ${config.MCP_API_KEY}`);
    const all = lines.join('\n');
    expect(all).toContain('failed');
    for (const secret of ['pg-pass-plain-value', 'line-access-token-plain-value-55', 'mcp-key-plain-value-0123456789']) expect(all).not.toContain(secret);
  });
});
