/**
 * `node bench/rank-quality.ts <requests.json> [--split dev] [--verbose]`: the ranker's own quality
 * figure, for tuning. Reads a labelled request file (`[{ id, lang, split, text, grades: { id: 0|1|2 } }]`)
 * without copying it, ranks each request with the recommend tool's ranking (ours fused with the
 * sandbox's `agent.recommend`), the same after the offline model's reading of the message (what the
 * bot without an LLM sends the tools), ours alone and the network alone, and prints nDCG@3, precision@3
 * and misses per language, then the worst requests. Only the split asked for is read.
 * `bench/ranking-probes.json` holds 70 requests of our own (graded by hand, split "dev") for quick checks.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Keyv from 'keyv';
import { createAgentClickClient } from '../src/agentclick/client.ts';
import { createCatalog } from '../src/catalog/catalog.ts';
import { createLog } from '../src/log.ts';
import { listen } from '../src/http/listen.ts';
import { parseIntent } from '../src/core/offline-model/intent.ts';
import { createRankingService, type RankingService } from '../src/ranking/ranking-service.ts';
import { createSandbox } from '../src/sandbox/create-sandbox.ts';
import { createApiAnswerCache } from '../src/cache/api-answer-cache.ts';

interface Labelled {
  id: string;
  lang: string;
  split: string;
  text: string;
  grades: Record<string, number>;
  note?: string;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { split: { type: 'string', default: 'dev' }, verbose: { type: 'boolean', default: false }, 'network-weight': { type: 'string' } } });
const file = positionals[0];
if (!file) throw new Error('usage: node bench/rank-quality.ts <requests.json> [--split dev]');
const parsed = JSON.parse(readFileSync(file, 'utf8')) as Labelled[] | { requests: Labelled[] };
const requests = (Array.isArray(parsed) ? parsed : parsed.requests).filter((request) => request.split === values.split);

const gain = (grade: number) => 2 ** grade - 1;
function ndcg(ranked: number[], grades: Record<string, number>): number {
  const dcg = (list: number[]) => list.slice(0, 3).reduce((sum, grade, i) => sum + gain(grade) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(grades).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.slice(0, 3).map((id) => grades[String(id)] ?? 0)) / ideal;
}

const sandbox = createSandbox();
const server = await listen(sandbox.app);
const keyResponse = await fetch(`${server.url}/_sandbox/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ network: 'agentclick', role: 'agent' }) });
const { api_key: apiKey } = (await keyResponse.json()) as { api_key: string };
const log = createLog({ level: 'error' });
const client = createAgentClickClient({ baseUrl: server.url, apiKey });
const kv = new Keyv();
const catalog = createCatalog({ client, kv, log });
const networkWeight = values['network-weight'] === undefined ? undefined : Number(values['network-weight']);
const ranking = createRankingService({ catalog, agentclick: client, cache: createApiAnswerCache({ kv: new Keyv() }), log, ...(networkWeight === undefined ? {} : { networkWeight }) });

type System = 'offline' | 'fused' | 'ours' | 'network';
const rows: Array<{ request: Labelled; scores: Record<System, number>; top: Record<System, number[]> }> = [];
try {
  for (const request of requests) {
    const fused = (await ranking.rank({ text: request.text, limit: 3, network: true })).map((doc) => doc.id);
    const ours = (await ranking.rank({ text: request.text, limit: 3 })).map((doc) => doc.id);
    const network = (await client.call('agent.recommend', { use_case: request.text, limit: 3 })).programs.map((program) => program.id);
    const offline = await offlineModelPath(ranking, request.text);
    const top = { offline, fused, ours, network };
    rows.push({ request, top, scores: { offline: ndcg(offline, request.grades), fused: ndcg(fused, request.grades), ours: ndcg(ours, request.grades), network: ndcg(network, request.grades) } });
  }
} finally {
  await server.close();
}

const names = new Map((await catalog.programs()).map((program) => [program.id, program.name_en ?? program.name]));
for (const lang of [...new Set(rows.map((row) => row.request.lang))]) {
  const mine = rows.filter((row) => row.request.lang === lang);
  const line = (system: System) => {
    const mean = mine.reduce((sum, row) => sum + row.scores[system], 0) / mine.length;
    const misses = mine.filter((row) => !row.top[system].some((id) => (row.request.grades[String(id)] ?? 0) > 0)).length;
    const precision = mine.reduce((sum, row) => sum + row.top[system].filter((id) => (row.request.grades[String(id)] ?? 0) > 0).length / 3, 0) / mine.length;
    return `${system.padEnd(8)} nDCG@3 ${mean.toFixed(3)}  P@3 ${precision.toFixed(3)}  misses ${misses}`;
  };
  console.log(`${lang} (${mine.length} ${values.split} requests)\n  ${line('offline')}\n  ${line('fused')}\n  ${line('ours')}\n  ${line('network')}`);
}
const worst = [...rows].sort((a, b) => a.scores.offline - b.scores.offline).slice(0, values.verbose ? 25 : 8);
console.log('\nworst (through the offline model):');
for (const row of worst) {
  const show = (ids: number[]) => ids.map((id) => `${id} ${names.get(id)}(${row.request.grades[String(id)] ?? 0})`).join(', ');
  console.log(`  ${row.scores.offline.toFixed(2)} ${row.request.id} ${row.request.text}\n       got: ${show(row.top.offline)}\n       want: ${Object.entries(row.request.grades).map(([id, g]) => `${id} ${names.get(Number(id))}(${g})`).join(', ')}`);
}

/** What the bot without an LLM does with the message: the offline model's reading, then the tool it calls. */
async function offlineModelPath(service: RankingService, text: string): Promise<number[]> {
  const intent = parseIntent(text, { known: [], hasList: false, hasFocus: false });
  const ids = (docs: Array<{ id: number }>) => docs.map((doc) => doc.id);
  if (intent.kind === 'recommend') return ids(await service.rank({ text: intent.use_case, category: intent.category, limit: 3, network: true }));
  if (intent.kind === 'search') return ids(await service.rank({ text: intent.query, category: intent.category, rewardType: intent.reward_type, minReward: intent.min_reward, limit: 3 }));
  if ((intent.kind === 'details' || intent.kind === 'link') && intent.target.kind === 'name') return ids(await service.rank({ text: intent.target.name, limit: 3 }));
  return [];
}
