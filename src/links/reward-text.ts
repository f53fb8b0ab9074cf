import type { Locale, Reward } from '../core/types.ts';

const UNIT_EN: Record<Reward['type'], string> = { cpa: 'per sale', cpc: 'per click', cpi: 'per install' };
const UNIT_JA: Record<Reward['type'], string> = { cpa: '1件', cpc: '1クリック', cpi: '1インストール' };

/** Intl formatters cost far more to build than to use: one per locale and currency, built once. */
const formatters = new Map<string, Intl.NumberFormat | undefined>();

function formatterFor(locale: Locale, currency: string): Intl.NumberFormat | undefined {
  const key = `${locale}:${currency}`;
  if (!formatters.has(key)) {
    let formatter: Intl.NumberFormat | undefined;
    try {
      formatter = locale === 'ja' && currency === 'JPY' ? new Intl.NumberFormat('ja-JP') : new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { style: 'currency', currency });
    } catch {
      formatter = undefined; // not an ISO 4217 code: shown as written
    }
    // Currencies come from the network: keep the map small whatever it sends.
    if (formatters.size < 64) formatters.set(key, formatter);
    return formatter;
  }
  return formatters.get(key);
}

function amountOf(reward: Reward, locale: Locale): string {
  const formatter = formatterFor(locale, reward.currency);
  if (!formatter) return `${reward.amount} ${reward.currency}`;
  return locale === 'ja' && reward.currency === 'JPY' ? `${formatter.format(reward.amount)}円` : formatter.format(reward.amount);
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
