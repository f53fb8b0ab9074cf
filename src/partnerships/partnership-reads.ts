import type { AgentClickClient } from '../agentclick/client.ts';
import type { Log } from '../log.ts';
import type { PartnershipRecord, PartnershipStore } from './partnership-store.ts';

/** Applications, link generation and re-reads are the lowest priority in the write and read budgets. */
export const BACKGROUND = { priority: 'background' } as const;

/** What the partnership manager reads from the network (all background reads): tracking links, partnerships, programs that review. */
export function createPartnershipReads({ client, store, log, now }: { client: AgentClickClient; store: PartnershipStore; log: Log; now: () => number }) {
  /** The partnership with its plain tracking URL (the redirect of last resort); unchanged when it cannot be generated now. */
  async function withFallback(record: PartnershipRecord): Promise<PartnershipRecord> {
    try {
      const links = await client.call('publisher.links_generate', { partnership_id: record.partnershipId }, BACKGROUND);
      return { ...record, trackingCode: record.trackingCode ?? links.tracking_code ?? undefined, fallbackUrl: links.url };
    } catch (error) {
      log.debug({ err: error, programId: record.programId }, 'tracking link not generated yet');
      return record;
    }
  }

  /** Reads every partnership the network has for this key: approvals and rejections of pending ones, and ones we did not know. */
  async function refreshFromNetwork(): Promise<void> {
    const known = new Map((await store.all()).map((record) => [record.programId, record]));
    for (let page = 1; page <= 40; page++) {
      const data = await client.call('publisher.partnerships_list', { page, per_page: 50 }, BACKGROUND);
      for (const listed of data.partnerships) {
        if (!listed.program_id || listed.status === 'cancelled') continue;
        const before = known.get(listed.program_id);
        // Unchanged: nothing is written (every write to the ledger is a synchronous, fsynced transaction).
        if (before && before.status === listed.status && before.partnershipId === listed.partnership_id) continue;
        let record: PartnershipRecord = {
          programId: listed.program_id,
          partnershipId: listed.partnership_id,
          status: listed.status,
          trackingCode: listed.tracking_code ?? before?.trackingCode,
          fallbackUrl: before?.partnershipId === listed.partnership_id ? before.fallbackUrl : undefined,
          appliedAt: before?.appliedAt ?? now(),
          checkedAt: now(),
        };
        if (record.status === 'approved' && !record.fallbackUrl) record = await withFallback(record);
        await store.put(record);
        if (before?.status === 'pending') log.debug({ programId: record.programId, status: record.status }, 'partnership review done');
      }
      if (!data.pagination || page >= data.pagination.total_pages) break;
    }
  }

  /** Which programs review their partners (`auto_approve: false`), from the search API (4 reads for 160 programs); empty when it cannot say. */
  async function reviewingPrograms(): Promise<Set<number>> {
    const found = new Set<number>();
    try {
      for (let page = 1; page <= 20; page++) {
        // Read from each program's own flag: a search filter on `false` is not something every server honours.
        const data = await client.call('publisher.programs_search', { page, per_page: 50 }, BACKGROUND);
        for (const program of data.programs) if (program.auto_approve === false) found.add(program.id);
        if (!data.pagination || page >= data.pagination.total_pages) break;
      }
    } catch (error) {
      log.debug({ err: error }, 'programs that review partners not known; applying in catalog order');
    }
    return found;
  }

  return { withFallback, refreshFromNetwork, reviewingPrograms };
}
