import { TOOL_NAMES } from './contracts.ts';
import type { ToolDeps, TurnScope } from './deps.ts';
import { getLinkTool } from './get-link.ts';
import { listCategoriesTool } from './list-categories.ts';
import { programDetailsTool } from './program-details.ts';
import { recommendProgramsTool } from './recommend-programs.ts';
import { searchCatalogTool } from './search-catalog.ts';

/** The five tools of one turn, bound to that turn's session, channel and language. */
export function createTools(deps: ToolDeps, scope: TurnScope) {
  return {
    [TOOL_NAMES.recommend]: recommendProgramsTool(deps, scope),
    [TOOL_NAMES.search]: searchCatalogTool(deps, scope),
    [TOOL_NAMES.details]: programDetailsTool(deps, scope),
    [TOOL_NAMES.categories]: listCategoriesTool(deps, scope),
    [TOOL_NAMES.link]: getLinkTool(deps, scope),
  };
}

export type { ToolDeps, TurnScope } from './deps.ts';
