import { describe, expect, it } from 'vitest';
import type { ProgramListOutput, ToolErrorOutput } from '../../../src/core/tools/contracts.ts';
import { recommendProgramsTool } from '../../../src/core/tools/recommend-programs.ts';
import { searchCatalogTool } from '../../../src/core/tools/search-catalog.ts';
import { toolCall, toolDepsOn, toolRig, turnScope } from '../../helpers/tool-deps.ts';

/** Links attached to a list: from what the partnership manager knows, never a network call of their own. */
const rig = toolRig('attach-links');

function programsOf(output: ProgramListOutput | ToolErrorOutput | AsyncIterable<unknown> | undefined) {
  if (!output || Symbol.asyncIterator in output || 'error' in output) throw new Error('no program list');
  return output.programs;
}

describe('attach links to a list', () => {
  it('lists unknown programs as pending and has them applied for; once approved, the same list carries links with no request', async () => {
    const { deps, sent, partnerships } = await toolDepsOn(rig.sandbox, rig.stores);
    const first = turnScope();
    const listed = programsOf(await recommendProgramsTool(deps, first).execute?.({ use_case: 'write marketing copy for my online shop' }, toolCall));
    expect(listed.map((program) => program.link)).toEqual(['pending', 'pending', 'pending']);
    expect(first.cards?.map((card) => card.availability)).toEqual(['pending', 'pending', 'pending']);
    expect(first.cards?.every((card) => card.link === undefined)).toBe(true);
    await partnerships.idle();
    expect(sent.filter((action) => action === 'publisher.partnerships_apply')).toHaveLength(3);

    sent.length = 0;
    const second = turnScope();
    const again = programsOf(await recommendProgramsTool(deps, second).execute?.({ use_case: 'write marketing copy for my online shop' }, toolCall));
    // The recommendation is cached and the partnerships known: issuing the links sent nothing to the network.
    expect(sent).toEqual([]);
    expect(again.map((program) => program.link)).toEqual(['ready', 'pending', 'ready']);
    const cards = second.cards ?? [];
    expect(cards.map((card) => card.programId)).toEqual(again.map((program) => program.id));
    expect(cards[0]?.link).toMatchObject({ programId: again[0]?.id, url: expect.stringMatching(/\/r\/[\w-]{22}$/), disclosure: expect.stringMatching(/^Ad · /) });
    expect(cards[1]?.link).toBeUndefined();
    expect(await deps.links.find(cards[0]?.link?.id ?? '')).toMatchObject({ programId: again[0]?.id, channel: 'web', trackingCode: expect.stringMatching(/^[0-9a-f]{32}$/) });
    // The reward travels as data; the card words it for the user.
    expect(again[0]?.reward).toEqual({ type: 'cpa', amount: cards[0]?.reward.amount, currency: 'JPY' });
    expect(cards[0]?.rewardText).toMatch(/^Reward for the operator: ¥[\d,]+ per sale$/);
  });

  it('search_catalog attaches links the same way, in Japanese', async () => {
    const { deps, partnerships } = await toolDepsOn(rig.sandbox, rig.stores);
    await partnerships.request([42]);
    const scope = turnScope('ja');
    const listed = programsOf(await searchCatalogTool(deps, scope).execute?.({ query: 'FlyerKit', limit: 1 }, toolCall));
    expect(listed[0]).toMatchObject({ id: 42, link: 'ready' });
    expect(scope.cards?.[0]?.link?.disclosure).toContain('【PR】');
    expect(scope.cards?.[0]?.rewardText).toMatch(/^運営者への報酬: 1件[\d,]+円$/);
  });
});
