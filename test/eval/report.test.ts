import { describe, expect, it } from 'vitest';
import { type RequestResult, replaceResultsSection, resultsJson, summaryRows } from '../../eval/report.ts';
import { score } from '../../eval/metrics.ts';

const request = (id: string, lang: 'en' | 'ja', grades: Record<string, 1 | 2>, bot: number[]): RequestResult => {
  const map = new Map(Object.entries(grades).map(([key, value]) => [Number(key), value]));
  const scored = (top: number[]) => ({ top, ...score(top, map) });
  return { id, lang, split: 'dev', text: id, note: id, grades, systems: { bot: scored(bot), network: scored([]), baseline: scored([]) } };
};

describe('eval report', () => {
  it('summarises each language and both together, per system, with the best precision the grades allow', () => {
    const rows = summaryRows([request('dev-en-01', 'en', { 1: 2 }, [1, 2, 3]), request('dev-ja-01', 'ja', { 5: 2, 6: 1, 7: 1 }, [9, 8, 7])], ['dev']);
    const bot = (lang: string) => rows.find((row) => row.system === 'bot' && row.lang === lang);
    expect(rows).toHaveLength(9);
    expect(bot('en')).toMatchObject({ requests: 1, ndcg: 1, misses: 0, bestPrecision: 1 / 3 });
    expect(bot('ja')).toMatchObject({ requests: 1, misses: 0, noExact: 1, bestPrecision: 1 });
    expect(bot('all')?.requests).toBe(2);
    expect(rows.find((row) => row.system === 'network' && row.lang === 'all')).toMatchObject({ misses: 2, ndcg: 0 });
  });

  it('replaces only the generated section of EVAL.md, or appends one', () => {
    const document = '# Eval\n\nprose\n\n<!-- eval:results:start -->\nold table\n<!-- eval:results:end -->\n\nafter\n';
    expect(replaceResultsSection(document, 'new table')).toBe('# Eval\n\nprose\n\n<!-- eval:results:start -->\nnew table\n<!-- eval:results:end -->\n\nafter\n');
    expect(replaceResultsSection('# Eval\n', 'table')).toBe('# Eval\n\n<!-- eval:results:start -->\ntable\n<!-- eval:results:end -->\n');
  });
});

describe('results.json', () => {
  it('is valid JSON holding everything, one line per summary row and per request', () => {
    const requests = [request('dev-en-01', 'en', { 1: 2 }, [1, 2, 3]), request('dev-ja-01', 'ja', { 5: 2 }, [5])];
    const results = { generatedAt: '2026-12-01T00:00:00.000Z', commit: 'abc1234', splits: ['dev' as const], cutoff: 3, definitions: { ndcg: 'x' }, summary: summaryRows(requests, ['dev']), requests };
    const text = resultsJson(results);
    expect(JSON.parse(text)).toEqual(results);
    expect(text.split('\n').filter((line) => line.includes('"id":"dev-')).length).toBe(2);
  });
});
