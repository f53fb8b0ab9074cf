import { TOOL_NAMES } from './contracts.ts';

type ToolName = (typeof TOOL_NAMES)[keyof typeof TOOL_NAMES];

const LIST_TOOLS = new Set<string>([TOOL_NAMES.recommend, TOOL_NAMES.search]);

function listedPrograms(output: unknown): boolean {
  return typeof output === 'object' && output !== null && 'programs' in output && Array.isArray(output.programs) && output.programs.length > 0;
}

/**
 * The tools to offer on the next step of a turn. Every tool definition goes with every model call
 * (about 600 tokens for the five); once the last step listed programs, what remains is to answer, or
 * to give details or a link for one of them, so only those two are sent. After anything else (an
 * empty list, an error, details, a link) every tool stays available. Undefined: all tools.
 */
export function activeToolsAfter(steps: ReadonlyArray<{ toolResults: ReadonlyArray<{ toolName: string; output: unknown }> }>): ToolName[] | undefined {
  const results = steps.at(-1)?.toolResults ?? [];
  const listed = results.length > 0 && results.every((result) => LIST_TOOLS.has(result.toolName) && listedPrograms(result.output));
  return listed ? [TOOL_NAMES.details, TOOL_NAMES.link] : undefined;
}
