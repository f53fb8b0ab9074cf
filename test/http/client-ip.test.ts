import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig } from '../../src/config.ts';
import { type TrustProxy, clientIp, parseTrustProxy } from '../../src/http/client-ip.ts';
import { type RunningServer, listen } from '../../src/http/listen.ts';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { everyTurnModel } from '../helpers/scripted-model.ts';

/** A real server (so the socket's address is 127.0.0.1) that answers with the client IP under a TRUST_PROXY value. */
let server: RunningServer;
beforeAll(async () => {
  const app = new Hono();
  app.get('/', (c) => {
    const trust = parseTrustProxy(c.req.query('trust') ?? 'false') as TrustProxy;
    return c.text(clientIp(c, trust));
  });
  server = await listen(app);
});
afterAll(() => server.close());

const ipOf = async (trust: string, forwarded?: string) =>
  (await fetch(`${server.url}/?trust=${encodeURIComponent(trust)}`, { headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } })).text();

describe('TRUST_PROXY: the client is the right-most untrusted hop', () => {
  it('no proxy: the socket, whatever the header says', async () => {
    expect(await ipOf('false', '6.6.6.6')).toBe('127.0.0.1');
    expect(await ipOf('0', '6.6.6.6')).toBe('127.0.0.1');
  });

  it('one hop: the address the proxy appended, not the one the client wrote', async () => {
    expect(await ipOf('1', '6.6.6.6, 198.51.100.7')).toBe('198.51.100.7');
    expect(await ipOf('true', '6.6.6.6, 198.51.100.7')).toBe('198.51.100.7');
    expect(await ipOf('1', '198.51.100.7')).toBe('198.51.100.7');
    expect(await ipOf('1')).toBe('127.0.0.1');
  });

  it('two hops: the second address from the right', async () => {
    expect(await ipOf('2', '6.6.6.6, 198.51.100.7, 10.0.0.5')).toBe('198.51.100.7');
  });

  it('a list of proxy CIDRs: trusted hops are skipped from the right', async () => {
    expect(await ipOf('127.0.0.1, 10.0.0.0/8', '6.6.6.6, 198.51.100.7, 10.1.2.3')).toBe('198.51.100.7');
    // The socket is not a trusted proxy: the header is ignored.
    expect(await ipOf('10.0.0.0/8', '6.6.6.6')).toBe('127.0.0.1');
    expect(await ipOf('127.0.0.0/8, ::1', '2001:db8::9')).toBe('2001:db8::9');
  });

  it('configuration: values and a clear error', () => {
    expect(createConfig({}).TRUST_PROXY).toEqual({ hops: 0 });
    expect(createConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toEqual({ hops: 1 });
    expect(createConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toEqual({ hops: 2 });
    expect(createConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.7' }).TRUST_PROXY).toMatchObject({ list: ['10.0.0.0/8', '192.0.2.7'] });
    expect(() => createConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY: "yes" is not an IP address or CIDR range/);
    expect(() => createConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });
});

describe('the admin login limit behind a proxy', () => {
  let running: RunningBot;
  beforeAll(async () => {
    running = await startBot({ model: everyTurnModel({ text: 'hi' }, { text: 'hi' }), env: { ADMIN_TOKEN: 'admin-token-0123456789abcdef', TRUST_PROXY: '1' } });
  });
  afterAll(() => running.close());

  // This test's client plays the proxy: it appends the caller's real address to what the caller sent.
  const login = (token: string, forwarded: string) =>
    fetch(`${running.url}/admin/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwarded }, body: `token=${token}` });

  it('rotating the left-most hop escapes nothing, and naming a victim locks the victim out of nothing', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login('wrong-token-value-000', `203.0.113.${i}, 198.51.100.66`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    // The attacker also wrote the victim's address in front of theirs: the victim still logs in.
    for (let i = 0; i < 3; i++) await login('wrong-token-value-000', '192.0.2.10, 198.51.100.66');
    expect((await login('admin-token-0123456789abcdef', '192.0.2.10')).status).toBe(303);
  });
});
