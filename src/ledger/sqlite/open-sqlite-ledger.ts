import type { Ledger } from '../types.ts';
import { createSqliteFigures } from './figures.ts';
import { openDatabase } from './open-database.ts';
import { createSqlitePartnerships } from './partnerships.ts';
import { createSqlitePendingClicks } from './pending-clicks.ts';
import { createSqlitePurchases } from './purchases.ts';

/** The embedded ledger of one instance: a SQLite file in DATA_DIR. */
export function openSqliteLedger(dataDir: string, { now }: { now?: () => number } = {}): Ledger {
  const db = openDatabase(dataDir);
  const clock = now ? { now } : {};
  return {
    kind: 'sqlite',
    purchases: createSqlitePurchases(db, clock),
    pendingClicks: createSqlitePendingClicks(db, clock),
    figures: createSqliteFigures(db),
    partnerships: createSqlitePartnerships(db),
    async close() {
      db.close();
    },
  };
}
