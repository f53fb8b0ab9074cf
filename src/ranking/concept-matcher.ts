import { CONCEPTS, type ConceptId } from './lexicon/concepts.ts';
import type { LanguageLexicon } from './lexicon/types.ts';
import { latinWords, normalize, stem, type WordList, wholeKatakana, wordList } from './text.ts';

const KATAKANA = /[\p{Script=Katakana}ー]/u;
const KATAKANA_TERM = /^[\p{Script=Katakana}ー]+$/u;

/** One term of a Latin-script lexicon: words, where `prefix` ends with "*" and `gap` stands for any one word. */
type TermWord = { kind: 'word'; value: string } | { kind: 'prefix'; value: string } | { kind: 'gap' };
interface LatinTerm {
  concept: ConceptId;
  words: TermWord[];
}

/** How many times each concept is named in a text. */
export type ConceptCounts = Map<ConceptId, number>;

export interface ConceptMatcher {
  match(text: string): ConceptCounts;
  /** Request words and filler of every language, normalized the way `latinWords` leaves them. */
  fillers: ReadonlySet<string>;
  /** Words the Japanese segmenter must keep whole: every Japanese concept term plus the lexicons' own list. */
  keepWhole: WordList;
  /** Every Latin word the lexicons know, to correct typos against. */
  vocabulary: ReadonlySet<string>;
  /** Word beginnings the lexicons match any ending of ("transcri" for transcribe, transcription). */
  prefixes: ReadonlySet<string>;
}

