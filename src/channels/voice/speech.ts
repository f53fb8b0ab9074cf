import type { Locale } from '../../core/types.ts';
import { replaceUrls } from '../../shared/url-finder.ts';

/**
 * Model text -> text a speech engine can read: no Markdown, code, URLs, emoji or stray symbols,
 * and short (a voice answer is heard once and cannot be skimmed).
 */
export interface SpeechLimits {
  /** Sentences kept (a run of list items counts as one sentence). */
  maxSentences?: number;
  /** Budget in English words (whitespace-separated). */
  maxWords?: number;
  /** Budget in characters for Japanese, which has no spaces; about the same speaking time as 40 words. */
  maxChars?: number;
  /** Options kept from a list. */
  maxOptions?: number;
}

const FENCED_CODE = /(```|~~~)[\s\S]*?(?:\1|$)/g;
const IMAGE = /!\[[^\]\n]*\]\([^)\n]*\)/g;
const MARKDOWN_LINK = /\[([^\]\n]*)\]\([^)\n]*\)/g;
const HTML_TAG = /<\/?[a-z][^>\n]*>/gi;
// Where the bot's URL finder took an address out; "see <URL>" loses its verb with it.
const URL_MARK = '\uE002';
const URL_GONE = new RegExp(String.raw`(?:\b(?:see|at|visit|via|on)\s+)?${URL_MARK}`, 'gi');
const INLINE_CODE = /`([^`\n]*)`/g;
const EMPHASIS = /(\*\*|__|~~|\*)(?=\S)([^\n]*?\S)\1/g;
const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}]/gu;
const STRAY_SYMBOLS = /[*#|`\\^{}[\]<>=~_]+/g;
const LIST_ITEM = /^\s*(?:[-*+•・]|\d{1,2}[.)）])\s+/;
const HEADING = /^\s*#{1,6}\s+/;
const TABLE_RULE = /^[\s|:-]+$/;
const TRAILING_PUNCTUATION = /[\s.。!！?？:：;；,、…-]+$/;
const TERMINAL = /[.!?。！？]$/;
const KANA_KANJI = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー`;
// Markdown around a Japanese word leaves spaces a Japanese voice would pause on.
const SPACE_IN_JAPANESE = new RegExp(String.raw`(?<=[${KANA_KANJI}、。])\s+(?=[${KANA_KANJI}])`, 'gu');

const segmenters = new Map<Locale, Intl.Segmenter>();
function sentencesOf(text: string, locale: Locale): string[] {
  let segmenter = segmenters.get(locale);
  if (!segmenter) segmenters.set(locale, (segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' })));
  return [...segmenter.segment(text)].map((part) => part.segment.trim()).filter(Boolean);
}

/** Words for English, characters (without spaces) for Japanese. */
export function speechLength(text: string, locale: Locale): number {
  if (locale === 'ja') return Array.from(text.replace(/\s+/g, '')).length;
  return text.split(/\s+/).filter(Boolean).length;
}

function inlinePlain(line: string, locale: Locale): string {
  const plain = replaceUrls(line.replace(IMAGE, ' ').replace(MARKDOWN_LINK, '$1').replace(HTML_TAG, ' '), () => URL_MARK)
    .replace(URL_GONE, ' ')
    // "see <URL>" after the core's link guard took the URL: the verb alone would dangle.
    .replace(/\s+(?:see|visit|via)(?=\s*(?:[,;:.]|$))/gi, '')
    .replace(INLINE_CODE, '$1')
    .replace(EMPHASIS, '$2')
    .replace(EMOJI, '')
    .replace(STRAY_SYMBOLS, ' ')
    .replace(/\(\s*\)|（\s*）/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?、。！？])/g, '$1')
    .trim();
  return locale === 'ja' ? plain.replace(SPACE_IN_JAPANESE, '') : plain;
}

/** Japanese sentences run on without spaces; anything else is separated by one. */
function joinSentences(sentences: string[], locale: Locale): string {
  return sentences.reduce((out, sentence) => (!out ? sentence : locale === 'ja' && /[。！？]$/.test(out) ? out + sentence : `${out} ${sentence}`), '');
}

const close = (text: string, locale: Locale) => (TERMINAL.test(text) ? text : `${text.replace(TRAILING_PUNCTUATION, '')}${locale === 'ja' ? '。' : '.'}`);

/**
 * Markdown -> plain sentences. A list becomes one sentence of at most `maxOptions` items (each item's
 * first sentence), attached to the line that introduced it ("Here are two options: A; B.").
 */
export function plainSpeech(text: string, locale: Locale, maxOptions = 3): string {
  const blocks: string[] = [];
  let items: string[] = [];
  const flushList = () => {
    if (items.length === 0) return;
    const joined = items.slice(0, maxOptions).join(locale === 'ja' ? '、' : '; ');
    const previous = blocks.at(-1);
    if (previous && /[:：]$/.test(previous)) blocks[blocks.length - 1] = close(`${previous}${locale === 'ja' ? '' : ' '}${joined}`, locale);
    else blocks.push(close(joined, locale));
    items = [];
  };
  for (const raw of text.replace(/\r\n?/g, '\n').replace(FENCED_CODE, '\n').split('\n')) {
    if (TABLE_RULE.test(raw) && raw.includes('-')) continue;
    const isItem = LIST_ITEM.test(raw);
    const line = inlinePlain(raw.replace(LIST_ITEM, '').replace(HEADING, '').replace(/^\s*>\s?/, ''), locale);
    if (!line) continue;
    if (isItem) {
      const first = sentencesOf(line, locale)[0] ?? line;
      const item = first.replace(TRAILING_PUNCTUATION, '');
      if (item) items.push(item);
      continue;
    }
    flushList();
    blocks.push(/[:：]$/.test(line) ? line : close(line, locale));
  }
  flushList();
  // An introduction whose list never came still needs an ending.
  return joinSentences(blocks.map((block) => close(block.replace(/[:：]$/, ''), locale)), locale);
}

/** Cuts one over-long sentence at a clause boundary when that keeps at least half of the budget. */
function truncate(sentence: string, budget: number, locale: Locale): string {
  if (locale === 'ja') {
    const chars = Array.from(sentence).slice(0, Math.max(1, budget - 1));
    const comma = chars.lastIndexOf('、');
    const kept = comma >= budget / 2 ? chars.slice(0, comma) : chars;
    return close(kept.join(''), locale);
  }
  const words = sentence.split(/\s+/).slice(0, Math.max(1, budget));
  const clause = words.findLastIndex((word) => /[,;:]$/.test(word));
  const kept = clause + 1 >= budget / 2 ? words.slice(0, clause + 1) : words;
  return close(kept.join(' '), locale);
}

/** Keeps whole sentences within the sentence and length budgets (the first one is cut if it alone is too long). */
export function shortenSpeech(text: string, locale: Locale, { maxSentences = 2, maxWords = 40, maxChars = 110 }: SpeechLimits = {}): string {
  const budget = locale === 'ja' ? maxChars : maxWords;
  const kept: string[] = [];
  let used = 0;
  for (const sentence of sentencesOf(text, locale)) {
    if (kept.length >= maxSentences) break;
    const size = speechLength(sentence, locale);
    if (used + size <= budget) {
      kept.push(sentence);
      used += size;
      continue;
    }
    if (kept.length === 0 && budget > 0) kept.push(truncate(sentence, budget, locale));
    break;
  }
  return joinSentences(kept, locale);
}

/** The whole pipeline: plain, then short. */
export function toSpeakable(text: string, locale: Locale, limits: SpeechLimits = {}): string {
  return shortenSpeech(plainSpeech(text, locale, limits.maxOptions), locale, limits);
}
