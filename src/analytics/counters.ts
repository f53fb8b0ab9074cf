import type { Channel } from '../core/types.ts';
import type { Log } from '../log.ts';
import { type FigureRow, dayOf } from './figures.ts';

export type Metric = 'turns' | 'recommendations' | 'links' | 'clicks';

export interface Analytics {
  count(channel: Channel, metric: Metric, amount?: number, programId?: number): void;
}

/** Where a batch of counts is added up: this instance's SQLite file or Redis (see the figure sources). */
export type CountSink = (rows: FigureRow[]) => void | Promise<void>;

/**
 * The dashboard's counters per day, channel, metric (and program). Counting is a map update on the hot
 * path; the totals go to the sink in one batch every few seconds (and on close), so a turn never waits
 * for a disk sync or a network round trip. A batch the sink refuses is kept for the next flush. Until
 * `start()` the counts are flushed only when read (the figures' sources flush first) and on close.
 */
export function createCounters(save: CountSink, { log, now = Date.now, flushMs = 2_000 }: { log: Log; now?: () => number; flushMs?: number }) {
  let pending = new Map<string, FigureRow>();

  function add(row: FigureRow): void {
    const key = `${row.day}|${row.channel}|${row.metric}|${row.programId}`;
    const existing = pending.get(key);
    if (existing) existing.value += row.value;
    else pending.set(key, { ...row });
  }

  async function flush(): Promise<void> {
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    try {
      await save([...batch.values()]);
    } catch (error) {
      for (const row of batch.values()) add(row);
      log.warn({ err: error }, 'dashboard counters not saved yet; kept for the next flush');
    }
  }

  // Started by the app's start() (main.ts), not on creation: building the dashboard starts no timer.
  let timer: ReturnType<typeof setInterval> | undefined;

  return {
    count(channel: Channel, metric: Metric, amount = 1, programId = 0): void {
      add({ day: dayOf(now()), channel, metric, programId, value: amount });
    },
    flush,
    /** Flushes every `flushMs` from now on (close() flushes whatever is left). */
    start(): void {
      if (timer) return;
      timer = setInterval(() => void flush(), flushMs);
      timer.unref();
    },
    async close(): Promise<void> {
      clearInterval(timer);
      await flush();
    },
  };
}

export type Counters = ReturnType<typeof createCounters>;
