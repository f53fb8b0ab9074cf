/**
 * Finds a position in a list the user refers to: "the second one", "#2", "3rd", "the last one",
 * 「2つ目」「二番目」「最初」「最後」. Returns a 1-based position or 'last'.
 */
import { LEXICONS } from './lexicon/index.ts';
import type { OrdinalReader } from './lexicon/types.ts';
import type { Ordinal } from './types.ts';

/** Written the same in every language: a bare number, "#2", "no. 2". */
const ONLY_NUMBER = /^\s*#?\s*(\d{1,2})\s*[.)]?\s*[?？!！]?\s*$/;
const HASH = /(?:^|\s|[^\w#])#\s?(\d{1,2})\b|\bno\.\s?(\d{1,2})\b/i;

const ATTEMPTS: readonly OrdinalReader[] = [
  [ONLY_NUMBER, (m) => positive(Number(m[1]))],
  [HASH, (m) => positive(Number(m[1] ?? m[2]))],
  ...LEXICONS.flatMap((lexicon) => lexicon.ordinals),
];

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
  for (const [pattern, read] of ATTEMPTS) {
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
