import { type Lang, type Split, gradeMap } from './request-set.ts';
import { CUTOFF, type Scores, type Summary, bestPrecisionAt, summarize } from './metrics.ts';
import { type SystemName, systemNames } from './systems.ts';

export interface RequestResult {
  id: string;
  lang: Lang;
  split: Split;
  text: string;
  note: string;
  grades: Record<string, 1 | 2>;
  systems: Record<SystemName, Scores & { top: number[] }>;
}

export interface SummaryRow extends Summary {
  split: Split;
  lang: Lang | 'all';
  system: SystemName;
  /** The mean precision@3 the grades themselves allow (fewer than three relevant programs caps it). */
  bestPrecision: number;
}

export interface EvalResults {
  generatedAt: string;
  commit: string | undefined;
  splits: Split[];
  cutoff: number;
  definitions: Record<string, string>;
  summary: SummaryRow[];
  requests: RequestResult[];
}

export const definitions = {
  ndcg: 'nDCG@3: gain 2^grade - 1, discount log2(rank + 1), divided by the best order of the request\'s own grades; the mean over requests.',
  precision: 'precision@3: share of the three places holding a program graded 1 or 2; the mean over requests.',
  misses: 'misses: requests with no relevant program (grade >= 1) in the top three.',
  noExact: 'no exact: requests with no program graded 2 (exactly the need) in the top three.',
};

export function summaryRows(results: readonly RequestResult[], splitsRun: readonly Split[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const split of splitsRun) {
    for (const lang of ['en', 'ja', 'all'] as const) {
      const group = results.filter((r) => r.split === split && (lang === 'all' || r.lang === lang));
      if (group.length === 0) continue;
      const bestPrecision = group.reduce((sum, r) => sum + bestPrecisionAt(gradeMap(r)), 0) / group.length;
      for (const system of systemNames) rows.push({ split, lang, system, bestPrecision, ...summarize(group.map((r) => r.systems[system])) });
    }
  }
  return rows;
}

const fixed = (value: number) => value.toFixed(2);

/** The figures as a Markdown table, then the bot's weakest requests of the last split run. */
export function markdownReport(results: EvalResults): string {
  const lines = [
    `Run ${results.generatedAt.slice(0, 16).replace('T', ' ')} UTC${results.commit ? ` on commit ${results.commit}` : ''}, split ${results.splits.join(' + ')}, offline model, embedded sandbox.`,
    '',
    '| split | language | system | requests | nDCG@3 | P@3 (best possible) | misses | no exact |',
    '|---|---|---|---:|---:|---:|---:|---:|',
    ...results.summary.map(
      (row) => `| ${row.split} | ${row.lang} | ${row.system} | ${row.requests} | ${fixed(row.ndcg)} | ${fixed(row.precision)} (${fixed(row.bestPrecision)}) | ${row.misses} | ${row.noExact} |`,
    ),
  ];
  const lastSplit = results.splits.at(-1);
  const worst = results.requests
    .filter((r) => r.split === lastSplit)
    .sort((a, b) => a.systems.bot.ndcg - b.systems.bot.ndcg || a.id.localeCompare(b.id))
    .slice(0, 10);
  lines.push('', `The bot's ten weakest requests (${lastSplit} split): its top ${CUTOFF} with their grades, and the programs graded 2.`, '');
  lines.push('| id | request | bot top 3 (grade) | graded 2 | nDCG@3 |', '|---|---|---|---|---:|');
  for (const r of worst) {
    const top = r.systems.bot.top.map((id) => `${id} (${r.grades[String(id)] ?? 0})`).join(', ') || 'none';
    const exact = Object.entries(r.grades).filter(([, grade]) => grade === 2).map(([id]) => id).join(', ');
    lines.push(`| ${r.id} | ${r.text.replaceAll('|', '\\|')} | ${top} | ${exact} | ${fixed(r.systems.bot.ndcg)} |`);
  }
  return lines.join('\n');
}

/** results.json with one line per summary row and per request, so a new run's diff reads request by request. */
export function resultsJson(results: EvalResults): string {
  const { summary, requests, ...head } = results;
  const list = (items: readonly unknown[]) => `[\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${top},\n  "summary": ${list(summary)},\n  "requests": ${list(requests)}\n}\n`;
}

const START = '<!-- eval:results:start -->';
const END = '<!-- eval:results:end -->';

/** Puts the generated report between the markers of EVAL.md, leaving the hand-written text around it alone. */
export function replaceResultsSection(document: string, report: string): string {
  const section = `${START}\n${report}\n${END}`;
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start === -1 || end < start) return `${document.trimEnd()}\n\n${section}\n`;
  return `${document.slice(0, start)}${section}${document.slice(end + END.length)}`;
}
