import { describe, expect, it } from 'vitest';
import { LEXICONS, lexiconForText } from '../../../src/core/offline-model/lexicon/index.ts';
import { LEXICONS as RANKER_LEXICONS } from '../../../src/ranking/lexicon/index.ts';
import { CONCEPTS } from '../../../src/ranking/lexicon/concepts.ts';

describe('one lexicon per language', () => {
  it('the offline model has one lexicon per language, each with a label for every category', () => {
    expect(LEXICONS.map((lexicon) => lexicon.lang)).toEqual(['en', 'ja']);
    const slugs = Object.keys(LEXICONS[0]?.categories ?? {}).sort();
    for (const lexicon of LEXICONS) expect(Object.keys(lexicon.categories).sort()).toEqual(slugs);
    expect(lexiconForText('画像を作りたい').lang).toBe('ja');
    expect(lexiconForText('make images').lang).toBe('en');
  });

  it('the ranker names every capability in every language it reads', () => {
    for (const lexicon of RANKER_LEXICONS) {
      const missing = Object.keys(CONCEPTS).filter((concept) => !lexicon.concepts[concept as keyof typeof CONCEPTS]);
      expect(missing, lexicon.code).toEqual([]);
    }
  });
});
