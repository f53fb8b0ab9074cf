import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test server: 127.0.0.1:5432, user postgres, trust auth (see .ci/run). */
const SERVER = 'postgres://postgres@127.0.0.1:5432';

export interface TestDatabase {
  url: string;
  /** Drops the database, ending any connection still open on it. */
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database of this test's own, with a random name, empty (no schema): the bot migrates it. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `bot_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  return {
    url: `${SERVER}/${name}`,
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
