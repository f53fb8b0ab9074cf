import { type X509Certificate, verify } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { safeEqual } from '../../../shared/secrets.ts';
import { parseRoots, verifyCertChain } from './cert-chain.ts';
import { checkCertChainUrl } from './cert-url.ts';
import { type FetchCertChain, createChainLoader } from './chain-loader.ts';
import { type AlexaEnvelope, alexaEnvelopeSchema, skillIdsOf } from './envelope.ts';

export interface AlexaVerifierOptions {
  skillId: string;
  /** Downloads a PEM chain; the default fetches it from Amazon. */
  fetchCertChain?: FetchCertChain;
  /** PEM roots the chain must lead to. Production: Node's bundled Mozilla roots. Only tests pass their own. */
  trustedRoots?: readonly string[];
  now?: () => number;
  /** Largest age (either way) of the request's timestamp: Alexa's rule is 150 s. */
  toleranceMs?: number;
}

export interface SignedRequest {
  certUrl: string | undefined;
  /** The `Signature-256` header: base64 RSA-SHA256 of the raw body. */
  signature: string | undefined;
  body: Buffer;
}

export type Verification = { ok: true; envelope: AlexaEnvelope } | { ok: false; reason: string };

/**
 * Alexa's request verification, in order of cost: the certificate URL, the chain (downloaded once per
 * URL), the signature over the exact bytes received, then the envelope's timestamp and skill id.
 */
export function createAlexaVerifier({ skillId, fetchCertChain, trustedRoots, now = Date.now, toleranceMs = 150_000 }: AlexaVerifierOptions) {
  const chains = createChainLoader({ fetchCertChain });
  let roots: X509Certificate[] | undefined;
  const rootsNow = () => (roots ??= parseRoots(trustedRoots ?? rootCertificates));

  return async function verifyAlexaRequest({ certUrl, signature, body }: SignedRequest): Promise<Verification> {
    const url = checkCertChainUrl(certUrl);
    if (!url.ok) return url;
    if (!signature || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature.trim())) return { ok: false, reason: 'the Signature-256 header is missing or not base64' };

    let chain: X509Certificate[];
    try {
      chain = await chains.load(url.url);
    } catch {
      return { ok: false, reason: 'the signing certificate chain could not be downloaded or read' };
    }
    const checked = verifyCertChain(chain, rootsNow(), now());
    if (!checked.ok) return checked;
    if (!verify('sha256', body, checked.leaf.publicKey, Buffer.from(signature.trim(), 'base64'))) {
      return { ok: false, reason: 'the signature does not match the request body' };
    }

    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return { ok: false, reason: 'the request body is not JSON' };
    }
    const parsed = alexaEnvelopeSchema.safeParse(json);
    if (!parsed.success) return { ok: false, reason: 'the request is not an Alexa request envelope' };
    const envelope = parsed.data;

    const sent = Date.parse(envelope.request.timestamp);
    if (!Number.isFinite(sent) || Math.abs(now() - sent) > toleranceMs) return { ok: false, reason: `the request timestamp is not within ${toleranceMs / 1000} seconds` };
    const ids = skillIdsOf(envelope);
    if (ids.length === 0 || !ids.every((id) => safeEqual(id, skillId))) return { ok: false, reason: 'the request is for another skill' };
    return { ok: true, envelope };
  };
}

export type AlexaVerifier = ReturnType<typeof createAlexaVerifier>;
