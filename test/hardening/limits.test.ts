import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookRoutes } from '../../src/channels/telegram/webhook-routes.ts';
import { type RunningServer, listen } from '../../src/http/listen.ts';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { everyTurnModel } from '../helpers/scripted-model.ts';

/** Body limits on every route that reads a body, exact media types, and the Telegram secret before the body. */
let running: RunningBot;
beforeAll(async () => {
  running = await startBot({
    model: everyTurnModel({ text: 'Hello there.' }, { text: 'Hello there.' }),
    env: { ADMIN_TOKEN: 'admin-token-0123456789abcdef', VOICE_API_KEY: 'voice-key-0123456789abcdef' },
  });
});
afterAll(() => running.close());

/** A raw request: `declared` sends a Content-Length up front; otherwise the body streams chunked. */
function post(url: string, { headers = {}, chunks, declared }: { headers?: Record<string, string>; chunks: Buffer[]; declared?: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { ...headers, ...(declared === undefined ? {} : { 'content-length': declared }) } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    if (declared === undefined) req.end();
  });
}
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('body limits', () => {
  it('POST /admin/login refuses a 32 MiB body by its declared length, unread', async () => {
    expect(await post(`${running.url}/admin/login`, { headers: form, chunks: [Buffer.from('token=')], declared: 32 * 1024 * 1024 })).toBe(413);
  });

  it('POST /admin/login refuses a large chunked body', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    expect(await post(`${running.url}/admin/login`, { headers: form, chunks: [Buffer.from('token='), ...Array(8).fill(chunk)] })).toBe(413);
  });

  it('every admin POST has the limit', async () => {
    for (const path of ['/admin/logout', '/admin/dead-letters/replay', '/admin/checkout']) {
      expect(await post(`${running.url}${path}`, { headers: form, chunks: [Buffer.from('x')], declared: 1024 * 1024 }), path).toBe(413);
    }
  });
});

describe('exact media types on JSON routes', () => {
  const send = (path: string, type: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${running.url}${path}`, { method: 'POST', headers: { 'content-type': type, ...headers }, body: JSON.stringify(body) });

  it('a text/plain body that mentions application/json is refused with 415', async () => {
    for (const type of ['text/plain; x=application/json', 'text/plain;application/json', 'application/jsonx', 'multipart/form-data; boundary=application/json']) {
      const response = await send('/api/chat', type, { message: 'hi' });
      expect(response.status, type).toBe(415);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    }
    const voice = await send('/voice/webhook', 'text/plain; x=application/json', { sessionId: 'media-type-1', text: 'hi' }, { authorization: 'Bearer voice-key-0123456789abcdef' });
    expect(voice.status).toBe(415);
  });

  it('application/json with parameters or in capitals is JSON', async () => {
    expect((await send('/api/chat', 'application/json; charset=utf-8', { message: 'hi' })).status).toBe(200);
    expect((await send('/api/chat', 'Application/JSON', { message: 'hi' })).status).toBe(200);
  });
});

describe('Telegram webhook', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await listen(createWebhookRoutes({ secret: 'telegram-secret-0123456789', isReady: () => true, accept: () => undefined }));
  });
  afterAll(() => server.close());

  it('a wrong secret is refused before the body is read (a body that never ends still gets its 401)', async () => {
    // The request's body is left open: only a server that does not read it can answer.
    const status = await post(`${server.url}/webhook`, { headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'wrong' }, chunks: [Buffer.from('{"update_id":')], declared: 10 * 1024 * 1024 });
    expect(status).toBe(401);
    const chunked = await new Promise<number>((resolve) => {
      const req = request(`${server.url}/webhook`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', () => undefined);
      req.write('{"update_id":');
    });
    expect(chunked).toBe(401);
  });
});
