import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineModel } from '../../../src/core/offline-model/index.ts';
import { type RunningBot, startBot } from '../../helpers/bot-harness.ts';

/** The demo's offline model through the app's own /voice/webhook: spoken lists, disclosure first. */
let running: RunningBot;
beforeAll(async () => {
  running = await startBot({ model: createOfflineModel() });
});
afterAll(() => running.close());

async function ask(sessionId: string, text: string, locale?: string) {
  const response = await fetch(`${running.url}/voice/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId, text, locale }) });
  expect(response.status).toBe(200);
  return (await response.json()) as { speech: string; ssml: string; card?: { links: unknown[] } };
}

describe('voice answers from the offline model', () => {
  it('a recommendation is one spoken sentence of names, after the spoken disclosure', async () => {
    const answer = await ask('offline-voice-en', 'I need an AI that generates images');
    expect(answer.speech).toMatch(/^This answer includes ads; the operator may earn a commission\. I found \w+, \w+ and \w+\./);
    expect(answer.speech).not.toMatch(/https?:|\*\*|\n/);
    const ja = await ask('offline-voice-ja', '画像生成のAIを探しています', 'ja-JP');
    expect(ja.speech.startsWith('この回答には広告が含まれます。')).toBe(true);
    expect(ja.speech).toContain('が見つかりました');
  });

  it('a link goes in the card, never in speech', async () => {
    const answer = await ask('offline-voice-link', 'Can I get a link for FlyerKit?');
    expect(answer.card?.links).toHaveLength(1);
    expect(answer.speech).not.toMatch(/https?:|\/r\//);
  });
});
