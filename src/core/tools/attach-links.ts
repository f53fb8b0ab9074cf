import type { Category } from '../../catalog/catalog.ts';
import { rewardDisclosureText } from '../../links/reward-text.ts';
import type { PartnershipRecord } from '../../partnerships/partnership-store.ts';
import type { LinkAvailability, ProgramCardView } from '../types.ts';
import type { ProgramCard } from './contracts.ts';
import type { ToolDeps, TurnScope } from './deps.ts';
import { issueLink } from './issue-link.ts';
import { type CardSource, toCard } from './program-card.ts';

function availabilityOf(partnership: PartnershipRecord | undefined): LinkAvailability {
  if (!partnership || partnership.status === 'pending') return 'pending';
  return partnership.status === 'approved' ? 'ready' : 'unavailable';
}

/**
 * Runs after the ranking, on the programs a list tool is about to return (in their order): each gets
 * a tracked link now when its partnership is approved, from what the partnership manager already knows
 * (no network call, no waiting); programs it knows nothing about are handed to it to apply for at once,
 * and are listed as pending. The turn's cards are these programs; the model is told per program whether
 * its link is ready or pending.
 */
export async function attachLinks(deps: ToolDeps, scope: TurnScope, programs: readonly CardSource[], categories: Map<string, Category>): Promise<ProgramCard[]> {
  const known = await Promise.all(programs.map((program) => deps.partnerships.known(program.id).catch(() => undefined)));
  const unknown = programs.filter((_, index) => known[index] === undefined).map((program) => program.id);
  if (unknown.length > 0) void deps.partnerships.request(unknown);

  // The links are stored side by side, not one after the other: a list turn waits for one store write, not three.
  const views = await Promise.all(
    programs.map(async (program, index): Promise<{ card: ProgramCard; view: ProgramCardView }> => {
      const card = toCard(program, scope.locale, categories);
      const partnership = known[index];
      const view: ProgramCardView = {
        programId: program.id,
        name: card.name,
        category: card.category,
        reason: card.summary ?? '',
        reward: card.reward,
        rewardText: rewardDisclosureText(card.reward, scope.locale),
        availability: availabilityOf(partnership),
      };
      if (view.availability === 'ready' && partnership) {
        try {
          view.link = await issueLink(deps, scope, program.id, card.name, partnership);
        } catch (error) {
          deps.log.warn({ err: error, programId: program.id }, 'link not issued');
          view.availability = 'unavailable';
        }
      }
      return { card: { ...card, link: view.availability }, view };
    }),
  );
  scope.cards = views.map(({ view }) => view);
  scope.focus = undefined;
  return views.map(({ card }) => card);
}
