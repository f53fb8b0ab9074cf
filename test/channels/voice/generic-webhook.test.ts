import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVoiceRoutes } from '../../../src/channels/voice/create-voice-routes.ts';
import { speechLength } from '../../../src/channels/voice/speech.ts';
import type { IssuedLink } from '../../../src/core/types.ts';
import { silentLog } from '../../../src/log.ts';
import { type RunningServer, listen } from '../../../src/http/listen.ts';
import { VOICE_API_KEY, type VoiceBot, browser, expectWellFormedSsml, postJson, startVoiceBot } from './voice-bot.ts';
import { startBot } from '../../helpers/bot-harness.ts';
import { createFakeClock, track } from '../../helpers/fake-clock.ts';
import { everyTurnModel } from '../../helpers/scripted-model.ts';

const EN_DISCLOSURE = 'This answer includes ads; the operator may earn a commission.';
const HOLDING = 'Still looking — ask me again in a moment.';
const auth = { authorization: `Bearer ${VOICE_API_KEY}` };

interface WebhookReply {
  speech: string;
  ssml: string;
  card?: { title: string; text: string; links: IssuedLink[] };
  endSession: boolean;
}

let running: VoiceBot;
/** The same core behind voice routes with a 300 ms deadline on a fake clock, for the slow-model test. */
let hurried: RunningServer;
const time = createFakeClock();
beforeAll(async () => {
  running = await startVoiceBot({ voiceApiKey: VOICE_API_KEY });
  hurried = await listen(createVoiceRoutes({ core: running.bot.bot.core, log: silentLog(), voiceApiKey: VOICE_API_KEY, deadlineMs: 300, clock: time.clock }));
});
afterAll(async () => {
  await hurried?.close();
  await running?.close();
});

const ask = async (body: Record<string, unknown>, base = running.voice.url) => {
  const response = await postJson(`${base}/voice/webhook`, body, auth);
  expect(response.status).toBe(200);
  return (await response.json()) as WebhookReply;
};

