/**
 * The ranker's time per query on synthetic catalogs of 5,000 and 50,000 programs (real networks have
 * thousands). Programs are made from the seed catalog's texts: each takes one seed program's name,
 * category and description and a sentence of another's, so the vocabulary and the concepts are
 * those of real entries, spread over many more programs. Queries are everyday requests in English
 * and Japanese (not the eval's). Baseline: one plain MiniSearch search over the same programs'
 * names and descriptions (what the bot's old catalog index did), so the figure shows what the
 * understanding adds to a bare text search. Both run in this process, one query at a time.
 */
import { createRanker } from '../src/ranking/create-ranker.ts';
import type { RankDoc } from '../src/ranking/types.ts';
import { buildCatalog } from '../src/sandbox/catalog.ts';
import { seededRandom } from '../src/shared/prng.ts';
import { createTextIndex } from '../src/shared/text-index.ts';
import { type FigureResult, type Metric, metric, round, runFigure } from './helpers/metric.ts';

const QUERIES = [
  'something that writes up what was said in our weekly calls',
  'read my newsletter out loud for people who prefer listening',
  'i need to talk with customers who only speak spanish',
  'make my shop photos look professional',
  'help me fix bugs in my python code',
  'a tool to plan meals for my family',
  'free trial video editor for tiktok',
  'spreadsheet formulas without knowing excel',
  'logo for my new coffee brand',
  'predict which customers will cancel',
  '会議の内容を自動でまとめたい',
  '英語の資料を日本語に訳したい',
  'ナレーションを自動で入れたい',
  '子供の宿題を手伝ってくれるアプリ',
  'インスタの投稿を楽にしたい',
  '古い写真をきれいにしたい',
  '社内の問い合わせに答えるチャットボット',
  'マーケ系でクリック報酬のプログラム',
  'GPUを安く借りたい',
  '歌詞から曲を作ってくれる',
];

function syntheticCatalog(size: number): RankDoc[] {
  const seeds = buildCatalog().programs;
  const random = seededRandom(size);
  const sentence = (text: string) => text.split(/(?<=[.。])\s*/u).filter(Boolean);
  return Array.from({ length: size }, (_, i): RankDoc => {
    const seed = seeds[i % seeds.length] as (typeof seeds)[number];
    const other = seeds[Math.floor(random() * seeds.length)] as (typeof seeds)[number];
    return {
      id: i + 1,
      name: `${seed.name}${i}`,
      name_en: `${seed.name_en} ${i}`,
      description: `${sentence(seed.description)[0] ?? ''}${sentence(other.description)[1] ?? ''}`,
      description_en: `${sentence(seed.description_en)[0] ?? ''} ${sentence(other.description_en)[1] ?? ''}`,
      category_slug: seed.category_slug,
      category_name: seed.category_name,
      category_name_en: seed.category_name_en,
      reward_type: seed.reward_type,
      reward_amount: seed.reward_amount,
    };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

function timeQueries(run: (query: string) => unknown, rounds: number): number[] {
  for (const query of QUERIES) run(query);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const query of QUERIES) {
      const t0 = performance.now();
      run(query);
      samples.push(performance.now() - t0);
    }
  }
  return samples.sort((a, b) => a - b);
}

export async function measureRanker(): Promise<FigureResult> {
  const ranker = createRanker();
  const metrics: Metric[] = [];
  const details: Record<string, unknown> = {};
  for (const [size, goal, rounds] of [
    [5_000, 2, 50],
    [50_000, 20, 25],
  ] as const) {
    const docs = syntheticCatalog(size);
    const t0 = performance.now();
    const index = ranker.index(docs);
    const buildMs = performance.now() - t0;
    const plain = createTextIndex(docs, { name_en: 1, description: 1, description_en: 1 }, (doc, field) => String(doc[field] ?? ''));
    const ours = timeQueries((query) => index.rank(query).slice(0, 20), rounds);
    const baseline = timeQueries((query) => plain.search(query).slice(0, 20), rounds);
    const label = size.toLocaleString('en-US');
    metrics.push(metric({ name: `ranker p99, ${label} programs`, unit: 'ms', value: percentile(ours, 0.99), baseline: percentile(baseline, 0.99), goal, better: 'lower', goalOn: 'value' }));
    details[String(size)] = {
      samples: ours.length,
      p50Ms: round(percentile(ours, 0.5), 3),
      p99Ms: round(percentile(ours, 0.99), 3),
      baselineP50Ms: round(percentile(baseline, 0.5), 3),
      baselineP99Ms: round(percentile(baseline, 0.99), 3),
      indexBuildMs: round(buildMs, 0),
    };
  }
  const notes = Object.entries(details).map(([size, d]) => {
    const figures = d as { p50Ms: number; p99Ms: number; baselineP50Ms: number; indexBuildMs: number };
    return `${Number(size).toLocaleString('en-US')} programs: p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms (plain MiniSearch p50 ${figures.baselineP50Ms} ms); index built in ${figures.indexBuildMs} ms, once per catalog refresh`;
  });
  return { figure: 'ranker', metrics, details, notes };
}

await runFigure(import.meta, measureRanker);
