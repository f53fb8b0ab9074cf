import { CHANNELS, type FunnelRates, type Totals, dashboardData, funnelRates, totalsOf, windowStart } from '../analytics/dashboard-data.ts';
import type { FigureSource } from '../analytics/figures.ts';
import type { PurchaseLedger } from '../ledger/types.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Log } from '../log.ts';
import { within } from '../shared/clock.ts';

export { CHANNELS, type FunnelRates } from '../analytics/dashboard-data.ts';
export const MAX_DAYS = 90;

export type ChannelTotals = Totals & { channel: string; rates: FunnelRates };

/** The dashboard's window: `?days=` clamped to 1..90, 14 by default. */
export function parseDays(value: string | undefined): number {
  const days = Number(value ?? 14);
  return Number.isInteger(days) ? Math.min(MAX_DAYS, Math.max(1, days)) : 14;
}

/** Program names for ids, from the cached catalog; an id the catalog cannot name (or a catalog that is down) gets null. */
async function programNames(catalog: Catalog, log: Log, deadlineMs: number): Promise<Map<number, string>> {
  try {
    const programs = await within(catalog.programs(), deadlineMs, () => new Error(`the catalog did not load within ${deadlineMs} ms`));
    return new Map(programs.map((p) => [p.id, p.name_en ?? p.name]));
  } catch (error) {
    log.warn({ err: error }, 'dashboard: program names unavailable');
    return new Map();
  }
}

export interface SummaryDeps {
  figures: FigureSource;
  ledger: PurchaseLedger;
  catalog: Catalog;
  log: Log;
  now: () => number;
}

/** Every figure of the dashboard, current to this moment (buffered counters are flushed first). */
export async function buildSummary({ figures, ledger, catalog, log, now }: SummaryDeps, days: number, catalogDeadlineMs = 2_000) {
  const data = dashboardData(await figures.rows(windowStart(days, now())), { days, now });
  const names = data.topPrograms.length > 0 ? await programNames(catalog, log, catalogDeadlineMs) : new Map<number, string>();

  // The same arithmetic as the whole window's totals, one channel's day rows at a time.
  const channels: ChannelTotals[] = CHANNELS.map((channel) => {
    const totals = totalsOf(data.daily.filter((r) => r.channel === channel));
    return { channel, ...totals, rates: funnelRates(totals) };
  });

  return {
    generatedAt: new Date(now()).toISOString(),
    days: data.days,
    since: data.since,
    until: new Date(now()).toISOString().slice(0, 10),
    totals: data.totals,
    funnel: data.funnel,
    channels,
    daily: data.daily,
    topPrograms: data.topPrograms.map((p) => ({ ...p, name: names.get(p.programId) ?? null })),
    /** `all-instances` when the figures come from Redis or PostgreSQL. */
    scope: figures.shared ? ('all-instances' as const) : ('this-instance' as const),
    /** `all-instances` when the ledger is PostgreSQL: delivery health and dead letters of every instance. */
    deliveriesScope: ledger.shared ? ('all-instances' as const) : ('this-instance' as const),
    deliveries: await deliveries(ledger),
  };
}

export type Summary = Awaited<ReturnType<typeof buildSummary>>;

/** Delivery health and the dead letters with their reasons. */
export async function deliveries(ledger: PurchaseLedger) {
  const [health, deadLetters] = await Promise.all([ledger.health(), ledger.deadLetters()]);
  return { health, deadLetters: deadLetters.map((d) => ({ ...d, receivedAt: new Date(d.receivedAt).toISOString() })) };
}

export type Deliveries = Awaited<ReturnType<typeof deliveries>>;
