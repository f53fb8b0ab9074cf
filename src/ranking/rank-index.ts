import MiniSearch from 'minisearch';
import { CONCEPTS, type ConceptId, KIND_WEIGHT } from './lexicon/concepts.ts';
import { passesFilters } from './filters.ts';
import type { RankDoc, RankedProgram, RankFilters } from './types.ts';
import type { Need, Understanding } from './understand.ts';
import { normalize } from './text.ts';

/**
 * How strongly a program is about a concept, by where its catalog entry names it: keywords and
 * descriptions say what it does; a word in its name alone is often incidental ("TalkBridge" is not
 * about talking), so the name counts least.
 */
const FIELD_STRENGTH = { keywords: 1, description: 0.75, category: 0.6, name: 0.35 } as const;
/** Text search adds at most this much, so words can break ties between needs but not outvote one. */
const TEXT_WEIGHT = 2.5;
/** Programs in the category most programs with the asked capability belong to get a share of it. */
const CATEGORY_WEIGHT = 0.6;
/** How strongly a program must be about something the user already has to be pushed down. */
const EXCLUDED_AT = 0.8;
/** A program that only does the opposite direction keeps this share of its score. */
const OPPOSITE_FACTOR = 0.25;
/** Share of its score a program keeps when it offers none of the capabilities asked for. */
const UNMET_NEED_FACTOR = 0.4;
/** Weight of objects and contexts when the request also names a capability. */
const OBJECT_WITH_NEED = 0.5;
/** Words in more than this share of the programs are not searched for (when the catalog is large). */
const COMMON_SHARE = 0.02;
/** How many programs a ranking returns: enough for every page of a list and for free-trial checks. */
const DEFAULT_DEPTH = 60;
/** Concepts other than capabilities in more than this share of a large catalog are left out of its ranking. */
const BROAD_CONCEPT_SHARE = 0.1;
/** Above this many programs the text search is exact (plus prefixes), never fuzzy. */
const FUZZY_UP_TO = 2_000;
/** At most this many catalog words a query word may stand for as their beginning. */
const MAX_EXPANSIONS = 8;
/** How many programs the text search may visit for one request (the sum of its words' frequencies). */
const TEXT_BUDGET = 1_000;
/** A catalog word that only begins with the query word counts this much. */
const PREFIX_WEIGHT = 0.5;
/** The user named the program itself. */
const NAME_BONUS = 6;
const FIELD_BOOST = { keywords: 1.6, description: 1.2, category: 1, name: 0.6 };

interface Indexed {
  i: number;
  name: string;
  keywords: string;
  description: string;
  category: string;
}

