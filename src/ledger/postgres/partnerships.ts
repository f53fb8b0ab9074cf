import type pg from 'pg';
import type { PartnershipStore } from '../../partnerships/partnership-store.ts';
import { type PartnershipRow, toPartnershipRecord } from '../partnership-rows.ts';

/**
 * Partnership applications in PostgreSQL, shared by every instance: what one instance applied for, the
 * others find here instead of applying again (a race between two first applications is settled by the
 * network's 409, which the manager reads back).
 */
export function createPostgresPartnerships(pool: pg.Pool): PartnershipStore {
  return {
    async get(programId) {
      const { rows } = await pool.query<PartnershipRow>('SELECT * FROM partnerships WHERE program_id = $1', [programId]);
      return rows[0] ? toPartnershipRecord(rows[0]) : undefined;
    },
    async all() {
      const { rows } = await pool.query<PartnershipRow>('SELECT * FROM partnerships ORDER BY program_id');
      return rows.map(toPartnershipRecord);
    },
    async put(record) {
      await pool.query(
        `INSERT INTO partnerships (program_id, partnership_id, status, tracking_code, fallback_url, applied_at, checked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (program_id) DO UPDATE SET partnership_id = EXCLUDED.partnership_id, status = EXCLUDED.status,
           tracking_code = EXCLUDED.tracking_code, fallback_url = EXCLUDED.fallback_url, applied_at = EXCLUDED.applied_at, checked_at = EXCLUDED.checked_at`,
        [record.programId, record.partnershipId, record.status, record.trackingCode ?? null, record.fallbackUrl ?? null, record.appliedAt, record.checkedAt],
      );
    },
  };
}
