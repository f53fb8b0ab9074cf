/**
 * Words of a text as the ranker sees them, in English and Japanese.
 *
 * English: lower-cased words with a conservative stemmer (plurals, -ing, -ed), so "notes" stays "note"
 * instead of becoming "not" and then prefix-matching "notebook" or "notification".
 * Japanese: `Intl.Segmenter` cuts katakana loan words in two ("ボイス|チェンジャー") and counts verbs
 * and particles as words, so the runs are rebuilt: known words of our own list are kept whole first,
 * neighbouring katakana segments are joined, and hiragana-only segments (particles, verb endings) go.
 */
const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
const KATAKANA_CHAR = /[\p{Script=Katakana}ー]/u;

/** A katakana word found in a text must not be a piece of a longer katakana word (ログ in プログラム). */
export function wholeKatakana(text: string, start: number, end: number): boolean {
  const inside = (at: number) => KATAKANA_CHAR.test(text[at] ?? '');
  return !(inside(start) && inside(start - 1)) && !(inside(end - 1) && inside(end));
}
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const KATAKANA_WORD = /^[\p{Script=Katakana}ー・]+$/u;
const HIRAGANA_ONLY = /^[\p{Script=Hiragana}ー]+$/u;
const LATIN_WORD = /^[a-z0-9][a-z0-9'+#.-]*$/;

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Words that end like a plural but are not one: "news" is not "new", "series" is not "sery". */
const NOT_PLURAL = new Set(['news', 'series', 'species', 'lens', 'canvas', 'bias']);

/** Strips one inflection while a word of at least four letters remains; "ss", "us", "is" endings are not plurals. */
export function stem(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length <= 3 || NOT_PLURAL.has(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|ch|sh|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is|os)$/.test(word)) return word.slice(0, -1);
  if (word.endsWith('ing') && word.length >= 7) return undouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length >= 6) return undouble(word.slice(0, -2));
  return word;
}

function undouble(base: string): string {
  return /([bdgmnprt])\1$/.test(base) ? base.slice(0, -1) : base;
}

/**
 * English words of a text, stemmed, in order (stop words kept: phrases need them). Apostrophes go
 * (typographic ones too): "don't" is the filler "dont", "master's" is "master".
 */
export function latinWords(text: string): string[] {
  return normalize(text)
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー]+/gu, ' ')
    .split(/[^\p{L}\p{N}'+#]+/u)
    .map((word) => word.replace(/^'+|'+$/g, '').replace(/'s$/, '').replace(/'/g, ''))
    .filter((word) => word !== '' && !JAPANESE.test(word))
    .map(stem);
}

/** Mixed-script or compound words to keep whole, grouped by their first character, longest first. */
export type WordList = ReadonlyMap<string, readonly string[]>;

export function wordList(words: Iterable<string>): WordList {
  const byFirst = new Map<string, string[]>();
  for (const word of new Set([...words].map(normalize))) {
    const first = word[0];
    if (first === undefined) continue;
    byFirst.set(first, [...(byFirst.get(first) ?? []), word]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return byFirst;
}

/** Japanese (and embedded Latin) content words of a text. */
export function japaneseWords(text: string, keep: WordList, drop: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const piece of splitKnown(normalize(text), keep)) {
    if (piece.known) {
      if (!drop.has(piece.text)) out.push(piece.text);
      continue;
    }
    let katakana = '';
    const flush = () => {
      if (katakana !== '' && !drop.has(katakana)) out.push(katakana);
      katakana = '';
    };
    for (const { segment, isWordLike } of segmenter.segment(piece.text)) {
      if (KATAKANA_WORD.test(segment)) {
        katakana += segment;
        continue;
      }
      flush();
      if (!isWordLike || HIRAGANA_ONLY.test(segment) || drop.has(segment)) continue;
      if (LATIN_WORD.test(segment)) out.push(stem(segment));
      else if (JAPANESE.test(segment)) out.push(segment.replace(/[\p{Script=Hiragana}]+$/u, '') || segment);
      else if (/^\p{N}+$/u.test(segment)) continue;
      else out.push(segment);
    }
    flush();
  }
  return out.filter((word) => word !== '' && !drop.has(word));
}

/** Cuts a text around the known words it contains (greedy, longest first at each position). */
function splitKnown(text: string, words: WordList): Array<{ text: string; known: boolean }> {
  const pieces: Array<{ text: string; known: boolean }> = [];
  let plain = '';
  let i = 0;
  outer: while (i < text.length) {
    for (const word of words.get(text[i] as string) ?? []) {
      if (text.startsWith(word, i) && wholeKatakana(text, i, i + word.length)) {
        if (plain !== '') pieces.push({ text: plain, known: false });
        plain = '';
        pieces.push({ text: word, known: true });
        i += word.length;
        continue outer;
      }
    }
    plain += text[i];
    i++;
  }
  if (plain !== '') pieces.push({ text: plain, known: false });
  return pieces;
}
