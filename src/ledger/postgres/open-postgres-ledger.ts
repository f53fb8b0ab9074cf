import type { Log } from '../../log.ts';
import type { Ledger } from '../types.ts';
import { createPostgresFigures } from './figures.ts';
import { migrate } from './migrate.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import { createPostgresPartnerships } from './partnerships.ts';
import { createPostgresPendingClicks } from './pending-clicks.ts';
import { createPool } from './pool.ts';
import { createPostgresPurchases } from './purchases.ts';

export interface PostgresLedgerOptions {
  log: Log;
  now?: () => number;
  /** Connections this instance may hold. */
  poolSize?: number;
}

/** The shared ledger (DATABASE_URL): connects, migrates the schema to the newest version, and is ready. */
export async function openPostgresLedger(url: string, { log, now, poolSize }: PostgresLedgerOptions): Promise<Ledger> {
  const pool = createPool(url, { log, ...(poolSize ? { max: poolSize } : {}) });
  try {
    const applied = await migrate(pool, POSTGRES_MIGRATIONS);
    if (applied.length > 0) log.info({ applied }, 'ledger schema migrated');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const clock = now ? { now } : {};
  return {
    kind: 'postgres',
    purchases: createPostgresPurchases(pool, clock),
    pendingClicks: createPostgresPendingClicks(pool, clock),
    figures: createPostgresFigures(pool),
    partnerships: createPostgresPartnerships(pool),
    close: () => pool.end(),
  };
}
