import type { RankedProgram } from './types.ts';

/**
 * Our ranking fused with the network's. Each program keeps its share of our best score (0..1) and
 * gains `weight / (1 + rank)` from its place in the network's list: the network decides between
 * programs we find about as relevant, and a program only the network knows still gets a place,
 * but a clear reading of the need is not outvoted by word overlap. (Plain reciprocal rank fusion
 * throws our score gaps away; on the development set it let the network's first place push a
 * program we ranked far below to the top.)
 */
export function fuseWithNetwork(ours: readonly RankedProgram[], network: readonly number[], weight: number): number[] {
  const best = ours[0]?.score ?? 0;
  const score = new Map<number, number>();
  const firstSeen = new Map<number, number>();
  ours.forEach((hit, index) => {
    score.set(hit.id, best > 0 ? hit.score / best : 0);
    firstSeen.set(hit.id, index);
  });
  network.forEach((id, index) => {
    score.set(id, (score.get(id) ?? 0) + weight / (1 + index));
    if (!firstSeen.has(id)) firstSeen.set(id, ours.length + index);
  });
  return [...score.keys()].sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0) || (firstSeen.get(a) ?? 0) - (firstSeen.get(b) ?? 0));
}
