/** One figure beside its baseline, as written to bench/results.json and printed in the table. */
export interface Metric {
  name: string;
  unit: string;
  value: number;
  baseline: number;
  /** value / baseline */
  ratio: number;
  goal: number;
  better: 'lower' | 'higher';
  /** Whether `goal` bounds the ratio (relative goals) or the value itself (absolute goals: memory, start-up). */
  goalOn: 'ratio' | 'value';
  met: boolean;
}

/** What one figure's file reports: its metrics plus the numbers that explain them. */
export interface FigureResult {
  figure: string;
  metrics: Metric[];
  details: Record<string, unknown>;
  notes: string[];
}

export function metric(input: Omit<Metric, 'ratio' | 'met'>): Metric {
  const ratio = input.baseline === 0 ? Number.POSITIVE_INFINITY : input.value / input.baseline;
  const checked = input.goalOn === 'ratio' ? ratio : input.value;
  const met = input.better === 'lower' ? checked <= input.goal : checked >= input.goal;
  return { ...input, ratio: round(ratio, 3), value: round(input.value, 3), baseline: round(input.baseline, 3), met };
}

export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

const fmt = (value: number) => (Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : String(round(value, 2)));

function goalText(m: Metric): string {
  const sign = m.better === 'lower' ? '≤' : '≥';
  return m.goalOn === 'ratio' ? `ratio ${sign} ${m.goal}` : `${sign} ${fmt(m.goal)} ${m.unit}`;
}

/** A Markdown table: readable in a terminal and pasted as is into BENCHMARKS.md. */
export function formatTable(metrics: Metric[]): string {
  const rows = [
    ['', 'figure', 'value', 'baseline', 'ratio', 'goal'],
    ...metrics.map((m) => [m.met ? '✓' : '✗', m.name, `${fmt(m.value)} ${m.unit}`, `${fmt(m.baseline)} ${m.unit}`, `${round(m.ratio, 3)}×`, goalText(m)]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length))) ?? [];
  const line = (row: string[]) => `| ${row.map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - [...cell].length)).join(' | ')} |`;
  const header = rows[0] ?? [];
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

/**
 * Every figure file runs alone (`node bench/latency.ts`) or as a child of run.ts, which receives the
 * result over IPC. Exits when done so stray handles (servers, timers) never hold the bench open.
 */
export async function runFigure(meta: ImportMeta, measure: () => Promise<FigureResult>): Promise<void> {
  if (!meta.main) return;
  try {
    const result = await measure();
    if (process.env.BENCH_WHATIF) result.notes.unshift(`WHAT-IF run (BENCH_WHATIF=${process.env.BENCH_WHATIF}): proposed src/ changes simulated, not the bot as it is`);
    if (process.send) {
      await new Promise<void>((resolve) => process.send?.({ type: 'result', result }, () => resolve()));
    } else {
      console.log(formatTable(result.metrics));
      console.log(JSON.stringify({ details: result.details, notes: result.notes }, null, 2));
    }
    process.exit(0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
