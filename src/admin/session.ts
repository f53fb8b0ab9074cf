import { createHmac, randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import { safeEqual } from '../shared/secrets.ts';

export interface AdminSession {
  id: string;
  expiresAt: number;
}

export interface SessionSigner {
  /** A fresh session and the cookie value that carries it: `<id>.<expires ms>.<HMAC>`, never the token. */
  issue(): { session: AdminSession; value: string };
  /** The session a cookie value stands for, when the signature holds and it has not expired or been revoked. */
  verify(value: string | undefined): Promise<AdminSession | undefined>;
  /** Logout: the session stops working everywhere (every instance, after restarts) though its cookie is still validly signed. */
  revoke(session: AdminSession): Promise<void>;
  /** The CSRF token of a session's forms: bound to the session, so another session's token does not pass. */
  csrfToken(session: AdminSession): string;
  checkCsrf(session: AdminSession, token: string | undefined): boolean;
}

const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('base64url');

/**
 * Stateless, HMAC-signed admin sessions. The key is derived from ADMIN_TOKEN, so every instance on the
 * same token accepts the same cookies and rotating the token logs everyone out. Revocations (logout)
 * live in the shared store (`kv`: the SQLite file, or Redis for every instance) until the session would
 * have expired anyway, so a logged-out cookie stays out after a restart and on other instances; this
 * process also remembers its own, so its checks need no store read for them.
 */
export function createSessionSigner({ adminToken, ttlMs = 12 * 3_600_000, now = Date.now, kv }: { adminToken: string; ttlMs?: number; now?: () => number; kv?: Keyv }): SessionSigner {
  const key = createHmac('sha256', adminToken).update('admin-session-v1').digest();
  const revoked = new Map<string, number>();

  const prune = () => {
    const at = now();
    for (const [id, expiresAt] of revoked) if (expiresAt <= at) revoked.delete(id);
  };

  return {
    issue() {
      const session = { id: randomBytes(18).toString('base64url'), expiresAt: now() + ttlMs };
      return { session, value: `${session.id}.${session.expiresAt}.${mac(key, `v1.${session.id}.${session.expiresAt}`)}` };
    },

    async verify(value) {
      const parts = value?.split('.');
      if (parts?.length !== 3) return undefined;
      const [id = '', expires = '', signature = ''] = parts;
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(id) || !/^\d{1,16}$/.test(expires)) return undefined;
      if (!safeEqual(signature, mac(key, `v1.${id}.${expires}`))) return undefined;
      const expiresAt = Number(expires);
      if (expiresAt <= now() || revoked.has(id)) return undefined;
      if (kv && (await kv.get<number>(`revoked:${id}`)) !== undefined) return undefined;
      return { id, expiresAt };
    },

    async revoke(session) {
      prune();
      revoked.set(session.id, session.expiresAt);
      await kv?.set(`revoked:${session.id}`, session.expiresAt, Math.max(1, session.expiresAt - now()));
    },

    csrfToken: (session) => mac(key, `csrf.${session.id}`),

    checkCsrf(session, token) {
      return token !== undefined && token !== '' && safeEqual(token, mac(key, `csrf.${session.id}`));
    },
  };
}
