import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/create-sandbox.ts';

/** `agent.recommend` ranks by relevance to the use case, in English or Japanese, never by reward. */
const sandbox = createSandbox();
const { api_key } = sandbox.agentclick.createAccount('agent');

async function recommend(params: Record<string, unknown>) {
  const response = await sandbox.app.request('/api/mcp.php', {
    method: 'POST',
    headers: { authorization: `Bearer ${api_key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'agent.recommend', params }),
  });
  const body = (await response.json()) as { data: { programs: Array<{ id: number; category_slug: string; reward_amount: number; score: number }> } };
  return body.data.programs;
}

const CASES: Array<[string, string]> = [
  ['an AI that generates images', 'ai-image'],
  ['画像生成', 'ai-image'],
  ['画像生成のAIツールを探しています', 'ai-image'],
  ['AI that writes code', 'ai-code'],
  ['コードを書いてくれるAI', 'ai-code'],
  ['translate documents', 'ai-translation'],
  ['翻訳', 'ai-translation'],
  ['make videos from text', 'ai-video'],
  ['動画編集', 'ai-video'],
  ['text to speech voice', 'ai-voice'],
  ['SEO blog marketing', 'ai-marketing'],
  ['chatbot for customer support', 'ai-chatbot'],
];

describe('agent.recommend relevance', () => {
  it.each(CASES)('%s -> mostly %s', async (useCase, category) => {
    const programs = await recommend({ use_case: useCase, limit: 5 });
    expect(programs.length).toBe(5);
    expect(programs[0]?.category_slug).toBe(category);
    expect(programs.filter((p) => p.category_slug === category).length).toBeGreaterThanOrEqual(3);
  });

  it('orders by score, never by reward', async () => {
    const programs = await recommend({ use_case: 'image', limit: 20 });
    const scores = programs.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const rewards = programs.map((p) => p.reward_amount);
    expect(rewards).not.toEqual([...rewards].sort((a, b) => b - a));
    // Raising a program's reward does not move it.
    const before = programs.map((p) => p.id);
    const last = sandbox.agentclick.catalog.byId.get(before[before.length - 1] ?? 0);
    if (!last) throw new Error('no result');
    last.reward_amount = 1_000_000;
    expect((await recommend({ use_case: 'image', limit: 20 })).map((p) => p.id)).toEqual(before);
  });

  it('filters by category and reward type, caps limit at 20, and answers an unknown need with nothing', async () => {
    const filtered = await recommend({ use_case: 'AI', category_slug: 'ai-code', reward_type: 'cpa', limit: 50 });
    expect(filtered.length).toBeLessThanOrEqual(20);
    expect(filtered.every((p) => p.category_slug === 'ai-code')).toBe(true);
    expect(await recommend({ use_case: 'xyzzyqwv' })).toEqual([]);
  });
});
