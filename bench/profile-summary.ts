/**
 * Where the time goes in a V8 CPU profile (from BENCH_CPU_PROF=1): self time per function and per
 * package or src/ folder, and inclusive time of the bot's own functions.
 * `node bench/profile-summary.ts bench/profiles/<file>.cpuprofile [top]`
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/profile-summary.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const selfMs = new Map<number, number>();
const samples = profile.samples ?? [];
const deltas = profile.timeDeltas ?? [];
for (let i = 0; i < samples.length; i++) {
  const id = samples[i] ?? 0;
  selfMs.set(id, (selfMs.get(id) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0) / 1000);
}
const total = [...selfMs.values()].reduce((sum, v) => sum + v, 0);

function place(url: string): string {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1).split('/').slice(0, -1).join('/') + '/' + url.split('/').at(-1);
  if (url.startsWith('node:')) return url;
  return url.split('/').slice(-2).join('/');
}
const label = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${place(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;

const pct = (ms: number) => `${((ms / total) * 100).toFixed(1).padStart(5)}%`;
const print = (title: string, entries: Array<[string, number]>) => {
  console.log(`\n${title}`);
  for (const [name, ms] of entries.sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(ms)}  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
};

const selfByFunction = new Map<string, number>();
const selfByPlace = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const node = byId.get(id);
  if (!node) continue;
  selfByFunction.set(label(node), (selfByFunction.get(label(node)) ?? 0) + ms);
  const where = place(node.callFrame.url).split(':')[0] ?? '';
  const group = where.startsWith('src/') ? where : where;
  selfByPlace.set(group, (selfByPlace.get(group) ?? 0) + ms);
  // Inclusive time: charge every distinct ancestor frame once.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const frame = byId.get(cur);
    if (!frame) break;
    const key = label(frame);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
  }
}
console.log(`profile: ${file}\nsampled: ${total.toFixed(0)} ms`);
print('self time by function', [...selfByFunction]);
print('self time by package / file', [...selfByPlace]);
print('inclusive time, the bot\'s own functions (src/)', [...inclusive].filter(([name]) => name.includes(' src/')));
print('inclusive time, everything', [...inclusive]);
