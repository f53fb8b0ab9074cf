/**
 * Alexa's rules for the `SignatureCertChainUrl` header, checked on the normalised URL (so
 * `/echo.api/../x` is `/x` and fails): https, host s3.amazonaws.com (any case), port 443 if one is
 * given, path under `/echo.api/` (case-sensitive).
 */
export type CertUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export function checkCertChainUrl(raw: string | undefined): CertUrlCheck {
  if (!raw) return { ok: false, reason: 'the SignatureCertChainUrl header is missing' };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'the SignatureCertChainUrl is not a URL' };
  }
  // The WHATWG parser lowercases scheme and host, resolves dot segments and drops the default port 443.
  if (url.protocol !== 'https:') return { ok: false, reason: 'the SignatureCertChainUrl must use https' };
  if (url.hostname !== 's3.amazonaws.com') return { ok: false, reason: 'the SignatureCertChainUrl must be on s3.amazonaws.com' };
  if (url.port !== '' && url.port !== '443') return { ok: false, reason: 'the SignatureCertChainUrl must use port 443' };
  if (!url.pathname.startsWith('/echo.api/')) return { ok: false, reason: 'the SignatureCertChainUrl path must start with /echo.api/' };
  if (url.username || url.password) return { ok: false, reason: 'the SignatureCertChainUrl must not carry credentials' };
  return { ok: true, url: url.href };
}
