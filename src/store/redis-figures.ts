import type { Purchase } from '../ledger/types.ts';
import type { Log } from '../log.ts';
import type { RedisClient } from './redis-client.ts';
import { type CountSink, type Counters, createCounters } from '../analytics/counters.ts';
import { COMMISSION_METRIC, type DashboardFigures, type FigureMetric, type FigureRow, type FigureSource, dayOf } from '../analytics/figures.ts';

const KEEP_SECONDS = 400 * 86_400;
const PURCHASE_MEMORY_MS = 90 * 86_400_000;

export interface RedisFiguresOptions {
  prefix?: string;
  log: Log;
  now?: () => number;
}

/**
 * The dashboard's figures shared by every instance, in Redis: one hash per day, a field per
 * channel|metric|program. Turn-side counts go through the same batching counters as with SQLite; a
 * purchase is counted by the first instance that sees its order id (the same purchase may be posted to
 * several), and commission by the instance that delivered it.
 */
export function createRedisFigures(redis: RedisClient, { prefix = 'bot', log, now = Date.now }: RedisFiguresOptions): DashboardFigures {
  const dayKey = (day: string) => `${prefix}:figures:${day}`;

  const save: CountSink = async (rows) => {
    const batch = redis.multi();
    for (const row of rows) batch.hIncrBy(dayKey(row.day), `${row.channel}|${row.metric}|${row.programId}`, row.value);
    for (const day of new Set(rows.map((row) => row.day))) batch.expire(dayKey(day), KEEP_SECONDS);
    await batch.exec();
  };
  const counters: Counters = createCounters(save, { log, now });
  const one = (purchase: Purchase, metric: FigureMetric, value: number): FigureRow => ({ day: dayOf(purchase.receivedAt), channel: purchase.channel, metric, programId: purchase.programId, value });

  const source: FigureSource = {
    shared: true,
    async rows(since) {
      await counters.flush();
      const days: string[] = [];
      for (let at = Date.parse(`${since}T00:00:00Z`), today = dayOf(now()); dayOf(at) <= today; at += 86_400_000) days.push(dayOf(at));
      const hashes = await Promise.all(days.map((day) => redis.hGetAll(dayKey(day))));
      return hashes.flatMap((hash, i) =>
        Object.entries(hash).map(([field, value]): FigureRow => {
          const [channel = '', metric = '', programId = '0'] = field.split('|');
          return { day: days[i] ?? '', channel, metric: metric as FigureMetric, programId: Number(programId), value: Number(value) };
        }),
      );
    },
  };

  return {
    analytics: counters,
    source,
    // Counted once across instances, by order id.
    async purchaseAccepted(purchase: Purchase): Promise<void> {
      try {
        const first = await redis.set(`${prefix}:figures:purchase:${purchase.orderId}`, '1', { condition: 'NX', expiration: { type: 'PX', value: PURCHASE_MEMORY_MS } });
        if (first === 'OK') await save([one(purchase, 'purchases', 1)]);
      } catch (error) {
        log.error({ err: error, orderId: purchase.orderId }, 'purchase not counted on the shared dashboard');
      }
    },
    async commissionEarned(purchase: Purchase, commission: { cents: number; currency: string }): Promise<void> {
      const metric = COMMISSION_METRIC[commission.currency];
      if (!metric || commission.cents === 0) return;
      try {
        await save([one(purchase, metric, commission.cents)]);
      } catch (error) {
        log.error({ err: error, orderId: purchase.orderId }, 'commission not counted on the shared dashboard');
      }
    },
    start: () => counters.start(),
    close: () => counters.close(),
  };
}
