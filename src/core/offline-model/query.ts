/**
 * Turns the user's words into tool arguments: a search query of the meaningful words, and a
 * use case with the polite filler taken off (kept in the user's language).
 */
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

const EN_FILLER = new Set(
  (
    'a an the and or of for in on to with by from that which who what whats is are there any some only ' +
    'show list find give get me i we you my our want need looking look search please can could would do does have has ' +
    'program programs tool tools app apps service services offer offers option options one ones something thing things ' +
    'pay pays paying payout reward rewards commission commissions earn earns per yen jpy also just really'
  ).split(' '),
);
const JA_FILLER = new Set(['プログラム', '案件', 'ツール', 'サービス', 'アプリ', 'ソフト', 'おすすめ', 'オススメ', 'もの', 'やつ', '報酬', '以上', '円', '件', '教え', '見せ', '探し', '紹介', '一覧', '何', 'ある', 'あり']);

/** The words worth searching for, or undefined when only filler is left. */
export function searchQuery(rest: string): string | undefined {
  const text = rest.normalize('NFKC');
  const query = JAPANESE.test(text) ? japaneseQuery(text) : englishQuery(text);
  return query === '' ? undefined : query.slice(0, 200);
}

function englishQuery(text: string): string {
  return text
    .split(/[^\p{L}\p{N}'+-]+/u)
    .filter((word) => word !== '' && !EN_FILLER.has(word.toLowerCase().replace(/'s$/, '')) && !/^\d+$/.test(word))
    .join(' ');
}

/** Keeps runs of content words (kanji, katakana, latin); particles and filler split the runs. */
function japaneseQuery(text: string): string {
  const runs: string[] = [];
  let current = '';
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    const keep = isWordLike && !JA_FILLER.has(segment) && !/^\p{Script=Hiragana}+$/u.test(segment) && !/^\d+$/.test(segment) && !EN_FILLER.has(segment.toLowerCase());
    if (keep) current += segment;
    else if (current !== '') {
      runs.push(current);
      current = '';
    }
  }
  if (current !== '') runs.push(current);
  return runs.join(' ');
}

const EN_PREFIXES = [
  /^(?:hi|hello|hey)\b[\s,!.]*/i,
  /^(?:please|pls|ok|okay|so|well)\b[\s,]*/i,
  /^(?:can|could|would|will) you\s+(?:please\s+)?(?:recommend|suggest|find|show|give|get|tell)(?:\s+me)?\s+/i,
  /^(?:can|could|would|will) you\s+(?:please\s+)?help me(?:\s+(?:find|with|to))?\s+/i,
  /^(?:i'?m|i am|we'?re|we are)\s+(?:looking|searching)\s+for\s+/i,
  /^(?:i|we)\s+(?:really\s+)?(?:need|want|would like|'d like|am after)\s+(?:to\s+(?:find\s+)?)?/i,
  /^(?:do you (?:know|have)(?: of)?|is there|are there|got)\s+/i,
  /^(?:recommend|suggest|find|show)(?:\s+me)?\s+/i,
  /^(?:some|any)\s+(?=\S)/i,
];
const EN_SUFFIX = /[\s,]*(?:please|pls|thanks|thank you)?[\s?.!]*$/i;

const JA_PREFIXES = [/^(?:こんにちは|こんばんは|おはようございます|すみません|あの)[、,!！。\s]*/, /^(?:おすすめ|オススメ)の/];
const JA_SUFFIX =
  /(?:について|を|が|は)?(?:探しています|探してます|探している|探してる|探したいです|探したい|探して(?:ください|下さい)?|教えてください|教えて下さい|教えてほしいです|教えて(?:ほしい|欲しい)?|紹介してください|紹介して|ください|下さい|ほしいです|欲しいです|ほしい|欲しい|ありますか|ありませんか|お願いします|お願い|知りたいです|知りたい)?[\s?？!！。、]*$/u;

/** The user's need in their own words, without greetings and request phrasing. */
export function useCase(input: string): string {
  const text = input.normalize('NFKC').replace(/\s+/g, ' ').trim();
  let result = text;
  const prefixes = JAPANESE.test(text) ? JA_PREFIXES : EN_PREFIXES;
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of prefixes) {
      const next = result.replace(prefix, '');
      if (next !== result && next.trim() !== '') {
        result = next;
        changed = true;
      }
    }
  }
  result = result.replace(JAPANESE.test(text) ? JA_SUFFIX : EN_SUFFIX, '').trim();
  if (/[\p{L}\p{N}]/u.test(result) === false) result = text;
  return Array.from(result).slice(0, 200).join('');
}
