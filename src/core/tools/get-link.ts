import { tool } from 'ai';
import type { z } from 'zod';
import { type LinkOutput, linkInput, toolSchemas } from './contracts.ts';
import type { ToolDeps, TurnScope } from './deps.ts';
import { issueLink, issuedInTurn } from './issue-link.ts';
import { programName } from './program-card.ts';

/**
 * How long an explicit link request waits for an application to this program that is already in
 * flight (started when the program was listed, or just now): a sandbox or network round trip, never
 * a review.
 */
const IN_FLIGHT_WAIT_MS = 1_500;

/**
 * `get_link`: a tracked link id from what the partnership manager knows; the model never sees a URL.
 * Issuing makes no network call. A program nobody applied for yet is handed to the manager at once.
 */
export function getLinkTool(deps: ToolDeps, scope: TurnScope) {
  return tool({
    description: 'Get a tracked link for a program the user wants to try or buy. Returns a link id (the app shows the link itself) or says honestly that no link is available yet.',
    inputSchema: toolSchemas.link,
    execute: async ({ program_id }: z.infer<typeof linkInput>): Promise<LinkOutput> => {
      const program = await deps.catalog.byId(program_id).catch(() => undefined);
      if (!program) return { status: 'unavailable', program_id, note: 'No such program in the catalog.' };
      const title = programName(program, scope.locale);
      scope.focus = program_id;
      const already = issuedInTurn(scope, program_id);
      if (already) {
        if (!scope.issued.includes(already)) scope.issued.push(already);
        return { status: 'ready', link_id: already.id, program_id, title };
      }
      try {
        let partnership = await deps.partnerships.known(program_id);
        if (!partnership) {
          void deps.partnerships.request([program_id]);
          partnership = await deps.partnerships.settled(program_id, IN_FLIGHT_WAIT_MS);
        }
        if (!partnership || partnership.status === 'pending') {
          return { status: 'pending', program_id, title, note: 'The advertiser reviews new partners first; the link comes after that review.' };
        }
        if (partnership.status !== 'approved') return { status: 'unavailable', program_id, note: `The partnership is ${partnership.status}.` };
        const link = await issueLink(deps, scope, program_id, title, partnership);
        scope.issued.push(link);
        // A program listed as pending earlier in this turn whose application was just approved: its card gets the link.
        const card = scope.cards?.find((listed) => listed.programId === program_id);
        if (card) Object.assign(card, { availability: 'ready', link });
        return { status: 'ready', link_id: link.id, program_id, title };
      } catch (error) {
        deps.log.warn({ err: error, program_id }, 'link not issued');
        return { status: 'unavailable', program_id, note: 'The link could not be issued; try again shortly.' };
      }
    },
  });
}
