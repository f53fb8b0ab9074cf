import type { Config } from './config.ts';
import type { Networks } from './compose/networks.ts';

/**
 * Every secret value the bot holds, configured or made up for demo mode: the logger hides each one
 * exactly, whatever its shape (an ADMIN_TOKEN has no pattern a redactor could recognise).
 */
export function secretValues(config: Config, networks?: Networks, extra: ReadonlyArray<string | undefined> = []): string[] {
  const values = [
    config.TELEGRAM_BOT_TOKEN,
    config.TELEGRAM_WEBHOOK_SECRET,
    config.ADMIN_TOKEN,
    config.VOICE_API_KEY,
    config.POSTBACK_SECRET,
    config.POSTBACK_SECRET_PREVIOUS,
    config.AGENTCLICK_API_KEY,
    config.SYNDICATE_AGENT_KEY,
    config.SYNDICATE_ACCOUNT_KEY,
    config.OPENAI_API_KEY,
    config.IP_HASH_SALT,
    config.LINE_CHANNEL_SECRET,
    config.LINE_CHANNEL_ACCESS_TOKEN,
    config.MCP_API_KEY,
    urlPassword(config.REDIS_URL),
    urlPassword(config.DATABASE_URL),
    urlPassword(config.OTEL_EXPORTER_OTLP_ENDPOINT),
    networks?.agentclickKey,
    networks?.syndicateAgentKey,
    networks?.syndicateAccountKey,
    ...extra,
  ];
  return values.filter((value): value is string => value !== undefined && value !== '');
}

/** A password inside a connection URL (redis://:pass@host, postgres://user:pass@host), decoded. */
function urlPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}
