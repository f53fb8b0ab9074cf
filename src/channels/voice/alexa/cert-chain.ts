import { X509Certificate } from 'node:crypto';

/** The DNS name Alexa's signing certificate must carry in its subject alternative names. */
export const ALEXA_SIGNING_NAME = 'echo-api.amazon.com';
const MAX_CHAIN = 6;

export type ChainCheck = { ok: true; leaf: X509Certificate } | { ok: false; reason: string };

/** Every certificate of a PEM bundle, in order (leaf first, as Alexa serves it). */
export function parsePemChain(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new X509Certificate(block));
}

/** Trusted roots from PEM strings; ones that do not parse are skipped (a bad bundle entry must not stop start-up). */
export function parseRoots(pems: readonly string[]): X509Certificate[] {
  return pems.flatMap((pem) => {
    try {
      return parsePemChain(pem);
    } catch {
      return [];
    }
  });
}

const validAt = (cert: X509Certificate, now: number) => cert.validFromDate.getTime() <= now && now <= cert.validToDate.getTime();

function dnsNames(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4).toLowerCase());
}

/** `child` was signed by `parent`: the names and key ids match and the signature checks out. */
const signedBy = (child: X509Certificate, parent: X509Certificate) => child.checkIssued(parent) && child.verify(parent.publicKey);

/**
 * Alexa's certificate rules: the leaf is valid now and names echo-api.amazon.com; every link of the
 * chain is signed by the next (a valid CA); the chain ends at one of the trusted roots.
 */
export function verifyCertChain(chain: X509Certificate[], roots: readonly X509Certificate[], now: number): ChainCheck {
  const leaf = chain[0];
  if (!leaf) return { ok: false, reason: 'the certificate chain is empty' };
  if (chain.length > MAX_CHAIN) return { ok: false, reason: 'the certificate chain is too long' };
  if (!validAt(leaf, now)) return { ok: false, reason: 'the signing certificate is expired or not yet valid' };
  if (!dnsNames(leaf).includes(ALEXA_SIGNING_NAME)) return { ok: false, reason: `the signing certificate is not issued to ${ALEXA_SIGNING_NAME}` };

  const trusted = new Set(roots.map((root) => root.fingerprint256));
  for (let i = 0; i < chain.length; i++) {
    const cert = chain[i] as X509Certificate;
    if (i > 0 && trusted.has(cert.fingerprint256)) return { ok: true, leaf };
    const root = roots.find((candidate) => validAt(candidate, now) && signedBy(cert, candidate));
    if (root) return { ok: true, leaf };
    const next = chain[i + 1];
    if (!next) break;
    if (!next.ca || !validAt(next, now) || !signedBy(cert, next)) return { ok: false, reason: 'the certificate chain is broken (a certificate is not signed by the next one)' };
  }
  return { ok: false, reason: 'the certificate chain does not lead to a trusted root' };
}
