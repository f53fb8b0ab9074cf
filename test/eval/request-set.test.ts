import { describe, expect, it } from 'vitest';
import { gradeMap, labelledRequestSchema, loadRequestSet } from '../../eval/request-set.ts';
import { buildCatalog } from '../../src/sandbox/catalog.ts';

const catalog = buildCatalog();

describe('the labelled request set', () => {
  const dev = loadRequestSet('dev');

  it('grades only programs that exist in the sandbox catalog', () => {
    const unknown = dev.flatMap((request) => [...gradeMap(request).keys()].filter((id) => !catalog.byId.has(id)).map((id) => `${request.id}: ${id}`));
    expect(unknown).toEqual([]);
  });

  it('has unique ids, both languages in even halves, and unique texts', () => {
    expect(new Set(dev.map((request) => request.id)).size).toBe(dev.length);
    expect(new Set(dev.map((request) => request.text)).size).toBe(dev.length);
    const en = dev.filter((request) => request.lang === 'en').length;
    expect(en).toBe(dev.length - en);
  });

  it('rejects a request without a program graded 2, a grade outside 1|2, or an id of the wrong split', () => {
    const good = { id: 'dev-en-01', lang: 'en', split: 'dev', text: 'notes of my calls', grades: { '20': 2 }, note: 'minutes' };
    expect(labelledRequestSchema.safeParse(good).success).toBe(true);
    expect(labelledRequestSchema.safeParse({ ...good, grades: { '20': 1 } }).success).toBe(false);
    expect(labelledRequestSchema.safeParse({ ...good, grades: { '20': 3 } }).success).toBe(false);
    expect(labelledRequestSchema.safeParse({ ...good, grades: { '20': 0 } }).success).toBe(false);
    expect(labelledRequestSchema.safeParse({ ...good, split: 'test' }).success).toBe(false);
  });
});
