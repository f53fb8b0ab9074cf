import { createHmac, randomUUID } from 'node:crypto';
import { safeEqual } from '../shared/secrets.ts';

/**
 * slat_v1 attribution tokens, byte for byte as the spec's Python reference mints them:
 * `slat_v1_{base64url(json)}.{hex HMAC-SHA256(agent key, base64url(json))}`.
 */
export interface SlatPayload {
  agent_key: string;
  nonce: string;
  /** Unix seconds. */
  timestamp: number;
  orderId: string;
}

export interface MintSlatOptions {
  agentKey: string;
  orderId: string;
  /** Defaults to a fresh UUID v4: the server de-duplicates by nonce for 48 h. */
  nonce?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
}

export type SlatFailure = 'malformed' | 'agent_mismatch' | 'bad_signature' | 'expired';

export type SlatVerification =
  | { ok: true; payload: SlatPayload }
  /** `payload` is present whenever the token could be decoded, so a caller can log its nonce. */
  | { ok: false; reason: SlatFailure; payload?: SlatPayload };

export interface VerifySlatOptions {
  /** The Bearer key of the request; the token must be bound to it and signed with it. */
  bearerKey: string;
  /** Milliseconds since the epoch. */
  now?: number;
  /** Accepted clock distance either way, in seconds (the spec's 5-minute window). */
  maxAgeSeconds?: number;
}

export const SLAT_PREFIX = 'slat_v1_';
export const SLAT_MAX_AGE_SECONDS = 300;
// base64url alphabet for the payload, lowercase hex SHA-256 for the signature (Python's hexdigest()).
const TOKEN_SHAPE = /^slat_v1_([A-Za-z0-9_-]+)\.([0-9a-f]{64})$/;
const PAYLOAD_KEYS = ['agent_key', 'nonce', 'timestamp', 'orderId'] as const;

export function mintSlatToken({ agentKey, orderId, nonce = randomUUID(), timestamp = Math.floor(Date.now() / 1000) }: MintSlatOptions): string {
  if (!Number.isSafeInteger(timestamp)) throw new RangeError('slat_v1 timestamp must be an integer number of seconds');
  // Key order is part of the signed bytes: it must match the Python dict literal.
  const payload: SlatPayload = { agent_key: agentKey, nonce, timestamp, orderId };
  const encoded = Buffer.from(pythonJsonDumps(payload), 'utf8').toString('base64url');
  return `${SLAT_PREFIX}${encoded}.${sign(agentKey, encoded)}`;
}

/**
 * JSON.stringify output made identical to Python's `json.dumps(..., separators=(',', ':'))`, whose default
 * ensure_ascii=True escapes everything outside printable ASCII as lowercase \uXXXX (astral characters as
 * their UTF-16 surrogate pair, which is exactly what a JS string holds). JSON.stringify already escapes
 * control characters the way Python does (\n, \t, \u0001 ...), so what is left is DEL and above.
 */
export function pythonJsonDumps(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Decodes a token's payload without checking its signature or age; undefined when it is not a slat_v1 token. */
export function decodeSlatToken(token: string): { payload: SlatPayload; encoded: string; signature: string } | undefined {
  const match = TOKEN_SHAPE.exec(token);
  if (!match) return undefined;
  const [, encoded = '', signature = ''] = match;
  const bytes = Buffer.from(encoded, 'base64url');
  // Buffer decoding is lenient; a canonical round trip rejects stray padding bits and impossible lengths.
  if (bytes.toString('base64url') !== encoded) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  const payload = asPayload(parsed);
  return payload ? { payload, encoded, signature } : undefined;
}

/**
 * Checks a received token the way the server does, in the server's order: shape, binding to the Bearer key,
 * signature (keyed by the Bearer key, over the encoded payload exactly as received), then age.
 */
export function verifySlatToken(token: string, { bearerKey, now = Date.now(), maxAgeSeconds = SLAT_MAX_AGE_SECONDS }: VerifySlatOptions): SlatVerification {
  const decoded = decodeSlatToken(token);
  if (!decoded) return { ok: false, reason: 'malformed' };
  const { payload, encoded, signature } = decoded;
  if (!safeEqual(payload.agent_key, bearerKey)) return { ok: false, reason: 'agent_mismatch', payload };
  if (!safeEqual(sign(bearerKey, encoded), signature)) return { ok: false, reason: 'bad_signature', payload };
  if (Math.abs(Math.floor(now / 1000) - payload.timestamp) > maxAgeSeconds) return { ok: false, reason: 'expired', payload };
  return { ok: true, payload };
}

/** When the server stops accepting this token (ms since the epoch), so a retry can reuse it until then. */
export function slatTokenExpiresAt(token: string, maxAgeSeconds = SLAT_MAX_AGE_SECONDS): number | undefined {
  const decoded = decodeSlatToken(token);
  return decoded ? (decoded.payload.timestamp + maxAgeSeconds) * 1000 : undefined;
}

function sign(agentKey: string, encoded: string): string {
  return createHmac('sha256', Buffer.from(agentKey, 'utf8')).update(encoded, 'utf8').digest('hex');
}

/** Strict: exactly the four fields, each of its type; anything else is not a slat_v1 payload. */
function asPayload(value: unknown): SlatPayload | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length !== PAYLOAD_KEYS.length || !PAYLOAD_KEYS.every((key) => keys.includes(key))) return undefined;
  const { agent_key, nonce, timestamp, orderId } = record;
  if (typeof agent_key !== 'string' || agent_key === '') return undefined;
  if (typeof nonce !== 'string' || nonce === '') return undefined;
  if (typeof orderId !== 'string' || orderId === '') return undefined;
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp)) return undefined;
  return { agent_key, nonce, timestamp, orderId };
}
