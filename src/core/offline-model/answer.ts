/**
 * Writes the turn's answer from the tool results it produced. Two follow-up calls are allowed before
 * answering: categories after an empty search (once), and details/link after a name lookup found
 * exactly one program of that name. Anything else ends the turn with text.
 */
import { TOOL_NAMES } from '../tools/contracts.ts';
import { callTool, reply as text, type StepContext } from './step.ts';
import { isListTool } from './history.ts';
import { strongMatches } from './names.ts';
import type { ToolResultView } from './prompt-reading.ts';
import { categoriesOf, detailsOf, errorOf, linkOf, programListOf } from './tool-outputs.ts';
import type { Decision, Intent } from './types.ts';

export function answerFromResults(intent: Intent, current: readonly ToolResultView[], step: StepContext): Decision {
  const { replies } = step;
  const last = current.at(-1);
  if (last === undefined || errorOf(last.output) !== undefined) return text(replies.toolError());
  const called = (toolName: string) => current.some((result) => result.toolName === toolName);

  if (isListTool(last.toolName)) {
    const programs = programListOf(last.output);
    if (programs === undefined) return text(replies.toolError());
    const lookup = (intent.kind === 'details' || intent.kind === 'link') && intent.target.kind === 'name' ? { action: intent.kind, name: intent.target.name } : undefined;
    if (lookup !== undefined) {
      const matches = strongMatches(lookup.name, programs);
      const toolName = lookup.action === 'link' ? TOOL_NAMES.link : TOOL_NAMES.details;
      // A search that found just one program found the one meant, even under its name in the other language.
      const only = matches.length === 1 ? matches[0] : programs.length === 1 ? programs[0] : undefined;
      if (only !== undefined && !called(toolName)) return callTool(step, toolName, { program_id: only.id });
      return text(programs.length === 0 ? replies.notFoundName(lookup.name) : replies.nameCandidates(lookup.name, programs));
    }
    if (intent.kind === 'more') return text(programs.length === 0 ? replies.noMore(intent.cheaper) : replies.moreList(programs, intent.cheaper));
    if (programs.length === 0) {
      if (step.tools.has(TOOL_NAMES.categories) && !called(TOOL_NAMES.categories)) return callTool(step, TOOL_NAMES.categories, {});
      return text(replies.noneFound([]));
    }
    return text(replies.programList(programs, last.toolName === TOOL_NAMES.recommend ? 'recommend' : 'search'));
  }

  switch (last.toolName) {
    case TOOL_NAMES.categories: {
      const categories = categoriesOf(last.output) ?? [];
      const afterEmptySearch = current.some((result) => isListTool(result.toolName) && programListOf(result.output)?.length === 0);
      return text(afterEmptySearch ? replies.noneFound(categories) : replies.categories(categories));
    }
    case TOOL_NAMES.details: {
      const program = detailsOf(last.output);
      return text(program === undefined ? replies.toolError() : replies.details(program));
    }
    case TOOL_NAMES.link: {
      const link = linkOf(last.output);
      return text(link === undefined ? replies.toolError() : replies.link(link));
    }
    default:
      return text(replies.toolError());
  }
}
