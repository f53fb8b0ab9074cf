import { describe, expect, it } from 'vitest';
import { gradeMap, labelledRequestSchema, loadRequestSet } from '../../eval/request-set.ts';
import { buildCatalog } from '../../src/sandbox/catalog.ts';

const catalog = buildCatalog();

describe('the labelled request set', () => {
  const all = loadRequestSet('all');

  it('holds at least 160 requests, half English and half Japanese, in both splits (about 40% dev)', () => {
    expect(all.length).toBeGreaterThanOrEqual(160);
    expect(all.filter((request) => request.lang === 'en').length * 2).toBe(all.length);
    for (const split of ['dev', 'test'] as const) {
      const part = loadRequestSet(split);
      expect(part.every((request) => request.split === split)).toBe(true);
      expect(part.filter((request) => request.lang === 'en').length * 2).toBe(part.length);
    }
    const devShare = loadRequestSet('dev').length / all.length;
    expect(devShare).toBeGreaterThan(0.3);
    expect(devShare).toBeLessThan(0.5);
  });

  it('grades only programs that exist in the sandbox catalog', () => {
    const unknown = all.flatMap((request) => [...gradeMap(request).keys()].filter((id) => !catalog.byId.has(id)).map((id) => `${request.id}: ${id}`));
    expect(unknown).toEqual([]);
  });

  it('has unique ids and no text in both splits', () => {
    expect(new Set(all.map((request) => request.id)).size).toBe(all.length);
    expect(new Set(all.map((request) => request.text.toLowerCase())).size).toBe(all.length);
  });

  it('rejects a request without a program graded 2, a grade outside 1|2, or an id of the wrong split', () => {
    const good = { id: 'dev-en-01', lang: 'en', split: 'dev', text: 'notes of my calls', grades: { '20': 2 }, note: 'minutes' };
    expect(labelledRequestSchema.safeParse(good).success).toBe(true);
    expect(labelledRequestSchema.safeParse({ ...good, grades: { '20': 1 } }).success).toBe(false);
    expect(labelledRequestSchema.safeParse({ ...good, grades: { '20': 3 } }).success).toBe(false);
    expect(labelledRequestSchema.safeParse({ ...good, grades: { '20': 0 } }).success).toBe(false);
    expect(labelledRequestSchema.safeParse({ ...good, grades: { abc: 2 } }).success).toBe(false);
    expect(labelledRequestSchema.safeParse({ ...good, split: 'test' }).success).toBe(false);
  });
});
