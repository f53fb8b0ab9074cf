import { escapeHtml } from '../shared/html.ts';

/**
 * The dashboard's security headers: nothing from elsewhere, no inline script or style, no framing,
 * and no caching of figures or forms that carry a CSRF token.
 */
export const ADMIN_CSP =
  "default-src 'self'; style-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The CSP of a page whose forms may end on another origin: browsers apply `form-action` to the
 * redirect after a form post too, so the plan checkout's 303 to Syndicate needs that origin listed.
 */
export function adminCsp(formOrigins: readonly string[]): string {
  return formOrigins.length === 0 ? ADMIN_CSP : ADMIN_CSP.replace("form-action 'self'", `form-action 'self' ${formOrigins.join(' ')}`);
}

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': ADMIN_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** A whole HTML document around `body`. `base` is where the dashboard is mounted, e.g. "/admin". */
export function layout({ title, body, base }: { title: string; body: string; base: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escapeHtml(base)}/admin.css">
</head>
<body>
${body}
</body>
</html>`;
}

/** A hidden CSRF field for a form (empty for Bearer requests, which need none). */
export const csrfField = (token: string): string => `<input type="hidden" name="csrf" value="${escapeHtml(token)}">`;
