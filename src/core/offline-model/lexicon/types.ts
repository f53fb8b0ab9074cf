import type { Lang, Ordinal } from '../types.ts';

/** Reads a position out of a match of one ordinal pattern ("2つ目" -> 2). */
export type OrdinalReader = [RegExp, (match: RegExpExecArray) => Ordinal | undefined];

/**
 * Everything the offline model understands of one language. A third language is one more file of
 * this shape added to `LEXICONS` (the reply templates live in replies-<lang>.ts).
 */
export interface Lexicon {
  lang: Lang;
  /** Text in this script is read with this lexicon's request phrasing; undefined: the fallback language. */
  script?: RegExp;
  /** Phrases that say what kind of message this is. */
  cues: {
    greeting: RegExp;
    /** A greeting in front of a real request ("Hi, I need ..."), taken off first. */
    greetingPrefix: RegExp;
    help: RegExp;
    thanks: RegExp;
    affirm: RegExp;
    decline: RegExp;
    categories: RegExp;
    link: RegExp;
    details: RegExp;
    /** "it", "that one": the program the conversation is about. */
    pronoun: RegExp;
    /** "any others?": further options of the latest list. */
    more: RegExp;
    cheaper: RegExp;
  };
  /** Words that are only the request, never the need, and the phrasing around a need. */
  fillers: readonly string[];
  requestPrefixes: readonly RegExp[];
  requestSuffix: RegExp;
  /** Positions in a list: ordinal words and numbers ("the second one", 「2つ目」). */
  ordinals: readonly OrdinalReader[];
  /** Category slugs with their label in this language. */
  categories: Readonly<Record<string, string>>;
}

/** Trailing punctuation and spaces after a short message. */
export const END = String.raw`[\s!！.。?？~〜、,]*`;
