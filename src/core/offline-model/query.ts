/**
 * Turns the user's words into tool arguments: a search query of the meaningful words, and a
 * use case with the polite filler taken off (kept in the user's language).
 */
import { LEXICONS, lexiconForText } from './lexicon/index.ts';

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

const FILLER = new Set(LEXICONS.flatMap((lexicon) => lexicon.fillers.map((word) => word.toLowerCase())));

/** The words worth searching for, or undefined when only filler is left. */
export function searchQuery(rest: string): string | undefined {
  const text = rest.normalize('NFKC');
  const query = JAPANESE.test(text) ? japaneseQuery(text) : englishQuery(text);
  return query === '' ? undefined : query.slice(0, 200);
}

function englishQuery(text: string): string {
  return text
    .split(/[^\p{L}\p{N}'+-]+/u)
    .filter((word) => word !== '' && !FILLER.has(word.toLowerCase().replace(/'s$/, '')) && !/^\d+$/.test(word))
    .join(' ');
}

/** Keeps runs of content words (kanji, katakana, latin); particles and filler split the runs. */
function japaneseQuery(text: string): string {
  const runs: string[] = [];
  let current = '';
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    const keep = isWordLike && !FILLER.has(segment.toLowerCase()) && !/^\p{Script=Hiragana}+$/u.test(segment) && !/^\d+$/.test(segment);
    if (keep) current += segment;
    else if (current !== '') {
      runs.push(current);
      current = '';
    }
  }
  if (current !== '') runs.push(current);
  return runs.join(' ');
}

/** The user's need in their own words, without greetings and request phrasing. */
export function useCase(input: string): string {
  const text = input.normalize('NFKC').replace(/\s+/g, ' ').trim();
  let result = text;
  const lexicon = lexiconForText(text);
  const prefixes = lexicon.requestPrefixes;
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of prefixes) {
      const next = result.replace(prefix, '');
      if (next !== result && next.trim() !== '') {
        result = next;
        changed = true;
      }
    }
  }
  result = result.replace(lexicon.requestSuffix, '').trim();
  if (/[\p{L}\p{N}]/u.test(result) === false) result = text;
  return Array.from(result).slice(0, 200).join('');
}
