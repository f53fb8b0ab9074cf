/** Graded relevance: 2 = exactly the need, 1 = partially useful; a program not graded counts 0. */
export type Grades = ReadonlyMap<number, 1 | 2>;

/** How deep every figure looks: the bot lists three programs per answer. */
export const CUTOFF = 3;

const gain = (grade: number) => 2 ** grade - 1;
const discount = (index: number) => Math.log2(index + 2);
const gradeOf = (grades: Grades, id: number) => grades.get(id) ?? 0;

/** Discounted cumulative gain of graded values in rank order, over the first `k`. */
function dcg(values: readonly number[], k: number): number {
  return values.slice(0, k).reduce((sum, value, index) => sum + gain(value) / discount(index), 0);
}

/**
 * nDCG@k with exponential gain (2^grade - 1) and log2 discount, normalised by the best order this
 * request's own grades allow, so a perfect answer scores 1 whatever the number of relevant programs.
 * A ranking shorter than k simply has nothing at the missing places.
 */
export function ndcgAt(ranked: readonly number[], grades: Grades, k = CUTOFF): number {
  const ideal = dcg([...grades.values()].sort((a, b) => b - a), k);
  if (ideal === 0) return 0;
  return dcg(unique(ranked).map((id) => gradeOf(grades, id)), k) / ideal;
}

/** Share of the k places holding a relevant program (grade >= 1); empty places count as misses. */
export function precisionAt(ranked: readonly number[], grades: Grades, k = CUTOFF): number {
  return unique(ranked).slice(0, k).filter((id) => gradeOf(grades, id) >= 1).length / k;
}

/** A miss: not one relevant program (grade >= 1) in the first k. */
export function isMiss(ranked: readonly number[], grades: Grades, k = CUTOFF): boolean {
  return !unique(ranked).slice(0, k).some((id) => gradeOf(grades, id) >= 1);
}

/** Stricter: no program graded 2 (exactly the need) in the first k. */
export function lacksExact(ranked: readonly number[], grades: Grades, k = CUTOFF): boolean {
  return !unique(ranked).slice(0, k).some((id) => gradeOf(grades, id) === 2);
}

/** The best precision@k the grades allow (a request with one relevant program cannot pass 1/3). */
export function bestPrecisionAt(grades: Grades, k = CUTOFF): number {
  return Math.min(grades.size, k) / k;
}

export interface Scores {
  ndcg: number;
  precision: number;
  miss: boolean;
  noExact: boolean;
}

export function score(ranked: readonly number[], grades: Grades, k = CUTOFF): Scores {
  return { ndcg: ndcgAt(ranked, grades, k), precision: precisionAt(ranked, grades, k), miss: isMiss(ranked, grades, k), noExact: lacksExact(ranked, grades, k) };
}

export interface Summary {
  requests: number;
  ndcg: number;
  precision: number;
  misses: number;
  noExact: number;
}

/** Means of nDCG and precision, counts of misses, over a group of scored requests. */
export function summarize(scores: readonly Scores[]): Summary {
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  return {
    requests: scores.length,
    ndcg: mean(scores.map((s) => s.ndcg)),
    precision: mean(scores.map((s) => s.precision)),
    misses: scores.filter((s) => s.miss).length,
    noExact: scores.filter((s) => s.noExact).length,
  };
}

/** A program listed twice counts once, at its first place: a repeat adds nothing for the user. */
function unique(ranked: readonly number[]): number[] {
  return [...new Set(ranked)];
}
