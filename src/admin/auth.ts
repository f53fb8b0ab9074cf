import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { jsonError } from '../http/errors.ts';
import { mediaType } from '../http/media-type.ts';
import { safeEqual } from '../shared/secrets.ts';
import type { AdminSession, SessionSigner } from './session.ts';

export const SESSION_COOKIE = 'admin_session';

/** Who is asking: an operator's script with the Bearer token, or a browser with a signed session cookie. */
export type AdminAuth = { via: 'bearer' } | { via: 'session'; session: AdminSession; csrf: string };
export interface AdminEnv {
  Variables: { auth: AdminAuth };
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** The request reached us over HTTPS (directly, or through a proxy that says so): the cookie gets `Secure`. */
export function isHttps(c: Context): boolean {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return new URL(c.req.url).protocol === 'https:' || forwarded === 'https';
}

/** `secure`: true/false from configuration (e.g. PUBLIC_BASE_URL is https), or undefined to follow the request. */
export function setSessionCookie(c: Context, value: string, { maxAgeSeconds, path, secure }: { maxAgeSeconds: number; path: string; secure: boolean | undefined }): void {
  setCookie(c, SESSION_COOKIE, value, {
    path,
    httpOnly: true,
    sameSite: 'Strict',
    secure: secure ?? isHttps(c),
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  });
}

export function clearSessionCookie(c: Context, { path, secure }: { path: string; secure: boolean | undefined }): void {
  deleteCookie(c, SESSION_COOKIE, { path, httpOnly: true, sameSite: 'Strict', secure: secure ?? isHttps(c) });
}

export function currentSession(c: Context, signer: SessionSigner): Promise<AdminSession | undefined> {
  return signer.verify(getCookie(c, SESSION_COOKIE));
}

/**
 * Lets the operator in by Bearer token (constant-time compare) or by session cookie. Strangers get a
 * 401 JSON on the API and on a wrong Bearer token; a browser without a session is sent to the login form.
 */
export function requireAdmin({ adminToken, signer, kind, loginPath }: { adminToken: string; signer: SessionSigner; kind: 'api' | 'page'; loginPath: string }): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const token = bearerToken(header);
      if (token === undefined || !safeEqual(token, adminToken)) {
        c.header('WWW-Authenticate', 'Bearer realm="admin", error="invalid_token"');
        return jsonError(c, 401, 'unauthorized', 'The Bearer token is not the ADMIN_TOKEN.');
      }
      c.set('auth', { via: 'bearer' });
      return next();
    }
    const session = await currentSession(c, signer);
    if (session) {
      c.set('auth', { via: 'session', session, csrf: signer.csrfToken(session) });
      return next();
    }
    if (kind === 'page' && c.req.method === 'GET') return c.redirect(loginPath, 303);
    c.header('WWW-Authenticate', 'Bearer realm="admin"');
    return jsonError(c, 401, 'unauthorized', 'Send "Authorization: Bearer <ADMIN_TOKEN>" or log in at the dashboard.');
  };
}

/**
 * State-changing requests from a browser carry the session's CSRF token (form field `csrf` or header
 * `X-CSRF-Token`); the SameSite=Strict cookie is a second line. Bearer requests need none: a browser
 * never adds that header on its own.
 */
export function requireCsrf(signer: SessionSigner): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const auth = c.get('auth');
    if (auth.via === 'bearer') return next();
    const token = c.req.header('x-csrf-token') ?? (await formField(c, 'csrf'));
    if (!signer.checkCsrf(auth.session, token)) return jsonError(c, 403, 'csrf_failed', 'The form has no valid CSRF token: reload the dashboard and try again.');
    return next();
  };
}

/** A field of a form or JSON body (Hono caches the parsed body, so handlers can read it again). */
export async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = mediaType(c);
  try {
    if (type === 'application/json') {
      const body: unknown = await c.req.json();
      const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
    }
    if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
      const value = (await c.req.parseBody())[name];
      return typeof value === 'string' ? value : undefined;
    }
  } catch {
    // A malformed body has no fields.
  }
  return undefined;
}