export function createRankIndex(docs: readonly RankDoc[], understanding: Understanding) {
  const n = docs.length;
  const postings = new Map<ConceptId, Array<{ doc: number; strength: number }>>();
  const strengthOf: Array<Map<ConceptId, number>> = [];
  const byCategory = new Map<string, number[]>();
  const names: string[][] = [];

  docs.forEach((doc, i) => {
    const strengths = new Map<ConceptId, number>();
    const note = (concepts: Iterable<[ConceptId, number]>) => {
      for (const [concept, value] of concepts) if ((strengths.get(concept) ?? 0) < value) strengths.set(concept, value);
    };
    const flat = (text: string, strength: number) => [...understanding.matcher.match(text).keys()].map((concept): [ConceptId, number] => [concept, strength]);
    note(flat((doc.keywords ?? []).join(' | '), FIELD_STRENGTH.keywords));
    note(descriptionStrengths(understanding, [doc.description, doc.description_en]));
    note(flat(`${doc.category_name ?? ''}\n${doc.category_name_en ?? ''}`, FIELD_STRENGTH.category));
    note(flat(`${doc.name}\n${doc.name_en ?? ''}`, FIELD_STRENGTH.name));
    strengthOf.push(strengths);
    for (const [concept, strength] of strengths) {
      let list = postings.get(concept);
      if (!list) postings.set(concept, (list = []));
      list.push({ doc: i, strength });
    }
    const slug = doc.category_slug ?? '';
    let members = byCategory.get(slug);
    if (!members) byCategory.set(slug, (members = []));
    members.push(i);
    names.push([doc.name, doc.name_en ?? ''].map(normalize).filter((name) => name.length >= 4));
  });

  // Where a capability lives: the share of the programs strongly about it in each category.
  const affinity = new Map<ConceptId, Array<{ slug: string; share: number }>>();
  for (const [concept, list] of postings) {
    const strong = list.filter((entry) => entry.strength >= 0.8);
    if (strong.length === 0) continue;
    const counts = new Map<string, number>();
    for (const entry of strong) {
      const slug = docs[entry.doc]?.category_slug ?? '';
      counts.set(slug, (counts.get(slug) ?? 0) + 1);
    }
    affinity.set(
      concept,
      [...counts].map(([slug, count]) => ({ slug, share: count / strong.length })).filter((entry) => entry.share >= 0.2),
    );
  }

  // Document frequencies of the words, counted while MiniSearch reads each program once.
  const vocabulary = new Set<string>();
  const df = new Map<string, number>();
  let indexing = true;
  let current = -1;
  let seen = new Set<string>();
  const search = new MiniSearch<Indexed>({
    fields: ['name', 'keywords', 'description', 'category'],
    idField: 'i',
    extractField: (document, field) => {
      if (document.i !== current) {
        current = document.i;
        seen = new Set();
      }
      return String(document[field as keyof Indexed]);
    },
    tokenize: (text) => {
      const words = understanding.tokens(text);
      if (!indexing) return words;
      for (const word of words) {
        if (seen.has(word)) continue;
        seen.add(word);
        df.set(word, (df.get(word) ?? 0) + 1);
        if (/^[a-z]/.test(word)) vocabulary.add(word);
      }
      return words;
    },
    processTerm: (term) => term,
  });
  search.addAll(
    docs.map((doc, i) => ({
      i,
      name: `${doc.name} ${doc.name_en ?? ''}`,
      keywords: (doc.keywords ?? []).join(' '),
      description: `${doc.description ?? ''} ${doc.description_en ?? ''}`,
      category: `${doc.category_name ?? ''} ${doc.category_name_en ?? ''} ${doc.category_slug ?? ''}`,
    })),
  );
  indexing = false;
  /** A word in more than this share of a large catalog tells programs apart too little to search for. */
  const commonAt = n >= 200 ? n * COMMON_SHARE : Number.POSITIVE_INFINITY;
  /** A concept (other than a capability) in more than this share of a large catalog only adds noise and time. */
  const broadAt = n >= 1000 ? n * BROAD_CONCEPT_SHARE : Number.POSITIVE_INFINITY;
  const terms = [...df.keys()].sort();

  /**
   * A query word and the catalog's words it begins ("transcri" -> transcribe, transcription), without
   * the common ones: expanding a prefix to words in thousands of programs costs the most and tells least.
   */
  function expand(word: string): string[] {
    const found = (df.get(word) ?? 0) <= commonAt ? [word] : [];
    const prefixable = /^[a-z0-9]/.test(word) ? word.length >= 4 : word.length >= 2;
    if (!prefixable) return found;
    let low = 0;
    let high = terms.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((terms[mid] as string) < word) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < terms.length && found.length < MAX_EXPANSIONS; i++) {
      const term = terms[i] as string;
      if (!term.startsWith(word)) break;
      if (term !== word && (df.get(term) ?? 0) <= commonAt) found.push(term);
    }
    return found;
  }


  // Postings packed into typed arrays: the loops below visit thousands of them per request.
  const packed = new Map<ConceptId, { docs: Int32Array; strengths: Float64Array }>();
  for (const [concept, list] of postings) {
    packed.set(concept, { docs: Int32Array.from(list, (entry) => entry.doc), strengths: Float64Array.from(list, (entry) => entry.strength) });
  }
  const slugs = [...byCategory.keys()];
  const slugIndex = new Map(slugs.map((slug, i) => [slug, i]));
  const categoryOf = Int32Array.from(docs, (doc) => slugIndex.get(doc.category_slug ?? '') ?? 0);
  const categoryBonus = new Float64Array(slugs.length);

  // Scratch space reused by every query (ranking is synchronous): no per-query allocation of catalog size.
  const scores = new Float64Array(n);
  const needMet = new Float64Array(n);
  const stamp = new Uint32Array(n);
  let round = 0;
  const touched: number[] = [];
  const touch = (doc: number) => {
    if (stamp[doc] !== round) {
      stamp[doc] = round;
      scores[doc] = 0;
      needMet[doc] = 0;
      touched.push(doc);
    }
  };

  return {
    size: n,
    /** Whether a (stemmed) Latin word occurs anywhere in the catalog's texts. */
    knows: (word: string) => vocabulary.has(word),
    /**
     * The best `limit` programs for the need, best first; catalog order (all of it) when the need names
     * nothing. Reward never counts.
     */
    rank(need: Need, text: string, filters: RankFilters = {}, limit = DEFAULT_DEPTH): RankedProgram[] {
      if (need.concepts.size === 0 && need.words.length === 0) {
        // Nothing asked but filters (or "anything but X"): the catalog's own order, what the user has last.
        const excluded = (doc: number) => [...need.exclude].some((concept) => (strengthOf[doc]?.get(concept) ?? 0) >= EXCLUDED_AT);
        const listed = docs.flatMap((doc, i) => (passesFilters(doc, filters) ? [{ id: doc.id, score: 0, last: excluded(i) }] : []));
        return [...listed.filter((hit) => !hit.last), ...listed.filter((hit) => hit.last)].map(({ id, score }) => ({ id, score }));
      }
      round = round === 0xffffffff ? 1 : round + 1;
      if (round === 1) stamp.fill(0);
      touched.length = 0;
      const asksNeed = [...need.concepts].some(([concept, weight]) => weight >= 1 && CONCEPTS[concept].kind === 'need');
      const asked = [...need.concepts.keys()].filter((concept) => CONCEPTS[concept].kind === 'need');
      categoryBonus.fill(0);
      for (const [concept, weight] of need.concepts) {
        const list = packed.get(concept);
        const kind = CONCEPTS[concept].kind;
        if (!list || (kind !== 'need' && list.docs.length > broadAt)) continue;
        // With a capability asked for, what it works on ("blog posts" read aloud) is secondary.
        const secondary = asksNeed && kind !== 'need' ? OBJECT_WITH_NEED : 1;
        const w = weight * secondary * KIND_WEIGHT[kind] * Math.log(1 + n / list.docs.length);
        const isNeed = kind === 'need';
        for (let k = 0; k < list.docs.length; k++) {
          const doc = list.docs[k] as number;
          const gain = w * (list.strengths[k] as number);
          if (stamp[doc] !== round) {
            stamp[doc] = round;
            scores[doc] = gain;
            needMet[doc] = isNeed ? gain : 0;
            touched.push(doc);
          } else {
            scores[doc] = (scores[doc] as number) + gain;
            if (isNeed) needMet[doc] = (needMet[doc] as number) + gain;
          }
        }
        for (const { slug, share } of affinity.get(concept) ?? []) {
          const at = slugIndex.get(slug) ?? 0;
          categoryBonus[at] = (categoryBonus[at] as number) + w * share * CATEGORY_WEIGHT;
        }
      }
      for (const concept of need.exclude) {
        const list = packed.get(concept);
        if (!list) continue;
        for (let k = 0; k < list.docs.length; k++) {
          const doc = list.docs[k] as number;
          if (stamp[doc] === round && (list.strengths[k] as number) >= EXCLUDED_AT) scores[doc] = (scores[doc] as number) * OPPOSITE_FACTOR;
        }
      }
      for (const concept of need.avoid) {
        const list = packed.get(concept);
        if (!list) continue;
        for (let k = 0; k < list.docs.length; k++) {
          const doc = list.docs[k] as number;
          if (stamp[doc] !== round) continue;
          let met = 0;
          for (const c of asked) met = Math.max(met, strengthOf[doc]?.get(c) ?? 0);
          if ((list.strengths[k] as number) > met) scores[doc] = (scores[doc] as number) * OPPOSITE_FACTOR;
        }
      }
      const asWritten = new Set(need.words);
      const named: Array<{ doc: number; name: string }> = [];
      const words = withinBudget([...new Set(need.words.flatMap(expand))], (word) => df.get(word) ?? 0, asWritten);
      // A word the catalog does not contain at all may be a typo: only those get a fuzzy search, and only
      // in a catalog small enough for it (its cost grows with the vocabulary; the lexicon corrects typos anyway).
      const unknown = n < FUZZY_UP_TO ? need.words.filter((word) => /^[a-z]{6,}$/.test(word) && !df.has(word)) : [];
      if (words.length + unknown.length > 0) {
        const hits = search.search([...words, ...unknown].join(' '), {
          boost: FIELD_BOOST,
          prefix: false,
          fuzzy: (term) => (unknown.includes(term) ? 1 : false),
          boostTerm: (term) => (asWritten.has(term) ? 1 : PREFIX_WEIGHT),
          weights: { fuzzy: 0.3, prefix: PREFIX_WEIGHT },
          combineWith: 'OR',
        });
        const best = hits[0]?.score ?? 1;
        const query = normalize(text);
        for (const hit of hits) {
          const doc = Number(hit.id);
          touch(doc);
          scores[doc] = (scores[doc] as number) + (TEXT_WEIGHT * hit.score) / best;
          const name = names[doc]?.find((candidate) => query.includes(candidate));
          if (name) {
            scores[doc] = (scores[doc] as number) + NAME_BONUS;
            named.push({ doc, name });
          }
        }
      }
      // A request that is nothing but a program's name ("FlyerKit", 「FlyerKitのリンク」) is a lookup: only that program.
      if (named.length > 0) {
        let rest = normalize(text);
        for (const { name } of named) rest = rest.split(name).join(' ');
        if (understanding.tokens(rest).length === 0) {
          return named.flatMap(({ doc }) => {
            const entry = docs[doc] as RankDoc;
            return passesFilters(entry, filters) ? [{ id: entry.id, score: scores[doc] as number }] : [];
          });
        }
      }
      // The category most programs with the asked capability live in lends its share to every program
      // touched so far; its other programs join only when too few were found to fill a list.
      if (touched.length < limit) {
        for (let at = 0; at < slugs.length; at++) if ((categoryBonus[at] as number) > 0) for (const doc of byCategory.get(slugs[at] as string) ?? []) touch(doc);
      }
      const filtered = filters.category !== undefined || filters.rewardType !== undefined || filters.minReward !== undefined;
      const best = createTopK(limit);
      for (const doc of touched) {
        // When the request names a capability, what does not offer it only follows what does.
        const score = ((scores[doc] as number) + (categoryBonus[categoryOf[doc] as number] as number)) * (asksNeed && needMet[doc] === 0 ? UNMET_NEED_FACTOR : 1);
        if (score > 0 && (!filtered || passesFilters(docs[doc] as RankDoc, filters))) best.offer(doc, score);
      }
      return best.sorted().map(({ doc, score }) => ({ id: (docs[doc] as RankDoc).id, score }));
    },
  };
}

