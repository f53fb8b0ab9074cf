import { z } from 'zod';
import type { ActionHandler } from '../action-context.ts';
import { parseParams, positiveIntParam, stringParam } from '../params.ts';
import { programSummary } from '../present.ts';

/**
 * agent.recommend: ranks by relevance to `use_case` (English or Japanese) and never by reward.
 * Without a use case, filtered programs come in catalog order, which is neutral too.
 */
export const recommend: ActionHandler = ({ params, catalog, search }) => {
  const p = parseParams(params, {
    use_case: stringParam.optional(),
    category_slug: stringParam.optional(),
    category_id: positiveIntParam.optional(),
    reward_type: z.enum(['cpa', 'cpc', 'cpi']).optional(),
    limit: positiveIntParam.optional(),
  });
  const limit = Math.min(20, p.limit ?? 5);
  const allowed = (id: number) => {
    const program = catalog.byId.get(id);
    return (
      program !== undefined &&
      (p.category_slug === undefined || program.category_slug === p.category_slug) &&
      (p.category_id === undefined || program.category_id === p.category_id) &&
      (p.reward_type === undefined || program.reward_type === p.reward_type)
    );
  };
  const ranked =
    p.use_case === undefined
      ? catalog.programs.filter((program) => allowed(program.id)).map((program) => ({ id: program.id, score: 1, terms: [] as string[] }))
      : search.search(p.use_case, allowed);
  const top = ranked.slice(0, limit);
  const best = top[0]?.score ?? 1;
  return {
    data: {
      use_case: p.use_case ?? null,
      programs: top.map((hit) => {
        const program = catalog.byId.get(hit.id);
        if (!program) throw new Error(`search index names unknown program ${hit.id}`);
        return {
          ...programSummary(program),
          score: Math.round((hit.score / best) * 1000) / 1000,
          match_reason: hit.terms.length > 0 ? `matches: ${hit.terms.join(', ')}` : null,
        };
      }),
    },
  };
};
