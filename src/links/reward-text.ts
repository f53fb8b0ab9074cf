import type { Locale, Reward } from '../core/types.ts';

const UNIT_EN: Record<Reward['type'], string> = { cpa: 'per sale', cpc: 'per click', cpi: 'per install' };
const UNIT_JA: Record<Reward['type'], string> = { cpa: '1件', cpc: '1クリック', cpi: '1インストール' };

function amountOf(reward: Reward, locale: Locale): string {
  if (locale === 'ja' && reward.currency === 'JPY') return `${new Intl.NumberFormat('ja-JP').format(reward.amount)}円`;
  try {
    return new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { style: 'currency', currency: reward.currency }).format(reward.amount);
  } catch {
    return `${reward.amount} ${reward.currency}`;
  }
}

/** The reward in a few words, in the user's language: "¥9,800 per sale", 「1件9,800円」. */
export function rewardAmountText(reward: Reward, locale: Locale): string {
  return locale === 'ja' ? `${UNIT_JA[reward.type]}${amountOf(reward, locale)}` : `${amountOf(reward, locale)} ${UNIT_EN[reward.type]}`;
}

/** The reward as a disclosure line on a card: "Reward for the operator: ¥9,800 per sale". */
export function rewardDisclosureText(reward: Reward, locale: Locale): string {
  return locale === 'ja' ? `運営者への報酬: ${rewardAmountText(reward, locale)}` : `Reward for the operator: ${rewardAmountText(reward, locale)}`;
}

/** A network's reward type as ours; anything unknown is read as per sale, the common case. */
export function rewardOf(type: string, amount: number, currency = 'JPY'): Reward {
  return { type: type === 'cpc' || type === 'cpi' ? type : 'cpa', amount, currency };
}
