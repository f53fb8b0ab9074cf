/**
 * Program names in the user's words: matching names the conversation already showed, and pulling
 * a product-like name out of "what about PixelForge?" / 「PixelForgeのリンク」 when none matched.
 */
import type { KnownProgram } from './types.ts';

/** Case-, width- and spacing-insensitive form used for every name comparison. */
export function nameKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The known program whose name the text contains; the longest name wins ("CodePilot X" over "CodePilot"). */
export function findKnownProgram(text: string, known: readonly KnownProgram[]): KnownProgram | undefined {
  const key = nameKey(text);
  let best: KnownProgram | undefined;
  let bestLength = 0;
  for (const program of known) {
    const name = nameKey(program.name);
    if (name.length >= 3 && key.includes(name) && name.length > bestLength) {
      best = program;
      bestLength = name.length;
    }
  }
  return best;
}

/** Programs whose names match a looked-up name strongly: equal, or one containing the other. */
export function strongMatches<T extends { name: string }>(name: string, programs: readonly T[]): T[] {
  const key = nameKey(name);
  if (key.length < 2) return [];
  const equal = programs.filter((program) => nameKey(program.name) === key);
  if (equal.length > 0) return equal;
  return programs.filter((program) => {
    const other = nameKey(program.name);
    return other.length >= 3 && (other.includes(key) || key.includes(other));
  });
}

const EN_NAME_PATTERNS = [
  /\b(?:links?|url)\s+(?:for|to|of)\s+(.+)$/i,
  /\b(?:sign(?:\s+me)?\s+up|subscribe|register)\s+(?:for|to|with)\s+(.+)$/i,
  /\b(?:tell me (?:more )?about|more (?:info(?:rmation)?|details) (?:on|about)|details? (?:on|of|for|about)|what about|how about|what is|what's|info (?:on|about)|explain|describe)\s+(.+)$/i,
];
const JA_NAME_PATTERNS = [
  /^(.+?)(?:の)(?:リンク|URL|詳細|詳しい|くわしい|申し込み|申込|登録)/i,
  /^(.+?)(?:について|って(?:何|なに|どう)|とは|に申し込|に申込|に登録)/,
];
const GENERIC_TAIL = /\b(?:tools?|apps?|services?|programs?|software|generators?|ones?|options?|things?|platforms?|solutions?)$/i;
const GENERIC_KATAKANA = /(?:ツール|サービス|アプリ|ソフト|プログラム|サイト)$/u;
const GENERIC_KATAKANA_WORDS = new Set(
  'チャットボット ボット チャット ジェネレーター エディター エディタ アシスタント ライティング デザイン マーケティング プログラミング コーディング イラスト スライド ブログ ビデオ ボイス アバター アニメ'.split(' '),
);
const NOT_IN_NAMES = new Set('for to that which with best good great cheap free my your our some any can help me i you we tool tools app apps like similar'.split(' '));
const PRONOUN = /^(?:it|that|this|them|those|these|that one|this one|the one|one)$/i;

/** A product-like name the user asked about, if the wording names one. */
export function extractName(input: string): string | undefined {
  const text = input.normalize('NFKC').trim();
  for (const pattern of [...EN_NAME_PATTERNS, ...JA_NAME_PATTERNS]) {
    const raw = pattern.exec(text)?.[1];
    if (raw === undefined) continue;
    const name = tidy(raw);
    if (looksLikeName(name)) return name;
  }
  return undefined;
}

function tidy(raw: string): string {
  return raw
    .replace(/\s+(?:please|pls|thanks?|thank you)\b.*$/i, '')
    .replace(/[?？!！。.,、]+$/u, '')
    .replace(/^(?:the|a|an)\s+/i, '')
    .replace(/^["'「『“](.*)["'」』”]$/u, '$1')
    .trim();
}

/** Latin words with a capital (other than "AI"), or katakana/latin only for Japanese: short, not generic. */
function looksLikeName(name: string): boolean {
  if (name === '' || name.length > 40 || PRONOUN.test(name) || GENERIC_TAIL.test(name)) return false;
  if (/[\p{Script=Hiragana}\p{Script=Han}]/u.test(name)) return false;
  if (/\p{Script=Katakana}/u.test(name)) return name.length >= 2 && !GENERIC_KATAKANA.test(name) && !GENERIC_KATAKANA_WORDS.has(name);
  const words = name.split(/\s+/);
  if (words.length > 4 || words.some((word) => NOT_IN_NAMES.has(word.toLowerCase()))) return false;
  return words.some((word) => /[A-Z]/.test(word) && word !== 'AI') || words.some((word) => /[a-z]\d|\d[a-z]/i.test(word));
}
