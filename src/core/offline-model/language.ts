/** The language of a message when the core did not say (the model used on its own, e.g. in tests). */
import type { Lang } from './types.ts';

const JAPANESE_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/** Any kana or kanji makes a message Japanese; everything else is answered in English. */
export function detectLanguage(text: string): Lang {
  return JAPANESE_SCRIPT.test(text) ? 'ja' : 'en';
}
