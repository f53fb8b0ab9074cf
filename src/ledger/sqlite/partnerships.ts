import type { DatabaseSync } from 'node:sqlite';
import type { PartnershipStore } from '../../partnerships/partnership-store.ts';
import { type PartnershipRow, toPartnershipRecord } from '../partnership-rows.ts';

/** Partnership applications in the instance's SQLite ledger (`DATA_DIR/bot-ledger.sqlite`, table from migration 3). */
export function createSqlitePartnerships(db: DatabaseSync): PartnershipStore {
  const getOne = db.prepare('SELECT * FROM partnerships WHERE program_id = ?');
  const getAll = db.prepare('SELECT * FROM partnerships ORDER BY program_id');
  const upsert = db.prepare(`
    INSERT INTO partnerships (program_id, partnership_id, status, tracking_code, fallback_url, applied_at, checked_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (program_id) DO UPDATE SET partnership_id = excluded.partnership_id, status = excluded.status,
      tracking_code = excluded.tracking_code, fallback_url = excluded.fallback_url, applied_at = excluded.applied_at, checked_at = excluded.checked_at`);
  return {
    async get(programId) {
      const row = getOne.get(programId) as PartnershipRow | undefined;
      return row ? toPartnershipRecord(row) : undefined;
    },
    async all() {
      return (getAll.all() as unknown as PartnershipRow[]).map(toPartnershipRecord);
    },
    async put(record) {
      upsert.run(record.programId, record.partnershipId, record.status, record.trackingCode ?? null, record.fallbackUrl ?? null, record.appliedAt, record.checkedAt);
    },
  };
}
