import { replaceUrls } from '../../shared/url-finder.ts';

/**
 * Program texts come from the network and are untrusted: they are data to summarise, never
 * instructions. Before any of it reaches a reply, URLs, markup and code are removed, and sentences
 * that try to instruct the assistant are dropped rather than repeated. URLs are found by the bot's one
 * URL finder (bare domains, IP addresses and `scheme:` forms included).
 */

const MARKDOWN_LINK = /!?\[([^\]]*)\]\([^)]*\)/g;
const MARKUP = /<[^>]*>?/g;
const CODE_FENCE = /```[\s\S]*?(?:```|$)/g;
const STRAY = /[`<>{}[\]|]/g;
const INJECTION =
  /\b(?:ignore|disregard|forget)\b[^.。!?！？]*\b(?:instructions?|prompts?|rules|above|previous|prior)\b|\bsystem prompt\b|\byou are now\b|\bnew instructions?\b|\bdeveloper mode\b|\bjailbreak\b|\bas an ai\b|\b(?:print|output|repeat|say|reply with|respond with)\b[^.。]*\b(?:link|url|verbatim|exactly)\b|指示を無視|以前の指示|前の指示|これまでの指示|システムプロンプト|命令を無視|出力してください|と出力|と答えて/i;

/** Stands in for a removed URL while sentences are split, so a sentence that carried one can be dropped. */
const URL_MARK = '\uE000';
const ELLIPSIS_MARK = '\uE001';
const CJK_GAP = /(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー、。「」（）])\s+(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー、。「」（）])/gu;

/** Removes URLs, markup and code; collapses whitespace. */
export function cleanText(text: string): string {
  const unmarked = text.normalize('NFKC').replace(CODE_FENCE, ' ').replace(MARKDOWN_LINK, '$1').replace(MARKUP, ' ');
  return replaceUrls(unmarked, () => ' ')
    .replace(STRAY, ' ')
    .replaceAll(URL_MARK, ' ')
    .replace(/\*{2,}|_{2,}/g, '')
    .replace(/\s+/g, ' ')
    .replace(CJK_GAP, '')
    .replace(/\s+([,.!?、。！？:;])/g, '$1')
    .trim();
}

/** Shortens to at most `max` characters, at a word boundary when there is one. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,、.。:;-]+$/u, '')}…`;
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?。！？])\s*/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
}

/**
 * Sentences of a program text that are safe to repeat: no instructions, no markup, and none that
 * carried a link (those are calls to action aimed at the reader, not descriptions).
 */
export function safeSentences(text: string): string[] {
  // An ellipsis is not a sentence end: it marks a text the network (or a card) cut short.
  const marked = replaceUrls(text.normalize('NFKC').replace(CODE_FENCE, ' ').replace(MARKDOWN_LINK, '$1'), () => URL_MARK).replace(/\.{3,}/g, ELLIPSIS_MARK);
  return sentences(marked)
    .filter((sentence) => !INJECTION.test(sentence) && !sentence.includes(URL_MARK))
    .map((sentence) => cleanText(sentence).replaceAll(ELLIPSIS_MARK, '…'))
    .filter((sentence) => /[\p{L}\p{N}]{2,}/u.test(sentence) && !INJECTION.test(sentence));
}

/** The first safe sentence of a summary, shortened for a list line; undefined when nothing is safe. */
export function summaryLine(summary: string | undefined, max = 80): string | undefined {
  if (summary === undefined) return undefined;
  const first = safeSentences(summary)[0];
  return first === undefined ? undefined : truncate(first, max);
}

/** A short untrusted field (name, advertiser, conditions): cleaned, shortened, or undefined. */
export function safeField(value: string | undefined, max = 60): string | undefined {
  if (value === undefined) return undefined;
  if (INJECTION.test(value)) return undefined;
  const cleaned = cleanText(value);
  return cleaned === '' ? undefined : truncate(cleaned, max);
}

/** A program name is shown even when odd; if nothing is left after cleaning, the id stands in. */
export function safeName(name: string, id: number): string {
  return safeField(name, 60) ?? `#${id}`;
}
