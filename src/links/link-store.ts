import { randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import type { Channel } from '../core/types.ts';

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

export function createLinkStore({ kv, ttlMs }: { kv: Keyv; ttlMs: number }) {
  return {
    async save(link: StoredLink): Promise<void> {
      await kv.set(link.id, link, ttlMs);
    },
    async find(id: string): Promise<StoredLink | undefined> {
      if (!LINK_ID_PATTERN.test(id)) return undefined;
      return (await kv.get<StoredLink>(id)) ?? undefined;
    },
  };
}

export type LinkStore = ReturnType<typeof createLinkStore>;
