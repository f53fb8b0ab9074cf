import { z } from 'zod';
import { createAgentClickClient } from '../src/agentclick/client.ts';
import { buildCatalog } from '../src/sandbox/catalog.ts';
import { createBaseline } from './baseline.ts';
import { CUTOFF } from './metrics.ts';

/** One way of ranking programs for a request's raw text; the eval reads the first three. */
export interface RankingSystem {
  name: SystemName;
  rank(text: string): Promise<number[]>;
}

export const systemNames = ['bot', 'network', 'baseline'] as const;
export type SystemName = (typeof systemNames)[number];

const chatAnswer = z.object({ sessionId: z.string(), programs: z.array(z.number().int()) });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The whole bot through `POST /api/chat`, a fresh session per request (no sessionId sent). The
 * endpoint limits each address to 60 messages a minute; a 429 is waited out as its Retry-After says,
 * so a full run takes a few minutes and measures the bot as a visitor meets it.
 */
export function botSystem(botUrl: string): RankingSystem {
  return {
    name: 'bot',
    async rank(text) {
      for (let attempt = 0; ; attempt++) {
        const response = await fetch(`${botUrl}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: text }) });
        if (response.status === 429 && attempt < 5) {
          await response.body?.cancel();
          await sleep((Number(response.headers.get('retry-after')) || 5) * 1000);
          continue;
        }
        if (!response.ok) throw new Error(`POST /api/chat answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
        return chatAnswer.parse(await response.json()).programs;
      }
    },
  };
}

/**
 * The network's ranking alone: `agent.recommend` on the sandbox with the raw text, under an agent key of
 * its own so it never spends the bot's read budget (200 reads a minute per key).
 */
export async function networkSystem(sandboxUrl: string): Promise<RankingSystem> {
  const response = await fetch(`${sandboxUrl}/_sandbox/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ network: 'agentclick', role: 'agent' }) });
  const { api_key: apiKey } = z.object({ api_key: z.string() }).parse(await response.json());
  const client = createAgentClickClient({ baseUrl: sandboxUrl, apiKey, maxRetryDelayMs: 61_000 });
  return {
    name: 'network',
    async rank(text) {
      const { programs } = await client.call('agent.recommend', { use_case: text, limit: CUTOFF });
      return programs.map((program) => program.id);
    },
  };
}

/** The trivial baseline over the same seed catalog the sandbox serves. */
export function baselineSystem(): RankingSystem {
  const baseline = createBaseline(buildCatalog().programs);
  return { name: 'baseline', rank: async (text) => baseline.rank(text, CUTOFF) };
}
