import { describe, expect, it } from 'vitest';
import { programDetailsTool } from '../../../src/core/tools/program-details.ts';
import { manualClock } from '../../helpers/sandbox-server.ts';
import { toolCall, toolDepsOn, toolRig, turnScope } from '../../helpers/tool-deps.ts';

/** `program_details` against the sandbox, with a clock the test moves. */
const rig = toolRig('details');
const clock = manualClock();

describe('program_details', () => {
  it('keeps a program\'s terms for hours but always shows the reward the catalog has now', async () => {
    const { deps, catalog, sent } = await toolDepsOn(rig.sandbox, rig.stores, clock.now);
    const requests = (action: string) => sent.filter((a) => a === action).length;
    const details = programDetailsTool(deps, turnScope());
    const ask = async () => {
      const output = await details.execute?.({ program_id: 42 }, toolCall);
      if (!output || 'error' in output || Symbol.asyncIterator in output) throw new Error('no details');
      return output.program;
    };

    const first = await ask();
    expect(first).toMatchObject({ id: 42, partnership: expect.any(String) });
    expect(first.reward).toEqual({ type: expect.stringMatching(/^(cpa|cpc|cpi)$/), amount: expect.any(Number), currency: 'JPY' });
    const before = requests('publisher.programs_detail');
    expect(before).toBe(1);

    // The network raises the reward; the catalog's copy is refreshed after its 10 minutes.
    const program = rig.sandbox.agentclick.catalog.byId.get(42);
    if (!program) throw new Error('program 42 missing from the sandbox');
    program.reward_amount += 1_000;
    clock.advance(11 * 60_000);
    // The stale copy is served while the refresh runs in the background; wait until the refresh landed.
    const rewardOf42 = async () => (await catalog.programs()).find((p) => p.id === 42)?.reward_amount;
    await expect.poll(rewardOf42).toBe(program.reward_amount);

    const second = await ask();
    expect(second.reward.amount).not.toBe(first.reward.amount);
    expect(second.reward.amount).toBe(program.reward_amount);
    expect(second.conditions).toBe(first.conditions);
    // The terms came from the cache: no second programs_detail request.
    expect(requests('publisher.programs_detail')).toBe(before);
  });
});
