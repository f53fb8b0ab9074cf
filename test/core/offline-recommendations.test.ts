import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineModel } from '../../src/core/offline-model/index.ts';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';

/** The offline model through the real app, tools and sandbox: the programs it names fit the request. */
let running: RunningBot;
beforeAll(async () => {
  running = await startBot({ model: createOfflineModel() });
});
afterAll(() => running.close());

const CASES: Array<[string, string]> = [
  ['I need an AI that generates images', 'ai-image'],
  ['an AI that writes code', 'ai-code'],
  ['something to translate my documents into English', 'ai-translation'],
  ['make short videos from a script', 'ai-video'],
  ['text to speech for narration', 'ai-voice'],
  ['a chatbot for customer support on my site', 'ai-chatbot'],
  ['画像生成のAIツールを探しています', 'ai-image'],
  ['コードを書いてくれるAIはありますか', 'ai-code'],
  ['翻訳ツールを教えて', 'ai-translation'],
  ['動画編集を自動でやってほしい', 'ai-video'],
  ['音声合成でナレーションを作りたい', 'ai-voice'],
  ['ブログ記事の文章を書くAI', 'ai-writing'],
];

function namedCategories(reply: string): string[] {
  const names = [...reply.matchAll(/\*\*(.+?)\*\*/g)].map((m) => m[1]);
  return names.map((name) => running.sandbox.agentclick.catalog.programs.find((p) => p.name === name || p.name_en === name)?.category_slug ?? `unknown:${name}`);
}

describe('offline model, English and Japanese requests, real tools', () => {
  it.each(CASES)('%s -> %s', async (text, category) => {
    const result = await running.bot.core.handleTurn({ channel: 'web', sessionId: `offline-${category}-${text.length}`, text });
    expect(result.locale).toBe(/[ぁ-んァ-ン一-龯]/.test(text) ? 'ja' : 'en');
    const categories = namedCategories(result.reply);
    expect(categories.length).toBe(3);
    expect(categories[0]).toBe(category);
    expect(categories.filter((c) => c === category).length).toBeGreaterThanOrEqual(2);
    expect(result.reply).not.toMatch(/https?:\/\//);
  });

  it('a follow-up "link for the first one" issues a tracked link with the Japanese or English disclosure', async () => {
    for (const [first, follow, mark] of [
      ['AI for customer support chat', 'a link for the first one', 'Ad'],
      ['カスタマーサポートのチャットボット', '1つ目のリンクをください', '【PR】'],
    ] as const) {
      const sessionId = `follow-${mark}`;
      const listed = await running.bot.core.handleTurn({ channel: 'web', sessionId, text: first });
      const firstName = [...listed.reply.matchAll(/\*\*(.+?)\*\*/g)][0]?.[1];
      const linked = await running.bot.core.handleTurn({ channel: 'web', sessionId, text: follow });
      const program = running.sandbox.agentclick.catalog.programs.find((p) => p.name === firstName || p.name_en === firstName);
      if (program?.auto_approve) {
        expect(linked.links).toHaveLength(1);
        expect(linked.links[0]?.programId).toBe(program.id);
        expect(linked.links[0]?.disclosure.startsWith(mark)).toBe(true);
      } else {
        expect(linked.links).toHaveLength(0);
        expect(linked.reply).toMatch(/review|審査/);
      }
    }
  });

  it('"any others?" and 「他には？」 show the next programs for the same need, and #1 then means the new first', async () => {
    for (const [first, more, details, header] of [
      ['make short videos from a script', 'cheaper ones?', 'details on #1', /doesn't list prices.*3 more programs for the same need/],
      ['動画編集を自動でやってほしい', '他には？', '1つ目の詳細', /同じご希望に合うほかのプログラムが3件/],
    ] as const) {
      const sessionId = `more-${first.length}`;
      const names = (reply: string) => [...reply.matchAll(/\*\*(.+?)\*\*/g)].map((m) => m[1] ?? '');
      const listed = await running.bot.core.handleTurn({ channel: 'web', sessionId, text: first });
      const further = await running.bot.core.handleTurn({ channel: 'web', sessionId, text: more });
      expect(further.reply).toMatch(header);
      const [shown, next] = [names(listed.reply), names(further.reply)];
      expect(next).toHaveLength(3);
      expect(next.filter((name) => shown.includes(name))).toEqual([]);
      // Further options are still about the same need.
      const categories = next.map((name) => running.sandbox.agentclick.catalog.programs.find((p) => p.name === name || p.name_en === name)?.category_slug);
      expect(categories.filter((slug) => slug === 'ai-video').length).toBeGreaterThanOrEqual(2);
      const detailed = await running.bot.core.handleTurn({ channel: 'web', sessionId, text: details });
      expect(names(detailed.reply)[0]).toBe(next[0]);
    }
  });
});
