import type { Log } from '../log.ts';
import { openPostgresLedger } from './postgres/open-postgres-ledger.ts';
import { openSqliteLedger } from './sqlite/open-sqlite-ledger.ts';
import type { Ledger } from './types.ts';

/** The ledger the configuration asks for: PostgreSQL with DATABASE_URL (migrated first), else SQLite in DATA_DIR. */
export async function openLedger({ DATABASE_URL, DATA_DIR }: { DATABASE_URL?: string | undefined; DATA_DIR: string }, { log }: { log: Log }): Promise<Ledger> {
  return DATABASE_URL ? openPostgresLedger(DATABASE_URL, { log }) : openSqliteLedger(DATA_DIR);
}
