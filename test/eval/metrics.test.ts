import { describe, expect, it } from 'vitest';
import { bestPrecisionAt, isMiss, lacksExact, ndcgAt, precisionAt, summarize, score } from '../../eval/metrics.ts';

const grades = (entries: Record<number, 1 | 2>) => new Map(Object.entries(entries).map(([id, grade]) => [Number(id), grade]));

describe('nDCG@3', () => {
  const g = grades({ 10: 2, 20: 1, 30: 1 });
  // Ideal: gains 3, 1, 1 -> 3/1 + 1/log2(3) + 1/2 = 3 + 0.6309298 + 0.5 = 4.1309298
  const ideal = 3 + 1 / Math.log2(3) + 0.5;

  it('is 1 for the ideal order and for an order that ties it', () => {
    expect(ndcgAt([10, 20, 30], g)).toBeCloseTo(1, 12);
    expect(ndcgAt([10, 30, 20], g)).toBeCloseTo(1, 12);
  });

  it('matches hand-computed values', () => {
    // 1/1 + 3/log2(3) + 0 = 1 + 1.8927893 = 2.8927893
    expect(ndcgAt([20, 10, 99], g)).toBeCloseTo((1 + 3 / Math.log2(3)) / ideal, 12);
    expect(ndcgAt([20, 10, 99], g)).toBeCloseTo(0.700273, 5);
    // only the grade-2 program, third: 3/2
    expect(ndcgAt([98, 99, 10], g)).toBeCloseTo(1.5 / ideal, 12);
    expect(ndcgAt([98, 99, 97], g)).toBe(0);
  });

  it('normalises by the best this request allows: one relevant program first is perfect', () => {
    expect(ndcgAt([7, 1, 2], grades({ 7: 2 }))).toBe(1);
    expect(ndcgAt([1, 7, 2], grades({ 7: 2 }))).toBeCloseTo(1 / Math.log2(3), 12);
  });

  it('treats a short ranking as empty places and a repeated program as one', () => {
    expect(ndcgAt([], g)).toBe(0);
    expect(ndcgAt([10], g)).toBeCloseTo(3 / ideal, 12);
    expect(ndcgAt([10, 10, 20], g)).toBeCloseTo((3 + 1 / Math.log2(3)) / ideal, 12);
  });

  it('looks only at the first three', () => {
    expect(ndcgAt([1, 2, 3, 10, 20, 30], g)).toBe(0);
  });
});

describe('precision@3, misses and the best precision a request allows', () => {
  const g = grades({ 10: 2, 20: 1 });

  it('counts places holding grade >= 1, out of three', () => {
    expect(precisionAt([10, 20, 5], g)).toBeCloseTo(2 / 3, 12);
    expect(precisionAt([5, 6, 20], g)).toBeCloseTo(1 / 3, 12);
    expect(precisionAt([10], g)).toBeCloseTo(1 / 3, 12);
    expect(bestPrecisionAt(g)).toBeCloseTo(2 / 3, 12);
  });

  it('a miss has no relevant program in the top three; no-exact has no grade 2 there', () => {
    expect(isMiss([5, 6, 7, 10], g)).toBe(true);
    expect(isMiss([5, 20, 7], g)).toBe(false);
    expect(lacksExact([5, 20, 7], g)).toBe(true);
    expect(lacksExact([5, 20, 10], g)).toBe(false);
  });

  it('summarises means and counts', () => {
    const summary = summarize([score([10, 20, 5], g), score([5, 6, 7], g)]);
    expect(summary.requests).toBe(2);
    expect(summary.misses).toBe(1);
    expect(summary.noExact).toBe(1);
    expect(summary.precision).toBeCloseTo(1 / 3, 12);
    expect(summary.ndcg).toBeCloseTo(0.5, 12);
    expect(summarize([])).toEqual({ requests: 0, ndcg: 0, precision: 0, misses: 0, noExact: 0 });
  });
});
