/**
 * The embedded default model: a deterministic, template-based LanguageModelV4 that picks tools and
 * writes honest replies in English or Japanese, so the bot works with no API key at all.
 */
import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { offlineOptionsOf } from './call-options.ts';
import { decide } from './decide.ts';
import { OFFLINE_PROVIDER } from './provider.ts';
import { readPrompt } from './prompt-reading.ts';
import { decisionContent, decisionParts, estimateUsage, finishReason, outputLength, toReadableStream } from './stream.ts';
import type { Decision } from './types.ts';

export interface OfflineModelOptions {
  /** Pause before each streamed text delta in milliseconds (default 0). A demo can set ~20 to show typing. */
  chunkDelayMs?: number;
}

export { OFFLINE_PROVIDER };
export const OFFLINE_MODEL_ID = 'offline-templates-1';

export function createOfflineModel({ chunkDelayMs = 0 }: OfflineModelOptions = {}): LanguageModelV4 {
  let calls = 0;

  function plan(options: LanguageModelV4CallOptions) {
    throwIfAborted(options.abortSignal);
    const view = readPrompt(options.prompt);
    const decision: Decision = decide(view, offeredTools(options), offlineOptionsOf(options.providerOptions));
    calls += 1;
    // Unique within the conversation (it counts the calls already in the prompt) and within this instance.
    const suffix = `${view.toolCallCount + 1}-${calls}`;
    const usage = estimateUsage(view.characters, outputLength(decision));
    return { decision, usage, toolCallId: `offline-call-${suffix}`, textId: `offline-text-${suffix}` };
  }

  return {
    specificationVersion: 'v4',
    provider: OFFLINE_PROVIDER,
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},

    async doGenerate(options) {
      const { decision, usage, toolCallId } = plan(options);
      return {
        content: decisionContent(decision, toolCallId),
        finishReason: finishReason(decision),
        usage,
        warnings: [],
        response: { modelId: OFFLINE_MODEL_ID },
      };
    },

    async doStream(options) {
      const { decision, usage, toolCallId, textId } = plan(options);
      const parts = decisionParts(decision, { toolCallId, textId }, usage);
      return { stream: toReadableStream(parts, { delayMs: chunkDelayMs, signal: options.abortSignal }) };
    },
  };
}

/** Function tools on offer; `toolChoice: none` offers none. */
function offeredTools(options: LanguageModelV4CallOptions): ReadonlySet<string> {
  const choice = options.toolChoice;
  if (choice?.type === 'none') return new Set();
  const names = (options.tools ?? []).flatMap((tool) => (tool.type === 'function' ? [tool.name] : []));
  return new Set(choice?.type === 'tool' ? names.filter((name) => name === choice.toolName) : names);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
}
