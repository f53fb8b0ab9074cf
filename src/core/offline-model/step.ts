/** What every decision in one step shares: the reply language, its templates, and the tools on offer. */
import type { Replies } from './replies.ts';
import type { Decision, Lang, ToolName } from './types.ts';

export interface StepContext {
  lang: Lang;
  replies: Replies;
  /** Tools offered in this call; only these may be called. */
  tools: ReadonlySet<string>;
}

/** A tool call when the tool is on offer; otherwise an honest "can't do that now". */
export function callTool(step: StepContext, toolName: ToolName, input: Record<string, unknown>): Decision {
  return step.tools.has(toolName) ? { type: 'tool-call', toolName, input } : reply(step.replies.cannotNow());
}

export function reply(text: string): Decision {
  return { type: 'text', text };
}
