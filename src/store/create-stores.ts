import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import KeyvRedis from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import type { Log } from '../log.ts';

/** Separate namespaces (SQLite tables, Redis key prefixes) so one concern can be cleared without the others. */
export const NAMESPACES = ['sessions', 'catalog', 'links', 'clicks', 'telegram', 'voice', 'line', 'admin'] as const;
export type Namespace = (typeof NAMESPACES)[number];
export type Stores = Record<Namespace, Keyv> & {
  kind: 'sqlite' | 'redis';
  /** Deletes expired entries from the SQLite tables (Redis expires keys itself); returns how many. */
  purgeExpired(): Promise<number>;
  /** Purges every hour from now on (background work: the app's start(), not the stores' creation). */
  start(): void;
  close(): Promise<void>;
};

const PURGE_EVERY_MS = 60 * 60_000;

export interface StoreOptions {
  /** Folder of the SQLite file (`bot.sqlite`) when no Redis URL is given. */
  dataDir: string;
  redisUrl?: string;
  /** Prefix for every Redis key, so several bots (or tests) can share one server. */
  redisPrefix?: string;
  log: Log;
}

/**
 * keyv over a SQLite file by default, or Redis when `redisUrl` is set (several instances share it).
 * Store errors are logged here and also thrown to the caller (`throwOnErrors`), never swallowed.
 */
/**
 * A SQLite table per namespace, in WAL mode with normal sync: readers no longer queue behind writes and a
 * write costs no disk flush of its own. (Money is not kept here: the purchase ledger syncs fully.)
 */
function sqliteStore(path: string, namespace: Namespace, log: Log): KeyvSqlite {
  const store = new KeyvSqlite({ uri: `sqlite://${path}`, table: `kv_${namespace}`, busyTimeout: 10_000 });
  Promise.resolve(store.query('PRAGMA journal_mode = WAL'))
    .then(() => store.query('PRAGMA synchronous = NORMAL'))
    .catch((error: unknown) => log.warn({ err: error, namespace }, 'SQLite pragmas not applied'));
  return store;
}

export function createStores({ dataDir, redisUrl, redisPrefix = 'bot', log }: StoreOptions): Stores {
  let sqlitePath: string | undefined;
  if (!redisUrl) {
    mkdirSync(dataDir, { recursive: true });
    sqlitePath = join(dataDir, 'bot.sqlite');
  }
  const tables = new Map<Namespace, KeyvSqlite>();
  const make = (namespace: Namespace): Keyv => {
    // Keyv hands its namespace to the adapter: Redis prefixes keys with it; SQLite gets a table of its own.
    let keyv: Keyv;
    if (redisUrl) {
      keyv = new Keyv({ store: new KeyvRedis(redisUrl, { keyPrefixSeparator: ':', throwOnErrors: true, connectionTimeout: 3_000 }), namespace: `${redisPrefix}:${namespace}`, useKeyPrefix: false, throwOnErrors: true });
    } else {
      const table = sqliteStore(sqlitePath as string, namespace, log);
      tables.set(namespace, table);
      keyv = new Keyv({ store: table, throwOnErrors: true });
    }
    keyv.on('error', (error: unknown) => log.error({ err: error, namespace }, 'store error'));
    return keyv;
  };
  const stores = Object.fromEntries(NAMESPACES.map((namespace) => [namespace, make(namespace)])) as Record<Namespace, Keyv>;

  // keyv only notices an expired entry when it is read again, and @keyv/sqlite never deletes it: without
  // this, every conversation, link and click de-duplication entry would stay in the file for ever.
  async function purgeExpired(): Promise<number> {
    let purged = 0;
    for (const [namespace, table] of tables) {
      const deleted = (await table.query(`DELETE FROM kv_${namespace} WHERE json_valid(value) AND json_extract(value, '$.expires') < ? RETURNING key`, Date.now())) as unknown[];
      purged += deleted.length;
    }
    if (purged > 0) log.info({ purged }, 'expired store entries deleted');
    return purged;
  }
  let purgeTimer: ReturnType<typeof setInterval> | undefined;

  return {
    ...stores,
    kind: redisUrl ? 'redis' : 'sqlite',
    purgeExpired,
    start() {
      if (purgeTimer || tables.size === 0) return;
      purgeTimer = setInterval(() => void purgeExpired().catch((error: unknown) => log.warn({ err: error }, 'expired store entries not deleted')), PURGE_EVERY_MS);
      purgeTimer.unref();
    },
    async close() {
      clearInterval(purgeTimer);
      await Promise.allSettled(NAMESPACES.map((namespace) => stores[namespace].disconnect()));
    },
  };
}
