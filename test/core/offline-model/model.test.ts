import type { LanguageModelV4CallOptions, LanguageModelV4FunctionTool, LanguageModelV4Prompt, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { createOfflineModel } from '../../../src/core/offline-model/index.ts';
import { TOOL_NAMES } from '../../../src/core/tools/contracts.ts';

const TOOLS: LanguageModelV4FunctionTool[] = Object.values(TOOL_NAMES).map((name) => ({ type: 'function', name, inputSchema: { type: 'object' } }));

function callOptions(prompt: LanguageModelV4Prompt, extra: Partial<LanguageModelV4CallOptions> = {}): LanguageModelV4CallOptions {
  return { prompt, tools: TOOLS, ...extra };
}

function user(text: string, instructions = 'You recommend AI tools.'): LanguageModelV4Prompt {
  return [
    { role: 'system', content: instructions },
    { role: 'user', content: [{ type: 'text', text }] },
  ];
}

async function collect(stream: ReadableStream<LanguageModelV4StreamPart>): Promise<LanguageModelV4StreamPart[]> {
  const parts: LanguageModelV4StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('createOfflineModel', () => {
  it('identifies itself as a v4 model', () => {
    const model = createOfflineModel();
    expect(model).toMatchObject({ specificationVersion: 'v4', provider: 'offline', modelId: 'offline-templates-1', supportedUrls: {} });
  });

  it('streams a tool call with a JSON string input and a tool-calls finish', async () => {
    const { stream } = await createOfflineModel().doStream(callOptions(user('I need an AI that writes code')));
    const parts = await collect(stream);
    expect(parts.map((part) => part.type)).toEqual(['stream-start', 'tool-call', 'finish']);
    const call = parts[1];
    expect(call).toMatchObject({ type: 'tool-call', toolName: TOOL_NAMES.recommend });
    if (call?.type !== 'tool-call') throw new Error('no tool call');
    expect(JSON.parse(call.input)).toEqual({ use_case: 'an AI that writes code', limit: 3 });
    const finish = parts[2];
    if (finish?.type !== 'finish') throw new Error('no finish');
    expect(finish.finishReason.unified).toBe('tool-calls');
    expect(finish.usage.inputTokens).toEqual({ total: expect.any(Number), noCache: expect.any(Number), cacheRead: 0, cacheWrite: 0 });
    expect(finish.usage.outputTokens).toEqual({ total: expect.any(Number), text: expect.any(Number), reasoning: 0 });
  });

  it('streams text as several deltas that add up to the reply', async () => {
    const model = createOfflineModel();
    const { stream } = await model.doStream(callOptions(user('こんにちは', '')));
    const parts = await collect(stream);
    const deltas = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
    expect(parts[0]).toEqual({ type: 'stream-start', warnings: [] });
    expect(parts[1]?.type).toBe('text-start');
    expect(parts.at(-2)?.type).toBe('text-end');
    expect(deltas.length).toBeGreaterThan(5);
    const generated = await model.doGenerate(callOptions(user('こんにちは', '')));
    expect(generated.content).toEqual([{ type: 'text', text: deltas.join('') }]);
    expect(generated.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
  });

  it('takes the reply language and the channel from providerOptions, not from the prompt text', async () => {
    const model = createOfflineModel();
    const text = async (options: Partial<LanguageModelV4CallOptions>, instructions?: string) => {
      const generated = await model.doGenerate(callOptions(user('hello', instructions), options));
      return generated.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
    };
    expect(await text({ providerOptions: { offline: { locale: 'ja' } } })).toMatch(/[\p{Script=Hiragana}\p{Script=Katakana}]/u);
    // Words in the instructions no longer switch the language or the channel.
    expect(await text({}, 'User language: ja\nChannel: a voice assistant')).not.toMatch(/[\p{Script=Hiragana}]/u);
    const listed = await model.doGenerate(
      callOptions(
        [
          ...user('I need an AI that writes code'),
          { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: TOOL_NAMES.recommend, input: {} }] },
          {
            role: 'tool',
            content: [{ type: 'tool-result', toolCallId: 'c1', toolName: TOOL_NAMES.recommend, output: { type: 'json', value: { programs: [{ id: 3, name: 'CodePilot X', category: 'AI Coding', reward: '¥1,000 per sale' }, { id: 17, name: 'ReviewHawk', category: 'AI Coding', reward: '¥900 per sale' }] } } }],
          },
        ],
        { providerOptions: { offline: { locale: 'en', channel: 'voice' } } },
      ),
    );
    const spoken = listed.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
    expect(spoken).toContain('I found CodePilot X and ReviewHawk');
  });

  it('is deterministic and gives every tool call its own id', async () => {
    const model = createOfflineModel();
    const first = await model.doGenerate(callOptions(user('list categories')));
    const second = await model.doGenerate(callOptions(user('list categories')));
    const [a] = first.content;
    const [b] = second.content;
    if (a?.type !== 'tool-call' || b?.type !== 'tool-call') throw new Error('expected tool calls');
    expect({ ...a, toolCallId: '' }).toEqual({ ...b, toolCallId: '' });
    expect(a.toolCallId).not.toBe(b.toolCallId);
  });

  it('answers in text when tools are switched off', async () => {
    const result = await createOfflineModel().doGenerate(callOptions(user('I need an AI that writes code'), { toolChoice: { type: 'none' } }));
    expect(result.content[0]).toMatchObject({ type: 'text' });
  });

  it('reads tool results given as text, and ends the turn with text', async () => {
    const prompt: LanguageModelV4Prompt = [
      ...user('I need an AI that writes code'),
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: TOOL_NAMES.recommend, input: { use_case: 'code' } }] },
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'c1', toolName: TOOL_NAMES.recommend, output: { type: 'text', value: JSON.stringify({ programs: [{ id: 7, name: 'CodePilot X', category: 'ai-code', reward: '' }] }) } }],
      },
    ];
    const result = await createOfflineModel().doGenerate(callOptions(prompt));
    expect(result.content).toEqual([{ type: 'text', text: expect.stringContaining('**CodePilot X** (AI coding)') }]);
  });

  it('turns an error-text tool result into an apology', async () => {
    const prompt: LanguageModelV4Prompt = [
      ...user('what categories are there?'),
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: TOOL_NAMES.categories, input: {} }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: TOOL_NAMES.categories, output: { type: 'error-text', value: 'boom at http://x.example' } }] },
    ];
    const result = await createOfflineModel().doGenerate(callOptions(prompt));
    expect(result.content).toEqual([{ type: 'text', text: expect.stringMatching(/^Sorry, something went wrong/) }]);
  });

  it('rejects when the call is already aborted, and stops a paced stream on abort', async () => {
    const model = createOfflineModel({ chunkDelayMs: 5 });
    const aborted = AbortSignal.abort();
    await expect(model.doGenerate(callOptions(user('hi'), { abortSignal: aborted }))).rejects.toThrow();
    await expect(model.doStream(callOptions(user('hi'), { abortSignal: aborted }))).rejects.toThrow();

    const controller = new AbortController();
    const { stream } = await model.doStream(callOptions(user('hi'), { abortSignal: controller.signal }));
    const reader = stream.getReader();
    await reader.read();
    controller.abort(new Error('user left'));
    await expect((async () => {
      for (;;) if ((await reader.read()).done) return;
    })()).rejects.toThrow('user left');
  });
});
