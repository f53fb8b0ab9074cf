import type { DatabaseSync } from 'node:sqlite';
import type { PartnershipRecord, PartnershipStore } from './partnership-store.ts';

interface Row {
  program_id: number;
  partnership_id: number;
  status: PartnershipRecord['status'];
  tracking_code: string | null;
  fallback_url: string | null;
  applied_at: number;
  checked_at: number;
}

const toRecord = (row: Row): PartnershipRecord => ({
  programId: row.program_id,
  partnershipId: row.partnership_id,
  status: row.status,
  trackingCode: row.tracking_code ?? undefined,
  fallbackUrl: row.fallback_url ?? undefined,
  appliedAt: row.applied_at,
  checkedAt: row.checked_at,
});

/** Partnership applications in the bot's SQLite ledger (`DATA_DIR/bot-ledger.sqlite`); the table is created here. */
export function createSqlitePartnershipStore(db: DatabaseSync): PartnershipStore {
  db.exec(`
    CREATE TABLE IF NOT EXISTS partnerships (
      program_id INTEGER PRIMARY KEY,
      partnership_id INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('approved', 'pending', 'rejected', 'suspended')),
      tracking_code TEXT,
      fallback_url TEXT,
      applied_at INTEGER NOT NULL,
      checked_at INTEGER NOT NULL
    );
  `);
  const getOne = db.prepare('SELECT * FROM partnerships WHERE program_id = ?');
  const getAll = db.prepare('SELECT * FROM partnerships ORDER BY program_id');
  const upsert = db.prepare(`
    INSERT INTO partnerships (program_id, partnership_id, status, tracking_code, fallback_url, applied_at, checked_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (program_id) DO UPDATE SET partnership_id = excluded.partnership_id, status = excluded.status,
      tracking_code = excluded.tracking_code, fallback_url = excluded.fallback_url, applied_at = excluded.applied_at, checked_at = excluded.checked_at`);
  return {
    async get(programId) {
      const row = getOne.get(programId) as Row | undefined;
      return row ? toRecord(row) : undefined;
    },
    async all() {
      return (getAll.all() as unknown as Row[]).map(toRecord);
    },
    async put(record) {
      upsert.run(record.programId, record.partnershipId, record.status, record.trackingCode ?? null, record.fallbackUrl ?? null, record.appliedAt, record.checkedAt);
    },
  };
}
