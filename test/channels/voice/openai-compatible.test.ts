import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, generateText, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVoiceRoutes } from '../../../src/channels/voice/create-voice-routes.ts';
import type { IssuedLink } from '../../../src/core/types.ts';
import { silentLog } from '../../../src/log.ts';
import { listen } from '../../../src/http/listen.ts';
import { VOICE_API_KEY, type VoiceBot, browser, postJson, startVoiceBot } from './voice-bot.ts';
import { createFakeClock, track } from '../../helpers/fake-clock.ts';

const EN_DISCLOSURE = 'This answer includes ads; the operator may earn a commission.';

let running: VoiceBot;
beforeAll(async () => {
  running = await startVoiceBot({ voiceApiKey: VOICE_API_KEY });
});
afterAll(() => running?.close());

/** The real AI SDK OpenAI provider, Chat Completions API, pointed at the bot. */
const provider = (apiKey = VOICE_API_KEY, headers: Record<string, string> = {}) => createOpenAI({ baseURL: `${running.voice.url}/v1`, apiKey, headers });

describe('POST /v1/chat/completions, consumed by @ai-sdk/openai', () => {
  it('generateText: a chat.completion whose content is speakable, links in a top-level field', async () => {
    const result = await generateText({
      model: provider().chat('bot'),
      // Sent as a system message: the platform's own prompt, which the bot ignores.
      instructions: 'You are a helpful voice assistant.',
      messages: [{ role: 'user', content: 'I need a link for product images' }],
      providerOptions: { openai: { user: 'caller-42' } },
      include: { responseBody: true },
    });
    expect(result.text.startsWith(EN_DISCLOSURE)).toBe(true);
    expect(result.text).toContain('Program 42');
    expect(result.text).not.toMatch(/https?:|\/r\/|evil|\*\*/);
    expect(result.finishReason).toBe('stop');
    const body = result.response.body as { object: string; links: IssuedLink[] };
    expect(body.object).toBe('chat.completion');
    expect(body.links).toHaveLength(1);
    expect(body.links[0]).toMatchObject({ programId: 42, url: expect.stringMatching(new RegExp(`^${running.bot.url}/r/`)) });

    // A person following the link is a voice-assistant click.
    expect((await fetch(body.links[0]?.url ?? '', { redirect: 'manual', headers: browser })).status).toBe(302);
    const clicks = running.bot.sandbox.events.list().filter((event) => event.network === 'agentclick' && event.type === 'click');
    expect(clicks.at(-1)?.data.context).toBe('voice-assistant');
  });

  it('streamText: chat.completion.chunk frames, the same text, links on the final chunk, then [DONE]', async () => {
    const result = streamText({ model: provider(VOICE_API_KEY, { 'x-session-id': 'stream-session-1' }).chat('bot'), prompt: 'a link for product images', includeRawChunks: true });
    const raw: unknown[] = [];
    let text = '';
    for await (const part of result.stream) {
      if (part.type === 'raw') raw.push(part.rawValue);
      if (part.type === 'text-delta') text += part.text;
    }
    expect(text.startsWith(`${EN_DISCLOSURE} `)).toBe(true);
    expect(text).not.toMatch(/https?:|\/r\//);
    expect(await result.finishReason).toBe('stop');
    const chunks = raw as Array<{ object: string; choices: Array<{ delta: { role?: string; content?: string }; finish_reason: string | null }>; links?: IssuedLink[] }>;
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.links?.[0]?.programId).toBe(42);
    expect(chunks.slice(0, -1).every((chunk) => chunk.links === undefined)).toBe(true);
  });

  it('the SSE stream itself ends with data: [DONE]', async () => {
    const response = await postJson(`${running.voice.url}/v1/chat/completions`, { model: 'bot', stream: true, messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }], user: 'raw-sse' }, { authorization: `Bearer ${VOICE_API_KEY}` });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const frames = (await response.text()).split('\n\n').filter(Boolean);
    expect(frames.at(-1)).toBe('data: [DONE]');
    const last = JSON.parse(frames.at(-2)?.slice(6) ?? '{}') as { links: unknown[]; choices: Array<{ finish_reason: string }> };
    expect(last).toMatchObject({ links: [], choices: [{ finish_reason: 'stop' }] });
  });

  it('the bot keeps the conversation: only the last user message is the turn', async () => {
    const result = await generateText({
      model: provider().chat('bot'),
      messages: [
        { role: 'user', content: 'hi there' },
        { role: 'assistant', content: 'Hello! What would you like to do with AI?' },
        { role: 'user', content: 'what do you recommend?' },
      ],
      include: { responseBody: true },
    });
    expect(result.text).toContain('I recommend Program 42');
    expect((result.response.body as { links: unknown[] }).links).toEqual([]);
  });

  it('a wrong or missing key is a 401 the provider reports as an API error', async () => {
    const error = await generateText({ model: provider('not-the-voice-key-at-all').chat('bot'), prompt: 'hi', maxRetries: 0 }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(401);
    const missing = await postJson(`${running.voice.url}/v1/chat/completions`, { model: 'bot', messages: [{ role: 'user', content: 'hi' }] });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('bad requests are 400 JSON', async () => {
    const auth = { authorization: `Bearer ${VOICE_API_KEY}` };
    for (const body of [{ model: 'bot', messages: [] }, { messages: [{ role: 'user', content: 'hi' }] }, { model: 'bot', messages: [{ role: 'system', content: 'only a system prompt' }] }]) {
      const response = await postJson(`${running.voice.url}/v1/chat/completions`, body, auth);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
  });

  it('a slow model: the holding line at the deadline, the finished answer (with its links) on the next request', async () => {
    const time = createFakeClock();
    const hurried = await listen(createVoiceRoutes({ core: running.bot.bot.core, log: silentLog(), voiceApiKey: VOICE_API_KEY, deadlineMs: 300, clock: time.clock }));
    try {
      const model = createOpenAI({ baseURL: `${hurried.url}/v1`, apiKey: VOICE_API_KEY }).chat('bot');
      const ask = (prompt: string) => generateText({ model, prompt, providerOptions: { openai: { user: 'slow-caller' } }, include: { responseBody: true } });
      const gate = running.holdSlowTurn();
      const asked = track(ask('find it slowly'));
      await gate.arrived; // the model holds the turn
      await time.advance(299);
      expect(asked.done).toBe(false);
      await time.advance(1);
      await expect.poll(() => asked.done).toBe(true);
      const first = asked.value;
      expect(first?.text).toBe('Still looking — ask me again in a moment.');
      expect((first?.response.body as { links: unknown[] }).links).toEqual([]);
      // The model finishes; the next request (its deadline never comes: the fake clock stands still) gets the parked answer.
      gate.open();
      const next = await ask('find it slowly');
      expect(next.text.startsWith(EN_DISCLOSURE)).toBe(true);
      expect((next.response.body as { links: IssuedLink[] }).links[0]?.programId).toBe(42);
    } finally {
      await hurried.close();
    }
  });

  it('GET /v1/models lists the bot for platforms that check it', async () => {
    const response = await fetch(`${running.voice.url}/v1/models`, { headers: { authorization: `Bearer ${VOICE_API_KEY}` } });
    expect(await response.json()).toMatchObject({ object: 'list', data: [{ id: 'bot', object: 'model' }] });
  });
});
