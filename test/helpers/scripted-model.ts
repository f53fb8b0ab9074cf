import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { MockLanguageModelV4, convertArrayToReadableStream } from 'ai/test';

/** One model call of a scripted conversation: a tool call, or text (maybe computed from the prompt). */
export type ScriptStep =
  | { tool: string; input: Record<string, unknown> }
  | { text: string | ((options: LanguageModelV4CallOptions) => string) }
  | { error: string };

const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } };

function parts(step: ScriptStep, options: LanguageModelV4CallOptions, call: number): LanguageModelV4StreamPart[] {
  if ('error' in step) return [{ type: 'stream-start', warnings: [] }, { type: 'error', error: new Error(step.error) }];
  if ('tool' in step) {
    return [
      { type: 'stream-start', warnings: [] },
      { type: 'tool-call', toolCallId: `call-${call}`, toolName: step.tool, input: JSON.stringify(step.input) },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage },
    ];
  }
  const text = typeof step.text === 'function' ? step.text(options) : step.text;
  const words = text.split(/(?<= )/);
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...words.map((delta): LanguageModelV4StreamPart => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
  ];
}

/** A MockLanguageModelV4 that plays the steps in order (the last one repeats), recording every prompt. */
export function scriptedModel(steps: ScriptStep[]) {
  let call = 0;
  const model = new MockLanguageModelV4({
    doStream: async (options) => {
      const step = steps[Math.min(call, steps.length - 1)];
      if (!step) throw new Error('empty script');
      return { stream: convertArrayToReadableStream(parts(step, options, call++)) };
    },
  });
  return model;
}

/** A model that answers every turn the same way: `first` for the turn's first call, `then` after tool results. */
export function everyTurnModel(first: ScriptStep, then: ScriptStep) {
  let call = 0;
  return new MockLanguageModelV4({
    doStream: async (options) => {
      const step = options.prompt.at(-1)?.role === 'user' ? first : then;
      return { stream: convertArrayToReadableStream(parts(step, options, call++)) };
    },
  });
}

/** The JSON value of the last tool result in a prompt. */
export function lastToolResult(options: LanguageModelV4CallOptions): unknown {
  for (let i = options.prompt.length - 1; i >= 0; i--) {
    const message = options.prompt[i];
    if (message?.role !== 'tool') continue;
    const part = message.content.at(-1);
    if (part && part.type === 'tool-result' && part.output.type === 'json') return part.output.value;
  }
  return undefined;
}
