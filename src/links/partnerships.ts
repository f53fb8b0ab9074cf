import type Keyv from 'keyv';
import type { AgentClickClient } from '../agentclick/client.ts';
import type { Catalog } from '../catalog/catalog.ts';

export interface KnownPartnership {
  partnershipId: number;
  status: 'approved' | 'pending' | 'rejected' | 'suspended' | 'cancelled';
  trackingCode: string | undefined;
  /** A plain tracking URL from `publisher.links_generate`: the redirect of last resort when a click cannot be recorded. */
  fallbackUrl: string | undefined;
  checkedAt: number;
  /** How many times a pending application has been looked at. */
  checks?: number;
}

/** How long a pending application is trusted before it is looked at again. */
const PENDING_RECHECK_MS = 60_000;
/** Reviews take minutes in the sandbox and days on a real network: each look waits twice as long, up to 30 min. */
const PENDING_RECHECK_MAX_MS = 30 * 60_000;

/**
 * Finds, or applies for, this operator's partnership with a program. Approved partnerships are
 * remembered for good; pending ones are re-checked after 1, 2, 4 … up to 30 minutes (a read, not a write).
 */
export function createPartnerships({ client, catalog, kv, now = Date.now }: { client: AgentClickClient; catalog: Catalog; kv: Keyv; now?: () => number }) {
  const inflight = new Map<number, Promise<KnownPartnership>>();

  async function approvedWithLinks(partnershipId: number, trackingCode: string | undefined): Promise<KnownPartnership> {
    const links = await client.call('publisher.links_generate', { partnership_id: partnershipId });
    return { partnershipId, status: 'approved', trackingCode: trackingCode ?? links.tracking_code ?? undefined, fallbackUrl: links.url, checkedAt: now() };
  }

  async function resolve(programId: number): Promise<KnownPartnership> {
    const known = await kv.get<KnownPartnership>(`program:${programId}`);
    if (known?.status === 'approved') return known;
    const wait = Math.min(PENDING_RECHECK_MAX_MS, PENDING_RECHECK_MS * 2 ** Math.max(0, (known?.checks ?? 1) - 1));
    if (known && now() - known.checkedAt < wait) return known;

    let found: KnownPartnership;
    // The details tell whether a partnership exists (they are cached and shared with program_details);
    // for a pending one they are read afresh to see whether the review is done.
    const detail = known ? (await catalog.forgetDetails(programId), await catalog.details(programId)) : await catalog.details(programId);
    const current = detail.partnership;
    if (current && current.status !== 'cancelled') {
      found =
        current.status === 'approved'
          ? await approvedWithLinks(current.partnership_id, current.tracking_code ?? undefined)
          : { partnershipId: current.partnership_id, status: current.status, trackingCode: undefined, fallbackUrl: undefined, checkedAt: now(), checks: (known?.checks ?? 0) + 1 };
    } else {
      // Cached details keep saying 'no partnership'; what we learn here is read from this store instead.
      const applied = await client.applyForPartnership(programId);
      found =
        applied.status === 'approved'
          ? await approvedWithLinks(applied.partnership_id, applied.tracking_code ?? undefined)
          : { partnershipId: applied.partnership_id, status: applied.status, trackingCode: undefined, fallbackUrl: undefined, checkedAt: now(), checks: 1 };
    }
    await kv.set(`program:${programId}`, found);
    return found;
  }

  return {
    /** What this bot already knows about a program's partnership, without asking the network. */
    async known(programId: number): Promise<KnownPartnership | undefined> {
      return (await kv.get<KnownPartnership>(`program:${programId}`)) ?? undefined;
    },

    /** One lookup per program at a time, however many conversations ask at once. */
    forProgram(programId: number): Promise<KnownPartnership> {
      let pending = inflight.get(programId);
      if (!pending) {
        pending = resolve(programId).finally(() => inflight.delete(programId));
        inflight.set(programId, pending);
      }
      return pending;
    },
  };
}

export type Partnerships = ReturnType<typeof createPartnerships>;
