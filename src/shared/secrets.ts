import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets in constant time. Both sides are hashed first so that neither the content
 * nor the length of the expected secret leaks through timing.
 */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}

/** A short, stable, non-reversible label for a secret: safe to use as a map key or in logs. */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16);
}

const SECRET_PATTERNS: RegExp[] = [
  /aa_[0-9a-fA-F]{8,}/g, // AgentClick API keys
  /aff_agent_[A-Za-z0-9_-]+/g, // Syndicate agent keys
  /ak_(?:live|test)_[A-Za-z0-9_-]+/g, // Syndicate account keys
  /slat_v1_[A-Za-z0-9_-]+\.[0-9a-f]+/g, // attribution tokens
  // Telegram bot tokens, also inside Bot API URLs (".../bot123456:AA.../getMe" has no word boundary before the digits).
  /(?<!\d)\d{5,15}:[A-Za-z0-9_-]{30,}/g,
  /sk-[A-Za-z0-9_-]{16,}/g, // OpenAI-style keys
];

/** Removes anything shaped like a credential from a text that may reach a log, an error or a reply. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, '[redacted]');
  return out;
}

/** Configured secrets shorter than this are not matched by value: too likely to hit ordinary text. */
const MIN_EXACT = 8;

/**
 * A redactor that hides the exact configured secret values (longest first, so a secret that contains
 * another is hidden whole) and then anything shaped like a credential. Exact values catch secrets that
 * have no recognisable shape: ADMIN_TOKEN, VOICE_API_KEY, webhook and postback secrets.
 */
export function createRedactor(values: Iterable<string | undefined>): (text: string) => string {
  const exact = [...new Set([...values].filter((value): value is string => value !== undefined && value.length >= MIN_EXACT))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const value of exact) if (out.includes(value)) out = out.split(value).join('[redacted]');
    return redactSecrets(out);
  };
}
