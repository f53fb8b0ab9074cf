/** Which language to answer in: the instructions say so, or the user's own words decide. */
import type { Lang } from './types.ts';

const INSTRUCTION_LINE = /User language:\s*(en|ja)\b/i;
const JAPANESE_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/** The `User language: xx` line the core puts in the instructions, if any. */
export function languageFromInstructions(instructions: string): Lang | undefined {
  const match = INSTRUCTION_LINE.exec(instructions);
  const code = match?.[1]?.toLowerCase();
  return code === 'ja' || code === 'en' ? code : undefined;
}

/** Any kana or kanji makes a message Japanese; everything else is answered in English. */
export function detectLanguage(text: string): Lang {
  return JAPANESE_SCRIPT.test(text) ? 'ja' : 'en';
}

export function resolveLanguage(instructions: string, lastUserText: string): Lang {
  return languageFromInstructions(instructions) ?? detectLanguage(lastUserText);
}
