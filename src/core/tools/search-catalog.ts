import { tool } from 'ai';
import type { z } from 'zod';
import { rankingFor } from '../../ranking/ranking-service.ts';
import { type ProgramListOutput, type ToolErrorOutput, searchInput, toolSchemas } from './contracts.ts';
import { type ToolDeps, type TurnScope, categoryMap } from './deps.ts';
import { attachLinks } from './attach-links.ts';

/** `search_catalog`: our own ranking of the cached catalog with filters; costs no API request. */
export function searchCatalogTool(deps: ToolDeps, scope: TurnScope) {
  return tool({
    description: 'Search the program catalog by words and filters (category, reward type, minimum reward in JPY, free trial). Use when the user asks for filters or names a program.',
    inputSchema: toolSchemas.search,
    execute: async (input: z.infer<typeof searchInput>): Promise<ProgramListOutput | ToolErrorOutput> => {
      try {
        const [programs, categories] = await Promise.all([
          rankingFor(deps).rank({
            text: input.query,
            category: input.category,
            rewardType: input.reward_type,
            minReward: input.min_reward,
            freeTrial: input.free_trial,
            limit: input.limit ?? 5,
            skip: input.skip ?? 0,
          }),
          categoryMap(deps.catalog),
        ]);
        deps.analytics?.count(scope.channel, 'recommendations', programs.length);
        for (const program of programs) scope.shown.add(program.id);
        return { programs: await attachLinks(deps, scope, programs, categories) };
      } catch (error) {
        deps.log.warn({ err: error }, 'catalog search failed');
        return { error: 'The program catalog is unavailable right now.' };
      }
    },
  });
}
