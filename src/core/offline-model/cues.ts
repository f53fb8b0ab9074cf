/** Phrases that signal what kind of message this is, gathered from every language's lexicon (lexicon/). */

import { LEXICONS, type Lexicon } from './lexicon/index.ts';

/** One kind of message in every language: `test` is true when any language's phrasing matches. */
export interface Cue {
  readonly patterns: readonly RegExp[];
  test(text: string): boolean;
}

function cue(pick: (cues: Lexicon['cues']) => RegExp): Cue {
  const patterns = LEXICONS.map((lexicon) => pick(lexicon.cues));
  return { patterns, test: (text) => patterns.some((pattern) => pattern.test(text)) };
}

export const GREETING = cue((c) => c.greeting);
/** A greeting in front of a real request: "Hi, I need ..." */
export const GREETING_PREFIX = cue((c) => c.greetingPrefix);
export const HELP = cue((c) => c.help);
export const THANKS = cue((c) => c.thanks);
export const AFFIRM = cue((c) => c.affirm);
export const DECLINE = cue((c) => c.decline);
export const CATEGORIES = cue((c) => c.categories);
/** A request for a link or to sign up; strong enough to act on without a named program. */
export const LINK = cue((c) => c.link);
export const DETAILS = cue((c) => c.details);
/** "it", "that one", 「それ」: the program the conversation is about. */
export const PRONOUN = cue((c) => c.pronoun);
/** Asking for further options of the same list: "any others?", "cheaper ones?", 「他には？」「もっと安いの」. */
export const MORE = cue((c) => c.more);
export const CHEAPER = cue((c) => c.cheaper);

/** The text without a leading greeting in any language. */
export function withoutGreeting(text: string): string {
  return GREETING_PREFIX.patterns.reduce((rest, pattern) => rest.replace(pattern, ''), text);
}

/** The text with every occurrence of the cue's phrases replaced by a space. */
export function withoutCue(text: string, which: Cue): string {
  return which.patterns.reduce((rest, pattern) => rest.replace(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`), ' '), text);
}

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];

/** Keyboard mashing, stray symbols or a lone letter: nothing to act on. */
export function isGibberish(input: string): boolean {
  const text = input.normalize('NFKC').trim().toLowerCase();
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length === 0) return true;
  if (/^(.)\1{2,}$/u.test(letters)) return true;
  if (/^(?:h+m+|u+m+|lol|lmao|haha(?:ha)*|hehe|w+|草|笑)$/u.test(letters)) return true;
  if (/^[a-z]$/.test(letters)) return true;
  const words = text.split(/\s+/).filter((word) => /^[a-z]+$/.test(word));
  if (words.length === 0 || words.length < text.split(/\s+/).length) return false;
  return words.every((word) => {
    if (word.length < 3) return false;
    if (/[bcdfghjklmnpqrstvwxz]{5,}/.test(word) || (word.length >= 4 && !/[aeiouy]/.test(word))) return true;
    return word.length >= 4 && KEYBOARD_ROWS.some((row) => row.includes(word));
  });
}
