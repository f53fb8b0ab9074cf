import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import type { AgentClickClient } from '../../src/agentclick/client.ts';
import { createApiAnswerCache } from '../../src/cache/api-answer-cache.ts';
import type { Catalog, CatalogEntry } from '../../src/catalog/catalog.ts';
import { silentLog } from '../../src/log.ts';
import { createRankingService } from '../../src/ranking/ranking-service.ts';

/**
 * A request's reading (need, filters, our ranking) is kept per catalog version, so a repeated need costs
 * no ranking work; a catalog refresh (here one that only moves rewards) must never serve an old reading.
 */
describe('kept readings', () => {
  const entry = (id: number, name: string, reward: number): CatalogEntry =>
    ({ id, name, name_en: name, category_slug: 'ai-image', category_name: '画像生成AI', reward_type: 'cpa', reward_amount: reward }) as CatalogEntry;

  it('a minimum-reward request sees the rewards of the refreshed catalog', async () => {
    let listing = [entry(1, 'Image Maker Pro', 3000), entry(2, 'Image Maker Lite', 1000)];
    const catalog = {
      programs: async () => listing,
      texts: async () => [],
      categories: async () => [{ slug: 'ai-image', name: '画像生成AI', name_en: 'AI Image Generation' }],
      details: async () => {
        throw new Error('not needed');
      },
    } as unknown as Catalog;
    const service = createRankingService({ catalog, agentclick: {} as AgentClickClient, cache: createApiAnswerCache({ kv: new Keyv() }), log: silentLog() });
    const ask = async () => (await service.rank({ text: 'image maker', minReward: 2000, limit: 3 })).map((doc) => doc.id);

    expect(await ask()).toEqual([1]);
    expect(await ask()).toEqual([1]);
    // A refresh that only raises a reward keeps the index, and must not keep the old reading.
    listing = [entry(1, 'Image Maker Pro', 3000), entry(2, 'Image Maker Lite', 2500)];
    expect((await ask()).sort()).toEqual([1, 2]);
  });
});
