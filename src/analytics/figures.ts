import type { Purchase } from '../ledger/types.ts';
import type { Analytics, Metric } from './counters.ts';

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

/** Where the dashboard reads its figures: this instance's SQLite, or Redis or PostgreSQL shared by every instance. */
export interface FigureSource {
  /** Every row from `since` (YYYY-MM-DD, UTC) to today, current to this moment. */
  rows(since: string): Promise<FigureRow[]>;
  /** True when the figures cover every instance, not only this one. */
  readonly shared: boolean;
}

/**
 * The dashboard's figures as the app uses them: counting (turn side), the source the dashboard reads,
 * and the two events the purchase ledger alone cannot share between instances.
 */
export interface DashboardFigures {
  analytics: Analytics;
  source: FigureSource;
  /** A purchase this instance stored. */
  purchaseAccepted(purchase: Purchase): Promise<void>;
  /** This instance delivered a purchase and the network reported its commission. */
  commissionEarned(purchase: Purchase, commission: { cents: number; currency: string }): Promise<void>;
  /** Starts writing the buffered counts every few seconds (background work: the app's start()). */
  start(): void;
  close(): Promise<void>;
}

export const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

export const COMMISSION_METRIC: Record<string, FigureMetric | undefined> = { JPY: 'commission_jpy', USD: 'commission_usd' };
