/**
 * Memory per 10,000 sessions: heap and RSS growth of the server process (after a full GC, forked with
 * --expose-gc) over 10,000 new conversations of one short turn each (trivial scripted model, no tool),
 * each from its own address. Measured right after the last turn, so the per-conversation and per-address
 * rate-limit windows (kept for a minute) are still in memory. The baseline is the minimal endpoint under
 * the same traffic; the goal is on the bot's own growth. BENCH_MEMORY_IDLE_MS sets the idle wait before
 * each reading (8 s; over 60 s shows what stays after the rate-limit windows have passed).
 */
import { chatReply, httpClient, sleep, userAddress } from './helpers/http.ts';
import { type FigureResult, metric, round, runFigure } from './helpers/metric.ts';
import { TRIVIAL_TURN } from './helpers/scripted-model.ts';
import { type RunningTarget, startTarget } from './helpers/targets.ts';

const SESSIONS = Number(process.env.BENCH_MEMORY_SESSIONS ?? 10_000);
const WARMUP = Number(process.env.BENCH_MEMORY_WARMUP ?? 2_000);
const CONCURRENCY = 8;
const IDLE_MS = Number(process.env.BENCH_MEMORY_IDLE_MS ?? 8_000);
const MB = 1024 * 1024;

async function sessions(target: RunningTarget, from: number, count: number): Promise<void> {
  const client = httpClient({ sockets: CONCURRENCY });
  let next = from;
  const worker = async () => {
    while (next < from + count) {
      const n = next++;
      chatReply(await client.post(`${target.url}/api/chat`, { sessionId: `mem-session-${n}`, message: TRIVIAL_TURN.message, locale: 'en' }, { 'x-forwarded-for': userAddress(n) }));
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    client.close();
  }
}

async function growth(kind: 'bot' | 'baseline') {
  // V8 flushes the bytecode of functions idle for a while; left on, that frees several MB between the two
  // readings and hides what the sessions keep. Off for both servers.
  const target = await startTarget(kind, 'text', { flags: ['--no-flush-bytecode'] });
  try {
    await sessions(target, 0, WARMUP);
    await sleep(IDLE_MS);
    const before = await target.memory();
    const started = performance.now();
    await sessions(target, WARMUP, SESSIONS);
    const seconds = (performance.now() - started) / 1000;
    // V8 keeps the heap pages it grew into under load until its memory reducer sees the process idle;
    // waiting a few idle seconds first keeps that sizing policy out of the RSS figure.
    await sleep(IDLE_MS);
    const after = await target.memory();
    return {
      heapMB: round((after.heapUsed - before.heapUsed) / MB, 2),
      rssMB: round((after.rss - before.rss) / MB, 2),
      heapTotalMB: round((after.heapTotal - before.heapTotal) / MB, 2),
      externalMB: round((after.external - before.external) / MB, 2),
      before: { heapMB: round(before.heapUsed / MB, 1), heapTotalMB: round(before.heapTotal / MB, 1), rssMB: round(before.rss / MB, 1) },
      after: { heapMB: round(after.heapUsed / MB, 1), heapTotalMB: round(after.heapTotal / MB, 1), rssMB: round(after.rss / MB, 1) },
      seconds: round(seconds, 1),
    };
  } finally {
    await target.close();
  }
}

export async function measureMemory(): Promise<FigureResult> {
  const baseline = await growth('baseline');
  const bot = await growth('bot');
  const scale = 10_000 / SESSIONS;
  return {
    figure: 'memory',
    metrics: [
      // The minimal endpoint keeps nothing per session, so its growth is GC noise around zero; floored at 1 MB for a readable ratio.
      metric({ name: 'heap growth / 10,000 sessions', unit: 'MB', value: bot.heapMB * scale, baseline: Math.max(1, baseline.heapMB * scale), goal: 50, better: 'lower', goalOn: 'value' }),
    ],
    details: { sessions: SESSIONS, warmup: WARMUP, idleMs: IDLE_MS, bot, baseline },
    notes: [
      `RSS grew ${round(bot.rssMB * scale, 1)} MB for the bot and ${round(baseline.rssMB * scale, 1)} MB for the minimal endpoint under the same traffic (heap after GC: ${round(bot.heapMB * scale, 1)} / ${round(baseline.heapMB * scale, 1)} MB): pages the runtime grew into and keeps, not per-session state`,
    ],
  };
}

await runFigure(import.meta, measureMemory);
