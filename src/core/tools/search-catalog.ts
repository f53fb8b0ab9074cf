import { tool } from 'ai';
import type { z } from 'zod';
import { type ProgramListOutput, type ToolErrorOutput, searchInput, toolSchemas } from './contracts.ts';
import { type ToolDeps, type TurnScope, categoryMap } from './deps.ts';
import { attachLinks } from './attach-links.ts';

/** `search_catalog`: the cached catalog's local index, with filters; costs no API request. */
export function searchCatalogTool(deps: ToolDeps, scope: TurnScope) {
  return tool({
    description: 'Search the program catalog by words and filters (category, reward type, minimum reward in JPY). Use when the user asks for filters or names a program.',
    inputSchema: toolSchemas.search,
    execute: async (input: z.infer<typeof searchInput>): Promise<ProgramListOutput | ToolErrorOutput> => {
      try {
        const { skip = 0, limit = 5, ...filters } = input;
        const [ranked, categories] = await Promise.all([deps.catalog.search({ ...filters, limit: skip + limit }), categoryMap(deps.catalog)]);
        const programs = ranked.slice(skip);
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
