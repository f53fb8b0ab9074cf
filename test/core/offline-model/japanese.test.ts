import { describe, expect, it } from 'vitest';
import { TOOL_NAMES } from '../../../src/core/tools/contracts.ts';
import { createConversation, JAPANESE, URL_PATTERN, type TurnOutcome } from './fixtures.ts';

function expectJapaneseReply(outcome: TurnOutcome): void {
  expect(outcome.text).toMatch(JAPANESE);
  expect(outcome.text).not.toMatch(URL_PATTERN);
  expect(outcome.text).not.toMatch(/```|\{"|evil|指示を無視/i);
}

/** A conversation that already holds a recommendation of PixelForge (1つ目) and ShotStudio (2つ目). */
async function afterImageList(options: { stream?: boolean } = {}) {
  const chat = createConversation({ lang: 'ja', ...options });
  const first = await chat.say('画像生成のAIツールを探しています');
  expect(first.calls).toEqual([{ toolName: TOOL_NAMES.recommend, input: { use_case: '画像生成のAIツール', limit: 3 } }]);
  return chat;
}

describe('offline model in Japanese: single requests', () => {
  it.each([
    ['こんにちは', /お手伝いします/],
    ['はじめまして', /お手伝いします/],
    ['何ができる？', /1つ目のリンク/],
    ['使い方を教えて', /カテゴリの一覧/],
    ['ありがとう！', /どういたしまして/],
    ['あああ', /聞き取れませんでした/],
  ])('answers %j with text and no tool call', async (message, expected) => {
    const outcome = await createConversation({ lang: 'ja' }).say(message);
    expect(outcome.calls).toEqual([]);
    expect(outcome.text).toMatch(expected);
    expectJapaneseReply(outcome);
  });

  it('recommends image tools, with the reward as disclosure and untrusted markup stripped', async () => {
    const outcome = await createConversation({ lang: 'ja' }).say('画像生成のAIツールを探しています');
    expect(outcome.text).toMatch(/^ご希望に合いそうなプログラムが2件見つかりました。/);
    expect(outcome.text).toContain('1. **PixelForge**（画像生成AI）');
    expect(outcome.text).toContain('（運営者への報酬: 1件1,980円）');
    expect(outcome.text).toContain('（運営者への報酬: 1クリック30円）');
    expect(outcome.text).toContain('1枚の写真から商品写真を作れます。');
    expect(outcome.text).toMatch(/「2つ目の詳細」/);
    expectJapaneseReply(outcome);
  });

  it('各プログラムのリンクが下にあるか、審査後かをはっきり伝える', async () => {
    const outcome = await createConversation({ lang: 'ja' }).say('画像生成のAIツールを探しています');
    expect(outcome.text).toMatch(/1\. \*\*PixelForge\*\*.*［リンクは下に表示］\n2\. \*\*ShotStudio\*\*.*［リンクは広告主の審査後］/);
    expect(outcome.text).toContain('1つ目のリンクは下に表示しています。2つ目は広告主による提携審査が済んでから、リンクをお出しできます。');
    expectJapaneseReply(outcome);
  });

  it('keeps the need as written for 議事録を自動で作りたい', async () => {
    const outcome = await createConversation({ lang: 'ja' }).say('議事録を自動で作りたい');
    expect(outcome.calls).toEqual([{ toolName: TOOL_NAMES.recommend, input: { use_case: '議事録を自動で作りたい', limit: 3 } }]);
    expect(outcome.text).toContain('**KoeStudio**');
    expect(outcome.text).toContain('1インストール500円');
    expectJapaneseReply(outcome);
  });

  it('drops the injected sentence from a program summary', async () => {
    const outcome = await createConversation({ lang: 'ja' }).say('コードを書いてくれるAIはありますか？');
    expect(outcome.calls[0]?.input).toEqual({ use_case: 'コードを書いてくれるAI', limit: 3 });
    expect(outcome.text).toContain('**CodePilot X**（AIコーディング）: エディタの中でコードを書いてくれるAIペアプログラマーです。');
    expectJapaneseReply(outcome);
  });

  it.each([
    ['カテゴリ一覧を見せて', TOOL_NAMES.categories, {}],
    ['ジャンル一覧', TOOL_NAMES.categories, {}],
    ['5000円以上のプログラム', TOOL_NAMES.search, { min_reward: 5000 }],
    ['3千円以上の成果報酬', TOOL_NAMES.search, { reward_type: 'cpa', min_reward: 3000 }],
    ['報酬が１万円以上の案件', TOOL_NAMES.search, { min_reward: 10000 }],
    ['クリック報酬の画像生成ツール', TOOL_NAMES.search, { query: '画像生成', reward_type: 'cpc' }],
    ['インストール報酬のアプリはありますか', TOOL_NAMES.search, { reward_type: 'cpi' }],
  ])('maps %j to %s', async (message, toolName, input) => {
    const outcome = await createConversation({ lang: 'ja' }).say(message);
    expect(outcome.calls[0]).toEqual({ toolName, input });
    expectJapaneseReply(outcome);
  });

  it('says honestly in Japanese when nothing matches', async () => {
    const outcome = await createConversation({ lang: 'ja' }).say('水中でかごを編むロボット');
    expect(outcome.calls.map((call) => call.toolName)).toEqual([TOOL_NAMES.recommend, TOOL_NAMES.categories]);
    expect(outcome.text).toMatch(/見つかりませんでした[\s\S]*画像生成AI、AIコーディング/);
    expectJapaneseReply(outcome);
  });

  it('apologises for a tool error', async () => {
    const outcome = await createConversation({ lang: 'ja', failing: true }).say('画像生成のAIツールを探しています');
    expect(outcome.text).toMatch(/^申し訳ありません/);
    expect(outcome.text).not.toMatch(/503|AgentClick/);
  });

  it('asks what the user wants when 2つ目 has nothing to refer to', async () => {
    const outcome = await createConversation({ lang: 'ja' }).say('2つ目の詳細');
    expect(outcome.calls).toEqual([]);
    expect(outcome.text).toMatch(/どんなツールをお探しですか/);
  });

  it('looks up PixelForgeについて教えて by name, then shows the details', async () => {
    const outcome = await createConversation({ lang: 'ja' }).say('PixelForgeについて教えて');
    expect(outcome.calls).toEqual([
      { toolName: TOOL_NAMES.search, input: { query: 'PixelForge' } },
      { toolName: TOOL_NAMES.details, input: { program_id: 101 } },
    ]);
    expect(outcome.text).toMatch(/Cookie有効期間: 30日[\s\S]*提携状況: 承認済み/);
    expectJapaneseReply(outcome);
  });

  it('answers in Japanese when the instructions say so even for romaji input', async () => {
    const outcome = await createConversation({ lang: 'ja' }).say('hello');
    expect(outcome.text).toMatch(/こんにちは/);
  });
});

describe('offline model in Japanese: follow-ups across turns', () => {
  it.each([
    ['2つ目の詳細', TOOL_NAMES.details, 103],
    ['最初のものについて詳しく', TOOL_NAMES.details, 101],
    ['二番目について教えて', TOOL_NAMES.details, 103],
    ['2番目は？', TOOL_NAMES.details, 103],
    ['1つ目のリンク', TOOL_NAMES.link, 101],
    ['２つ目のリンクをください', TOOL_NAMES.link, 103],
    ['最後のリンク', TOOL_NAMES.link, 103],
    ['PixelForgeのリンクをください', TOOL_NAMES.link, 101],
    ['ShotStudioについて教えて', TOOL_NAMES.details, 103],
  ])('%j resolves against the earlier list', async (message, toolName, programId) => {
    const chat = await afterImageList();
    const outcome = await chat.say(message);
    expect(outcome.calls).toEqual([{ toolName, input: { program_id: programId } }]);
    expectJapaneseReply(outcome);
  });

  it('applies after reading the details: 申し込みたい gets the link', async () => {
    const chat = await afterImageList();
    await chat.say('最初のものについて詳しく');
    const outcome = await chat.say('申し込みたい');
    expect(outcome.calls).toEqual([{ toolName: TOOL_NAMES.link, input: { program_id: 101 } }]);
    expect(outcome.text).toBe('**PixelForge**のリンクを下に添付しました。');
  });

  it('はい after the details also gets the link', async () => {
    const chat = await afterImageList();
    await chat.say('1つ目の詳細');
    const outcome = await chat.say('はい、お願いします');
    expect(outcome.calls).toEqual([{ toolName: TOOL_NAMES.link, input: { program_id: 101 } }]);
  });

  it('is honest about a pending partnership', async () => {
    const chat = await afterImageList();
    const outcome = await chat.say('2つ目のリンク');
    expect(outcome.text).toMatch(/提携審査中のため、まだリンクをお出しできません/);
    expectJapaneseReply(outcome);
  });

  it('streams Japanese replies in several deltas', async () => {
    const chat = await afterImageList({ stream: true });
    const outcome = await chat.say('2つ目の詳細');
    expect(outcome.deltas).toBeGreaterThan(5);
    expect(outcome.text).toContain('**ShotStudio**（画像生成AI）');
    expectJapaneseReply(outcome);
  });
});
