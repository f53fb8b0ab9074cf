import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { everyTurnModel } from '../helpers/scripted-model.ts';

let running: RunningBot;
beforeAll(async () => {
  running = await startBot({
    model: everyTurnModel({ tool: 'get_link', input: { program_id: 42 } }, { text: 'Here is **the link** below.' }),
    env: { ALLOWED_ORIGINS: 'https://shop.example' },
  });
});
afterAll(() => running.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${running.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /api/chat and /api/chat/stream', () => {
  it('answers JSON as the contract says', async () => {
    const response = await post('/api/chat', { message: 'a link for program 42 please', locale: 'en' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { sessionId: string; reply: string; links: Array<Record<string, unknown>> };
    expect(body.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.reply).toContain('the link');
    expect(body.links).toHaveLength(1);
    expect(Object.keys(body.links[0] ?? {}).sort()).toEqual(['disclosure', 'id', 'programId', 'title', 'url']);
  });

  it('streams an AI SDK UI message stream with the session, text deltas and the link cards', async () => {
    const response = await post('/api/chat/stream', { sessionId: 'stream-session-1', message: 'link 42' });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    const frames = (await response.text())
      .split('\n\n')
      .filter((frame) => frame.startsWith('data: '))
      .map((frame) => frame.slice(6));
    expect(frames.at(-1)).toBe('[DONE]');
    const chunks = frames.slice(0, -1).map((frame) => JSON.parse(frame) as { type: string; delta?: string; data?: unknown });
    const types = chunks.map((chunk) => chunk.type);
    expect(types[0]).toBe('start');
    expect(chunks.find((c) => c.type === 'data-session')?.data).toEqual({ sessionId: 'stream-session-1' });
    expect(types.filter((t) => t === 'text-delta').length).toBeGreaterThan(1);
    expect(chunks.find((c) => c.type === 'data-links')?.data).toMatchObject({ links: [{ programId: 42 }] });
    expect(types.at(-1)).toBe('finish');
  });

  it('accepts what useChat sends', async () => {
    const response = await post('/api/chat/stream', {
      id: 'usechat-session-1',
      messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'link 42' }] }],
      trigger: 'submit-message',
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"type":"data-session","data":{"sessionId":"usechat-session-1"}');
    expect(text).toContain('"type":"data-links"');
  });

  it.each([
    ['invalid JSON', '{"message":', {}, 400, 'invalid_json'],
    ['no message', { sessionId: 'abcdefgh' }, {}, 400, 'invalid_request'],
    ['empty message', { message: '   ' }, {}, 400, 'invalid_request'],
    ['message too long', { message: 'x'.repeat(2_001) }, {}, 400, 'invalid_request'],
    ['bad session id', { message: 'hi', sessionId: '../../etc' }, {}, 400, 'invalid_request'],
    ['unknown field', { message: 'hi', admin: true }, {}, 400, 'invalid_request'],
    ['not JSON', 'message=hi', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
    ['oversized body', { message: 'hi', padding: 'x'.repeat(20_000) }, {}, 413, 'payload_too_large'],
  ])('%s -> 4xx JSON error that says what was wrong', async (_name, body, headers, status, code) => {
    const response = await post('/api/chat', body, headers as Record<string, string>);
    expect(response.status).toBe(status);
    const error = (await response.json()) as { error: { code: string; message: string } };
    expect(error.error.code).toBe(code);
    expect(error.error.message.length).toBeGreaterThan(5);
  });

  it('CORS only for the allowed origins', async () => {
    const allowed = await fetch(`${running.url}/api/chat`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const other = await fetch(`${running.url}/api/chat`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('per-session rate limit: a clear 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await post('/api/chat', { sessionId: 'busy-session-1', message: 'hi' })).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    const limited = await post('/api/chat', { sessionId: 'busy-session-1', message: 'hi' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  });

  it('unknown routes are JSON 404s; health answers', async () => {
    expect((await fetch(`${running.url}/nope`)).status).toBe(404);
    expect(await (await fetch(`${running.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
  });
});
