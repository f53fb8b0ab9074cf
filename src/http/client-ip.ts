import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * Which proxies in front of the bot are trusted to append to X-Forwarded-For (TRUST_PROXY):
 * a number of hops (the proxies nearest the bot), or the proxies' addresses and CIDR ranges.
 */
export type TrustProxy = { hops: number } | { proxies: BlockList; list: readonly string[] };

export const TRUST_NO_PROXY: TrustProxy = { hops: 0 };

/**
 * Reads TRUST_PROXY: `false`/`0` (no proxy), `true` (one proxy), a number of hops, or a comma list of
 * proxy addresses and CIDR ranges (`10.0.0.0/8, 2001:db8::/32, 192.0.2.7`). Returns an error text for
 * anything else.
 */
export function parseTrustProxy(value: string): TrustProxy | string {
  const text = value.trim().toLowerCase();
  if (text === 'false') return { hops: 0 };
  if (text === 'true') return { hops: 1 };
  if (/^\d{1,2}$/.test(text)) return { hops: Number(text) };
  const proxies = new BlockList();
  const list = text.split(',').map((item) => item.trim()).filter(Boolean);
  if (list.length === 0) return 'expected false, true, a number of proxy hops, or a list of proxy CIDRs';
  for (const item of list) {
    const [address = '', prefix, extra] = item.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (family === 0 || extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
      return `"${item}" is not an IP address or CIDR range (expected false, true, a number of hops, or proxy CIDRs)`;
    }
    proxies.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return { proxies, list };
}

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'local';
  }
}

const isTrusted = (proxies: BlockList, address: string): boolean => {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  const family = isIP(plain);
  return family !== 0 && proxies.check(plain, family === 6 ? 'ipv6' : 'ipv4');
};

/**
 * The caller's IP. Each trusted proxy appends the address it was called from to X-Forwarded-For, so
 * only the right end of the header is trustworthy: the client is the right-most address that was not
 * written by a trusted proxy. Anything to its left was sent by the client itself and is ignored, so
 * rotating it escapes no limit and naming someone else's address locks nobody out.
 */
export function clientIp(c: Context, trust: TrustProxy = TRUST_NO_PROXY): string {
  const socket = socketAddress(c);
  const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
  // The chain as seen from the bot: the socket's peer last.
  const chain = [...forwarded, socket];
  if ('hops' in trust) return chain[Math.max(0, chain.length - 1 - trust.hops)] ?? socket;
  for (let i = chain.length - 1; i > 0; i--) {
    const hop = chain[i] ?? '';
    if (!isTrusted(trust.proxies, hop)) return hop;
  }
  return chain[0] ?? socket;
}
