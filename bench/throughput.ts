/**
 * `/api/chat` throughput: autocannon (in this process) with 50 connections for a bounded time against
 * each server (each in a process of its own, loaded one at a time, in alternating slices), the same
 * recommendation turn as the latency figure. Every request is a new conversation from its own address,
 * so the bot's per-conversation (20/min) and per-address (60/min) limits never answer 429 — the bot does
 * its full work per request. Every answer's body is checked: a fast apology is no throughput.
 */
import autocannon from 'autocannon';
import { userAddress } from './helpers/http.ts';
import { type FigureResult, metric, round, runFigure } from './helpers/metric.ts';
import { RECOMMEND_TURN } from './helpers/scripted-model.ts';
import { type RunningTarget, startTarget } from './helpers/targets.ts';

const CONNECTIONS = 50;
const WARMUP_S = Number(process.env.BENCH_THROUGHPUT_WARMUP_S ?? 3);
const DURATION_S = Number(process.env.BENCH_THROUGHPUT_S ?? 12);

let requestNumber = 0;
let unexpected = 0;

function load(target: RunningTarget, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${target.url}/api/chat`,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const n = ++requestNumber;
          return {
            ...request,
            headers: { 'content-type': 'application/json', 'x-forwarded-for': userAddress(n) },
            body: JSON.stringify({ sessionId: `tp-${target.kind}-${n}`, message: RECOMMEND_TURN.message, locale: 'en' }),
          };
        },
        onResponse: (status, body) => {
          if (status === 200 && !body.includes('Here are three tools')) unexpected++;
        },
      },
    ],
  });
}

interface Round {
  seconds: number;
  requests: number;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

function checked(kind: string, result: autocannon.Result): Round {
  const answered = result.requests.total;
  const bad = result.non2xx + result.errors + result.timeouts + unexpected;
  if (answered === 0 || bad > answered * 0.001) {
    throw new Error(`${kind}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts, ${unexpected} unexpected replies of ${answered} — throughput of failures is no throughput`);
  }
  unexpected = 0;
  return {
    seconds: result.duration,
    requests: answered,
    rps: round(answered / result.duration, 1),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  };
}

export async function measureThroughput(): Promise<FigureResult> {
  const targets = { baseline: await startTarget('baseline', 'recommend'), bot: await startTarget('bot', 'recommend') };
  const rounds: Record<'bot' | 'baseline', Round[]> = { bot: [], baseline: [] };
  try {
    for (const target of [targets.baseline, targets.bot]) {
      await load(target, WARMUP_S);
      unexpected = 0;
    }
    // Four slices each, alternating (ABBA BAAB), so a change in the machine's speed touches both alike.
    const slice = DURATION_S / 4;
    const a = targets.baseline;
    const b = targets.bot;
    for (const target of [a, b, b, a, b, a, a, b]) rounds[target.kind].push(checked(target.kind, await load(target, slice)));
  } finally {
    await Promise.all([targets.bot.close(), targets.baseline.close()]);
  }
  const rps = (kind: 'bot' | 'baseline') => rounds[kind].reduce((sum, r) => sum + r.requests, 0) / rounds[kind].reduce((sum, r) => sum + r.seconds, 0);
  return {
    figure: 'throughput',
    metrics: [metric({ name: '/api/chat throughput, 50 clients', unit: 'req/s', value: round(rps('bot'), 1), baseline: round(rps('baseline'), 1), goal: 0.7, better: 'higher', goalOn: 'ratio' })],
    details: { connections: CONNECTIONS, seconds: DURATION_S, warmupSeconds: WARMUP_S, rounds },
    notes: [],
  };
}

await runFigure(import.meta, measureThroughput);
