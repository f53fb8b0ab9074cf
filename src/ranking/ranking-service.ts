import type { AgentClickClient } from '../agentclick/client.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Log } from '../log.ts';
import { tokenize } from '../shared/tokenize.ts';
import type { ApiAnswerCache } from '../cache/api-answer-cache.ts';
import { resolveCategory } from './category-resolver.ts';
import { createRanker, type Ranker } from './create-ranker.ts';
import { fuseWithNetwork } from './fuse.ts';
import type { RewardType } from './reward-filters.ts';
import { passesFilters } from './filters.ts';
import type { RankDoc, RankFilters, RankedProgram } from './types.ts';
import { type LruMap, createLruMap } from '../cache/lru-map.ts';

/** The network's ranking of a need changes only with the catalog: an hour keeps the read budget for new needs. */
const NETWORK_CACHE_MS = 60 * 60_000;
/** `agent.recommend` returns at most 20 programs; one cached answer serves every page of a list. */
const NETWORK_DEPTH = 20;
/** The network's ranking is a second opinion: it decides close calls (see fuse.ts); tuned on the development set. */
const NETWORK_WEIGHT = 0.3;
/** How many of the best matches may be checked for a free trial (their details are cached for hours). */
const TRIAL_CHECKS = 15;
/** Readings kept per catalog version: common needs and the next page of a list are ranked once, not per turn. */
const READINGS_KEPT = 500;

export interface RankRequest {
  /** The need in the user's words; empty lists the catalog in its own order. */
  text?: string;
  /** A slug, a category name in either language, or an abbreviation of one. */
  category?: string;
  rewardType?: RewardType;
  minReward?: number;
  freeTrial?: boolean;
  limit: number;
  skip?: number;
  /** Fuse with the network's own ranking (`agent.recommend`); the catalog search alone costs no request. */
  network?: boolean;
}

export interface RankingDeps {
  catalog: Catalog;
  agentclick: AgentClickClient;
  cache: ApiAnswerCache;
  log: Log;
  ranker?: Ranker;
  /** Weight of the network's ranking in the fusion (ours weighs 1). */
  networkWeight?: number;
}

