import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { everyTurnModel } from '../helpers/scripted-model.ts';

/**
 * Malformed, oversized and hostile input at every inbound route: never a 5xx, never a crash, and every
 * refusal is a JSON error that says what was wrong.
 */
let running: RunningBot;
beforeAll(async () => {
  running = await startBot({
    model: everyTurnModel({ tool: 'recommend_programs', input: { use_case: 'images' } }, { text: 'Here you go.' }),
    env: { VOICE_API_KEY: 'voice-key-0123456789abcdef' },
  });
});
afterAll(() => running.close());

const ROUTES: Array<{ path: string; headers?: Record<string, string> }> = [
  { path: '/api/chat' },
  { path: '/api/chat/stream' },
  { path: '/postbacks/purchase', headers: { 'x-signature': 't=1,v1=00' } },
  { path: '/voice/webhook', headers: { authorization: 'Bearer voice-key-0123456789abcdef' } },
  { path: '/v1/chat/completions', headers: { authorization: 'Bearer voice-key-0123456789abcdef' } },
];

const hostileText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('{', '[]', 'null', '"x"', '{"message":null}', '{"message":{"$gt":""}}', '{"__proto__":{"admin":true},"message":"hi"}', '\u0000', '{"message":"' + 'A'.repeat(5000) + '"}'),
  fc.json({ maxDepth: 4 }),
  fc.object({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.record({ message: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), sessionId: fc.oneof(fc.string(), fc.integer()), locale: fc.string() }).map((value) => JSON.stringify(value)),
);

async function send(path: string, body: string, headers: Record<string, string> = {}, contentType = 'application/json') {
  const response = await fetch(`${running.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  const text = await response.text();
  return { status: response.status, text, type: response.headers.get('content-type') ?? '' };
}

/**
 * The server answers 413 and closes the connection before the body has been sent; a fresh connection per
 * request (plain node:http) keeps that from breaking later requests of a keep-alive pool.
 */
function statusOfOversized(path: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${running.url}${path}`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(body);
  });
}

describe('hostile input at every inbound route', () => {
  it.each(ROUTES)('$path: no 5xx for any body', async ({ path, headers }) => {
    await fc.assert(
      fc.asyncProperty(hostileText, fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'), async (body, contentType) => {
        const result = await send(path, body, headers, contentType);
        expect(result.status, `${path} ${JSON.stringify(body).slice(0, 200)}`).toBeLessThan(500);
        if (result.status >= 400) {
          expect(result.type).toContain('application/json');
          const error = JSON.parse(result.text) as { error?: { message?: string } };
          expect(typeof error.error?.message).toBe('string');
          expect(error.error?.message?.length ?? 0).toBeGreaterThan(3);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('oversized bodies are refused with 413, not read into memory', async () => {
    const huge = JSON.stringify({ message: 'x'.repeat(2 * 1024 * 1024) });
    for (const { path, headers } of ROUTES) expect(await statusOfOversized(path, huge, headers), path).toBe(413);
  });

  it('click links: any id is a 404 page or a redirect, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (id) => {
        const response = await fetch(`${running.url}/r/${encodeURIComponent(id)}`, { redirect: 'manual' });
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });

  it('the server is still healthy afterwards', async () => {
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    // The hostile requests above used up this address's rate limit: the refusal is itself a proper answer.
    const chat = await send('/api/chat', JSON.stringify({ message: 'hello' }));
    expect([200, 429]).toContain(chat.status);
    const voice = await send('/voice/webhook', JSON.stringify({ sessionId: 'still-alive', text: 'hello' }), { authorization: 'Bearer voice-key-0123456789abcdef' });
    expect(voice.status).toBe(200);
  });
});
