import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSlatToken, mintSlatToken, pythonJsonDumps, slatTokenExpiresAt, verifySlatToken } from '../../src/syndicate/slat.ts';

interface Vector {
  agent_key: string;
  orderId: string;
  nonce: string;
  timestamp: number;
  token: string;
}
const { vectors } = JSON.parse(readFileSync('/work/shared/specs/slat_v1-vectors.json', 'utf8')) as { vectors: Vector[] };

const KEY = 'aff_agent_test_0001';
const NONCE = '00000000-0000-4000-8000-000000000000';
const TS = 1_795_000_000;

function encodedJson(token: string): string {
  const encoded = token.slice('slat_v1_'.length, token.lastIndexOf('.'));
  return Buffer.from(encoded, 'base64url').toString('latin1');
}

describe('mintSlatToken', () => {
  it.each(vectors.map((v) => [v.orderId, v] as const))('reproduces the spec vector for %s byte for byte', (_name, v) => {
    expect(mintSlatToken({ agentKey: v.agent_key, orderId: v.orderId, nonce: v.nonce, timestamp: v.timestamp })).toBe(v.token);
  });

  it('escapes non-ASCII like Python json.dumps with ensure_ascii=True', () => {
    const token = mintSlatToken({ agentKey: KEY, orderId: '注文-1', nonce: NONCE, timestamp: TS });
    // 注 is U+6CE8 and 文 is U+6587: Python writes them as lowercase \uXXXX escapes, so the JSON is pure ASCII.
    const json = `{"agent_key":"${KEY}","nonce":"${NONCE}","timestamp":${TS},"orderId":"\\u6ce8\\u6587-1"}`;
    expect(encodedJson(token)).toBe(json);
    const encoded = Buffer.from(json, 'ascii').toString('base64url');
    const sig = createHmac('sha256', KEY).update(encoded).digest('hex');
    expect(token).toBe(`slat_v1_${encoded}.${sig}`);
    // The same token as CPython 3 prints for mint_slat_token with these inputs.
    expect(token.endsWith('.08dcf0a01eafd8c26565df549f1e3f88df1efca824b8c3165fdd31682156b240')).toBe(true);
  });

  it('escapes astral characters as surrogate pairs, DEL and controls as Python does', () => {
    expect(pythonJsonDumps({ s: 'emoji-\u{1F600}\x7f\n\t"\\/\x01é' })).toBe('{"s":"emoji-\\ud83d\\ude00\\u007f\\n\\t\\"\\\\/\\u0001\\u00e9"}');
    // Token printed by CPython 3 for this orderId (same key, nonce and timestamp).
    const token = mintSlatToken({ agentKey: KEY, orderId: 'emoji-\u{1F600}\x7f\n\t"\\/\x01é', nonce: NONCE, timestamp: TS });
    expect(token.endsWith('.51e87ef632f5bde8f9a5b7d5e86a544182c5f8ef370477c9d6ced304bc0ebbbf')).toBe(true);
  });

  it('defaults to a fresh UUID v4 nonce and the current second', () => {
    const before = Math.floor(Date.now() / 1000);
    const a = decodeSlatToken(mintSlatToken({ agentKey: KEY, orderId: 'o-1' }))?.payload;
    const b = decodeSlatToken(mintSlatToken({ agentKey: KEY, orderId: 'o-1' }))?.payload;
    expect(a?.nonce).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a?.nonce).not.toBe(b?.nonce);
    expect(a?.timestamp).toBeGreaterThanOrEqual(before);
  });

  it('refuses a non-integer timestamp', () => {
    expect(() => mintSlatToken({ agentKey: KEY, orderId: 'o', timestamp: 1.5 })).toThrow(RangeError);
  });
});

