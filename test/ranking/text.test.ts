import { describe, expect, it } from 'vitest';
import { createConceptMatcher } from '../../src/ranking/concept-matcher.ts';
import { LEXICONS } from '../../src/ranking/lexicon/index.ts';
import { japaneseWords, latinWords, stem } from '../../src/ranking/text.ts';
import { searchWords } from '../../src/ranking/understand.ts';

const matcher = createConceptMatcher(LEXICONS);

describe('ranker words', () => {
  it('stems plurals conservatively: notes is note, not "not"', () => {
    expect(stem('notes')).toBe('note');
    expect(stem('summaries')).toBe('summary');
    expect(stem('business')).toBe('business');
    expect(stem('status')).toBe('status');
    expect(stem('clips')).toBe('clip');
    expect(latinWords('Meeting NOTES, please!')).toEqual(['meet', 'note', 'please']);
  });

  it('keeps katakana words whole and a known word inside a longer katakana word untouched', () => {
    const words = japaneseWords('ボイスチェンジャーのプログラムを探しています', matcher.keepWhole, matcher.fillers);
    expect(words).toContain('ボイスチェンジャー');
    expect(words).not.toContain('ログ');
    expect(words).not.toContain('ボイス');
  });

  it('drops request verbs, particles and filler in both languages', () => {
    expect(searchWords('I am looking for something that automatically transcribes calls', matcher)).toEqual(['transcribe', 'call']);
    const ja = searchWords('議事録を自動で作ってくれるツールを探しています', matcher);
    expect(ja).toContain('議事録');
    for (const filler of ['探し', 'ツール', '自動', 'を', 'て']) expect(ja).not.toContain(filler);
  });

  it('keeps mixed-script words of its own list whole (文字起こし is one word)', () => {
    expect(japaneseWords('会議の文字起こしがしたい', matcher.keepWhole, matcher.fillers)).toContain('文字起こし');
  });
});