describe('POST /voice/webhook', () => {
  it('answers { speech, ssml, card, endSession }: disclosure first, no URL spoken, short, valid SSML', async () => {
    const reply = await ask({ sessionId: 'generic-1', text: 'a link for product images please', locale: 'en-US' });
    expect(Object.keys(reply).sort()).toEqual(['card', 'endSession', 'speech', 'ssml']);
    expect(reply.endSession).toBe(false);
    expect(reply.speech.startsWith(EN_DISCLOSURE)).toBe(true);
    for (const spoken of [reply.speech, reply.ssml.replace(/^<speak[^>]*>/, '')]) expect(spoken).not.toMatch(/https?:|www\.|\/r\/|evil|\*\*|`|🎨/);
    expect(speechLength(reply.speech, 'en')).toBeLessThanOrEqual(40);
    expect(reply.speech).toContain('Program 42');
    expect(reply.speech).not.toContain('Fourth tool');
    expect(reply.ssml.startsWith('<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="en-US">This answer includes ads')).toBe(true);
    expectWellFormedSsml(reply.ssml);
    expect(reply.ssml).toContain('&amp; co');
    expect(reply.ssml).toContain('&quot;quoted&quot;');
    expect(reply.card?.title).toBe('Links (ads)');
    expect(reply.card?.links).toHaveLength(1);
    const link = reply.card?.links[0];
    expect(link).toMatchObject({ programId: 42, url: expect.stringMatching(new RegExp(`^${running.bot.url}/r/`)) });
    expect(reply.card?.text).toContain(link?.url);
  });

  it('a click on the card link is recorded in the sandbox with context voice-assistant', async () => {
    const reply = await ask({ sessionId: 'generic-click', text: 'send me the link' });
    const url = reply.card?.links[0]?.url ?? '';
    const click = await fetch(url, { redirect: 'manual', headers: browser });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toContain('/agentclick/t/');
    const clicks = running.bot.sandbox.events.list().filter((event) => event.network === 'agentclick' && event.type === 'click');
    expect(clicks.at(-1)).toMatchObject({ status: 200, data: { context: 'voice-assistant' } });
  });

  it('Japanese: the Japanese disclosure, ja-JP SSML, a short answer', async () => {
    const reply = await ask({ sessionId: 'generic-ja', text: '商品画像のリンクをください', locale: 'ja-JP' });
    expect(reply.speech.startsWith('この回答には広告が含まれます。運営者が報酬を得る場合があります。')).toBe(true);
    expect(reply.ssml).toContain('xml:lang="ja-JP"');
    expect(reply.speech).not.toMatch(/https?:|evil|🎉|\*/);
    expect(speechLength(reply.speech, 'ja')).toBeLessThanOrEqual(110);
    expect(reply.card?.title).toBe('リンク（広告）');
  });

  it('a recommendation without a link still gets the disclosure; small talk gets neither it nor a card', async () => {
    const recommendation = await ask({ sessionId: 'generic-2', text: 'what do you recommend?' });
    expect(recommendation.speech.startsWith(EN_DISCLOSURE)).toBe(true);
    expect(recommendation.card).toBeUndefined();
    const hello = await ask({ sessionId: 'generic-3', text: 'hello' });
    expect(hello).toEqual({ speech: 'Hello! What would you like to do with AI?', ssml: expect.stringContaining('>Hello! What would you like to do with AI?</speak>'), endSession: false });
  });

  it('a slow model: the holding line at the deadline, then the finished answer on the next turn', async () => {
    const calls = running.model.doStreamCalls.length;
    const gate = running.holdSlowTurn();
    const asked = track(ask({ sessionId: 'generic-slow', text: 'find it slowly' }, hurried.url));
    await gate.arrived; // the model holds the turn
    await time.advance(299);
    expect(asked.done).toBe(false);
    await time.advance(1);
    await expect.poll(() => asked.done).toBe(true);
    expect(asked.value).toEqual({ speech: HOLDING, ssml: expect.stringContaining(`>${HOLDING}</speak>`), endSession: false });

    // The model finishes; the next turn (its deadline never comes: the fake clock stands still) gets the parked answer.
    gate.open();
    const next = await ask({ sessionId: 'generic-slow', text: 'did you find it?' }, hurried.url);
    expect(next.speech.startsWith(EN_DISCLOSURE)).toBe(true);
    expect(next.speech).toContain('Program 42');
    expect(next.card?.links[0]?.programId).toBe(42);
    // The parked answer replaced the new turn: only the slow turn's two model calls (tool, then text) happened.
    expect(running.model.doStreamCalls.length - calls).toBe(2);
    // Delivered once: the session then runs normally.
    expect((await ask({ sessionId: 'generic-slow', text: 'hello' }, hurried.url)).speech).toBe('Hello! What would you like to do with AI?');
  });
});

describe('POST /voice/webhook: refusals are 4xx JSON', () => {
  it.each([
    ['no key', {}, 401, 'unauthorized'],
    ['a wrong key', { authorization: `Bearer ${VOICE_API_KEY.replace('0', '1')}` }, 401, 'unauthorized'],
    ['a Basic header', { authorization: `Basic ${VOICE_API_KEY}` }, 401, 'unauthorized'],
  ])('%s -> 401', async (_name, headers, status, code) => {
    const response = await postJson(`${running.voice.url}/voice/webhook`, { sessionId: 'x', text: 'hi' }, headers);
    expect(response.status).toBe(status);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it.each([
    ['invalid JSON', '{"sessionId":', {}, 400, 'invalid_json'],
    ['no text', { sessionId: 'abc' }, {}, 400, 'invalid_request'],
    ['empty text', { sessionId: 'abc', text: '   ' }, {}, 400, 'invalid_request'],
    ['no session', { text: 'hi' }, {}, 400, 'invalid_request'],
    ['a bad session id', { sessionId: '../etc/passwd', text: 'hi' }, {}, 400, 'invalid_request'],
    ['a bad locale', { sessionId: 'abc', text: 'hi', locale: 'english please' }, {}, 400, 'invalid_request'],
    ['text too long', { sessionId: 'abc', text: 'x'.repeat(2_001) }, {}, 400, 'invalid_request'],
    ['not JSON', 'text=hi', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
    ['an oversized body', { sessionId: 'abc', text: 'hi', padding: 'x'.repeat(20_000) }, {}, 413, 'payload_too_large'],
  ])('%s -> 4xx', async (_name, body, headers, status, code) => {
    const response = await postJson(`${running.voice.url}/voice/webhook`, body, { ...auth, ...headers });
    expect(response.status).toBe(status);
    const error = (await response.json()) as { error: { code: string; message: string } };
    expect(error.error.code).toBe(code);
    expect(error.error.message.length).toBeGreaterThan(5);
  });

  it('without VOICE_API_KEY every voice endpoint is a JSON 404 outside demo mode; demo mode keeps the webhook open', async () => {
    const bare = await listen(createVoiceRoutes({ core: running.bot.bot.core, log: silentLog(), deadlineMs: 5_000 }));
    const demo = await listen(createVoiceRoutes({ core: running.bot.bot.core, log: silentLog(), deadlineMs: 5_000, openWithoutKey: true }));
    try {
      for (const path of ['/voice/alexa', '/v1/chat/completions', '/voice/webhook']) {
        const response = await postJson(`${bare.url}${path}`, { sessionId: 'open-1', text: 'hello' });
        expect(response.status, path).toBe(404);
        const error = (await response.json()) as { error: { code: string; message: string } };
        expect(error.error.code).toBe('not_found');
      }
      expect((await postJson(`${demo.url}/voice/webhook`, { sessionId: 'open-1', text: 'hello' })).status).toBe(200);
    } finally {
      await bare.close();
      await demo.close();
    }
  });

  it('the whole app outside demo mode: /voice/webhook is off without VOICE_API_KEY', async () => {
    const outside = await startBot({ model: everyTurnModel({ text: 'hi' }, { text: 'hi' }), env: { AGENTCLICK_API_URL: 'http://127.0.0.1:9/api/mcp.php', AGENTCLICK_API_KEY: `aa_${'0'.repeat(48)}` } });
    try {
      const response = await postJson(`${outside.url}/voice/webhook`, { sessionId: 'open-2', text: 'hello' });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain('VOICE_API_KEY');
    } finally {
      await outside.close();
    }
  });
});
