import type { DatabaseSync } from 'node:sqlite';
import type { Channel } from '../core/types.ts';
import { transaction } from '../db/open-database.ts';

export type Metric = 'turns' | 'recommendations' | 'links' | 'clicks';

export interface Analytics {
  count(channel: Channel, metric: Metric, amount?: number, programId?: number): void;
}

/**
 * The dashboard's counters per day, channel, metric (and program). Counting is a map update on the hot
 * path; the totals go to SQLite in one transaction every few seconds (and on close), so a turn never
 * waits for a disk sync.
 */
export function createCounters(db: DatabaseSync, { now = Date.now, flushMs = 2_000 }: { now?: () => number; flushMs?: number } = {}) {
  let pending = new Map<string, number>();
  const upsert = db.prepare(`INSERT INTO counters (day, channel, metric, program_id, value) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (day, channel, metric, program_id) DO UPDATE SET value = value + excluded.value`);

  function flush(): void {
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    transaction(db, () => {
      for (const [key, value] of batch) {
        const [day, channel, metric, programId] = key.split('|') as [string, string, string, string];
        upsert.run(day, channel, metric, Number(programId), value);
      }
    });
  }

  const timer = setInterval(flush, flushMs);
  timer.unref();

  return {
    count(channel: Channel, metric: Metric, amount = 1, programId = 0): void {
      const key = `${new Date(now()).toISOString().slice(0, 10)}|${channel}|${metric}|${programId}`;
      pending.set(key, (pending.get(key) ?? 0) + amount);
    },
    flush,
    close(): void {
      clearInterval(timer);
      flush();
    },
  };
}

export type Counters = ReturnType<typeof createCounters>;