export function createConceptMatcher(lexicons: readonly LanguageLexicon[]): ConceptMatcher {
  const exactFirst = new Map<string, LatinTerm[]>();
  const prefixFirst: Array<{ prefix: string; term: LatinTerm }> = [];
  const japanese = new Map<string, Array<{ term: string; concept?: ConceptId }>>();
  const fillers = new Set<string>();
  const vocabulary = new Set<string>();
  const keep: string[] = [];

  for (const lexicon of lexicons) {
    for (const word of lexicon.fillers) {
      fillers.add(lexicon.script === 'latin' ? stem(normalize(word)) : normalize(word));
    }
    keep.push(...(lexicon.words ?? []));
    for (const [concept, terms] of Object.entries(lexicon.concepts) as Array<[ConceptId, string]>) {
      if (!(concept in CONCEPTS)) throw new Error(`lexicon ${lexicon.code} names an unknown concept ${concept}`);
      for (const raw of terms.split('|').map((term) => normalize(term).trim()).filter(Boolean)) {
        if (lexicon.script === 'japanese') {
          const first = raw[0] as string;
          japanese.set(first, [...(japanese.get(first) ?? []), { term: raw, concept }]);
          keep.push(raw);
          continue;
        }
        const words = termWords(raw);
        for (const word of words) if (word.kind === 'word') vocabulary.add(word.value);
        const term = { concept, words };
        const first = words[0];
        if (first?.kind === 'word') exactFirst.set(first.value, [...(exactFirst.get(first.value) ?? []), term]);
        else if (first?.kind === 'prefix') prefixFirst.push({ prefix: first.value, term });
      }
    }
  }
  // A word the lexicons keep whole hides the terms inside it (個人事業 is not 人事), unless it is a term itself.
  const terms = new Set([...japanese.values()].flat().map((entry) => entry.term));
  for (const lexicon of lexicons) {
    if (lexicon.script !== 'japanese') continue;
    for (const word of (lexicon.words ?? []).map(normalize)) {
      if (terms.has(word)) continue;
      const first = word[0] as string;
      japanese.set(first, [...(japanese.get(first) ?? []), { term: word }]);
    }
  }
  for (const list of japanese.values()) list.sort((a, b) => b.term.length - a.term.length);
  const katakanaFillers = [...fillers].filter((word) => KATAKANA_TERM.test(word)).sort((a, b) => b.length - a.length);

  const startsWith = new Map<string, LatinTerm[]>();
  function candidates(word: string): LatinTerm[] {
    let found = startsWith.get(word);
    if (!found) {
      found = [...(exactFirst.get(word) ?? []), ...prefixFirst.filter((entry) => word.startsWith(entry.prefix)).map((entry) => entry.term)];
      if (startsWith.size < 200_000) startsWith.set(word, found);
    }
    return found;
  }

  /** Words the term covers from `at`, or 0; a gap ("*") stands for one to three words. */
  function spanOf(parts: readonly TermWord[], words: readonly string[], at: number): number {
    const [part, ...rest] = parts;
    if (part === undefined) return 0;
    if (part.kind === 'gap') {
      for (let skip = 1; skip <= 3 && at + skip < words.length; skip++) {
        const tail = spanOf(rest, words, at + skip);
        if (tail > 0) return skip + tail;
      }
      return 0;
    }
    const word = words[at];
    if (word === undefined || (part.kind === 'word' ? word !== part.value : !word.startsWith(part.value))) return 0;
    if (rest.length === 0) return 1;
    const tail = spanOf(rest, words, at + 1);
    return tail > 0 ? 1 + tail : 0;
  }

  /**
   * The longest term at each word. A term that starts inside an earlier match counts only when it
   * reaches beyond it ("learn english" then "english conversation"), so "text to speech" is not also
   * "text" and "speech".
   */
  function matchLatin(text: string, counts: ConceptCounts) {
    const words = latinWords(text);
    let covered = 0;
    for (let i = 0; i < words.length; i++) {
      let best: LatinTerm | undefined;
      let bestSpan = 0;
      let bestLetters = 0;
      for (const term of candidates(words[i] as string)) {
        const span = spanOf(term.words, words, i);
        // Between terms of the same span the one that spells more out is meant ("journalist*" over "journal*").
        const letters = span > 0 ? lettersOf(term) : 0;
        if (span > bestSpan || (span === bestSpan && span > 0 && letters > bestLetters)) {
          best = term;
          bestSpan = span;
          bestLetters = letters;
        }
      }
      if (best && i + bestSpan > covered) {
        counts.set(best.concept, (counts.get(best.concept) ?? 0) + 1);
        covered = i + bestSpan;
      }
    }
  }

  /**
   * A katakana run written as one word out of known words (インフルエンサーマーケティング, ボイスチェンジャーアプリ):
   * its parts, when every character of the run belongs to a known term or a filler; otherwise nothing
   * (ログ is still not found in プログラム).
   */
  function katakanaCompound(text: string, start: number): { end: number; parts: ConceptId[] } | undefined {
    let end = start;
    while (end < text.length && KATAKANA.test(text[end] as string)) end++;
    if (end - start < 4) return undefined;
    const memo = new Map<number, ConceptId[] | null>();
    const split = (at: number): ConceptId[] | null => {
      if (at === end) return [];
      const known = memo.get(at);
      if (known !== undefined) return known;
      let found: ConceptId[] | null = null;
      for (const entry of japanese.get(text[at] as string) ?? []) {
        if (at + entry.term.length > end || !text.startsWith(entry.term, at) || !KATAKANA_TERM.test(entry.term)) continue;
        const rest = split(at + entry.term.length);
        if (rest) {
          found = entry.concept ? [entry.concept, ...rest] : rest;
          break;
        }
      }
      if (!found) {
        for (const filler of katakanaFillers) {
          if (at + filler.length > end || !text.startsWith(filler, at)) continue;
          const rest = split(at + filler.length);
          if (rest) {
            found = rest;
            break;
          }
        }
      }
      memo.set(at, found);
      return found;
    };
    const parts = split(start);
    return parts && parts.length > 0 ? { end, parts } : undefined;
  }

  /** Japanese has no spaces to anchor a term, so a match consumes its characters (契約書をチェック is not also チェック). */
  function matchJapanese(text: string, counts: ConceptCounts) {
    for (let i = 0; i < text.length; ) {
      const hit = japanese.get(text[i] as string)?.find((entry) => text.startsWith(entry.term, i) && wholeKatakana(text, i, i + entry.term.length));
      if (hit) {
        if (hit.concept) counts.set(hit.concept, (counts.get(hit.concept) ?? 0) + 1);
        i += hit.term.length;
        continue;
      }
      const compound = KATAKANA.test(text[i] as string) && !KATAKANA.test(text[i - 1] ?? '') ? katakanaCompound(text, i) : undefined;
      if (compound) {
        for (const concept of compound.parts) counts.set(concept, (counts.get(concept) ?? 0) + 1);
        i = compound.end;
      } else i++;
    }
  }

  return {
    match(text: string): ConceptCounts {
      const counts: ConceptCounts = new Map();
      matchLatin(text, counts);
      if (japanese.size > 0) matchJapanese(normalize(text), counts);
      return counts;
    },
    fillers,
    keepWhole: wordList(keep),
    vocabulary,
    prefixes: new Set(prefixFirst.map((entry) => entry.prefix)),
  };
}

function lettersOf(term: LatinTerm): number {
  let letters = 0;
  for (const word of term.words) if (word.kind !== 'gap') letters += word.value.length;
  return letters;
}

/** "text-to-speech" is three words, "fine-tun*" a word and a prefix; a prefix is not stemmed. */
function termWords(raw: string): TermWord[] {
  return raw.split(/\s+/).flatMap((token): TermWord[] => {
    if (token === '*') return [{ kind: 'gap' }];
    if (!token.endsWith('*')) return latinWords(token).map((value) => ({ kind: 'word', value }));
    const parts = token.slice(0, -1).split(/[^\p{L}\p{N}'+#]+/u).filter(Boolean);
    const last = parts.pop();
    return [...parts.flatMap((part) => latinWords(part).map((value): TermWord => ({ kind: 'word', value }))), ...(last ? [{ kind: 'prefix', value: last } as TermWord] : [])];
  });
}

