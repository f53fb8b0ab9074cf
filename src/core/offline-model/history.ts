/** What earlier tool results tell about the conversation: the latest list, the programs seen, the one in focus. */
import type { ListedProgram } from './tool-outputs.ts';
import { TOOL_NAMES } from '../tools/contracts.ts';
import type { ToolResultView } from './prompt-reading.ts';
import { detailsOf, errorOf, linkOf, programListOf } from './tool-outputs.ts';
import type { KnownProgram } from './types.ts';

export function isListTool(toolName: string): boolean {
  return toolName === TOOL_NAMES.recommend || toolName === TOOL_NAMES.search;
}

/** The most recent non-empty program list: what "the second one" refers to. */
export function latestList(results: readonly ToolResultView[]): ListedProgram[] | undefined {
  return latestListCall(results)?.programs;
}

/** The call that produced the most recent non-empty list, with its input and programs: for "any others?". */
export function latestListCall(results: readonly ToolResultView[]): { toolName: typeof TOOL_NAMES.recommend | typeof TOOL_NAMES.search; input: Record<string, unknown>; programs: ListedProgram[] } | undefined {
  for (let i = results.length - 1; i >= 0; i--) {
    const result = results[i];
    if (result === undefined || !isListTool(result.toolName)) continue;
    const programs = programListOf(result.output);
    if (programs === undefined || programs.length === 0) continue;
    const input = typeof result.input === 'object' && result.input !== null ? (result.input as Record<string, unknown>) : {};
    return { toolName: result.toolName === TOOL_NAMES.recommend ? TOOL_NAMES.recommend : TOOL_NAMES.search, input, programs };
  }
  return undefined;
}

/** Every program any tool result has named, newest first, so a recent name wins a tie. */
export function knownPrograms(results: readonly ToolResultView[]): KnownProgram[] {
  const known: KnownProgram[] = [];
  for (const result of [...results].reverse()) {
    for (const program of programListOf(result.output) ?? []) known.push({ id: program.id, name: program.name });
    const details = detailsOf(result.output);
    if (details !== undefined) known.push({ id: details.id, name: details.name });
    const link = linkOf(result.output);
    if (link !== undefined && link.status !== 'unavailable' && link.title !== '') known.push({ id: link.program_id, name: link.title });
  }
  return known;
}

/**
 * The program the conversation is about ("it", "the link"): the newest details or link result,
 * or a list of exactly one. A longer list has no single focus.
 */
export function focusProgram(results: readonly ToolResultView[]): KnownProgram | undefined {
  for (let i = results.length - 1; i >= 0; i--) {
    const output = results[i]?.output;
    if (errorOf(output) !== undefined) continue;
    const details = detailsOf(output);
    if (details !== undefined) return { id: details.id, name: details.name };
    const link = linkOf(output);
    if (link !== undefined) return { id: link.program_id, name: link.status === 'unavailable' ? '' : link.title };
    const list = programListOf(output);
    if (list !== undefined) {
      if (list.length === 0) continue;
      const only = list.length === 1 ? list[0] : undefined;
      return only === undefined ? undefined : { id: only.id, name: only.name };
    }
    return undefined;
  }
  return undefined;
}

/** True when the newest useful result is a program's details: "yes" then means "the link, please". */
export function endsWithDetails(results: readonly ToolResultView[]): boolean {
  for (let i = results.length - 1; i >= 0; i--) {
    const output = results[i]?.output;
    if (errorOf(output) !== undefined) continue;
    return detailsOf(output) !== undefined;
  }
  return false;
}
