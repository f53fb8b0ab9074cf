import { describe, expect, it } from 'vitest';
import type { ProgramListOutput, ToolErrorOutput } from '../../../src/core/tools/contracts.ts';
import { recommendProgramsTool } from '../../../src/core/tools/recommend-programs.ts';
import { searchCatalogTool } from '../../../src/core/tools/search-catalog.ts';
import { toolCall, toolDepsOn, toolRig, turnScope } from '../../helpers/tool-deps.ts';

/** `skip` on the list tools: "any others?" gets the next programs of the same ranking. */
const rig = toolRig('further');

function ids(output: ProgramListOutput | ToolErrorOutput | AsyncIterable<unknown> | undefined): number[] {
  if (!output || Symbol.asyncIterator in output || 'error' in output) throw new Error('no program list');
  return output.programs.map((program) => program.id);
}

describe('further options', () => {
  it('recommend_programs with skip returns the next ones of the same ranking', async () => {
    const { deps } = await toolDepsOn(rig.sandbox, rig.stores);
    const recommend = recommendProgramsTool(deps, turnScope());
    const ranking = ids(await recommend.execute?.({ use_case: 'generate product images', limit: 9 }, toolCall));
    expect(ranking).toHaveLength(9);
    const first = ids(await recommend.execute?.({ use_case: 'generate product images', limit: 3 }, toolCall));
    const second = ids(await recommend.execute?.({ use_case: 'generate product images', limit: 3, skip: 3 }, toolCall));
    const third = ids(await recommend.execute?.({ use_case: 'generate product images', limit: 3, skip: 6 }, toolCall));
    expect([...first, ...second, ...third]).toEqual(ranking);
  });

  it('search_catalog with skip pages through the same filtered results', async () => {
    const { deps } = await toolDepsOn(rig.sandbox, rig.stores);
    const search = searchCatalogTool(deps, turnScope('ja'));
    const all = ids(await search.execute?.({ category: 'ai-video', limit: 10 }, toolCall));
    expect(all.length).toBeGreaterThan(6);
    const next = ids(await search.execute?.({ category: 'ai-video', limit: 3, skip: 3 }, toolCall));
    expect(next).toEqual(all.slice(3, 6));
    expect(ids(await search.execute?.({ category: 'ai-video', limit: 5, skip: 17 }, toolCall))).toEqual([]);
  });
});