/** Programs for a need: our own ranking of the cached catalog, fused with the network's when asked. */
export function createRankingService({ catalog, agentclick, cache, log, ranker = createRanker(), networkWeight = NETWORK_WEIGHT }: RankingDeps) {
  let built: { from: readonly unknown[]; index: ReturnType<Ranker['index']>; docs: Map<number, RankDoc> } | undefined;

  async function indexed() {
    const [entries, texts, categories] = await Promise.all([
      catalog.programs(),
      catalog.texts().catch((error: unknown) => {
        log.warn({ err: error }, 'program descriptions unavailable; ranking by names and categories');
        return [];
      }),
      catalog.categories().catch(() => []),
    ]);
    if (built && built.from[0] !== entries && built.from[1] === texts && built.from[2] === categories && sameListing(built.docs, entries)) {
      // The catalog refreshes every few minutes, mostly with the same programs: only rewards move,
      // and rewards never rank, so the index stays and the filters read the new rewards.
      for (const entry of entries) Object.assign(built.docs.get(entry.id) as RankDoc, { reward_type: entry.reward_type, reward_amount: entry.reward_amount });
      built.from = [entries, texts, categories];
    }
    if (!built || built.from[0] !== entries || built.from[1] !== texts || built.from[2] !== categories) {
      const text = new Map(texts.map((entry) => [entry.id, entry]));
      const english = new Map(categories.map((category) => [category.slug, category.name_en]));
      const docs = entries.map((entry): RankDoc => {
        const more = text.get(entry.id);
        return {
          ...entry,
          description: more?.description,
          description_en: more?.description_en,
          category_name: entry.category_name ?? more?.category_name,
          category_name_en: english.get(entry.category_slug ?? ''),
          keywords: entry.keywords ?? more?.keywords,
        };
      });
      built = { from: [entries, texts, categories], index: ranker.index(docs), docs: new Map(docs.map((doc) => [doc.id, doc])) };
    }
    return { ...built, categories };
  }

  async function networkRanking(text: string, filters: RankFilters): Promise<RankDoc[] | undefined> {
    const key = `recommend:${JSON.stringify([needKey(text), filters.category ?? '', filters.rewardType ?? '', NETWORK_DEPTH])}`;
    try {
      let ranked = await cache.get<RankDoc[]>(key);
      if (!ranked) {
        const answer = await agentclick.call('agent.recommend', {
          use_case: text,
          limit: NETWORK_DEPTH,
          ...(filters.category ? { category_slug: filters.category } : {}),
          ...(filters.rewardType ? { reward_type: filters.rewardType } : {}),
        });
        ranked = answer.programs;
        await cache.set(key, ranked, NETWORK_CACHE_MS);
      }
      return ranked;
    } catch (error) {
      log.warn({ err: error }, 'agent.recommend failed; ranking the cached catalog alone');
      return undefined;
    }
  }

  // Keyed by the index version (`built.from` is a new array whenever the catalog, its texts or rewards change).
  let readings: { from: unknown; kept: LruMap<string, Reading> } | undefined;

  function readingOf(text: string, request: RankRequest, index: ReturnType<Ranker['index']>, categories: Awaited<ReturnType<Catalog['categories']>>, from: unknown): Reading {
    let current = readings;
    if (current === undefined || current.from !== from) {
      current = { from, kept: createLruMap<string, Reading>(READINGS_KEPT) };
      readings = current;
    }
    const key = JSON.stringify([text, request.category ?? '', request.rewardType ?? '', request.minReward ?? null]);
    const kept = current.kept.get(key);
    if (kept) return kept;
    const need = index.understand(text);
    const category = resolveCategory(request.category ?? need.categoryName, categories, ranker.matcher);
    const filters: RankFilters = {
      ...(category ? { category } : {}),
      ...((request.rewardType ?? need.rewardType) ? { rewardType: request.rewardType ?? need.rewardType } : {}),
      ...((request.minReward ?? need.minReward) !== undefined ? { minReward: request.minReward ?? need.minReward } : {}),
    };
    const reading: Reading = { need, filters, hits: index.rank(text, filters, need) };
    current.kept.set(key, reading);
    return reading;
  }

  async function hasFreeTrial(doc: RankDoc): Promise<boolean> {
    const conditions = doc.conditions ?? (await catalog.details(doc.id).catch(() => undefined))?.reward_conditions ?? '';
    return ranker.offersFreeTrial(conditions);
  }

  return {
    async rank(request: RankRequest): Promise<RankDoc[]> {
      const { index, docs, categories, from } = await indexed();
      const text = request.text?.trim() ?? '';
      const { need, filters, hits } = readingOf(text, request, index, categories, from);
      let ranked = hits.map((hit) => docs.get(hit.id) as RankDoc);
      if (request.network && text !== '') {
        const network = await networkRanking(text, filters);
        if (network) {
          const known = new Map(ranked.map((doc) => [doc.id, doc]));
          // The network's programs that pass our filters; one missing from our cached catalog is taken as the network sent it.
          const allowed = network.filter((doc) => known.has(doc.id) || (!docs.has(doc.id) && passesFilters(doc, filters)));
          for (const doc of allowed) if (!known.has(doc.id)) known.set(doc.id, doc);
          ranked = fuseWithNetwork(hits, allowed.map((doc) => doc.id), networkWeight).map((id) => known.get(id) as RankDoc);
        }
      }
      const skip = request.skip ?? 0;
      if (!(request.freeTrial ?? need.freeTrial)) return ranked.slice(skip, skip + request.limit);
      const withTrial: RankDoc[] = [];
      for (const doc of ranked.slice(0, TRIAL_CHECKS + skip)) {
        if (await hasFreeTrial(doc)) withTrial.push(doc);
        if (withTrial.length >= skip + request.limit) break;
      }
      return withTrial.slice(skip, skip + request.limit);
    },
  };
}

/** What a request reads as, against one version of the index: the need, its filters, and our ranking. */
interface Reading {
  need: ReturnType<ReturnType<Ranker['index']>['understand']>;
  filters: RankFilters;
  hits: readonly RankedProgram[];
}

export type RankingService = ReturnType<typeof createRankingService>;

/** Whether the refreshed catalog lists the same programs under the same names and categories as the index. */
function sameListing(indexed: ReadonlyMap<number, RankDoc>, entries: ReadonlyArray<{ id: number; name: string; name_en?: string | null; category_slug?: string | null }>): boolean {
  if (indexed.size !== entries.length) return false;
  return entries.every((entry) => {
    const doc = indexed.get(entry.id);
    return doc !== undefined && doc.name === entry.name && (doc.name_en ?? null) === (entry.name_en ?? null) && (doc.category_slug ?? null) === (entry.category_slug ?? null);
  });
}


/** The same need in other words or order ("images generating", "generate images") shares one cache entry. */
export function needKey(useCase: string): string {
  const words = [...new Set(tokenize(useCase))].sort();
  return words.length > 0 ? words.join(' ') : useCase.normalize('NFKC').toLowerCase().trim();
}

const services = new WeakMap<Catalog, RankingService>();

/** One ranking service per catalog: its index is built once per catalog version, not per turn. */
export function rankingFor(deps: RankingDeps): RankingService {
  let service = services.get(deps.catalog);
  if (!service) {
    service = createRankingService(deps);
    services.set(deps.catalog, service);
  }
  return service;
}
