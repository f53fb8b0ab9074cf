/**
 * `npm run bench`: every figure beside its baseline in one run. Each figure runs in a process of its
 * own (its servers in further processes), one after another, with a time limit; the table is printed,
 * bench/results.json written and, on a full run, the table in BENCHMARKS.md replaced.
 * `npm run bench -- latency memory` runs some figures only (results.json then holds only those).
 * BENCH_STRICT=1 exits 1 when a goal is missed; BENCH_CPU_PROF=1 profiles the servers (bench/profiles/).
 */
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { type FigureResult, type Metric, formatTable } from './helpers/metric.ts';

const FIGURES: Array<{ name: string; file: string; limitS: number; what: string }> = [
  { name: 'prompt-tokens', file: 'prompt-tokens.ts', limitS: 60, what: 'prompt tokens per recommendation turn' },
  { name: 'api-requests', file: 'api-requests.ts', limitS: 150, what: 'AgentClick requests per 1,000 turns' },
  { name: 'latency', file: 'latency.ts', limitS: 150, what: 'turn overhead, sequential' },
  { name: 'throughput', file: 'throughput.ts', limitS: 90, what: 'throughput, 50 clients' },
  { name: 'memory', file: 'memory.ts', limitS: 240, what: 'memory per 10,000 sessions' },
  { name: 'startup', file: 'startup.ts', limitS: 90, what: 'start-up to ready' },
  { name: 'postbacks', file: 'postbacks.ts', limitS: 90, what: 'postbacks accepted per second, PostgreSQL vs SQLite ledger' },
  { name: 'ranker', file: 'ranker.ts', limitS: 300, what: 'ranker time per query, 5,000 and 50,000 programs' },
];

const HERE = new URL('./', import.meta.url).pathname;
// A what-if run (proposed src/ changes simulated, see helpers/what-if.ts) never overwrites the real results.
const WHAT_IF = Boolean(process.env.BENCH_WHATIF);
const RESULTS = new URL(WHAT_IF ? './results-what-if.json' : './results.json', import.meta.url).pathname;
const DOC = new URL('../BENCHMARKS.md', import.meta.url).pathname;
const START = '<!-- bench:table:start -->';
const END = '<!-- bench:table:end -->';

/** How busy the machine is with other work, from /proc/stat over one second (none of ours runs then). */
async function otherWork(): Promise<number | undefined> {
  const read = () => {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { idle, total: fields.reduce((sum, v) => sum + v, 0) };
  };
  try {
    const a = read();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const b = read();
    return b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : undefined;
  } catch {
    return undefined;
  }
}

function runOne(figure: (typeof FIGURES)[number]): Promise<FigureResult> {
  return new Promise((resolve, reject) => {
    const child = fork(`${HERE}${figure.file}`, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: FigureResult | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${figure.name}: over its ${figure.limitS} s limit`));
    }, figure.limitS * 1000);
    child.on('message', (message: { type: string; result: FigureResult }) => {
      if (message.type === 'result') result = message.result;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`${figure.name}: exited with ${code} and no result`));
    });
  });
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !FIGURES.some((figure) => figure.name === name));
if (unknown.length > 0) {
  console.error(`unknown figure(s): ${unknown.join(', ')}; choose from ${FIGURES.map((f) => f.name).join(', ')}`);
  process.exit(2);
}
const selected = wanted.length > 0 ? FIGURES.filter((figure) => wanted.includes(figure.name)) : FIGURES;
const cores = cpus().length;
const started = performance.now();
const results: FigureResult[] = [];
const failures: string[] = [];
const busy: string[] = [];

console.log(`bench: ${selected.map((f) => f.name).join(', ')} on Node ${process.versions.node}, ${cores} cores (${cpus()[0]?.model ?? '?'})`);
for (const figure of selected) {
  const busyShare = await otherWork();
  if (busyShare !== undefined && busyShare > 0.2) busy.push(`${figure.name} (${Math.round(busyShare * 100)} % of the CPUs)`);
  const t0 = performance.now();
  process.stdout.write(`  ${figure.what} … `);
  try {
    const result = await runOne(figure);
    results.push(result);
    console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
    console.log('FAILED');
  }
}

const metrics: Metric[] = results.flatMap((result) => result.metrics);
const notes = results.flatMap((result) => result.notes.map((note) => `${result.figure}: ${note}`));
if (busy.length > 0) notes.push(`other work was using the machine as these figures started: ${busy.join(', ')}; absolute times are inflated and spread; the ratios (bot and baseline measured in the same conditions) hold better`);
const table = formatTable(metrics);
console.log(`\n${table}\n`);
for (const note of notes) console.log(`- ${note}`);
for (const failure of failures) console.log(`✗ ${failure}`);
const missed = metrics.filter((m) => !m.met);
console.log(`\n${metrics.length - missed.length} of ${metrics.length} goals met${missed.length ? ` — missed: ${missed.map((m) => `${m.name} (${m.goalOn === 'ratio' ? `${m.ratio}×` : `${m.value} ${m.unit}`})`).join(', ')}` : ''}; ${((performance.now() - started) / 1000).toFixed(0)} s in all`);

const generatedAt = new Date().toISOString();
writeFileSync(
  RESULTS,
  `${JSON.stringify(
    {
      generatedAt,
      ...(WHAT_IF ? { whatIf: process.env.BENCH_WHATIF } : {}),
      node: process.versions.node,
      machine: { cores, cpu: cpus()[0]?.model, loadavg: loadavg() },
      metrics: metrics.map(({ name, unit, value, baseline, ratio, goal, better, goalOn, met }) => ({ name, unit, value, baseline, ratio, goal, better, goalOn, met })),
      notes,
      failures,
      details: Object.fromEntries(results.map((result) => [result.figure, result.details])),
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${RESULTS}`);

if (selected.length === FIGURES.length && failures.length === 0 && !WHAT_IF) {
  try {
    const doc = readFileSync(DOC, 'utf8');
    const from = doc.indexOf(START);
    const to = doc.indexOf(END);
    if (from >= 0 && to > from) {
      const block = [START, `Latest run: ${generatedAt.slice(0, 16).replace('T', ' ')} UTC, Node ${process.versions.node}, ${cores} cores.`, '', table, '', ...notes.map((note) => `- ${note}`), END].join('\n');
      writeFileSync(DOC, doc.slice(0, from) + block + doc.slice(to + END.length));
      console.log(`updated the table in ${DOC}`);
    }
  } catch {
    // No BENCHMARKS.md (or no markers): the printed table and results.json stand alone.
  }
}

process.exit(failures.length > 0 || (process.env.BENCH_STRICT === '1' && missed.length > 0) ? 1 : 0);
