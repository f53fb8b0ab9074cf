import { tool } from 'ai';
import type { z } from 'zod';
import { linkDisclosure } from '../../links/disclosure.ts';
import { newLinkId } from '../../links/link-store.ts';
import { type LinkOutput, linkInput, toolSchemas } from './contracts.ts';
import type { ToolDeps, TurnScope } from './deps.ts';
import { programName } from './program-card.ts';

/**
 * `get_link`: finds or applies for the partnership and issues a tracked link id. The model never sees
 * a URL; the app shows the link (PUBLIC_BASE_URL/r/<id>) as a card with its disclosure.
 */
export function getLinkTool(deps: ToolDeps, scope: TurnScope) {
  return tool({
    description: 'Get a tracked link for a program the user wants to try or buy. Returns a link id (the app shows the link itself) or says honestly that no link is available yet.',
    inputSchema: toolSchemas.link,
    execute: async ({ program_id }: z.infer<typeof linkInput>): Promise<LinkOutput> => {
      const program = await deps.catalog.byId(program_id).catch(() => undefined);
      if (!program) return { status: 'unavailable', program_id, note: 'No such program in the catalog.' };
      const title = programName(program, scope.locale);
      const already = scope.issued.find((link) => link.programId === program_id);
      if (already) return { status: 'ready', link_id: already.id, program_id, title };
      try {
        const partnership = await deps.partnerships.forProgram(program_id);
        if (partnership.status === 'pending') {
          return { status: 'pending', program_id, title, note: 'The advertiser reviews new partners first; a link will be available after approval.' };
        }
        if (partnership.status !== 'approved') return { status: 'unavailable', program_id, note: `The partnership is ${partnership.status}.` };
        const id = newLinkId();
        await deps.links.save({
          id,
          sessionId: scope.sessionId,
          channel: scope.channel,
          programId: program_id,
          partnershipId: partnership.partnershipId,
          trackingCode: partnership.trackingCode,
          title,
          fallbackUrl: partnership.fallbackUrl,
          createdAt: (deps.now ?? Date.now)(),
        });
        deps.analytics?.count(scope.channel, 'links', 1, program_id);
        scope.issued.push({ id, programId: program_id, title, url: `${deps.publicBaseUrl}/r/${id}`, disclosure: linkDisclosure(scope.locale) });
        return { status: 'ready', link_id: id, program_id, title };
      } catch (error) {
        deps.log.warn({ err: error, program_id }, 'link not issued');
        return { status: 'unavailable', program_id, note: 'The network could not be reached; try again shortly.' };
      }
    },
  });
}
