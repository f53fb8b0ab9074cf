import pg from 'pg';
import type { Log } from '../../log.ts';

const INT8 = 20;

/**
 * A connection pool to the ledger's PostgreSQL. Ledger times and amounts are BIGINT; they stay far
 * below 2^53, so this pool reads them as numbers (the default would be strings), without touching the
 * process-wide type parsers other pools may rely on.
 */
export function createPool(url: string, { log, max = 10 }: { log: Log; max?: number }): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 10_000,
    // A hung server fails a postback (the merchant retries) instead of holding it open for ever.
    statement_timeout: 15_000,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format ?? 'text'))) as pg.CustomTypesConfig['getTypeParser'] },
  });
  // An idle client whose connection drops emits here; unhandled, it would end the process.
  pool.on('error', (error) => log.error({ err: error }, 'postgres pool error'));
  return pool;
}

/** Runs `work` in one transaction on one pooled connection. */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
