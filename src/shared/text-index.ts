import MiniSearch from 'minisearch';
import { tokenize } from './tokenize.ts';

export interface TextHit {
  id: number;
  score: number;
  terms: string[];
}

/**
 * A relevance index over bilingual documents (MiniSearch with our English/Japanese tokenizer).
 * Latin query words also match by prefix and with one typo; Japanese words match as segmented.
 */
export function createTextIndex<D extends { id: number }>(
  documents: readonly D[],
  fields: Partial<Record<Extract<keyof D, string>, number>>,
  text: (document: D, field: Extract<keyof D, string>) => string,
) {
  const fieldNames = Object.keys(fields) as Extract<keyof D, string>[];
  const index = new MiniSearch<D>({
    fields: fieldNames,
    idField: 'id',
    tokenize,
    processTerm: (term) => term,
    extractField: (document, field) => (field === 'id' ? String(document.id) : text(document, field as Extract<keyof D, string>)),
  });
  index.addAll(documents as D[]);

  return {
    search(query: string, filter?: (id: number) => boolean): TextHit[] {
      const latin = (term: string) => /^[a-z0-9]+$/.test(term);
      const results = index.search(query, {
        boost: fields as Record<string, number>,
        prefix: (term) => latin(term) && term.length >= 3,
        fuzzy: (term) => (latin(term) && term.length >= 5 ? 0.2 : false),
        combineWith: 'OR',
        filter: filter ? (result) => filter(Number(result.id)) : undefined,
      });
      return results.map((result) => ({ id: Number(result.id), score: result.score, terms: result.terms }));
    },
  };
}
