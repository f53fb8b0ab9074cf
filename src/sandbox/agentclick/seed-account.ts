/** What a new sandbox account finds waiting: notifications, an earnings history and past payouts. */
export interface SandboxNotification {
  id: number;
  title: string;
  body: string;
  is_read: boolean;
  created_at: string;
}

const NOTIFICATIONS: Array<[string, string]> = [
  ['アカウント登録が完了しました', 'AgentClickへようこそ。APIキーの発行とプログラム検索から始めましょう。'],
  ['新着プログラムのお知らせ', '画像生成AIカテゴリに新しいプログラムが追加されました。'],
  ['提携申請が承認されました', 'プログラム「PixelForge」との提携が承認されました。'],
  ['キャンペーン開始', 'AIライティングカテゴリで報酬アップキャンペーンを実施中です。'],
  ['成果が発生しました', 'コード生成カテゴリのプログラムで成果が1件発生しました。'],
  ['報酬確定のお知らせ', '先月分の報酬が確定しました。'],
  ['お支払い完了', '報酬のお振込みが完了しました。'],
  ['APIメンテナンスのお知らせ', '深夜2:00〜2:30にAPIのメンテナンスを予定しています。'],
];

export function seedNotifications(now: number): SandboxNotification[] {
  return NOTIFICATIONS.map(([title, body], index) => ({
    id: index + 1,
    title,
    body,
    is_read: index < 3,
    created_at: new Date(now - (NOTIFICATIONS.length - index) * 3 * 86_400_000).toISOString(),
  }));
}

export interface MonthlyEarning {
  month: string;
  amount: number;
}

/** A plausible six-month history (JPY) before the account's own sandbox conversions. */
export function seedEarningsTrend(now: number, userId: number): MonthlyEarning[] {
  const months: MonthlyEarning[] = [];
  const date = new Date(now);
  for (let back = 5; back >= 0; back--) {
    const month = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, 1));
    const amount = back === 0 ? 0 : 8_000 + ((userId * 37 + back * 1_311) % 9) * 2_500;
    months.push({ month: month.toISOString().slice(0, 7), amount });
  }
  return months;
}

export interface Payout {
  id: number;
  period: string;
  gross_reward: number;
  withholding_tax: number;
  transfer_fee: number;
  net_payout: number;
  status: 'paid';
  paid_at: string;
}

/** Past payouts: gross, 10.21 % withholding tax (Japan's rate for such fees), a 330 JPY transfer fee. */
export function seedPayouts(trend: MonthlyEarning[]): Payout[] {
  return trend
    .slice(0, -2)
    .map((entry, index) => {
      const withholding = Math.floor(entry.amount * 0.1021);
      const fee = 330;
      const [year, month] = entry.month.split('-').map(Number) as [number, number];
      return {
        id: index + 1,
        period: entry.month,
        gross_reward: entry.amount,
        withholding_tax: withholding,
        transfer_fee: fee,
        net_payout: entry.amount - withholding - fee,
        status: 'paid' as const,
        paid_at: new Date(Date.UTC(year, month + 1, 15)).toISOString(),
      };
    })
    .reverse();
}
