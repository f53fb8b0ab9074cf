import { createHmac } from 'node:crypto';
import { safeEqual } from '../shared/secrets.ts';

export const POSTBACK_TOLERANCE_SECONDS = 300;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, like Stripe's webhooks. */
export function signPostback(secret: string, rawBody: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/**
 * Checks the header against every accepted secret (two during a rotation), in constant time, and the
 * timestamp within the tolerance. Reasons never contain the secret or the expected signature.
 */
export function verifyPostbackSignature(header: string | undefined, rawBody: string, secrets: readonly string[], nowMs: number): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing X-Signature header' };
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  const candidates = parts.filter(([key, value]) => key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/i.test(value)).map(([, value]) => (value as string).toLowerCase());
  if (!Number.isSafeInteger(timestamp) || candidates.length === 0) return { ok: false, reason: 'malformed X-Signature header (expected t=<unix seconds>,v1=<hex>)' };
  if (Math.abs(Math.floor(nowMs / 1000) - timestamp) > POSTBACK_TOLERANCE_SECONDS) return { ok: false, reason: 'signature timestamp outside the 300 s tolerance' };
  let valid = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
    // Every candidate is compared against every secret, so timing does not say which one matched.
    for (const candidate of candidates) valid = safeEqual(candidate, expected) || valid;
  }
  return valid ? { ok: true } : { ok: false, reason: 'signature does not match' };
}
