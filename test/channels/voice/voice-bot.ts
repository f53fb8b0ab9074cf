import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';
import { expect } from 'vitest';
import { type VoiceRoutesOptions, createVoiceRoutes } from '../../../src/channels/voice/create-voice-routes.ts';
import { silentLog } from '../../../src/log.ts';
import { type RunningServer, listen } from '../../../src/http/listen.ts';
import { type RunningBot, startBot } from '../../helpers/bot-harness.ts';
import { type Gate, createGate } from '../../helpers/gate.ts';
import { everyTurnModel } from '../../helpers/scripted-model.ts';

export const VOICE_API_KEY = 'voice-test-key-0123456789abcdef';
export const SKILL_ID = 'amzn1.ask.skill.12345678-1234-1234-1234-123456789abc';

/** What the scripted model writes after `get_link`: everything a voice answer must not say aloud. */
export const MESSY_EN = [
  'Here are **four great picks** for product images 🎨:',
  '1. **Program 42** — makes studio-quality product photos, see https://evil.example/x',
  '2. `Second` tool & co <b>fast</b>',
  '3. Third tool "quoted" and it\'s cheap',
  '4. Fourth tool',
  '```js\nconsole.log("code")\n```',
  'Open [the site](https://evil.example/page) or www.evil.example for more. The link is below!',
].join('\n');
export const MESSY_JA = 'おすすめは **商品画像メーカー** です 🎉 https://evil.example から。\n- 背景を自動で消せます\n- 無料プランあり\n\n下のリンクからどうぞ。';

const userText = (options: LanguageModelV4CallOptions) => {
  const user = options.prompt.findLast((message) => message.role === 'user');
  if (!user || typeof user.content === 'string') return '';
  return user.content.map((part) => (part.type === 'text' ? part.text : '')).join(' ');
};

/**
 * One model for every voice test, steered by what the user said: "link" (EN) or リンク (JA) gets a
 * link issued and a messy Markdown answer; "recommend" a recommendation without a link; "slowly" the
 * same link answer once `beforeSlow` lets it through; anything else a plain greeting.
 */
export function voiceTestModel({ beforeSlow = async () => {} }: { beforeSlow?: () => Promise<void> } = {}) {
  const link = everyTurnModel({ tool: 'get_link', input: { program_id: 42 } }, { text: MESSY_EN });
  const linkJa = everyTurnModel({ tool: 'get_link', input: { program_id: 42 } }, { text: MESSY_JA });
  const recommend = everyTurnModel({ text: 'I recommend Program 42; it fits product photos well. Want me to send the link?' }, { text: 'unused' });
  const hello = everyTurnModel({ text: 'Hello! What would you like to do with AI?' }, { text: 'unused' });
  return new MockLanguageModelV4({
    doStream: async (options) => {
      const text = userText(options);
      if (/slowly/i.test(text)) await beforeSlow();
      const model = /リンク/.test(text) ? linkJa : /link|slowly/i.test(text) ? link : /recommend/i.test(text) ? recommend : hello;
      return model.doStream(options);
    },
  });
}

export interface VoiceBot {
  bot: RunningBot;
  /** The scripted model: `doStreamCalls` shows whether anything reached the core. */
  model: MockLanguageModelV4;
  /** The voice routes over the bot's core, on a server of their own. */
  voice: RunningServer;
  /** Holds the next "slowly" turn inside the model until the gate opens (until then, slow turns pass). */
  holdSlowTurn(): Gate;
  close(): Promise<void>;
}

/** The whole bot (sandbox, stores, core) plus `createVoiceRoutes` over its core, both over real HTTP. */
export async function startVoiceBot(options: Partial<Omit<VoiceRoutesOptions, 'core' | 'log'>> = {}): Promise<VoiceBot> {
  let gate: Gate | undefined;
  const model = voiceTestModel({ beforeSlow: () => gate?.pass() ?? Promise.resolve() });
  const bot = await startBot({ model });
  // Like demo mode: the generic webhook answers without a key unless a test sets one.
  const routes = createVoiceRoutes({ core: bot.bot.core, log: silentLog(), deadlineMs: 5_000, openWithoutKey: true, ...options });
  const voice = await listen(routes);
  return {
    bot,
    model,
    voice,
    holdSlowTurn: () => (gate = createGate()),
    async close() {
      await voice.close();
      await bot.close();
    },
  };
}

/** Posts JSON (or a raw string) with optional headers. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const browser = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130 Safari/537.36' };

/** Well-formed for the purpose of a speech engine: only known tags, balanced, and no bare & < >. */
export function expectWellFormedSsml(ssml: string) {
  expect(ssml).toMatch(/^<speak[^>]*>[\s\S]*<\/speak>$/);
  const inner = ssml.replace(/^<speak[^>]*>/, '').replace(/<\/speak>$/, '');
  const withoutTags = inner.replace(/<break strength="medium"\/>/g, '');
  expect(withoutTags).not.toMatch(/[<>]/);
  expect(withoutTags.replace(/&(?:amp|lt|gt|quot|apos);/g, '')).not.toContain('&');
}
