/**
 * Prompt tokens per recommendation turn (o200k_base, the GPT-4o/GPT-5 encoding, via gpt-tokenizer):
 * everything the core sends the model over the turn's calls — instructions, messages, the tool call
 * and its result, and the tool definitions (sent with every call) — captured from the
 * MockLanguageModelV4's `doStreamCalls`. The baseline is the same prompts with the tool result
 * replaced by the raw `agent.recommend` answer (its `data`, as the API returned it for the same
 * parameters) instead of the bot's compact cards. One English and one Japanese turn, each a new
 * conversation; the figure is their mean.
 */
import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { startBenchBot } from './helpers/bench-bot.ts';
import { chatReply, httpClient } from './helpers/http.ts';
import { type FigureResult, metric, round, runFigure } from './helpers/metric.ts';
import { RECOMMEND_TURN, type Step, routedModel } from './helpers/scripted-model.ts';

const TURNS = [
  { locale: 'en', message: RECOMMEND_TURN.message, input: RECOMMEND_TURN.first.input },
  { locale: 'ja', message: 'ネットショップの商品画像をAIで作りたいです', input: { use_case: '商品画像の生成', limit: 3 } },
] as const;

interface Parts {
  instructions: number;
  messages: number;
  toolResults: number;
  tools: number;
}

/** The text a provider would send for one call, by part, in tokens. `replace` swaps tool result values. */
function promptTokens(call: LanguageModelV4CallOptions, replace?: (value: unknown) => unknown): Parts {
  const parts: Parts = { instructions: 0, messages: 0, toolResults: 0, tools: 0 };
  for (const message of call.prompt) {
    if (message.role === 'system') {
      parts.instructions += countTokens(message.content);
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text') parts.messages += countTokens(part.text);
      else if (part.type === 'tool-call') parts.messages += countTokens(JSON.stringify({ name: part.toolName, arguments: typeof part.input === 'string' ? part.input : JSON.stringify(part.input) }));
      else if (part.type === 'tool-result') {
        const value = part.output.type === 'json' || part.output.type === 'text' ? part.output.value : part.output;
        const sent = replace ? replace(value) : value;
        parts.toolResults += countTokens(typeof sent === 'string' ? sent : JSON.stringify(sent));
      }
    }
  }
  for (const tool of call.tools ?? []) {
    parts.tools += countTokens(JSON.stringify(tool.type === 'function' ? { name: tool.name, description: tool.description, parameters: tool.inputSchema } : tool));
  }
  return parts;
}

const sum = (p: Parts) => p.instructions + p.messages + p.toolResults + p.tools;
const add = (a: Parts, b: Parts): Parts => ({ instructions: a.instructions + b.instructions, messages: a.messages + b.messages, toolResults: a.toolResults + b.toolResults, tools: a.tools + b.tools });
const zero = (): Parts => ({ instructions: 0, messages: 0, toolResults: 0, tools: 0 });

export async function measurePromptTokens(): Promise<FigureResult> {
  const byMessage = new Map<string, Step>(TURNS.map((turn) => [turn.message, { tool: 'recommend_programs', input: { ...turn.input } }]));
  const model = routedModel(
    (call) => {
      const last = call.prompt.at(-1);
      if (last?.role !== 'user') return RECOMMEND_TURN.then;
      const text = last.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
      return byMessage.get(text) ?? RECOMMEND_TURN.then;
    },
    { record: true },
  );
  const bot = await startBenchBot({ model });
  const client = httpClient();
  const perTurn: Array<{ locale: string; calls: number; ours: Parts; raw: Parts; oursTotal: number; rawTotal: number }> = [];
  try {
    for (const [i, turn] of TURNS.entries()) {
      // The raw API answer for the same parameters the tool used.
      const response = await fetch(`${bot.sandboxUrl}/api/mcp.php`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bot.agentclickKey}` },
        body: JSON.stringify({ action: 'agent.recommend', params: turn.input }),
      });
      const raw = ((await response.json()) as { data: unknown }).data;

      model.doStreamCalls.length = 0;
      const reply = chatReply(await client.post(`${bot.url}/api/chat`, { sessionId: `tokens-${i}-session`, message: turn.message, locale: turn.locale }, { 'x-forwarded-for': `10.9.9.${i}` }));
      if (!reply.reply) throw new Error('empty reply');
      const calls = [...model.doStreamCalls];
      const ours = calls.map((call) => promptTokens(call)).reduce(add, zero());
      const rawParts = calls.map((call) => promptTokens(call, () => raw)).reduce(add, zero());
      if (ours.toolResults === 0) throw new Error('no tool result in the prompts: the turn did not call recommend_programs');
      perTurn.push({ locale: turn.locale, calls: calls.length, ours, raw: rawParts, oursTotal: sum(ours), rawTotal: sum(rawParts) });
    }
  } finally {
    client.close();
    await bot.close();
  }
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const ours = mean(perTurn.map((t) => t.oursTotal));
  const raw = mean(perTurn.map((t) => t.rawTotal));
  const resultOurs = mean(perTurn.map((t) => t.ours.toolResults));
  const resultRaw = mean(perTurn.map((t) => t.raw.toolResults));
  return {
    figure: 'prompt-tokens',
    metrics: [metric({ name: 'prompt tokens / recommendation turn', unit: 'tok', value: round(ours, 1), baseline: round(raw, 1), goal: 0.4, better: 'lower', goalOn: 'ratio' })],
    details: { encoding: 'o200k_base', perTurn, toolResultOnly: { ours: resultOurs, raw: resultRaw, ratio: round(resultOurs / resultRaw, 3) } },
    notes: [`tool result alone: ${round(resultOurs, 1)} tokens of cards against ${round(resultRaw, 1)} of raw API JSON (ratio ${round(resultOurs / resultRaw, 3)})`],
  };
}

await runFigure(import.meta, measurePromptTokens);
