import MiniSearch from 'minisearch';
import type { SandboxProgram } from '../src/sandbox/catalog.ts';

// The same segmenter for both languages: ICU splits Japanese by its dictionary and English at spaces.
const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

/** Word-like segments, NFKC-normalised and lower-cased; nothing else (no stop words, no stemming). */
function words(text: string): string[] {
  return [...segmenter.segment(text.normalize('NFKC').toLowerCase())].filter((part) => part.isWordLike).map((part) => part.segment);
}

/**
 * The trivial baseline every figure is compared with: a plain MiniSearch over program names and
 * descriptions in both languages, the request's raw text as the query, default scoring, no boosts.
 * It owes nothing to the product's code, so it stays the same yardstick while the ranker changes.
 */
export function createBaseline(programs: readonly SandboxProgram[]) {
  const index = new MiniSearch<SandboxProgram>({
    fields: ['name', 'name_en', 'description', 'description_en'],
    storeFields: [],
    tokenize: words,
    processTerm: (term) => term,
  });
  index.addAll(programs);
  return {
    rank(text: string, limit = 3): number[] {
      return index
        .search(text, { combineWith: 'OR' })
        .slice(0, limit)
        .map((hit) => Number(hit.id));
    },
  };
}
