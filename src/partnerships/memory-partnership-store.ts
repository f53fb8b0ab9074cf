import type { PartnershipRecord, PartnershipStore } from './partnership-store.ts';

/** Partnerships in this process only: for tests and throwaway runs; lost on restart. */
export function createMemoryPartnershipStore(): PartnershipStore {
  const records = new Map<number, PartnershipRecord>();
  return {
    async get(programId) {
      return records.get(programId);
    },
    async all() {
      return [...records.values()].sort((a, b) => a.programId - b.programId);
    },
    async put(record) {
      records.set(record.programId, { ...record });
    },
  };
}
