import type { Catalog } from '../catalog/catalog.ts';
import type { PartnershipStore } from './partnership-store.ts';

export interface PartnershipOverview {
  approved: number;
  pending: Array<{ programId: number; since: number }>;
  rejected: number[];
  /** Programs of the catalog with no approved partnership yet (not applied, pending or rejected). */
  withoutLink: number[];
  catalogSize: number;
}

/** For the dashboard: what is approved, pending since when, rejected, and which programs are still without a link. */
export async function partnershipOverview(store: PartnershipStore, catalog: Pick<Catalog, 'programs'>): Promise<PartnershipOverview> {
  const records = await store.all();
  const programs = await catalog.programs().catch(() => []);
  const approved = new Set(records.filter((record) => record.status === 'approved').map((record) => record.programId));
  return {
    approved: approved.size,
    pending: records.filter((record) => record.status === 'pending').map((record) => ({ programId: record.programId, since: record.appliedAt })),
    rejected: records.filter((record) => record.status === 'rejected' || record.status === 'suspended').map((record) => record.programId),
    withoutLink: programs.map((program) => program.id).filter((id) => !approved.has(id)),
    catalogSize: programs.length,
  };
}
