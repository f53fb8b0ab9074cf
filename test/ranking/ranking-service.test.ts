import { afterEach, describe, expect, it } from 'vitest';
import type { ProgramListOutput, ToolErrorOutput } from '../../src/core/tools/contracts.ts';
import { recommendProgramsTool } from '../../src/core/tools/recommend-programs.ts';
import { searchCatalogTool } from '../../src/core/tools/search-catalog.ts';
import { toolCall, toolDepsOn, toolRig, turnScope } from '../helpers/tool-deps.ts';

/**
 * The ranker through the two list tools, on the sandbox's catalog over real HTTP (the bot sees no
 * keywords there: names, descriptions and categories only), for the failure classes of issue 11.
 */
const rig = toolRig('ranking');

function ids(output: ProgramListOutput | ToolErrorOutput | AsyncIterable<unknown> | undefined): number[] {
  if (!output || Symbol.asyncIterator in output || 'error' in output) throw new Error(`no program list: ${JSON.stringify(output)}`);
  return output.programs.map((program) => program.id);
}

async function recommend(useCase: string, locale: 'en' | 'ja' = 'en') {
  const { deps } = await toolDepsOn(rig.sandbox, rig.stores);
  return ids(await recommendProgramsTool(deps, turnScope(locale)).execute?.({ use_case: useCase }, toolCall));
}

const byName = (name: string) => rig.sandbox.agentclick.catalog.programs.find((program) => program.name_en === name)?.id;

afterEach(async () => {
  await fetch(`${rig.sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
});

describe('the ranker on the sandbox catalog', () => {
  it('meets everyday words with the catalog’s words, in English and Japanese', async () => {
    expect((await recommend('give me the short version of long reports')).slice(0, 2)).toContain(byName('Digestly'));
    expect((await recommend('通訳してくれるアプリ', 'ja')).slice(0, 2)).toEqual(expect.arrayContaining([byName('TalkBridge')]));
    expect(await recommend('someone writes up what was decided in our calls')).toContain(byName('KikiTori'));
  });

  it('follows the direction of a voice need', async () => {
    const aloud = await recommend('read my articles aloud in a natural voice');
    expect(aloud).toContain(byName('KoeStudio'));
    expect(aloud).not.toContain(byName('KikiTori'));
    const toText = await recommend('turn recorded interviews into text');
    expect(toText).toContain(byName('KikiTori'));
    expect(toText).not.toContain(byName('KoeStudio'));
  });

  it('does not let filler or an incidental word in a program name win', async () => {
    // "trip" is in TripDesk's name; the need is English conversation.
    expect((await recommend('something to practice english conversation before my trip, automatically every day'))[0]).toBe(byName('SpeakUp Tutor'));
  });

  it('keeps katakana words whole', async () => {
    expect((await recommend('ボイスチェンジャーが欲しい', 'ja'))[0]).toBe(byName('VoxMorph'));
  });

  it('search_catalog honours a reward filter with a Japanese abbreviation of a category', async () => {
    const { deps, catalog } = await toolDepsOn(rig.sandbox, rig.stores);
    const found = ids(await searchCatalogTool(deps, turnScope('ja')).execute?.({ query: '画像系でクリック報酬のプログラム' }, toolCall));
    expect(found.length).toBeGreaterThan(0);
    const programs = await catalog.programs();
    for (const id of found) expect(programs.find((program) => program.id === id)).toMatchObject({ category_slug: 'ai-image', reward_type: 'cpc' });
    const viaFilter = ids(await searchCatalogTool(deps, turnScope('ja')).execute?.({ category: '画像', reward_type: 'cpc' }, toolCall));
    expect(viaFilter.sort()).toEqual([...found].sort());
  });

  it('honours "free trial" from the reward conditions', async () => {
    const { deps, catalog } = await toolDepsOn(rig.sandbox, rig.stores);
    const found = ids(await searchCatalogTool(deps, turnScope()).execute?.({ query: 'AI for making videos', free_trial: true }, toolCall));
    expect(found.length).toBeGreaterThan(0);
    for (const id of found) expect((await catalog.details(id)).reward_conditions).toContain('無料トライアル');
    const fromWords = ids(await recommendProgramsTool(deps, turnScope()).execute?.({ use_case: 'video tools with a free trial' }, toolCall));
    for (const id of fromWords) expect((await catalog.details(id)).reward_conditions).toContain('無料トライアル');
  });

  it('asks the network once per need, whatever the page, and ranks alone when the network fails', async () => {
    const { deps, sent } = await toolDepsOn(rig.sandbox, rig.stores);
    const tool = recommendProgramsTool(deps, turnScope());
    const first = ids(await tool.execute?.({ use_case: 'generate anime character art' }, toolCall));
    const next = ids(await tool.execute?.({ use_case: 'anime character art generate', skip: 3 }, toolCall));
    expect(sent.filter((action) => action === 'agent.recommend')).toHaveLength(1);
    expect(next.some((id) => first.includes(id))).toBe(false);

    await fetch(`${rig.sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ network: 'agentclick', status: 500 }) });
    const alone = ids(await tool.execute?.({ use_case: 'clean up duplicate customer records' }, toolCall));
    expect(alone[0]).toBe(byName('CleanSheet'));
  });
});