describe('verifySlatToken', () => {
  const token = mintSlatToken({ agentKey: KEY, orderId: 'ORDER-001', nonce: NONCE, timestamp: TS });
  const at = (seconds: number) => seconds * 1000;

  it('accepts a token bound to and signed with the Bearer key, within ±300 s', () => {
    for (const skew of [-300, 0, 300]) {
      expect(verifySlatToken(token, { bearerKey: KEY, now: at(TS + skew) })).toEqual({
        ok: true,
        payload: { agent_key: KEY, nonce: NONCE, timestamp: TS, orderId: 'ORDER-001' },
      });
    }
  });

  it('rejects timestamps outside the window, past or future', () => {
    for (const skew of [-301, 301, 86_400]) {
      expect(verifySlatToken(token, { bearerKey: KEY, now: at(TS + skew) })).toMatchObject({ ok: false, reason: 'expired', payload: { nonce: NONCE } });
    }
    expect(verifySlatToken(token, { bearerKey: KEY, now: at(TS + 500), maxAgeSeconds: 600 }).ok).toBe(true);
  });

  it('reports a token minted for another key as agent_mismatch', () => {
    const other = mintSlatToken({ agentKey: 'aff_agent_someone_else', orderId: 'ORDER-001', nonce: NONCE, timestamp: TS });
    expect(verifySlatToken(other, { bearerKey: KEY, now: at(TS) })).toMatchObject({ ok: false, reason: 'agent_mismatch' });
  });

  it('reports a payload signed with another key as bad_signature', () => {
    const encoded = token.slice(8, token.lastIndexOf('.'));
    const forged = `slat_v1_${encoded}.${createHmac('sha256', 'not-the-key').update(encoded).digest('hex')}`;
    expect(verifySlatToken(forged, { bearerKey: KEY, now: at(TS) })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it.each([
    ['empty', ''],
    ['wrong prefix', token.replace('slat_v1_', 'slat_v2_')],
    ['no signature', token.slice(0, token.lastIndexOf('.'))],
    ['uppercase signature', token.toUpperCase()],
    ['padding', token.replace('.', '=.')],
    ['payload not JSON', sign('not json')],
    ['payload an array', sign('[1,2,3,4]')],
    ['timestamp a string', sign(`{"agent_key":"${KEY}","nonce":"n","timestamp":"${TS}","orderId":"o"}`)],
    ['timestamp fractional', sign(`{"agent_key":"${KEY}","nonce":"n","timestamp":${TS}.5,"orderId":"o"}`)],
    ['missing orderId', sign(`{"agent_key":"${KEY}","nonce":"n","timestamp":${TS}}`)],
    ['extra field', sign(`{"agent_key":"${KEY}","nonce":"n","timestamp":${TS},"orderId":"o","x":1}`)],
    ['empty nonce', sign(`{"agent_key":"${KEY}","nonce":"","timestamp":${TS},"orderId":"o"}`)],
    ['invalid UTF-8', signBytes(Buffer.from([0x7b, 0xff, 0x7d]))],
  ])('rejects a malformed token (%s)', (_name, bad) => {
    expect(verifySlatToken(bad, { bearerKey: KEY, now: at(TS) })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('fails whenever any single byte of a valid token changes', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{8,24}$/),
        fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }),
        fc.uuid({ version: 4 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (suffix, orderId, nonce, position, delta) => {
          const agentKey = `aff_agent_${suffix}`;
          const valid = mintSlatToken({ agentKey, orderId, nonce, timestamp: TS });
          expect(verifySlatToken(valid, { bearerKey: agentKey, now: at(TS) })).toMatchObject({ ok: true, payload: { orderId } });
          const index = position % valid.length;
          const changed = String.fromCharCode((valid.charCodeAt(index) + delta) % 256);
          const tampered = valid.slice(0, index) + changed + valid.slice(index + 1);
          expect(verifySlatToken(tampered, { bearerKey: agentKey, now: at(TS) }).ok).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('slatTokenExpiresAt', () => {
  it('is the timestamp plus 300 s, in milliseconds', () => {
    expect(slatTokenExpiresAt(mintSlatToken({ agentKey: KEY, orderId: 'o', timestamp: TS }))).toBe((TS + 300) * 1000);
    expect(slatTokenExpiresAt('slat_v1_nope.00')).toBeUndefined();
  });
});

function sign(json: string): string {
  return signBytes(Buffer.from(json, 'utf8'));
}

function signBytes(bytes: Buffer): string {
  const encoded = bytes.toString('base64url');
  return `slat_v1_${encoded}.${createHmac('sha256', KEY).update(encoded).digest('hex')}`;
}
