import { tool } from 'ai';
import type { z } from 'zod';
import { rankingFor } from '../../ranking/ranking-service.ts';
import { type ProgramListOutput, type ToolErrorOutput, recommendInput, toolSchemas } from './contracts.ts';
import { type ToolDeps, type TurnScope, categoryMap } from './deps.ts';
import { attachLinks } from './attach-links.ts';

/**
 * `recommend_programs`: our own ranking of the cached catalog (src/ranking), fused with AgentClick's
 * `agent.recommend` (cached per need), or ours alone when the network cannot answer.
 */
export function recommendProgramsTool(deps: ToolDeps, scope: TurnScope) {
  return tool({
    description: 'Find the AI tools and services that best fit what the user wants to do, ranked by relevance. Use first for any need. Pass the need in plain words (the task, not product names).',
    inputSchema: toolSchemas.recommend,
    execute: async (input: z.infer<typeof recommendInput>): Promise<ProgramListOutput | ToolErrorOutput> => {
      try {
        const [programs, categories] = await Promise.all([
          rankingFor(deps).rank({
            text: input.use_case,
            category: input.category,
            rewardType: input.reward_type,
            limit: input.limit ?? 3,
            skip: input.skip ?? 0,
            network: true,
          }),
          categoryMap(deps.catalog),
        ]);
        deps.analytics?.count(scope.channel, 'recommendations', programs.length);
        for (const program of programs) scope.shown.add(program.id);
        return { programs: await attachLinks(deps, scope, programs, categories) };
      } catch (error) {
        deps.log.warn({ err: error }, 'recommendations unavailable');
        return { error: 'The program directory is unavailable right now.' };
      }
    },
  });
}
