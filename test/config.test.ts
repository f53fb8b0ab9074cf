import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, createConfig } from '../src/config.ts';
import { readFileSync } from 'node:fs';

describe('config', () => {
  it('an empty environment is demo mode with defaults', () => {
    const config = createConfig({});
    expect(config).toMatchObject({ demo: true, PORT: 3000, SANDBOX_PORT: 4010, DATA_DIR: './data', HISTORY_TTL_DAYS: 30, publicBaseUrl: 'http://localhost:3000' });
  });

  it('empty strings count as unset, as in a copied .env.example', () => {
    expect(createConfig({ PORT: '', AGENTCLICK_API_URL: '  ' }).demo).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PUBLIC_BASE_URL: 'not a url' }, 'PUBLIC_BASE_URL'],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL'],
    [{ HISTORY_TTL_DAYS: '-1' }, 'HISTORY_TTL_DAYS'],
    [{ AGENTCLICK_API_URL: 'https://agentclick.example/api/mcp.php' }, 'AGENTCLICK_API_KEY'],
    [{ MCP_API_KEY: 'short' }, 'MCP_API_KEY'],
    [{ LINE_CHANNEL_SECRET: 'not-a-channel-secret' }, 'LINE_CHANNEL_SECRET'],
    [{ LINE_CHANNEL_SECRET: '0123456789abcdef0123456789abcdef' }, 'LINE_CHANNEL_ACCESS_TOKEN'],
    [{ LINE_CHANNEL_ACCESS_TOKEN: 'a-long-enough-access-token' }, 'LINE_CHANNEL_SECRET'],
    [{ LINE_API_ROOT: 'ftp://api.line.me' }, 'LINE_API_ROOT'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
    [{ OTEL_SERVICE_NAME: 'a name with spaces' }, 'OTEL_SERVICE_NAME'],
    [{ OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'yes' }, 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT'],
  ])('a bad value stops start-up with one line naming it: %o', (env, name) => {
    expect(() => createConfig(env)).toThrow(ConfigError);
    expect(() => createConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${name}: [^\\n]+$`));
  });

  it('never repeats a secret in its error', () => {
    const secret = 'aa_this-is-not-hex-but-secret';
    const error = (() => {
      try {
        createConfig({ AGENTCLICK_API_KEY: secret });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message).toContain('AGENTCLICK_API_KEY');
    expect(error?.message).not.toContain(secret);
  });

  it('live mode with a valid key; trailing slash trimmed from the public URL', () => {
    const config = createConfig({
      AGENTCLICK_API_URL: 'https://agentclick.example/api/mcp.php',
      AGENTCLICK_API_KEY: `aa_${'0a'.repeat(24)}`,
      PUBLIC_BASE_URL: 'https://bot.example/',
      ALLOWED_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config).toMatchObject({ demo: false, publicBaseUrl: 'https://bot.example', ALLOWED_ORIGINS: ['https://a.example', 'https://b.example'] });
  });

  it('.env.example lists every variable the schema reads, each with a comment', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    for (const name of Object.keys(configSchema.shape)) {
      const line = example.split('\n').findIndex((l) => l.startsWith(`${name}=`));
      expect(line, name).toBeGreaterThan(0);
      expect(example.split('\n')[line - 1]?.startsWith('#'), `${name} has a comment`).toBe(true);
    }
  });
});
