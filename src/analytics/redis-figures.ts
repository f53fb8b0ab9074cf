import type { Purchase } from '../attribution/purchase-ledger.ts';
import type { Channel } from '../core/types.ts';
import type { Log } from '../log.ts';
import type { RedisClient } from '../store/redis-client.ts';
import type { Analytics, Metric } from './counters.ts';
import { COMMISSION_METRIC, type FigureMetric, type FigureRow, type FigureSource, dayOf } from './figures.ts';

const KEEP_SECONDS = 400 * 86_400;
const PURCHASE_MEMORY_MS = 90 * 86_400_000;

export interface RedisFiguresOptions {
  prefix?: string;
  log: Log;
  now?: () => number;
  flushMs?: number;
}

/**
 * The dashboard's figures shared by every instance, in Redis: one hash per day, a field per
 * channel|metric|program. Turn-side counts are added up in memory and sent every few seconds in one
 * pipeline; a purchase is counted by the first instance that sees its order id (the same purchase may
 * be posted to several), and commission by the instance that delivered it.
 */
export function createRedisFigures(redis: RedisClient, { prefix = 'bot', log, now = Date.now, flushMs = 2_000 }: RedisFiguresOptions) {
  const dayKey = (day: string) => `${prefix}:figures:${day}`;
  let pending = new Map<string, number>();

  async function add(entries: Map<string, number>): Promise<void> {
    if (entries.size === 0) return;
    const batch = redis.multi();
    const days = new Set<string>();
    for (const [key, value] of entries) {
      const [day = '', field = ''] = key.split('#');
      batch.hIncrBy(dayKey(day), field, value);
      days.add(day);
    }
    for (const day of days) batch.expire(dayKey(day), KEEP_SECONDS);
    await batch.exec();
  }

  const entry = (at: number, channel: string, metric: FigureMetric, programId: number) => `${dayOf(at)}#${channel}|${metric}|${programId}`;

  async function flush(): Promise<void> {
    const batch = pending;
    pending = new Map();
    try {
      await add(batch);
    } catch (error) {
      // Put them back: the next flush tries again, and nothing counted is dropped while Redis is away.
      for (const [key, value] of batch) pending.set(key, (pending.get(key) ?? 0) + value);
      log.warn({ err: error }, 'dashboard figures not saved to Redis yet');
    }
  }

  const timer = setInterval(() => void flush(), flushMs);
  timer.unref();

  const analytics: Analytics = {
    count(channel: Channel, metric: Metric, amount = 1, programId = 0) {
      const key = entry(now(), channel, metric, programId);
      pending.set(key, (pending.get(key) ?? 0) + amount);
    },
  };

  const source: FigureSource = {
    shared: true,
    async rows(since, days) {
      await flush();
      const list: string[] = [];
      for (let at = Date.parse(`${since}T00:00:00Z`), i = 0; i < days; i++, at += 86_400_000) list.push(dayOf(at));
      const hashes = await Promise.all(list.map((day) => redis.hGetAll(dayKey(day))));
      const rows: FigureRow[] = [];
      hashes.forEach((hash, i) => {
        for (const [field, value] of Object.entries(hash)) {
          const [channel = '', metric = '', programId = '0'] = field.split('|');
          rows.push({ day: list[i] ?? '', channel, metric: metric as FigureMetric, programId: Number(programId), value: Number(value) });
        }
      });
      return rows;
    },
  };

  return {
    analytics,
    source,
    /** A purchase stored by this instance: counted once across instances, by order id. */
    async purchaseAccepted(purchase: Purchase): Promise<void> {
      try {
        const first = await redis.set(`${prefix}:figures:purchase:${purchase.orderId}`, '1', { condition: 'NX', expiration: { type: 'PX', value: PURCHASE_MEMORY_MS } });
        if (first === 'OK') await add(new Map([[entry(purchase.receivedAt, purchase.channel, 'purchases', purchase.programId), 1]]));
      } catch (error) {
        log.error({ err: error, orderId: purchase.orderId }, 'purchase not counted on the shared dashboard');
      }
    },
    /** This instance delivered a purchase and the network reported its commission. */
    async commissionEarned(purchase: Purchase, commission: { cents: number; currency: string }): Promise<void> {
      const metric = COMMISSION_METRIC[commission.currency];
      if (!metric || commission.cents === 0) return;
      try {
        await add(new Map([[entry(purchase.receivedAt, purchase.channel, metric, purchase.programId), commission.cents]]));
      } catch (error) {
        log.error({ err: error, orderId: purchase.orderId }, 'commission not counted on the shared dashboard');
      }
    },
    flush,
    async close(): Promise<void> {
      clearInterval(timer);
      await flush();
    },
  };
}

export type RedisFigures = ReturnType<typeof createRedisFigures>;
