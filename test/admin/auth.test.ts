import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionSigner } from '../../src/admin/session.ts';
import { ADMIN_TOKEN, type RunningAdmin, csrfFrom, login, startAdmin } from './harness.ts';
import { everyTurnModel } from '../helpers/scripted-model.ts';

let env: RunningAdmin;
let off: RunningAdmin;
beforeAll(async () => {
  const model = everyTurnModel({ text: 'Hello.' }, { text: 'Hello.' });
  [env, off] = await Promise.all([startAdmin({ model }), startAdmin({ model, adminToken: null })]);
});
afterAll(async () => {
  await Promise.all([env?.close(), off?.close()]);
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('admin auth', () => {
  it('without ADMIN_TOKEN the dashboard does not exist: 404 JSON that says what to set', async () => {
    for (const path of ['/admin', '/admin/login', '/admin/api/summary']) {
      const response = await off.admin.request(path, { headers: bearer('anything-at-all-0123456789') });
      expect(response.status, path).toBe(404);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.message).toContain('ADMIN_TOKEN');
    }
  });

  it('no credentials: 401 JSON on the API, a redirect to the login form for the page', async () => {
    const api = await env.admin.request('/admin/api/summary');
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const page = await env.admin.request('/admin');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/login');
    const form = await env.admin.request('/admin/login');
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('<form method="post" action="/admin/login"');
    expect(html).toContain('type="password"');
  });

  it('a wrong Bearer token is a 401 on page and API; the right one opens both', async () => {
    for (const path of ['/admin', '/admin/api/summary', '/admin/api/deliveries']) {
      expect((await env.admin.request(path, { headers: bearer('not-the-admin-token-000000') })).status, path).toBe(401);
      expect((await env.admin.request(path, { headers: { authorization: 'Basic abc' } })).status, path).toBe(401);
      expect((await env.admin.request(path, { headers: bearer(ADMIN_TOKEN) })).status, path).toBe(200);
    }
  });

  it('the login form with the right token sets an HttpOnly SameSite=Strict session cookie that is not the token', async () => {
    const response = await env.admin.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token: ADMIN_TOKEN }) });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^admin_session=[^;]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/admin');
    expect(cookie).not.toContain('Secure');
    expect(cookie).not.toContain(ADMIN_TOKEN);
    const page = await env.admin.request('/admin', { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    const csp = "default-src 'self'; style-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    expect((await env.admin.request('/admin/login')).headers.get('content-security-policy')).toBe(csp);
    // The dashboard adds the Syndicate origin its plan checkout redirects to.
    expect(page.headers.get('content-security-policy')).toBe(csp.replace("form-action 'self'", `form-action 'self' ${env.running.sandbox.url}`));
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<h1>Operator dashboard</h1>');
    expect(html).not.toMatch(/<script|style="|<style/);
  });

  it('the cookie is Secure when the dashboard is reached over https', async () => {
    const direct = await env.admin.request('https://bot.example/admin/login', { method: 'POST', body: new URLSearchParams({ token: ADMIN_TOKEN }) });
    expect(direct.headers.get('set-cookie')).toContain('Secure');
    const proxied = await env.admin.request('/admin/login', { method: 'POST', headers: { 'x-forwarded-proto': 'https' }, body: new URLSearchParams({ token: ADMIN_TOKEN }) });
    expect(proxied.headers.get('set-cookie')).toContain('Secure');
  });

  it('a wrong token on the form is a 401 page with the error and no cookie; a forged cookie is ignored', async () => {
    const response = await env.admin.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token: 'wrong-token-0123456789abcdef' }) });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.text()).toContain('role="alert"');
    const forged = await env.admin.request('/admin/api/summary', { headers: { cookie: `admin_session=${ADMIN_TOKEN}` } });
    expect(forged.status).toBe(401);
    const cookie = await login(env.admin);
    const tampered = cookie.replace(/\.(\d+)\./, (_, expires: string) => `.${Number(expires) + 1}.`);
    expect((await env.admin.request('/admin/api/summary', { headers: { cookie: tampered } })).status).toBe(401);
  });

  it('logout clears the cookie and the old session stops working', async () => {
    const cookie = await login(env.admin);
    const html = await (await env.admin.request('/admin', { headers: { cookie } })).text();
    const refused = await env.admin.request('/admin/logout', { method: 'POST', headers: { cookie }, body: new URLSearchParams({}) });
    expect(refused.status).toBe(403);
    const response = await env.admin.request('/admin/logout', { method: 'POST', headers: { cookie }, body: new URLSearchParams({ csrf: csrfFrom(html) }) });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/login');
    expect(response.headers.get('set-cookie')).toMatch(/admin_session=;.*Max-Age=0/);
    expect((await env.admin.request('/admin/api/summary', { headers: { cookie } })).status).toBe(401);
  });

  it('replay without the CSRF token (or with another session\'s) is refused; with it, it works', async () => {
    const cookie = await login(env.admin);
    const other = await login(env.admin);
    const otherCsrf = csrfFrom(await (await env.admin.request('/admin', { headers: { cookie: other } })).text());
    const csrf = csrfFrom(await (await env.admin.request('/admin', { headers: { cookie } })).text());
    expect(csrf).not.toBe('');
    const post = (body: Record<string, string>) => env.admin.request('/admin/dead-letters/replay', { method: 'POST', headers: { cookie }, body: new URLSearchParams(body) });
    expect((await post({})).status).toBe(403);
    expect((await post({ csrf: otherCsrf })).status).toBe(403);
    expect((await env.admin.request('/admin/dead-letters/replay', { method: 'POST', body: new URLSearchParams({ csrf }) })).status).toBe(401);
    const ok = await post({ csrf });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/admin?replayed=0#deliveries');
    // A script with the Bearer token needs no CSRF token: browsers never add that header by themselves.
    const scripted = await env.admin.request('/admin/dead-letters/replay', { method: 'POST', headers: { ...bearer(ADMIN_TOKEN), 'content-type': 'application/json' }, body: '{}' });
    expect(await scripted.json()).toEqual({ replayed: 0 });
  });

  it('too many wrong tokens from one address are throttled', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await env.admin.request('/admin/login', { method: 'POST', headers: {}, body: new URLSearchParams({ token: `guess-${i}-0123456789abcdef` }) })).status);
    }
    // Earlier tests in this file used one of the ten allowed failures.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.slice(-1)).toEqual([429]);
  });
});

describe('session signer', () => {
  it('expires sessions and binds CSRF tokens to them', async () => {
    let now = 1_000_000;
    const signer = createSessionSigner({ adminToken: ADMIN_TOKEN, ttlMs: 1000, now: () => now });
    const { session, value } = signer.issue();
    expect(await signer.verify(value)).toEqual(session);
    expect(signer.checkCsrf(session, signer.csrfToken(session))).toBe(true);
    expect(signer.checkCsrf(session, '')).toBe(false);
    expect(await createSessionSigner({ adminToken: `${ADMIN_TOKEN}-rotated` }).verify(value)).toBeUndefined();
    now += 1000;
    expect(await signer.verify(value)).toBeUndefined();
  });
});
