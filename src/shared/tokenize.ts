/**
 * Search tokens for English and Japanese text. Japanese has no spaces, so words come from
 * `Intl.Segmenter` (ICU's dictionary); long kanji words also yield their bigrams, so
 * "画像生成" still meets a text that says "画像を生成". English words are lightly stemmed.
 */
const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
const CJK = /[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]/u;
const HAN_ONLY = /^\p{Script=Han}+$/u;
const SHORT_HIRAGANA = /^\p{Script=Hiragana}{1,2}$/u; // particles and verb endings: noise for search

const STOPWORDS = new Set([
  'a', 'an', 'the', 'that', 'which', 'for', 'to', 'of', 'and', 'or', 'i', 'me', 'my', 'we', 'our', 'you', 'need',
  'want', 'looking', 'look', 'find', 'some', 'any', 'with', 'in', 'on', 'is', 'are', 'can', 'could', 'please',
  'something', 'it', 'be', 'do', 'does', 'help', 'from', 'make', 'makes', 'into', 'by', 'about', 'this', 'like', 'using', 'use', 'so', 'will', 'should', 'recommend', 'good', 'best', 'tool', 'tools', 'service', 'services',
  'の', 'を', 'が', 'は', 'に', 'で', 'と', 'も', 'へ', 'や', 'か', 'な', 'です', 'ます', 'いる', 'して', 'たい', 'ください',
  'て', 'い', 'する', 'ある', 'こと', 'もの', 'おすすめ', '探し', '探す', '探', 'ツール', 'サービス', '教え', 'ほしい', '欲しい',
]);

const SUFFIXES = ['ings', 'ing', 'ions', 'ion', 'ers', 'er', 'ies', 'es', 'ed', 's', 'e'];

/** A light English stemmer: strips one common suffix while at least three letters remain. */
export function stem(word: string): string {
  if (!/^[a-z]+$/.test(word)) return word;
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  }
  return word;
}

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (!isWordLike || STOPWORDS.has(segment) || SHORT_HIRAGANA.test(segment)) continue;
    if (CJK.test(segment)) {
      tokens.push(segment);
      if (segment.length > 2 && HAN_ONLY.test(segment)) for (let i = 0; i + 2 <= segment.length; i++) tokens.push(segment.slice(i, i + 2));
    } else {
      tokens.push(stem(segment));
    }
  }
  return tokens;
}
