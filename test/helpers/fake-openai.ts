import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { listen, type RunningServer } from '../../src/http/listen.ts';

/** A message as the Chat Completions API receives it. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content?: string | null | Array<{ type: string; text?: string }>;
  tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
}

export type FakeReply = { text: string } | { tool: string; args: Record<string, unknown> };

export interface FakeOpenAI extends RunningServer {
  /** Every request body received, for assertions. */
  requests: Array<{ model: string; stream?: boolean; messages: ChatMessage[]; tools?: Array<{ function: { name: string } }> }>;
}

/**
 * A local OpenAI-compatible Chat Completions server (streaming and not) whose answers come from a
 * script that looks at the conversation: the real `@ai-sdk/openai` provider talks to it over HTTP.
 */
export async function startFakeOpenAI(script: (messages: ChatMessage[]) => FakeReply): Promise<FakeOpenAI> {
  const requests: FakeOpenAI['requests'] = [];
  const app = new Hono();
  let n = 0;
  app.post('/v1/chat/completions', async (c) => {
    const body = (await c.req.json()) as FakeOpenAI['requests'][number];
    requests.push(body);
    const reply = script(body.messages);
    const id = `chatcmpl-${++n}`;
    const usage = { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 };
    const text = 'text' in reply ? reply.text : '';
    const toolCall = 'tool' in reply ? { id: `call_${n}`, type: 'function', function: { name: reply.tool, arguments: JSON.stringify(reply.args) } } : undefined;
    if (!body.stream) {
      return c.json({
        id,
        object: 'chat.completion',
        created: 1_700_000_000,
        model: body.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: toolCall ? null : text, ...(toolCall ? { tool_calls: [toolCall] } : {}) },
            finish_reason: toolCall ? 'tool_calls' : 'stop',
          },
        ],
        usage,
      });
    }
    return streamSSE(c, async (stream) => {
      const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
        stream.writeSSE({ data: JSON.stringify({ id, object: 'chat.completion.chunk', created: 1_700_000_000, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra }) });
      if (toolCall) {
        const args = toolCall.function.arguments;
        await chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: toolCall.id, type: 'function', function: { name: toolCall.function.name, arguments: '' } }] }, null);
        await chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(0, 5) } }] }, null);
        await chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(5) } }] }, null);
        await chunk({}, 'tool_calls', { usage });
      } else {
        await chunk({ role: 'assistant', content: '' }, null);
        for (const piece of text.match(/.{1,12}/gs) ?? []) await chunk({ content: piece }, null);
        await chunk({}, 'stop', { usage });
      }
      await stream.writeSSE({ data: '[DONE]' });
    });
  });
  const server = await listen(app);
  return { ...server, requests };
}

/** The text of a Chat Completions message, whatever its content shape. */
export function messageText(message: ChatMessage | undefined): string {
  if (!message?.content) return '';
  return typeof message.content === 'string' ? message.content : message.content.map((part) => part.text ?? '').join('');
}
