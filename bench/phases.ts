/**
 * Diagnostic, not part of `npm run bench`: where a bot turn's time goes, in one process, without
 * HTTP sockets. Sequential turns of the latency figure through `app.request` (Hono in-process) for the
 * bot and the baseline, `core.handleTurn` alone, and the time spent awaiting each keyv store.
 * `node bench/phases.ts [turns]`; with BENCH_WHATIF=… the bot runs with proposed src/ changes
 * simulated (helpers/what-if.ts) and the baseline is measured after them too.
 */
import type Keyv from 'keyv';
import { createBaselineApp } from './baseline-endpoint.ts';
import { startBenchBot } from './helpers/bench-bot.ts';
import { percentile, userAddress } from './helpers/http.ts';
import { round } from './helpers/metric.ts';
import { RECOMMEND_TURN, everyTurnModel } from './helpers/scripted-model.ts';

const TURNS = Number(process.argv[2] ?? 2000);
const WARMUP = 500;
const PER_SESSION = Number(process.env.BENCH_TURNS_PER_SESSION ?? 5);

const spent = new Map<string, { ms: number; calls: number; max: number }>();
function timeStore(name: string, kv: Keyv) {
  for (const op of ['get', 'set', 'delete'] as const) {
    const original = kv[op].bind(kv) as (...args: unknown[]) => Promise<unknown>;
    (kv as unknown as Record<string, unknown>)[op] = async (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return await original(...args);
      } finally {
        const key = `${name}.${op}`;
        const entry = spent.get(key) ?? { ms: 0, calls: 0, max: 0 };
        const ms = performance.now() - t0;
        entry.ms += ms;
        entry.calls++;
        entry.max = Math.max(entry.max, ms);
        spent.set(key, entry);
      }
    };
  }
}

async function timed(label: string, count: number, turn: (i: number) => Promise<void>) {
  for (let i = 0; i < WARMUP; i++) await turn(i);
  spent.clear();
  const samples: number[] = [];
  for (let i = WARMUP; i < WARMUP + count; i++) {
    const t0 = performance.now();
    await turn(i);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((s, v) => s + v, 0) / samples.length;
  console.log(`${label.padEnd(34)} mean ${round(mean, 3)} ms  p50 ${round(percentile(samples, 50), 3)}  p99 ${round(percentile(samples, 99), 3)}`);
  for (const [key, { ms, calls, max }] of [...spent].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`    ${key.padEnd(22)} ${round(ms / count, 3)} ms/turn  (${round(calls / count, 2)} calls/turn, longest ${round(max, 1)} ms)`);
  }
  return mean;
}

const body = (i: number) => JSON.stringify({ sessionId: `phase-session-${Math.floor(i / PER_SESSION)}`, message: RECOMMEND_TURN.message, locale: 'en' });
const headers = (i: number) => ({ 'content-type': 'application/json', 'x-forwarded-for': userAddress(Math.floor(i / PER_SESSION)) });

const baseline = createBaselineApp(everyTurnModel(RECOMMEND_TURN.first, RECOMMEND_TURN.then));
await timed('baseline app.request', TURNS, async (i) => {
  const res = await baseline.request('/api/chat', { method: 'POST', headers: headers(i), body: body(i) });
  await res.text();
});

const bot = await startBenchBot({ model: everyTurnModel(RECOMMEND_TURN.first, RECOMMEND_TURN.then) });
if (process.env.BENCH_WHATIF) console.log(`(what-if: ${process.env.BENCH_WHATIF})`);
for (const name of ['sessions', 'catalog', 'links'] as const) timeStore(name, bot.app.stores[name]);
await timed('bot app.request', TURNS, async (i) => {
  const res = await bot.app.app.request('/api/chat', { method: 'POST', headers: headers(i + 100_000), body: body(i + 100_000) });
  if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
  await res.text();
});
await timed('bot core.handleTurn', TURNS, async (i) => {
  await bot.app.core.handleTurn({ channel: 'web', sessionId: `core-session-${Math.floor(i / PER_SESSION)}`, text: RECOMMEND_TURN.message, locale: 'en' });
});
await bot.close();
process.exit(0);
