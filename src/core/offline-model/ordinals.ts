/**
 * Finds a position in a list the user refers to: "the second one", "#2", "3rd", "the last one",
 * 「2つ目」「二番目」「最初」「最後」. Returns a 1-based position or 'last'.
 */
import type { Ordinal } from './types.ts';

const EN_ORDINAL_WORDS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
};
const EN_NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};
const JA_DIGITS: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10,
  ひと: 1, ふた: 2, みっ: 3, よっ: 4, いつ: 5,
};

const EN_WORD = new RegExp(`\\b(${Object.keys(EN_ORDINAL_WORDS).join('|')})\\b`, 'i');
const EN_NUMBERED = new RegExp(`\\b(?:number|no\\.?|option|item|program|choice)\\s*(\\d{1,2}|${Object.keys(EN_NUMBER_WORDS).join('|')})\\b`, 'i');
const EN_SUFFIXED = /\b(\d{1,2})(?:st|nd|rd|th)\b/i;
const HASH = /(?:^|\s|[^\w#])#\s?(\d{1,2})\b|\bno\.\s?(\d{1,2})\b/i;
const EN_LAST = /\b(?:the\s+)?(?:last|final|bottom)(?:\s+one)?\b/i;
const EN_TOP = /\b(?:the\s+)?top\s+one\b/i;
const ONLY_NUMBER = /^\s*#?\s*(\d{1,2})\s*[.)]?\s*[?？!！]?\s*$/;

const JA_NUMBERED = /(\d{1,2})\s*(?:つ目|個目|番目|件目|番)/;
const JA_KANJI = /(十|[一二三四五六七八九]|ひと|ふた|みっ|よっ|いつ)\s*(?:つ目|つめ|個目|番目)/;
const JA_FIRST = /最初|一番上|一番目|トップ|1番上/;
const JA_LAST = /最後|ラスト|一番下|1番下/;

export interface OrdinalMatch {
  ordinal: Ordinal;
  /** The words that expressed it, so callers can see what else the message says. */
  matched: string;
}

export function parseOrdinal(input: string): Ordinal | undefined {
  return findOrdinal(input)?.ordinal;
}

export function findOrdinal(input: string): OrdinalMatch | undefined {
  const text = input.normalize('NFKC');
  const attempts: Array<[RegExp, (match: RegExpExecArray) => Ordinal | undefined]> = [
    [ONLY_NUMBER, (m) => positive(Number(m[1]))],
    [JA_NUMBERED, (m) => positive(Number(m[1]))],
    [JA_KANJI, (m) => JA_DIGITS[m[1] ?? '']],
    [JA_FIRST, () => 1],
    [JA_LAST, () => 'last'],
    [HASH, (m) => positive(Number(m[1] ?? m[2]))],
    [EN_SUFFIXED, (m) => positive(Number(m[1]))],
    [EN_NUMBERED, (m) => positive(Number(m[1])) ?? EN_NUMBER_WORDS[(m[1] ?? '').toLowerCase()]],
    [EN_WORD, (m) => EN_ORDINAL_WORDS[(m[1] ?? '').toLowerCase()]],
    [EN_TOP, () => 1],
    [EN_LAST, () => 'last'],
  ];
  for (const [pattern, read] of attempts) {
    const match = pattern.exec(text);
    if (match === null) continue;
    const ordinal = read(match);
    if (ordinal !== undefined) return { ordinal, matched: match[0] };
  }
  return undefined;
}

function positive(value: number): number | undefined {
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The item an ordinal points at, or undefined when the list is shorter. */
export function pick<T>(items: readonly T[], ordinal: Ordinal): T | undefined {
  return ordinal === 'last' ? items.at(-1) : items[ordinal - 1];
}