/**
 * The words to search for, rarest first, until their programs add up to TEXT_BUDGET: the rare words
 * say the most, and the search's cost grows with the programs it visits, not with the catalog.
 */
function withinBudget(words: string[], frequency: (word: string) => number, asWritten: ReadonlySet<string>): string[] {
  const kept: string[] = [];
  let spent = 0;
  for (const word of [...words].sort((a, b) => Number(asWritten.has(b)) - Number(asWritten.has(a)) || frequency(a) - frequency(b))) {
    spent += frequency(word);
    if (spent > TEXT_BUDGET && kept.length > 0) break;
    kept.push(word);
  }
  return kept;
}

/**
 * The best `limit` programs (ties in catalog order) kept in a small min-heap while the candidates
 * stream by: no array of all candidates, no sort of thousands.
 */
function createTopK(limit: number) {
  const heap: Array<{ doc: number; score: number }> = [];
  // Worse: a lower score, or the same score later in the catalog.
  const worse = (a: { doc: number; score: number }, b: { doc: number; score: number }) => a.score < b.score || (a.score === b.score && a.doc > b.doc);
  const swap = (i: number, j: number) => {
    const t = heap[i] as { doc: number; score: number };
    heap[i] = heap[j] as { doc: number; score: number };
    heap[j] = t;
  };
  return {
    offer(doc: number, score: number) {
      const item = { doc, score };
      if (heap.length < limit) {
        heap.push(item);
        for (let i = heap.length - 1; i > 0; ) {
          const parent = (i - 1) >> 1;
          if (!worse(heap[i] as typeof item, heap[parent] as typeof item)) break;
          swap(i, parent);
          i = parent;
        }
        return;
      }
      if (!worse(heap[0] as typeof item, item)) return;
      heap[0] = item;
      for (let i = 0; ; ) {
        const left = 2 * i + 1;
        const right = left + 1;
        let least = i;
        if (left < heap.length && worse(heap[left] as typeof item, heap[least] as typeof item)) least = left;
        if (right < heap.length && worse(heap[right] as typeof item, heap[least] as typeof item)) least = right;
        if (least === i) break;
        swap(i, least);
        i = least;
      }
    },
    sorted: () => [...heap].sort((a, b) => b.score - a.score || a.doc - b.doc),
  };
}

/**
 * A description says what a program is about in its first sentence and mentions other things
 * later: a concept counts more the more often both descriptions name it, and when the first sentence does.
 */
function descriptionStrengths(understanding: Understanding, texts: ReadonlyArray<string | null | undefined>): Array<[ConceptId, number]> {
  const counts = new Map<ConceptId, number>();
  const lead = new Set<ConceptId>();
  for (const text of texts) {
    if (!text) continue;
    // The first sentence and the rest are matched apart (no text is read twice).
    const first = /^[^。.!?！？]*[。.!?！？]?/u.exec(text)?.[0] ?? '';
    for (const [concept, count] of understanding.matcher.match(first)) {
      lead.add(concept);
      counts.set(concept, (counts.get(concept) ?? 0) + count);
    }
    for (const [concept, count] of understanding.matcher.match(text.slice(first.length))) counts.set(concept, (counts.get(concept) ?? 0) + count);
  }
  return [...counts].map(([concept, count]) => [concept, Math.min(1, 0.55 + 0.1 * count + (lead.has(concept) ? 0.15 : 0))]);
}

export type RankIndex = ReturnType<typeof createRankIndex>;
