import { describe, expect, it } from 'vitest';
import { createConceptMatcher } from '../../src/ranking/concept-matcher.ts';
import { LEXICONS } from '../../src/ranking/lexicon/index.ts';
import { createUnderstanding } from '../../src/ranking/understand.ts';

const understanding = createUnderstanding(LEXICONS, createConceptMatcher(LEXICONS));
const concepts = (text: string) => [...understanding.understand(text).concepts].filter(([, weight]) => weight >= 1).map(([concept]) => concept);

describe('understanding a request', () => {
  it('maps everyday words and both languages to the same capability', () => {
    for (const text of ['notes of my zoom calls', 'meeting minutes', '議事録を作りたい', '打ち合わせの記録を残したい']) expect(concepts(text), text).toContain('minutes');
    for (const text of ['I need an interpreter', 'talk with foreign customers', '通訳アプリ']) expect(concepts(text), text).toContain('interpretation');
    for (const text of ['give me the gist of this pdf', 'summarize articles', '要約してほしい', '要点をまとめて']) expect(concepts(text), text).toContain('summarize');
    for (const text of ['text to speech', 'narration for my videos', '読み上げてほしい', 'ナレーションを入れたい']) expect(concepts(text), text).toContain('tts');
    for (const text of ['help with programming', 'an AI that writes code', 'コーディングを手伝って']) expect(concepts(text), text).toContain('coding');
  });

  it('reads the direction: text to speech avoids speech to text, and the other way round', () => {
    const tts = understanding.understand('turn my blog posts into audio');
    expect(tts.concepts.has('tts')).toBe(true);
    expect(tts.avoid.has('transcription')).toBe(true);
    const stt = understanding.understand('turn my voice memos into text');
    expect(stt.concepts.has('transcription')).toBe(true);
    expect(stt.avoid.has('tts')).toBe(true);
    const ja = understanding.understand('音声をテキストに変換したい');
    expect(ja.concepts.has('transcription')).toBe(true);
    expect(ja.concepts.has('tts')).toBe(false);
  });

  it('does not read a sense inside a longer word (コード進行 is music, プログラム is not ログ)', () => {
    expect(concepts('コード進行を提案してほしい')).toEqual(['chords']);
    expect(concepts('おすすめのプログラム')).not.toContain('observability');
  });

  it('turns constraints into filters: reward type, minimum reward, free trial, a named category', () => {
    const ja = understanding.understand('マーケ系でクリック報酬、5000円以上のプログラム');
    expect(ja).toMatchObject({ rewardType: 'cpc', minReward: 5000, categoryName: 'マーケ', freeTrial: false });
    const en = understanding.understand('video editors with a free trial paying at least 3000 yen per sale');
    expect(en).toMatchObject({ rewardType: 'cpa', minReward: 3000, freeTrial: true });
    expect(understanding.understand('無料トライアルがある翻訳ツール').freeTrial).toBe(true);
  });

  it('reads a typo of a known word as that word', () => {
    expect(concepts('how do i transcibe interviews')).toContain('transcription');
    expect(concepts('please tranlsate this contract')).toContain('translation');
  });
});

describe('what the user already has', () => {
  it('is left out of the need and pushed down, in both languages', () => {
    const en = understanding.understand('we already have a transcription tool, we just need summaries of our meetings');
    expect(en.exclude.has('transcription')).toBe(true);
    expect(en.concepts.has('transcription')).toBe(false);
    expect(en.concepts.has('summarize')).toBe(true);
    const ja = understanding.understand('文字起こしはもうあるので、議事録の要点だけまとめてほしい');
    expect(ja.exclude.has('transcription')).toBe(true);
    expect(ja.concepts.has('summarize')).toBe(true);
  });
});
