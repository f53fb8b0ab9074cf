import { linkDisclosure } from '../../links/disclosure.ts';
import { newLinkId } from '../../links/link-store.ts';
import type { PartnershipRecord } from '../../partnerships/partnership-store.ts';
import type { IssuedLink } from '../types.ts';
import type { ToolDeps, TurnScope } from './deps.ts';

/** A link already issued for a program in this turn, by a list's card or by `get_link`. */
export function issuedInTurn(scope: TurnScope, programId: number): IssuedLink | undefined {
  return scope.issued.find((link) => link.programId === programId) ?? scope.cards?.find((card) => card.programId === programId)?.link;
}

/**
 * Issues a tracked link for an approved partnership. Link ids are ours, so this makes no network call:
 * `agent.track_click` happens only when a person follows the link.
 */
export async function issueLink(deps: ToolDeps, scope: TurnScope, programId: number, title: string, partnership: PartnershipRecord): Promise<IssuedLink> {
  const already = issuedInTurn(scope, programId);
  if (already) return already;
  const id = newLinkId();
  await deps.links.save({
    id,
    sessionId: scope.sessionId,
    channel: scope.channel,
    programId,
    partnershipId: partnership.partnershipId,
    trackingCode: partnership.trackingCode,
    title,
    fallbackUrl: partnership.fallbackUrl,
    createdAt: (deps.now ?? Date.now)(),
  });
  deps.analytics?.count(scope.channel, 'links', 1, programId);
  return { id, programId, title, url: `${deps.publicBaseUrl}/r/${id}`, disclosure: linkDisclosure(scope.locale) };
}
