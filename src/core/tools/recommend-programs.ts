import { tool } from 'ai';
import type { z } from 'zod';
import { type ProgramListOutput, type ToolErrorOutput, recommendInput, toolSchemas } from './contracts.ts';
import { type ToolDeps, type TurnScope, categoryMap } from './deps.ts';
import { attachLinks } from './attach-links.ts';
import { tokenize } from '../../shared/tokenize.ts';

/** Recommendations for a need change only when the catalog does: an hour keeps the read budget for new needs. */
const CACHE_MS = 60 * 60_000;
/** `agent.recommend` returns at most 20 programs. */
const MAX_RECOMMEND = 20;

/** The same need in other words or order ("images generating", "generate images") shares one cache entry. */
function needKey(useCase: string): string {
  const words = [...new Set(tokenize(useCase))].sort();
  return words.length > 0 ? words.join(' ') : useCase.normalize('NFKC').toLowerCase().trim();
}

/** `recommend_programs`: AgentClick's own relevance ranking (`agent.recommend`), cached briefly, with the local index as fallback. */
export function recommendProgramsTool(deps: ToolDeps, scope: TurnScope) {
  return tool({
    description: 'Find the AI tools and services that best fit what the user wants to do. Ranked by relevance. Use first for any need the user describes.',
    inputSchema: toolSchemas.recommend,
    execute: async (input: z.infer<typeof recommendInput>): Promise<ProgramListOutput | ToolErrorOutput> => {
      const limit = input.limit ?? 3;
      const skip = input.skip ?? 0;
      // Further options ("show me others") are the next ones of a longer ranking: agent.recommend has no offset.
      const wanted = Math.min(limit + skip, MAX_RECOMMEND);
      const categories = await categoryMap(deps.catalog);
      const key = `recommend:${JSON.stringify([needKey(input.use_case), input.category ?? '', input.reward_type ?? '', wanted])}`;
      try {
        let ranked = await deps.cache.get<Awaited<ReturnType<typeof fetchRecommendations>>>(key);
        if (!ranked) {
          ranked = await fetchRecommendations(deps, input, wanted);
          await deps.cache.set(key, ranked, CACHE_MS);
        }
        const programs = ranked.slice(skip, skip + limit);
        deps.analytics?.count(scope.channel, 'recommendations', programs.length);
        for (const program of programs) scope.shown.add(program.id);
        return { programs: await attachLinks(deps, scope, programs, categories) };
      } catch (error) {
        deps.log.warn({ err: error }, 'agent.recommend failed; answering from the cached catalog');
        try {
          const local = (await deps.catalog.search({ query: input.use_case, category: input.category, reward_type: input.reward_type, limit: wanted })).slice(skip, skip + limit);
          deps.analytics?.count(scope.channel, 'recommendations', local.length);
          for (const program of local) scope.shown.add(program.id);
          return { programs: await attachLinks(deps, scope, local, categories) };
        } catch {
          return { error: 'The program directory is unavailable right now.' };
        }
      }
    },
  });
}

async function fetchRecommendations(deps: ToolDeps, input: z.infer<typeof recommendInput>, limit: number) {
  const { programs } = await deps.agentclick.call('agent.recommend', {
    use_case: input.use_case,
    limit,
    ...(input.category ? { category_slug: input.category } : {}),
    ...(input.reward_type ? { reward_type: input.reward_type } : {}),
  });
  return programs;
}
