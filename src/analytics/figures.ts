import type { Metric } from './counters.ts';

/** Everything the dashboard counts: the turn-side counters plus purchases and commission (in cents). */
export type FigureMetric = Metric | 'purchases' | 'commission_jpy' | 'commission_usd';

/** One figure of one day, channel and program (program 0: not about one program). */
export interface FigureRow {
  day: string;
  channel: string;
  metric: FigureMetric;
  programId: number;
  value: number;
}

/** Where the dashboard reads its figures: this instance's SQLite, or Redis shared by every instance. */
export interface FigureSource {
  /** Every row from `since` (YYYY-MM-DD, UTC) to today, current to this moment. */
  rows(since: string, days: number): Promise<FigureRow[]>;
  /** True when the figures cover every instance, not only this one. */
  readonly shared: boolean;
}

export const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

export const COMMISSION_METRIC: Record<string, FigureMetric | undefined> = { JPY: 'commission_jpy', USD: 'commission_usd' };
