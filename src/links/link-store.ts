import { randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import type { Channel } from '../core/types.ts';
import { type Log, silentLog } from '../log.ts';
import { createWriteBehindCache } from '../cache/write-behind-cache.ts';

export interface StoredLink {
  id: string;
  sessionId: string;
  channel: Channel;
  programId: number;
  partnershipId: number;
  trackingCode: string | undefined;
  title: string;
  fallbackUrl: string | undefined;
  createdAt: number;
}

export const LINK_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** Link ids are 128 random bits (22 base64url characters): unguessable, so a link cannot be enumerated. */
export function newLinkId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Issued links. Every listed program with an approved partnership gets one, so a list turn issues
 * several: with `writeBehindMs` (SQLite, this process the only writer, and the one that serves
 * /r/:linkId) they are served from memory at once and written in batches, so a turn never waits for a
 * disk sync; with Redis every link is written before the turn goes on.
 */
export function createLinkStore({ kv, ttlMs, log = silentLog(), writeBehindMs }: { kv: Keyv; ttlMs: number; log?: Log; writeBehindMs?: number }) {
  // Without `writeBehindMs` the cache writes through to kv at once.
  const store = createWriteBehindCache<StoredLink>({ kv, ttlMs, log, writeBehindMs });
  return {
    save: (link: StoredLink): Promise<void> => store.set(link.id, link),
    async find(id: string): Promise<StoredLink | undefined> {
      if (!LINK_ID_PATTERN.test(id)) return undefined;
      return store.get(id);
    },
    /** Writes what is still only in memory (on shutdown). */
    flush: (): Promise<void> => store.flush(),
  };
}

export type LinkStore = ReturnType<typeof createLinkStore>;
