/**
 * Catalog filters in the user's words: how the operator is paid (per click / install / sale) and a
 * minimum reward ("at least 5000 yen", "over ¥3,000", 「5000円以上」「3千円以上」).
 */
export type RewardType = 'cpa' | 'cpc' | 'cpi';

export interface ParsedFilters {
  reward_type?: RewardType;
  min_reward?: number;
  /** The text with the filter phrases taken out, for the search query. */
  rest: string;
}

const REWARD_TYPES: Array<[RewardType, RegExp]> = [
  ['cpc', /\b(?:pays?\s+|paying\s+)?(?:per[- ]click|pay[- ]per[- ]click|click[- ]based)\b|\bcpc\b|クリック(?:報酬|単価|課金|型)|1クリック(?:あたり|につき)?/gi],
  ['cpi', /\b(?:pays?\s+|paying\s+)?(?:per[- ](?:app[- ])?install(?:ation)?s?|install[- ]based)\b|\bapp[- ]installs?\b|\bcpi\b|アプリ(?:の)?インストール|インストール(?:報酬|単価|課金|型|件数)/gi],
  ['cpa', /\b(?:pays?\s+|paying\s+)?per[- ](?:sale|sign[- ]?up|conversion|acquisition|action|lead|order|purchase)s?\b|\b(?:sales?|conversion)[- ]based\b|\bcpa\b|成果(?:報酬|型|課金)|成約報酬|販売報酬|売上報酬/gi],
];

const EN_MIN_BEFORE =
  /(?:at\s+least|over|above|more\s+than|higher\s+than|min(?:imum)?(?:\s+of)?|no\s+less\s+than|>=?|≥)\s*(¥|jpy\s*)?\s*(\d[\d,]*(?:\.\d+)?)\s*(k|thousand)?\s*(yen|jpy|円)?/i;
const EN_MIN_AFTER = /(¥|jpy\s*)?\s*(\d[\d,]*(?:\.\d+)?)\s*(k|thousand)?\s*(yen|jpy|円)?\s*(?:or\s+more|or\s+higher|or\s+above|\+|and\s+(?:up|above))/i;
const JA_MIN = /(?:報酬(?:が|は)?)?\s*([\d,.〇一二三四五六七八九十百千万]+)\s*円\s*(?:以上|超|より(?:も)?(?:高い|上|多い)|から)/;
const MONEY_CONTEXT = /\b(?:reward|rewards|pay|pays|paying|payout|commission|earn|earns)\b|報酬/i;

export function parseFilters(input: string): ParsedFilters {
  let rest = input.normalize('NFKC');
  const parsed: Omit<ParsedFilters, 'rest'> = {};

  for (const [type, pattern] of REWARD_TYPES) {
    if (parsed.reward_type === undefined && new RegExp(pattern.source, 'i').test(rest)) {
      parsed.reward_type = type;
      rest = rest.replace(pattern, ' ');
    }
  }

  const ja = JA_MIN.exec(rest);
  const jaAmount = ja?.[1] === undefined ? undefined : jaNumber(ja[1]);
  if (ja !== null && jaAmount !== undefined) {
    parsed.min_reward = jaAmount;
    rest = rest.replace(ja[0], ' ');
  } else {
    for (const pattern of [EN_MIN_BEFORE, EN_MIN_AFTER]) {
      const match = pattern.exec(rest);
      if (match === null) continue;
      const [whole, currencyBefore, digits = '', thousands, currencyAfter] = match;
      if (currencyBefore === undefined && currencyAfter === undefined && !MONEY_CONTEXT.test(rest)) continue;
      const amount = Number(digits.replace(/,/g, '')) * (thousands === undefined ? 1 : 1000);
      if (!Number.isFinite(amount)) continue;
      parsed.min_reward = Math.round(amount);
      rest = rest.replace(whole, ' ');
      break;
    }
  }
  return { ...parsed, rest: rest.replace(/\s+/g, ' ').trim() };
}

const KANJI_DIGITS: Record<string, number> = { 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "5,000", "1.5万", "3千", "五千", "1万5千" -> a whole number of yen. */
export function jaNumber(raw: string): number | undefined {
  const text = raw.replace(/,/g, '');
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text));
  const scaled = /^(\d+(?:\.\d+)?)(千|万)$/.exec(text);
  if (scaled?.[1] !== undefined) return Math.round(Number(scaled[1]) * (scaled[2] === '万' ? 10_000 : 1000));
  let total = 0;
  let section = 0;
  let digits = '';
  for (const char of text) {
    if (/\d/.test(char)) digits += char;
    else if (char in KANJI_DIGITS) digits += String(KANJI_DIGITS[char]);
    else if (char in SMALL_UNITS) {
      section += (digits === '' ? 1 : Number(digits)) * (SMALL_UNITS[char] ?? 1);
      digits = '';
    } else if (char === '万') {
      total += (section + (digits === '' ? 0 : Number(digits)) || 1) * 10_000;
      section = 0;
      digits = '';
    } else return undefined;
  }
  const value = total + section + (digits === '' ? 0 : Number(digits));
  return value > 0 ? value : undefined;
}
