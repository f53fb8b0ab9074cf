import { en } from './en.ts';
import { ja } from './ja.ts';
import type { LanguageLexicon } from './types.ts';

/** Every language the ranker understands; a request is read with all of them (people mix languages). */
export const LEXICONS: readonly LanguageLexicon[] = [en, ja];

export type { LanguageLexicon } from './types.ts';
