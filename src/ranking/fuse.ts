/**
 * Weighted reciprocal rank fusion: each ranking adds weight / (k + rank) to a program. Only ranks
 * count, so scores on different scales (ours, the network's) mix fairly; a small k lets the top of
 * each list matter more than its tail.
 */
export function fuseRankings(rankings: ReadonlyArray<{ ids: readonly number[]; weight: number }>, k = 10): number[] {
  const score = new Map<number, number>();
  const firstSeen = new Map<number, number>();
  let order = 0;
  for (const { ids, weight } of rankings) {
    ids.forEach((id, index) => {
      score.set(id, (score.get(id) ?? 0) + weight / (k + index + 1));
      if (!firstSeen.has(id)) firstSeen.set(id, order++);
    });
  }
  return [...score.keys()].sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0) || (firstSeen.get(a) ?? 0) - (firstSeen.get(b) ?? 0));
}
