import type Keyv from 'keyv';
import type { ActionData } from '../agentclick/actions.ts';
import type { AgentClickClient } from '../agentclick/client.ts';
import { AgentClickError } from '../agentclick/errors.ts';
import type { Log } from '../log.ts';
import { createLruMap } from '../cache/lru-map.ts';
import { createStaleWhileRefresh } from '../cache/stale-while-refresh.ts';
import { createProgramTexts } from './program-texts.ts';

export type CatalogEntry = ActionData<'agent.catalog'>['programs'][number];
export type Category = ActionData<'agent.categories'>['categories'][number];
export type ProgramDetail = ActionData<'publisher.programs_detail'>;

export interface CatalogOptions {
  client: AgentClickClient;
  kv: Keyv;
  log: Log;
  now?: () => number;
  catalogTtlMs?: number;
  detailTtlMs?: number;
  /** Program details held in memory at most (least recently asked dropped first; keyv keeps them all). */
  maxDetailLoaders?: number;
}

/**
 * The AgentClick catalog as the bot uses it: `agent.catalog` and `agent.categories` cached in keyv,
 * program details cached for 6 hours (a program's conditions, cookie days and advertiser rarely change;
 * its reward is taken from the 10-minute catalog, and partnership changes are re-read by the
 * partnership lookup itself), and program descriptions for the ranker (src/ranking).
 */
export function createCatalog({ client, kv, log, now = Date.now, catalogTtlMs = 10 * 60_000, detailTtlMs = 6 * 60 * 60_000, maxDetailLoaders = 2_000 }: CatalogOptions) {
  const programs = createStaleWhileRefresh({ kv, key: 'programs', ttlMs: catalogTtlMs, log, now, load: async () => (await client.call('agent.catalog')).programs });
  const categories = createStaleWhileRefresh({ kv, key: 'categories', ttlMs: catalogTtlMs, log, now, load: async () => (await client.call('agent.categories')).categories });
  const texts = createProgramTexts({ client, kv, log, now, ttlMs: detailTtlMs });
  // One loader per program asked about: bounded, since any id can be asked for. A dropped loader only
  // loses its memory copy; the next ask reads the stored copy from keyv.
  const details = createLruMap<number, ReturnType<typeof createStaleWhileRefresh<ProgramDetail>>>(maxDetailLoaders);
  return {
    programs: () => programs.get(),
    categories: () => categories.get(),
    /** Descriptions for the ranker (kept for hours; the lightweight catalog has none). */
    texts: () => texts.get(),

    async byId(programId: number): Promise<CatalogEntry | undefined> {
      return (await programs.get()).find((entry) => entry.id === programId);
    },

    /** Details with the partnership status (publisher role), or the public details where the key lacks that role. */
    async details(programId: number): Promise<ProgramDetail> {
      let loader = details.get(programId);
      if (!loader) {
        loader = createStaleWhileRefresh<ProgramDetail>({
          kv,
          key: `detail:${programId}`,
          ttlMs: detailTtlMs,
          keepMs: detailTtlMs * 4 * 7,
          log,
          now,
          load: async () => {
            try {
              return await client.call('publisher.programs_detail', { program_id: programId });
            } catch (error) {
              if (AgentClickError.isInstance(error) && error.code === 'forbidden') return client.call('agent.program_detail', { program_id: programId });
              throw error;
            }
          },
        });
        details.set(programId, loader);
      }
      return loader.get();
    },

    /** Forget a program's cached details, e.g. after its partnership changed. */
    forgetDetails(programId: number) {
      details.get(programId)?.dropMemory();
      details.delete(programId);
      return kv.delete(`detail:${programId}`);
    },
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
