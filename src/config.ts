import { z } from 'zod';
import { parseTrustProxy } from './http/client-ip.ts';

/**
 * The only reader of the environment. Every variable is validated once at start-up; a bad value
 * stops the process with one line naming the variable and what is wrong (never the secret itself).
 */
const port = (fallback: number) =>
  z.coerce.number({ error: 'expected a port number' }).int('expected a whole port number').min(1).max(65_535).default(fallback);
const url = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const secret = (pattern: RegExp, shape: string) => z.string().regex(pattern, `expected ${shape}`).optional();
const list = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
  .optional();

export const configSchema = z.object({
  PORT: port(3000).describe('Port of the bot server'),
  PUBLIC_BASE_URL: url.optional().describe('Public URL of the bot (links are PUBLIC_BASE_URL/r/<id>); default http://localhost:PORT'),
  SANDBOX_PORT: port(4010).describe('Port of the embedded sandbox in demo mode and of `npm run sandbox`'),
  AGENTCLICK_API_URL: url.optional().describe('AgentClick endpoint; unset = demo mode on the embedded sandbox'),
  AGENTCLICK_API_KEY: secret(/^aa_[0-9a-fA-F]{48}$/, '"aa_" followed by 48 hex characters'),
  SYNDICATE_API_URL: url.optional(),
  SYNDICATE_AGENT_KEY: secret(/^aff_agent_[A-Za-z0-9_-]{8,}$/, '"aff_agent_" followed by at least 8 characters'),
  SYNDICATE_ACCOUNT_KEY: secret(/^ak_(live|test)_[A-Za-z0-9_-]{8,}$/, '"ak_live_" or "ak_test_" followed by at least 8 characters'),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: url.optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-5-mini'),
  TELEGRAM_BOT_TOKEN: secret(/^\d{5,15}:[A-Za-z0-9_-]{30,}$/, 'a bot token like "123456:ABC..." from @BotFather'),
  TELEGRAM_API_ROOT: url.optional(),
  TELEGRAM_WEBHOOK_SECRET: secret(/^[A-Za-z0-9_-]{16,256}$/, '16-256 characters of A-Z, a-z, 0-9, _ and -'),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL' }).optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, 'expected 1-64 characters of A-Z a-z 0-9 : _ -').default('bot'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// or postgresql:// URL' }).optional(),
  DELIVERY_LEASE_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(500, 'expected at least 500 ms').max(3_600_000, 'expected at most an hour (3600000 ms)').default(30_000),
  POSTBACK_SECRET: z.string().min(16, 'expected at least 16 characters').optional(),
  POSTBACK_SECRET_PREVIOUS: z.string().min(16, 'expected at least 16 characters').optional(),
  ADMIN_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
  VOICE_API_KEY: z.string().min(16, 'expected at least 16 characters').optional(),
  MCP_API_KEY: z.string().min(16, 'expected at least 16 characters').optional().describe('Bearer key of POST /mcp for other AI agents; unset = /mcp is off (404)'),
  LINE_CHANNEL_SECRET: secret(/^[0-9a-fA-F]{32}$/, '32 hex characters (Basic settings → Channel secret)'),
  LINE_CHANNEL_ACCESS_TOKEN: z.string().min(16, 'expected a channel access token (Messaging API tab)').optional(),
  LINE_API_ROOT: url.default('https://api.line.me').describe('LINE Messaging API root; tests point it at a local fake'),
  ALEXA_SKILL_ID: z.string().regex(/^amzn1\.ask\.skill\.[0-9a-f-]{36}$/, 'expected an Alexa skill id like amzn1.ask.skill.<uuid>').optional(),
  VOICE_DEADLINE_MS: z.coerce.number({ error: 'expected milliseconds' }).int().min(500).max(7_500, 'must stay under Alexa\'s 8 s limit').default(6_500),
  HISTORY_TTL_DAYS: z.coerce.number({ error: 'expected a number of days' }).positive().max(3650).default(30),
  ALLOWED_ORIGINS: list,
  SYNDICATE_TRACKING_CODES: z
    .string()
    .regex(/^\s*\d+\s*[:=]\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*(,\s*\d+\s*[:=]\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*)*$/, 'expected "programId:trackingCode" pairs separated by commas')
    .transform((value) => new Map(value.split(',').map((pair) => { const [id, code] = pair.split(/[:=]/).map((part) => part.trim()); return [Number(id), code ?? '']; })))
    .optional(),
  TRUST_PROXY: z
    .string()
    .transform((value, ctx) => {
      const trust = parseTrustProxy(value);
      if (typeof trust !== 'string') return trust;
      ctx.addIssue({ code: 'custom', message: trust });
      return z.NEVER;
    })
    .prefault('false')
    .describe('Proxies trusted to append to X-Forwarded-For: false, true (one), a number of hops, or proxy CIDRs'),
  IP_HASH_SALT: z.string().min(16, 'expected at least 16 characters').optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional().describe('OTLP/HTTP collector base URL (traces go to <it>/v1/traces); unset = tracing off, nothing loaded'),
  OTEL_SERVICE_NAME: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected 1-64 characters of A-Z a-z 0-9 . _ -').default('affiliate-recommendation-bot').describe('service.name of the exported traces'),
  OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: z
    .enum(['true', 'false'], { error: 'expected true or false' })
    .default('false')
    .transform((value) => value === 'true')
    .describe('Put what visitors and the model wrote (prompts, replies, tool inputs and results) on the model spans; off by default'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = Record<string, string | undefined>;
export type Config = z.output<typeof configSchema> & {
  /** Demo mode: no network configured, so the embedded sandbox is started and used. */
  demo: boolean;
  publicBaseUrl: string;
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Builds the configuration from an environment-like object (tests pass their own). */
export function createConfig(env: Env): Config {
  const present = Object.fromEntries(
    Object.keys(configSchema.shape)
      .map((name) => [name, env[name]?.trim()] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? 'configuration');
    throw new ConfigError(`Invalid configuration: ${name}: ${issue?.message ?? 'invalid value'}`);
  }
  const config = result.data;
  const demo = config.AGENTCLICK_API_URL === undefined;
  if (config.TELEGRAM_WEBHOOK_SECRET && !config.TELEGRAM_BOT_TOKEN) {
    throw new ConfigError('Invalid configuration: TELEGRAM_WEBHOOK_SECRET: set TELEGRAM_BOT_TOKEN too (webhook mode needs a bot)');
  }
  if (config.TELEGRAM_WEBHOOK_SECRET && !config.PUBLIC_BASE_URL?.startsWith('https://')) {
    throw new ConfigError('Invalid configuration: PUBLIC_BASE_URL: Telegram webhooks need an https:// public URL');
  }
  if (Boolean(config.LINE_CHANNEL_SECRET) !== Boolean(config.LINE_CHANNEL_ACCESS_TOKEN)) {
    throw new ConfigError(`Invalid configuration: ${config.LINE_CHANNEL_SECRET ? 'LINE_CHANNEL_ACCESS_TOKEN' : 'LINE_CHANNEL_SECRET'}: LINE needs both the channel secret and the access token`);
  }
  if (!demo && !config.AGENTCLICK_API_KEY) {
    throw new ConfigError('Invalid configuration: AGENTCLICK_API_KEY: required when AGENTCLICK_API_URL is set');
  }
  return { ...config, demo, publicBaseUrl: (config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '') };
}

/** Reads `process.env`; the one place in the project that does. */
export function loadConfig(): Config {
  return createConfig(process.env);
}
