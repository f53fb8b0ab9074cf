import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startEvalEnvironment } from './environment.ts';
import { score } from './metrics.ts';
import { type EvalResults, type RequestResult, definitions, markdownReport, replaceResultsSection, resultsJson, summaryRows } from './report.ts';
import { gradeMap, loadRequestSet, splits } from './request-set.ts';
import { type RankingSystem, baselineSystem, botSystem, networkSystem } from './systems.ts';

/** `npm run eval [-- --split dev|test|all]`: scores the bot, the network alone and the baseline on the labelled set. */
const { values } = parseArgs({ options: { split: { type: 'string', default: 'all' } } });
const which = z.enum(['dev', 'test', 'all']).safeParse(values.split);
if (!which.success) {
  console.error(`--split must be dev, test or all (got "${values.split}")`);
  process.exit(2);
}
const requests = loadRequestSet(which.data);
const splitsRun = which.data === 'all' ? [...splits] : [which.data];

function currentCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

const environment = await startEvalEnvironment();
try {
  const systems: RankingSystem[] = [botSystem(environment.botUrl), await networkSystem(environment.sandboxUrl), baselineSystem()];
  const results: RequestResult[] = [];
  for (const [index, request] of requests.entries()) {
    const grades = gradeMap(request);
    const scored = {} as RequestResult['systems'];
    for (const system of systems) {
      const top = (await system.rank(request.text)).slice(0, 3);
      scored[system.name] = { top, ...score(top, grades) };
    }
    results.push({ id: request.id, lang: request.lang, split: request.split, text: request.text, note: request.note, grades: request.grades, systems: scored });
    process.stdout.write(`\r${index + 1}/${requests.length} ${request.id}      `);
  }
  process.stdout.write('\n');

  const output: EvalResults = {
    generatedAt: new Date().toISOString(),
    commit: currentCommit(),
    splits: splitsRun,
    cutoff: 3,
    definitions,
    summary: summaryRows(results, splitsRun),
    requests: results,
  };
  const report = markdownReport(output);
  writeFileSync(new URL('./results.json', import.meta.url), resultsJson(output));
  const evalDoc = new URL('../EVAL.md', import.meta.url);
  writeFileSync(evalDoc, replaceResultsSection(existsSync(evalDoc) ? readFileSync(evalDoc, 'utf8') : '# Recommendation-quality eval\n', report));
  console.log(report);
  console.log('\nWrote eval/results.json and the results section of EVAL.md.');
} finally {
  await environment.close();
}
