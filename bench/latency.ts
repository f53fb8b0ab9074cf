/**
 * Turn overhead: sequential `POST /api/chat` turns with a zero-latency scripted model (one
 * recommend_programs call, then text), the bot against the minimal endpoint. Both servers run in
 * processes of their own; they are measured in alternating blocks after a warm-up, so drift on the
 * machine touches both alike. The figure is conversations of 5 turns (the bot loads and saves a growing
 * history, as in real use); first turns alone (a new conversation each request, as in the throughput
 * figure) are measured too and reported in the details.
 */
import { chatReply, httpClient, percentile, userAddress } from './helpers/http.ts';
import { type FigureResult, metric, round, runFigure } from './helpers/metric.ts';
import { RECOMMEND_TURN } from './helpers/scripted-model.ts';
import { type RunningTarget, startTarget } from './helpers/targets.ts';

const WARMUP = Number(process.env.BENCH_LATENCY_WARMUP ?? 600);
const ROUNDS = 4;
const PER_ROUND = Number(process.env.BENCH_LATENCY_PER_ROUND ?? 750);
const FIRST_TURN_PER_ROUND = Math.round(PER_ROUND / 3);
/** Turns per conversation: the bot loads and saves a growing history like a real chat (its limit is 20 a minute). */
const TURNS_PER_SESSION = 5;

async function drive(target: RunningTarget, count: number, offset: number, samples: number[] | undefined, perSession = TURNS_PER_SESSION): Promise<void> {
  const client = httpClient();
  try {
    for (let i = 0; i < count; i++) {
      const n = offset + i;
      // First-turn sessions get numbers of their own, apart from the conversations'.
      const session = Math.floor(n / perSession) + (perSession === 1 ? 1_000_000 : 0);
      const started = performance.now();
      const answer = await client.post(
        `${target.url}/api/chat`,
        { sessionId: `lat-${target.kind}-${session}`, message: RECOMMEND_TURN.message, locale: 'en' },
        { 'x-forwarded-for': userAddress(session) },
      );
      const elapsed = performance.now() - started;
      const { reply } = chatReply(answer);
      if (!reply.includes('Here are three tools')) throw new Error(`${target.kind} gave an unexpected reply: ${reply.slice(0, 200)}`);
      samples?.push(elapsed);
    }
  } finally {
    client.close();
  }
}

export async function measureLatency(): Promise<FigureResult> {
  const bot = await startTarget('bot', 'recommend');
  const baseline = await startTarget('baseline', 'recommend');
  try {
    const samples: Record<'bot' | 'baseline', number[]> = { bot: [], baseline: [] };
    const first: Record<'bot' | 'baseline', number[]> = { bot: [], baseline: [] };
    const offsets = { bot: 0, baseline: 0 };
    const firstOffsets = { bot: 0, baseline: 0 };
    const run = async (target: RunningTarget, count: number, into?: number[]) => {
      await drive(target, count, offsets[target.kind], into);
      offsets[target.kind] += count;
    };
    const runFirst = async (target: RunningTarget, count: number, into: number[]) => {
      await drive(target, count, firstOffsets[target.kind], into, 1);
      firstOffsets[target.kind] += count;
    };
    await run(bot, WARMUP);
    await run(baseline, WARMUP);
    await Promise.all([bot.eventLoop(), baseline.eventLoop()]);
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? [bot, baseline] : [baseline, bot];
      for (const target of order) await run(target, PER_ROUND, samples[target.kind]);
      for (const target of order) await runFirst(target, FIRST_TURN_PER_ROUND, first[target.kind]);
    }
    const stats = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return {
        n: sorted.length,
        p50: round(percentile(sorted, 50), 3),
        p90: round(percentile(sorted, 90), 3),
        p99: round(percentile(sorted, 99), 3),
        max: round(sorted.at(-1) ?? Number.NaN, 3),
        mean: round(sorted.reduce((sum, v) => sum + v, 0) / sorted.length, 3),
      };
    };
    // How long each server's main thread was blocked over the measured turns: tails with a blocked loop
    // come from work on the main thread (GC, batched writes); tails without, from waiting on I/O.
    const [botLoop, baselineLoop] = await Promise.all([bot.eventLoop(), baseline.eventLoop()]);
    const b = stats(samples.bot);
    const base = stats(samples.baseline);
    const firstBot = stats(first.bot);
    const firstBase = stats(first.baseline);
    return {
      figure: 'latency',
      metrics: [
        metric({ name: 'turn overhead p50', unit: 'ms', value: b.p50, baseline: base.p50, goal: 1.3, better: 'lower', goalOn: 'ratio' }),
        metric({ name: 'turn overhead p99', unit: 'ms', value: b.p99, baseline: base.p99, goal: 1.3, better: 'lower', goalOn: 'ratio' }),
      ],
      details: { bot: b, baseline: base, warmup: WARMUP, turnsPerSession: TURNS_PER_SESSION, firstTurns: { bot: firstBot, baseline: firstBase }, eventLoopDelayMs: { bot: botLoop, baseline: baselineLoop } },
      notes: [
        `event-loop delay over the measured turns: bot p99 ${botLoop.p99} ms, max ${botLoop.max} ms; baseline p99 ${baselineLoop.p99} ms, max ${baselineLoop.max} ms`,
        `first turns only (a new conversation each request): p50 ${firstBot.p50} ms against ${firstBase.p50} ms (${round(firstBot.p50 / firstBase.p50, 2)}×), p99 ${firstBot.p99} against ${firstBase.p99} ms (${round(firstBot.p99 / firstBase.p99, 2)}×)`,
      ],
    };
  } finally {
    await Promise.all([bot.close(), baseline.close()]);
  }
}

await runFigure(import.meta, measureLatency);
