/**
 * The baseline of the timing figures: a minimal Hono + AI SDK endpoint. Same request and answer shape
 * as the bot's `POST /api/chat`, the same scripted model, the same system prompt and the same
 * `recommend_programs` tool answering from memory; no storage, guard, cache, rate limit or channel code.
 * What the bot takes beyond this is what the bot adds.
 *
 * `PORT=3999 node bench/baseline-endpoint.ts` serves it alone (the start-up figure spawns it so).
 */
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { type LanguageModel, isStepCount, streamText, tool } from 'ai';
import { Hono } from 'hono';
import { loadPrompts } from '../src/core/prompts.ts';
import { z } from 'zod';
import { type ModelKind, modelFor } from './helpers/scripted-model.ts';

/**
 * The bot's `recommend_programs` input, written the way a minimal endpoint would: a plain zod schema
 * (kept as a copy, so a change to how src/ hands its schemas to the AI SDK never changes the baseline).
 */
const recommendInput = z.object({
  use_case: z.string().min(1).max(200).describe('What the user wants to do, in their own words (English or Japanese), e.g. "generate product images"'),
  category: z.string().max(64).optional().describe('Optional category slug from list_categories, e.g. "ai-image"'),
  reward_type: z.enum(['cpa', 'cpc', 'cpi']).optional().describe('How the operator is paid: cpa per sale/sign-up, cpc per click, cpi per app install'),
  limit: z.number().int().min(1).max(10).optional().describe('How many programs to return (default 3)'),
});

/** Three program cards of the size the bot's tool returns, held in memory. */
const CARDS = [
  { id: 101, name: 'PixelForge AI', category: 'AI Image Generation', reward: '¥3,000 per sale', summary: 'Generates product photos, banners and illustrations from a short text prompt; background removal and upscaling included.' },
  { id: 102, name: 'ShopShot Studio', category: 'AI Image Generation', reward: '¥1,500 per sale', summary: 'Turns phone snapshots of products into clean studio-style images with consistent lighting for online shops.' },
  { id: 103, name: 'CanvasMind', category: 'AI Design', reward: '¥80 per click', summary: 'AI design assistant for social posts, ads and thumbnails, with brand kits and one-click resizing.' },
];

export function createBaselineApp(model: LanguageModel): Hono {
  const instructions = loadPrompts().instructions('web', 'en');
  const tools = {
    recommend_programs: tool({
      description: 'Find the AI tools and services that best fit what the user wants to do. Ranked by relevance. Use first for any need the user describes.',
      inputSchema: recommendInput,
      execute: async () => ({ programs: CARDS }),
    }),
  };
  const app = new Hono();
  app.get('/readyz', (c) => c.json({ status: 'ready' }));
  app.post('/api/chat', async (c) => {
    const body = (await c.req.json()) as { sessionId?: string; message?: unknown };
    if (typeof body.message !== 'string' || body.message.trim() === '') return c.json({ error: { code: 'invalid_request', message: 'message is required' } }, 400);
    const result = streamText({ model, instructions, messages: [{ role: 'user', content: body.message }], tools, stopWhen: isStepCount(5) });
    const reply = await result.text;
    return c.json({ sessionId: body.sessionId ?? randomUUID(), reply, links: [] });
  });
  return app;
}

if (import.meta.main) {
  const kind: ModelKind = process.env.BENCH_MODEL === 'text' ? 'text' : 'recommend';
  const app = createBaselineApp(modelFor(kind));
  serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3999), hostname: '127.0.0.1' });
}
