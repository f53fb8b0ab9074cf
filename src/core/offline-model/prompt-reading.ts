/**
 * Reads a V4 prompt into what the offline model needs: the instructions, the user's latest words,
 * and every tool result so far (with the input of the call that produced it), oldest first.
 */
import type { LanguageModelV4Prompt, LanguageModelV4ToolResultOutput } from '@ai-sdk/provider';

export interface ToolResultView {
  toolCallId: string;
  toolName: string;
  /** The arguments of the matching tool call, when the prompt still holds it. */
  input: unknown;
  /** The tool's JSON output; failures are normalised to `{ error }` like the tools report them. */
  output: unknown;
  /** True when the result came after the latest user message, i.e. in the turn being answered. */
  currentTurn: boolean;
}

export interface PromptView {
  instructions: string;
  lastUserText: string;
  results: ToolResultView[];
  /** Tool calls the prompt already holds: a base for ids that stay unique within the conversation. */
  toolCallCount: number;
  /** A rough size of the prompt in characters, for usage figures. */
  characters: number;
}

export function readPrompt(prompt: LanguageModelV4Prompt): PromptView {
  const instructions: string[] = [];
  const inputs = new Map<string, unknown>();
  const results: ToolResultView[] = [];
  const resultMessageIndex: number[] = [];
  let lastUserText = '';
  let lastUserIndex = -1;
  let toolCallCount = 0;
  let characters = 0;

  prompt.forEach((message, index) => {
    if (message.role === 'system') {
      instructions.push(message.content);
      characters += message.content.length;
      return;
    }
    if (message.role === 'user') {
      const text = message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
      characters += text.length;
      if (text.trim() !== '') {
        lastUserText = text;
        lastUserIndex = index;
      }
      return;
    }
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning') characters += part.text.length;
      if (part.type === 'tool-call') {
        toolCallCount += 1;
        inputs.set(part.toolCallId, part.input);
        characters += jsonLength(part.input);
      }
      if (part.type === 'tool-result') {
        const output = outputValue(part.output);
        characters += jsonLength(output);
        results.push({ toolCallId: part.toolCallId, toolName: part.toolName, input: inputs.get(part.toolCallId), output, currentTurn: false });
        resultMessageIndex.push(index);
      }
    }
  });
  // A result belongs to the turn being answered only if it came after the last user message.
  results.forEach((result, i) => {
    result.currentTurn = (resultMessageIndex[i] ?? -1) > lastUserIndex;
  });
  return { instructions: instructions.join('\n'), lastUserText, results, toolCallCount, characters };
}

/** Normalises every output shape to a JSON value; errors and denials become `{ error }`. */
export function outputValue(output: LanguageModelV4ToolResultOutput): unknown {
  switch (output.type) {
    case 'json':
      return output.value;
    case 'text':
      return parseMaybeJson(output.value);
    case 'content':
      return parseMaybeJson(output.value.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join(''));
    case 'error-text':
      return { error: output.value };
    case 'error-json':
      return { error: typeof output.value === 'string' ? output.value : 'tool failed' };
    case 'execution-denied':
      return { error: output.reason ?? 'execution denied' };
  }
}

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}
