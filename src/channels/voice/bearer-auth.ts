import type { MiddlewareHandler } from 'hono';
import { jsonError } from '../../http/errors.ts';
import { safeEqual } from '../../shared/secrets.ts';

/**
 * `Authorization: Bearer <key>`, compared in constant time. With no key configured the middleware lets
 * everything through (the generic webhook on a trusted network); routes that must never be open are
 * not mounted without a key.
 */
export function bearerAuth(key: string | undefined, { realm = 'voice', keyName = 'VOICE_API_KEY' }: { realm?: string; keyName?: string } = {}): MiddlewareHandler {
  return async (c, next) => {
    if (key === undefined) return next();
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1] || !safeEqual(match[1], key)) {
      c.header('WWW-Authenticate', `Bearer realm="${realm}"`);
      return jsonError(c, 401, 'unauthorized', `Send the API key as "Authorization: Bearer <${keyName}>".`);
    }
    return next();
  };
}
