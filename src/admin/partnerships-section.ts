import type { PartnershipOverview } from '../partnerships/partnership-manager.ts';
import { escapeHtml } from '../shared/html.ts';
import { count, time } from './format.ts';
import { tableRegion } from './table.ts';

/** The partnerships as the dashboard shows them: the manager's overview with program names. */
export interface PartnershipsView {
  approved: number;
  catalogSize: number;
  pending: Array<{ programId: number; name: string; since: string }>;
  rejected: Array<{ programId: number; name: string }>;
  /** Programs with no approved partnership, and why: not applied for yet, pending review, or rejected. */
  withoutLink: Array<{ programId: number; name: string; state: 'not applied yet' | 'pending review' | 'rejected' }>;
}

const LISTED = 50;

/** The overview with names from the catalog, for the page and `GET /admin/api/partnerships`. */
export function partnershipsView(overview: PartnershipOverview, names: ReadonlyMap<number, string>): PartnershipsView {
  const name = (programId: number) => names.get(programId) ?? `Program ${programId}`;
  const pending = new Set(overview.pending.map((entry) => entry.programId));
  const rejected = new Set(overview.rejected);
  return {
    approved: overview.approved,
    catalogSize: overview.catalogSize,
    pending: overview.pending.map((entry) => ({ programId: entry.programId, name: name(entry.programId), since: new Date(entry.since).toISOString() })),
    rejected: overview.rejected.map((programId) => ({ programId, name: name(programId) })),
    withoutLink: overview.withoutLink.map((programId) => ({
      programId,
      name: name(programId),
      state: rejected.has(programId) ? 'rejected' : pending.has(programId) ? 'pending review' : 'not applied yet',
    })),
  };
}

/** Approved, pending since when, rejected, and the programs still without a link. */
export function partnershipsSection(view: PartnershipsView): string {
  const tiles: Array<[string, string, string]> = [
    ['Approved', `${count(view.approved)} of ${count(view.catalogSize)}`, 'ok'],
    ['Pending review', count(view.pending.length), view.pending.length > 0 ? 'info' : ''],
    ['Rejected', count(view.rejected.length), view.rejected.length > 0 ? 'warn' : ''],
    ['Without a link', count(view.withoutLink.length), view.withoutLink.length > 0 ? 'warn' : ''],
  ];
  const pending = tableRegion({
    id: 't-pending',
    caption: 'Applications the advertiser is still reviewing',
    head: ['Program', 'Pending since'],
    rows: [...view.pending].sort((a, b) => a.since.localeCompare(b.since)).map((entry) => `<tr><th scope="row">${escapeHtml(entry.name)}</th><td>${time(entry.since)}</td></tr>`),
    empty: 'No application is waiting for a review.',
  });
  const shown = view.withoutLink.slice(0, LISTED);
  const missing = tableRegion({
    id: 't-without-link',
    caption: view.withoutLink.length > LISTED ? `Programs still without a link (first ${LISTED} of ${count(view.withoutLink.length)})` : 'Programs still without a link',
    head: ['Program', 'Why'],
    rows: shown.map((entry) => `<tr><th scope="row">${escapeHtml(entry.name)}</th><td>${escapeHtml(entry.state)}</td></tr>`),
    empty: 'Every program in the catalog has an approved partnership.',
  });
  return `<section aria-labelledby="h-partnerships" id="partnerships"><h2 id="h-partnerships">Partnerships</h2>
<p class="muted">The bot applies ahead of need: programs being shown first, then the whole catalog. A program gets its link as soon as its advertiser approves.</p>
<ul class="kpis health">${tiles.map(([label, value, tone]) => `<li class="${tone}"><span class="kpi-label">${label}</span><span class="kpi-value">${value}</span></li>`).join('')}</ul>
${pending}
${missing}
</section>`;
}
