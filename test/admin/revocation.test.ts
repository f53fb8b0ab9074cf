import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdminRoutes } from '../../src/admin/routes.ts';
import { createSessionSigner } from '../../src/admin/session.ts';
import { silentLog } from '../../src/log.ts';
import { type Stores, createStores } from '../../src/store/create-stores.ts';
import type { AdminRoutesOptions } from '../../src/admin/routes.ts';

/**
 * Logging out holds: the revocation is in the shared store, so the old cookie stays out after a restart
 * (SQLite file) and on another instance (one Redis).
 */
const ADMIN_TOKEN = 'admin-token-revocation-0123456789';
const open: Stores[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const stores of open.splice(0)) await stores.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stores(options: { dataDir?: string; redisPrefix?: string }): Stores {
  const made = createStores({ dataDir: options.dataDir ?? tmpdir(), redisUrl: options.redisPrefix ? 'redis://127.0.0.1:6379' : undefined, redisPrefix: options.redisPrefix, log: silentLog() });
  open.push(made);
  return made;
}

/** One instance's admin routes; the networks are never called by login, logout or the summary JSON's auth. */
function instance(kv: Stores['admin']): Hono {
  const app = new Hono();
  const unused = new Proxy({}, { get: () => { throw new Error('not used by this test'); } });
  app.route('/admin', createAdminRoutes({ adminToken: ADMIN_TOKEN, kv, log: silentLog(), figures: unused, ledger: unused, agentclick: unused, syndicate: undefined, catalog: unused } as AdminRoutesOptions));
  return app;
}

async function logIn(app: Hono): Promise<{ cookie: string; csrf: string }> {
  const login = await app.request('/admin/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${ADMIN_TOKEN}` });
  expect(login.status).toBe(303);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  // The session's CSRF token, as the dashboard's forms carry it (bound to the session id in the cookie).
  const [id = '', expires = '0'] = (cookie.split('=')[1] ?? '').split('.');
  return { cookie, csrf: createSessionSigner({ adminToken: ADMIN_TOKEN }).csrfToken({ id, expiresAt: Number(expires) }) };
}
const loggedIn = async (app: Hono, cookie: string) => (await app.request('/admin/login', { headers: { cookie } })).status === 303;
const logOut = async (app: Hono, { cookie, csrf }: { cookie: string; csrf: string }) =>
  (await app.request('/admin/logout', { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } })).status;

describe('admin logout revocations', () => {
  it('hold across a restart (SQLite in DATA_DIR)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'revocation-'));
    dirs.push(dataDir);
    const first = stores({ dataDir });
    const before = instance(first.admin);
    const session = await logIn(before);
    expect(await loggedIn(before, session.cookie)).toBe(true);
    expect(await logOut(before, session)).toBe(303);
    expect(await loggedIn(before, session.cookie)).toBe(false);
    await first.close();
    open.splice(open.indexOf(first), 1);

    const after = instance(stores({ dataDir }).admin);
    expect(await loggedIn(after, session.cookie)).toBe(false);
  });

  it('hold on another instance sharing Redis', async () => {
    const redisPrefix = `test-revoke-${randomBytes(6).toString('hex')}`;
    const a = instance(stores({ redisPrefix }).admin);
    const b = instance(stores({ redisPrefix }).admin);
    const session = await logIn(a);
    expect(await loggedIn(b, session.cookie)).toBe(true);
    expect(await logOut(a, session)).toBe(303);
    expect(await loggedIn(b, session.cookie)).toBe(false);
    // Another session is untouched.
    const other = await logIn(b);
    expect(await loggedIn(a, other.cookie)).toBe(true);
  });
});
