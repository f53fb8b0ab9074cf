import type { FigureRow } from './figures.ts';

export interface DayRow {
  day: string;
  channel: string;
  turns: number;
  recommendations: number;
  links: number;
  clicks: number;
  purchases: number;
  commissionJpy: number;
  commissionUsd: number;
}

export const CHANNELS = ['web', 'telegram', 'voice', 'line', 'mcp'] as const;

export type Totals = Omit<DayRow, 'day' | 'channel'>;
export interface FunnelRates {
  linkPerRecommendation: number;
  clickPerLink: number;
  purchasePerClick: number;
}

const rate = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10_000) / 10_000);

/** The sums of day rows (all of them, or one channel's); commission rounded to cents once, at the end. */
export function totalsOf(rows: readonly DayRow[]): Totals {
  const sum = (pick: (r: DayRow) => number) => rows.reduce((total, r) => total + pick(r), 0);
  return {
    turns: sum((r) => r.turns),
    recommendations: sum((r) => r.recommendations),
    links: sum((r) => r.links),
    clicks: sum((r) => r.clicks),
    purchases: sum((r) => r.purchases),
    commissionJpy: Math.round(sum((r) => r.commissionJpy) * 100) / 100,
    commissionUsd: Math.round(sum((r) => r.commissionUsd) * 100) / 100,
  };
}

/** How many of one step lead to the next: links per recommendation, clicks per link, purchases per click. */
export function funnelRates(totals: Totals): FunnelRates {
  return { linkPerRecommendation: rate(totals.links, totals.recommendations), clickPerLink: rate(totals.clicks, totals.links), purchasePerClick: rate(totals.purchases, totals.clicks) };
}

/** The first day of a window of `days` ending today (UTC). */
export function windowStart(days: number, now: number): string {
  return new Date(now - (days - 1) * 86_400_000).toISOString().slice(0, 10);
}

/** The figures the dashboard shows, per channel and per day, and the top programs, from the figure rows. */
export function dashboardData(figures: readonly FigureRow[], { days = 14, now = Date.now }: { days?: number; now?: () => number } = {}) {
  const since = windowStart(days, now());
  const rows = new Map<string, DayRow>();
  const row = (day: string, channel: string) => {
    const key = `${day}|${channel}`;
    let entry = rows.get(key);
    if (!entry) {
      entry = { day, channel, turns: 0, recommendations: 0, links: 0, clicks: 0, purchases: 0, commissionJpy: 0, commissionUsd: 0 };
      rows.set(key, entry);
    }
    return entry;
  };
  for (let i = 0; i < days; i++) {
    const day = new Date(now() - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    for (const channel of CHANNELS) row(day, channel);
  }

  const programs = new Map<number, { programId: number; links: number; clicks: number; purchases: number }>();
  for (const figure of figures) {
    if (figure.day < since) continue;
    const entry = row(figure.day, figure.channel);
    if (figure.metric === 'commission_jpy') entry.commissionJpy += figure.value / 100;
    else if (figure.metric === 'commission_usd') entry.commissionUsd += figure.value / 100;
    else entry[figure.metric] += figure.value;
    if (figure.programId > 0 && (figure.metric === 'links' || figure.metric === 'clicks' || figure.metric === 'purchases')) {
      const program = programs.get(figure.programId) ?? { programId: figure.programId, links: 0, clicks: 0, purchases: 0 };
      program[figure.metric] += figure.value;
      programs.set(figure.programId, program);
    }
  }

  const daily = [...rows.values()].sort((a, b) => a.day.localeCompare(b.day) || a.channel.localeCompare(b.channel));
  const totals = totalsOf(daily);
  const funnel = funnelRates(totals);
  // The programs people act on most: clicks first, then links issued (a program bought from but never
  // clicked in this window still shows when it was linked).
  const topPrograms = [...programs.values()]
    .filter((p) => p.links > 0 || p.clicks > 0)
    .sort((a, b) => b.clicks - a.clicks || b.links - a.links || a.programId - b.programId)
    .slice(0, 10);

  return { since, days, daily, totals, funnel, topPrograms };
}

export type DashboardData = ReturnType<typeof dashboardData>;
