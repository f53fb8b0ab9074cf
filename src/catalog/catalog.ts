import type Keyv from 'keyv';
import type { ActionData } from '../agentclick/actions.ts';
import type { AgentClickClient } from '../agentclick/client.ts';
import { AgentClickError } from '../agentclick/errors.ts';
import type { Log } from '../log.ts';
import { createTextIndex } from '../shared/text-index.ts';
import { createCachedLoader } from './cached-loader.ts';

export type CatalogEntry = ActionData<'agent.catalog'>['programs'][number];
export type Category = ActionData<'agent.categories'>['categories'][number];
export type ProgramDetail = ActionData<'publisher.programs_detail'>;

export interface CatalogSearch {
  query?: string;
  category?: string;
  reward_type?: 'cpa' | 'cpc' | 'cpi';
  min_reward?: number;
  limit?: number;
}

export interface CatalogOptions {
  client: AgentClickClient;
  kv: Keyv;
  log: Log;
  now?: () => number;
  catalogTtlMs?: number;
  detailTtlMs?: number;
}

/**
 * The AgentClick catalog as the bot uses it: `agent.catalog` and `agent.categories` cached in keyv,
 * program details cached for 6 hours (a program's conditions, cookie days and advertiser rarely change;
 * its reward is taken from the 10-minute catalog, and partnership changes are re-read by the
 * partnership lookup itself), and a local relevance index for `search_catalog`.
 */
export function createCatalog({ client, kv, log, now = Date.now, catalogTtlMs = 10 * 60_000, detailTtlMs = 6 * 60 * 60_000 }: CatalogOptions) {
  const programs = createCachedLoader({ kv, key: 'programs', ttlMs: catalogTtlMs, log, now, load: async () => (await client.call('agent.catalog')).programs });
  const categories = createCachedLoader({ kv, key: 'categories', ttlMs: catalogTtlMs, log, now, load: async () => (await client.call('agent.categories')).categories });
  const details = new Map<number, ReturnType<typeof createCachedLoader<ProgramDetail>>>();
  let index: { builtFrom: CatalogEntry[]; search: ReturnType<typeof createTextIndex<CatalogEntry>>['search'] } | undefined;

  async function searchIndex() {
    const [entries, cats] = await Promise.all([programs.get(), categories.get().catch(() => [] as Category[])]);
    if (index?.builtFrom !== entries) {
      const english = new Map(cats.map((category) => [category.slug, category.name_en ?? '']));
      const built = createTextIndex(entries, { name: 3, name_en: 3, category_name: 2, category_slug: 1 }, (entry, field) =>
        field === 'category_slug' ? `${entry.category_slug ?? ''} ${english.get(entry.category_slug ?? '') ?? ''}` : String(entry[field] ?? ''),
      );
      index = { builtFrom: entries, search: built.search };
    }
    return { entries, search: index.search };
  }

  return {
    programs: () => programs.get(),
    categories: () => categories.get(),

    async byId(programId: number): Promise<CatalogEntry | undefined> {
      return (await programs.get()).find((entry) => entry.id === programId);
    },

    /** Local search: relevance order when there is a query, catalog order otherwise; filters always apply. */
    async search({ query, category, reward_type, min_reward, limit = 5 }: CatalogSearch): Promise<CatalogEntry[]> {
      const { entries, search } = await searchIndex();
      const byId = new Map(entries.map((entry) => [entry.id, entry]));
      const keep = (entry: CatalogEntry) =>
        (category === undefined || entry.category_slug === category) &&
        (reward_type === undefined || entry.reward_type === reward_type) &&
        (min_reward === undefined || entry.reward_amount >= min_reward);
      const ranked = query?.trim()
        ? search(query, (id) => {
            const entry = byId.get(id);
            return entry !== undefined && keep(entry);
          }).map((hit) => byId.get(hit.id) as CatalogEntry)
        : entries.filter(keep);
      return ranked.slice(0, limit);
    },

    /** Details with the partnership status (publisher role), or the public details where the key lacks that role. */
    async details(programId: number): Promise<ProgramDetail> {
      let loader = details.get(programId);
      if (!loader) {
        loader = createCachedLoader<ProgramDetail>({
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
