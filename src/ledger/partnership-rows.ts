import type { PartnershipRecord } from '../partnerships/partnership-store.ts';

/** One row of the `partnerships` table, as both engines return it (PostgreSQL BIGINTs come back as strings). */
export interface PartnershipRow {
  program_id: number | string;
  partnership_id: number | string;
  status: PartnershipRecord['status'];
  tracking_code: string | null;
  fallback_url: string | null;
  applied_at: number | string;
  checked_at: number | string;
}

export const toPartnershipRecord = (row: PartnershipRow): PartnershipRecord => ({
  programId: Number(row.program_id),
  partnershipId: Number(row.partnership_id),
  status: row.status,
  trackingCode: row.tracking_code ?? undefined,
  fallbackUrl: row.fallback_url ?? undefined,
  appliedAt: Number(row.applied_at),
  checkedAt: Number(row.checked_at),
});
