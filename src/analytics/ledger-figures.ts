import type { Log } from '../log.ts';
import type { FigureStore } from '../ledger/types.ts';
import { createCounters } from './counters.ts';
import type { DashboardFigures } from './figures.ts';

/**
 * The dashboard's figures kept in the ledger (SQLite for one instance, PostgreSQL shared by all). The
 * ledger already holds each purchase once and the commission the networks reported, so the two
 * purchase events need nothing more here.
 */
export function createLedgerFigures(store: FigureStore, { log }: { log: Log }): DashboardFigures {
  const counters = createCounters((rows) => store.add(rows), { log });
  return {
    analytics: counters,
    source: {
      shared: store.shared,
      async rows(since) {
        await counters.flush();
        return store.rows(since);
      },
    },
    purchaseAccepted: async () => undefined,
    commissionEarned: async () => undefined,
    start: () => counters.start(),
    close: () => counters.close(),
  };
}
