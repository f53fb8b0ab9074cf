/**
 * The reward line is disclosure (what the operator earns), never a selling point. Tools phrase it
 * in English ("¥9,800 per sale"); for Japanese replies the common shapes are rephrased.
 */
import { safeField } from './sanitize.ts';
import type { Lang } from './types.ts';

const AMOUNT_PER = /^(?:¥|JPY\s*)?\s*([\d,]+(?:\.\d+)?)\s*(?:円|yen|JPY)?\s*(?:per|\/|a|an|each)\s+([a-z -]+)$/i;
const PERCENT_PER = /^([\d.]+)\s*%\s*(?:of\s+)?(?:per\s+|of\s+)?(?:sales?|the sale|revenue|order)?$/i;

const JA_UNIT: Array<[RegExp, string]> = [
  [/click/i, '1クリック'],
  [/install/i, '1インストール'],
  [/sale|order|purchase|sign-?up|signup|lead|conversion|action|subscription|registration/i, '1件'],
];

export function rewardText(reward: string, lang: Lang): string | undefined {
  const cleaned = safeField(reward, 40);
  if (cleaned === undefined || lang === 'en') return cleaned;
  const perUnit = AMOUNT_PER.exec(cleaned);
  if (perUnit !== null) {
    const [, amount = '', unit = ''] = perUnit;
    const ja = JA_UNIT.find(([pattern]) => pattern.test(unit))?.[1];
    if (ja !== undefined) return `${ja}${amount}円`;
  }
  const percent = PERCENT_PER.exec(cleaned);
  if (percent !== null) return `売上の${percent[1] ?? ''}%`;
  return cleaned;
}
