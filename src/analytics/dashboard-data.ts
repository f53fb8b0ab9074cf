import type { DatabaseSync } from 'node:sqlite';

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

const CHANNELS = ['web', 'telegram', 'voice'] as const;

/** The figures the dashboard shows, per channel and per day, from the counters and the purchase ledger. */
export function dashboardData(db: DatabaseSync, { days = 14, now = Date.now }: { days?: number; now?: () => number } = {}) {
  const since = new Date(now() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
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

  const counters = db.prepare('SELECT day, channel, metric, SUM(value) AS value FROM counters WHERE day >= ? GROUP BY day, channel, metric').all(since) as Array<{ day: string; channel: string; metric: 'turns' | 'recommendations' | 'links' | 'clicks'; value: number }>;
  for (const counter of counters) row(counter.day, counter.channel)[counter.metric] += counter.value;

  const purchases = db
    .prepare(`SELECT date(p.received_at / 1000, 'unixepoch') AS day, p.channel, COUNT(DISTINCT p.id) AS purchases,
        SUM(CASE WHEN d.commission_currency = 'JPY' THEN d.commission_cents ELSE 0 END) AS jpy,
        SUM(CASE WHEN d.commission_currency = 'USD' THEN d.commission_cents ELSE 0 END) AS usd
      FROM purchases p LEFT JOIN deliveries d ON d.purchase_id = p.id AND d.status = 'delivered'
      WHERE date(p.received_at / 1000, 'unixepoch') >= ? GROUP BY day, p.channel`)
    .all(since) as Array<{ day: string; channel: string; purchases: number; jpy: number | null; usd: number | null }>;
  for (const purchase of purchases) {
    const entry = row(purchase.day, purchase.channel);
    entry.purchases += purchase.purchases;
    entry.commissionJpy += (purchase.jpy ?? 0) / 100;
    entry.commissionUsd += (purchase.usd ?? 0) / 100;
  }

  const daily = [...rows.values()].sort((a, b) => a.day.localeCompare(b.day) || a.channel.localeCompare(b.channel));
  const sum = (pick: (r: DayRow) => number) => daily.reduce((total, r) => total + pick(r), 0);
  const totals = {
    turns: sum((r) => r.turns),
    recommendations: sum((r) => r.recommendations),
    links: sum((r) => r.links),
    clicks: sum((r) => r.clicks),
    purchases: sum((r) => r.purchases),
    commissionJpy: Math.round(sum((r) => r.commissionJpy) * 100) / 100,
    commissionUsd: Math.round(sum((r) => r.commissionUsd) * 100) / 100,
  };
  const rate = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10_000) / 10_000);
  const funnel = { linkPerRecommendation: rate(totals.links, totals.recommendations), clickPerLink: rate(totals.clicks, totals.links), purchasePerClick: rate(totals.purchases, totals.clicks) };

  const topPrograms = db
    .prepare(`SELECT program_id AS programId,
        SUM(CASE WHEN metric = 'links' THEN value ELSE 0 END) AS links,
        SUM(CASE WHEN metric = 'clicks' THEN value ELSE 0 END) AS clicks
      FROM counters WHERE day >= ? AND program_id > 0 GROUP BY program_id ORDER BY clicks DESC, links DESC LIMIT 10`)
    .all(since) as Array<{ programId: number; links: number; clicks: number }>;
  const purchasesByProgram = new Map(
    (db.prepare("SELECT program_id AS programId, COUNT(*) AS purchases FROM purchases WHERE date(received_at / 1000, 'unixepoch') >= ? GROUP BY program_id").all(since) as Array<{ programId: number; purchases: number }>).map((r) => [r.programId, r.purchases]),
  );

  return {
    since,
    days,
    daily,
    totals,
    funnel,
    topPrograms: topPrograms.map((program) => ({ ...program, purchases: purchasesByProgram.get(program.programId) ?? 0 })),
  };
}

export type DashboardData = ReturnType<typeof dashboardData>;
