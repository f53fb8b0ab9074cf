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
    expect(again.map((program) => program.id)).toEqual(listed.map((program) => program.id));
    // On the sandbox some advertisers approve at once and others review new partners first (two minutes):
    // each listed program is ready or still pending accordingly, and this need lists both kinds.
    const seeded = again.map((program) => rig.sandbox.agentclick.catalog.byId.get(program.id));
    const expected = seeded.map((program) => (program?.auto_approve ? 'ready' : 'pending'));
    expect(expected, 'the need should list programs approved at once and programs under review').toContain('ready');
    expect(expected).toContain('pending');
    expect(again.map((program) => program.link)).toEqual(expected);
    const cards = second.cards ?? [];
    expect(cards.map((card) => card.programId)).toEqual(again.map((program) => program.id));
    expect(cards.map((card) => card.availability)).toEqual(expected);
    cards.forEach((card, index) => {
      if (expected[index] === 'pending') expect(card.link).toBeUndefined();
      else expect(card.link).toMatchObject({ programId: again[index]?.id, url: expect.stringMatching(/\/r\/[\w-]{22}$/), disclosure: expect.stringMatching(/^Ad · /) });
    });
    const ready = cards.find((card) => card.availability === 'ready');
    expect(await deps.links.find(ready?.link?.id ?? '')).toMatchObject({ programId: ready?.programId, channel: 'web', trackingCode: expect.stringMatching(/^[0-9a-f]{32}$/) });
    // The reward travels as data, as the network states it; the card words it for the user.
    const per = { cpa: 'sale', cpc: 'click', cpi: 'install' } as const;
    again.forEach((program, index) => {
      const seed = seeded[index];
      expect(program.reward).toEqual({ type: seed?.reward_type, amount: seed?.reward_amount, currency: 'JPY' });
      expect(cards[index]?.reward).toEqual(program.reward);
      expect(cards[index]?.rewardText).toBe(`Reward for the operator: ¥${seed?.reward_amount.toLocaleString('en-US')} per ${seed ? per[seed.reward_type] : ''}`);
    });
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
