import type { Lang } from '../types.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';
import type { Lexicon } from './types.ts';

/** Every language the offline model reads; a message is tried with all of them (people mix languages). */
export const LEXICONS: readonly Lexicon[] = [en, ja];

/** The lexicon whose script the text is written in; the first one without a script is the fallback. */
export function lexiconForText(text: string): Lexicon {
  return LEXICONS.find((lexicon) => lexicon.script?.test(text)) ?? LEXICONS.find((lexicon) => lexicon.script === undefined) ?? en;
}

export function lexiconFor(lang: Lang): Lexicon {
  return LEXICONS.find((lexicon) => lexicon.lang === lang) ?? en;
}

export type { Lexicon } from './types.ts';
