import { tool } from 'ai';
import type { z } from 'zod';
import { AgentClickError } from '../../agentclick/errors.ts';
import { type ProgramDetailsOutput, type ToolErrorOutput, detailsInput, toolSchemas } from './contracts.ts';
import { type ToolDeps, type TurnScope, categoryMap } from './deps.ts';
import { toCard, untrustedSummary } from './program-card.ts';

/** `program_details`: conditions, cookie duration and whether a link can be given now. */
export function programDetailsTool(deps: ToolDeps, scope: TurnScope) {
  return tool({
    description: 'Details of one program: what it is, reward conditions, cookie duration, and whether a tracked link is available.',
    inputSchema: toolSchemas.details,
    execute: async ({ program_id }: z.infer<typeof detailsInput>): Promise<ProgramDetailsOutput | ToolErrorOutput> => {
      scope.focus = program_id;
      try {
        const [cached, categories, known, listed] = await Promise.all([
          deps.catalog.details(program_id),
          categoryMap(deps.catalog),
          deps.partnerships.known(program_id),
          deps.catalog.byId(program_id).catch(() => undefined),
        ]);
        // Details are kept for hours; the reward comes from the catalog, refreshed every few minutes.
        const detail = listed ? { ...cached, reward_type: listed.reward_type, reward_amount: listed.reward_amount } : cached;
        // Our own record is fresher than cached details once we have applied.
        const status = known?.status ?? detail.partnership?.status;
        const conditions = untrustedSummary(detail.reward_conditions, 200);
        return {
          program: {
            ...toCard(detail, scope.locale, categories, 320),
            ...(detail.advertiser_name ? { advertiser: untrustedSummary(detail.advertiser_name, 60) } : {}),
            ...(conditions ? { conditions } : {}),
            ...(detail.cookie_days ? { cookie_days: detail.cookie_days } : {}),
            partnership: status === 'approved' ? 'approved' : status === 'pending' ? 'pending' : 'none',
          },
        };
      } catch (error) {
        if (AgentClickError.isInstance(error) && error.code === 'not_found') return { error: `There is no program ${program_id}.` };
        deps.log.warn({ err: error, program_id }, 'program details failed');
        return { error: 'Program details are unavailable right now.' };
      }
    },
  });
}
