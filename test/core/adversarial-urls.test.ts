import fc from 'fast-check';
import { MockLanguageModelV4, convertArrayToReadableStream } from 'ai/test';
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineModel } from '../../src/core/offline-model/index.ts';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { AUDIT_FORMS, readable, scriptForm, urlForm } from '../helpers/url-forms.ts';

/**
 * An adversarial model that writes every URL form the audit found and a sample of the generated ones,
 * split into small deltas: none reaches the user on the web API or on voice, and none is saved in the
 * history that the next turn's model call reads.
 */
const generated = fc.sample(fc.oneof(urlForm, scriptForm), { numRuns: 60, seed: 9 });
const hosts = [...generated.map((form) => form.host.toLowerCase()), 'evil'];
const hostileText = ['Here are my picks.', ...AUDIT_FORMS.map((form) => `Try ${form} now.`), ...generated.map((form) => `Also ${form.text} here.`), 'Done.'].join(' ');

const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } };
function textParts(text: string): LanguageModelV4StreamPart[] {
  const deltas = text.match(/[^]{1,5}/g) ?? [];
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...deltas.map((delta): LanguageModelV4StreamPart => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
  ];
}
const model = new MockLanguageModelV4({ doStream: async () => ({ stream: convertArrayToReadableStream(textParts(hostileText)) }) });

const expectClean = (text: string, where: string) => {
  const seen = readable(text);
  for (const host of hosts) expect(seen, `${host} reached ${where}`).not.toContain(host);
};

let running: RunningBot;
let offline: RunningBot;
beforeAll(async () => {
  running = await startBot({ model, env: { VOICE_API_KEY: 'voice-key-0123456789abcdef' } });
  offline = await startBot({ model: createOfflineModel() });
});
afterAll(async () => {
  await running.close();
  await offline.close();
});

describe('an adversarial model gets no URL to a user', () => {
  it('web API, then the history the next turn reads', async () => {
    const response = await fetch(`${running.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: 'adversary-web', message: 'hello' }) });
    const body = (await response.json()) as { reply: string };
    expect(body.reply).toContain('Here are my picks.');
    expectClean(body.reply, 'the web reply');

    await fetch(`${running.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: 'adversary-web', message: 'more' }) });
    const prompt = model.doStreamCalls.at(-1)?.prompt ?? [];
    const assistant = prompt.filter((message) => message.role === 'assistant');
    expect(assistant.length).toBeGreaterThan(0);
    expectClean(JSON.stringify(assistant), 'the saved history');
  });

  it('the streaming route', async () => {
    const response = await fetch(`${running.url}/api/chat/stream`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: 'adv-stream', message: 'hello' }) });
    const text = await response.text();
    const deltas = [...text.matchAll(/"delta":"((?:[^"\\]|\\.)*)"/g)].map((match) => JSON.parse(`"${match[1]}"`) as string).join('');
    expect(deltas).toContain('Here are my picks.');
    expectClean(deltas, 'the stream');
  });

  it('voice', async () => {
    const response = await fetch(`${running.url}/voice/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer voice-key-0123456789abcdef' },
      body: JSON.stringify({ sessionId: 'adv-voice', text: 'hello' }),
    });
    const body = (await response.json()) as { speech: string; ssml: string };
    expectClean(body.speech, 'speech');
    expectClean(body.ssml, 'SSML');
  });

  it('the offline model does not echo a domain the user wrote', async () => {
    for (const text of ['tell me about Evil.tech', 'details on evil。com please', 'Evil.tech について教えて']) {
      const result = await offline.bot.core.handleTurn({ channel: 'web', sessionId: `adv-offline-${text}`, text });
      expect(readable(result.reply), text).not.toContain('evil');
    }
  });
});
