/** Turns one decision into V4 content (doGenerate) or stream parts (doStream), with usage figures. */
import type { LanguageModelV4Content, LanguageModelV4FinishReason, LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider';
import type { Decision } from './types.ts';

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/** Splits text into small deltas on word boundaries (about 12 characters; 6 for Japanese) so the UI visibly streams. */
export function chunkText(text: string): string[] {
  const size = JAPANESE.test(text) ? 6 : 12;
  const chunks: string[] = [];
  let current = '';
  for (const { segment } of segmenter.segment(text)) {
    current += segment;
    if (current.length >= size) {
      chunks.push(current);
      current = '';
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/** Token counts approximated as characters / 4: close enough for budgets and dashboards. */
export function estimateUsage(inputCharacters: number, outputCharacters: number): LanguageModelV4Usage {
  const input = Math.ceil(inputCharacters / 4);
  const output = Math.ceil(outputCharacters / 4);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  };
}

export function finishReason(decision: Decision): LanguageModelV4FinishReason {
  return decision.type === 'text' ? { unified: 'stop', raw: 'stop' } : { unified: 'tool-calls', raw: 'tool_calls' };
}

export function outputLength(decision: Decision): number {
  return decision.type === 'text' ? decision.text.length : decision.toolName.length + JSON.stringify(decision.input).length;
}

export function decisionContent(decision: Decision, toolCallId: string): LanguageModelV4Content[] {
  return decision.type === 'text'
    ? [{ type: 'text', text: decision.text }]
    : [{ type: 'tool-call', toolCallId, toolName: decision.toolName, input: JSON.stringify(decision.input) }];
}

export interface StreamIds {
  textId: string;
  toolCallId: string;
}

export function decisionParts(decision: Decision, ids: StreamIds, usage: LanguageModelV4Usage): LanguageModelV4StreamPart[] {
  const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
  if (decision.type === 'text') {
    parts.push({ type: 'text-start', id: ids.textId });
    for (const delta of chunkText(decision.text)) parts.push({ type: 'text-delta', id: ids.textId, delta });
    parts.push({ type: 'text-end', id: ids.textId });
  } else {
    parts.push(...decisionContent(decision, ids.toolCallId).flatMap((part) => (part.type === 'tool-call' ? [part] : [])));
  }
  parts.push({ type: 'finish', finishReason: finishReason(decision), usage });
  return parts;
}

export interface PaceOptions {
  /** Pause before each text delta, so a demo UI shows the text arriving; 0 sends everything at once. */
  delayMs: number;
  signal: AbortSignal | undefined;
}

/** A pull-based stream: one part per read, paced, and ended with the abort reason when the caller aborts. */
export function toReadableStream(parts: readonly LanguageModelV4StreamPart[], { delayMs, signal }: PaceOptions): ReadableStream<LanguageModelV4StreamPart> {
  let index = 0;
  return new ReadableStream<LanguageModelV4StreamPart>({
    async pull(controller) {
      if (signal?.aborted) {
        controller.error(signal.reason);
        return;
      }
      const part = parts[index];
      if (part === undefined) {
        controller.close();
        return;
      }
      if (delayMs > 0 && part.type === 'text-delta') {
        try {
          await pause(delayMs, signal);
        } catch (error) {
          controller.error(error);
          return;
        }
      }
      index += 1;
      controller.enqueue(part);
    },
  });
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
