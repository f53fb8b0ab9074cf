/** What this operator knows about its partnership with one program, kept durably so a restart never applies twice. */
export interface PartnershipRecord {
  programId: number;
  partnershipId: number;
  status: 'approved' | 'pending' | 'rejected' | 'suspended';
  trackingCode: string | undefined;
  /** A plain tracking URL from `publisher.links_generate`: the redirect of last resort when a click cannot be recorded. */
  fallbackUrl: string | undefined;
  /** When we applied (or first learned of the partnership). */
  appliedAt: number;
  /** When we last learned its status from the network (a re-read that finds no change writes nothing). */
  checkedAt: number;
}

/**
 * Where partnership applications live. One small interface, so the SQLite ledger (one instance) and a
 * PostgreSQL ledger (several instances) can both hold them.
 */
export interface PartnershipStore {
  get(programId: number): Promise<PartnershipRecord | undefined>;
  all(): Promise<PartnershipRecord[]>;
  put(record: PartnershipRecord): Promise<void>;
}
