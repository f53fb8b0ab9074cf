import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { MockLanguageModelV4, convertArrayToReadableStream } from 'ai/test';

/** One model call: a tool call, or text (streamed word by word, as a real model streams). */
export type Step = { tool: string; input: Record<string, unknown> } | { text: string };

const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } };

function parts(step: Step, call: number): LanguageModelV4StreamPart[] {
  if ('tool' in step) {
    return [
      { type: 'stream-start', warnings: [] },
      { type: 'tool-call', toolCallId: `call-${call}`, toolName: step.tool, input: JSON.stringify(step.input) },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage },
    ];
  }
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...step.text.split(/(?<= )/).map((delta): LanguageModelV4StreamPart => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
  ];
}

/**
 * A zero-latency MockLanguageModelV4 whose every call is decided by `route` from the prompt.
 * MockLanguageModelV4 keeps every call's options in `doStreamCalls`; unless `record` is set they are
 * dropped at once, so long runs neither leak nor pay for that bookkeeping (bot and baseline alike).
 */
export function routedModel(route: (options: LanguageModelV4CallOptions) => Step, { record = false }: { record?: boolean } = {}): MockLanguageModelV4 {
  let call = 0;
  const model: MockLanguageModelV4 = new MockLanguageModelV4({
    doStream: async (options) => {
      if (!record) model.doStreamCalls.length = 0;
      return { stream: convertArrayToReadableStream(parts(route(options), call++)) };
    },
  });
  return model;
}

/** `first` for a turn's first call (the prompt ends with the user's message), `then` after tool results. */
export function everyTurnModel(first: Step, then: Step, options: { record?: boolean } = {}): MockLanguageModelV4 {
  return routedModel((call) => (call.prompt.at(-1)?.role === 'user' ? first : then), options);
}

/** The recommendation turn every timing figure uses: one recommend_programs call, then a short answer. */
export const RECOMMEND_TURN = {
  message: 'I need an AI that generates product images for my online shop',
  first: { tool: 'recommend_programs', input: { use_case: 'generate product images', limit: 3 } },
  then: { text: 'Here are three tools that fit what you describe. The first one is the closest match for product photos; ask me for details or a link.' },
} as const satisfies { message: string; first: Step; then: Step };

/** The trivial turn of the memory figure: no tool, a one-line answer. */
export const TRIVIAL_TURN = {
  message: 'hi',
  first: { text: 'Hello! Tell me what you would like to do with AI and I will suggest a tool.' },
  then: { text: 'Hello!' },
} as const satisfies { message: string; first: Step; then: Step };

export type ModelKind = 'recommend' | 'text';

export function modelFor(kind: ModelKind): MockLanguageModelV4 {
  const turn = kind === 'recommend' ? RECOMMEND_TURN : TRIVIAL_TURN;
  return everyTurnModel(turn.first, turn.then);
}
