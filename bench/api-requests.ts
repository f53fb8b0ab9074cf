/**
 * AgentClick requests per 1,000 turns of the mixed workload (helpers/workload.ts), counted at the
 * sandbox, against a naive bot. Turns arrive one per virtual second (100 users, 1,000 turns ≈ 17
 * minutes): Date.now is moved forward by this process, so the bot's cache lifetimes (catalog 10 min,
 * details 6 h, recommendations 1 h) and the network's per-minute limits run as they would in
 * real time, without waiting for it.
 *
 * Two workloads of 1,000 turns run back to back on one bot, the clock running on: the first starts
 * cold (empty store, no partnerships: every program linked is applied for once), the second, from
 * 100 other users with the same habits, is the steady state the goal is checked on. Both are reported.
 *
 * The naive bot makes the same tool calls and sends each to the API with no cache: one request per
 * tool call (recommend_programs → agent.recommend, search_catalog → agent.catalog, program_details →
 * publisher.programs_detail, list_categories → agent.categories, get_link → publisher.links_generate),
 * and at least one request per turn. That is a lower bound on what a cache-less bot sends.
 */
import { Writable } from 'node:stream';
import { createLog } from '../src/log.ts';
import { startBenchBot } from './helpers/bench-bot.ts';
import { chatReply, httpClient, userAddress } from './helpers/http.ts';
import { type FigureResult, metric, runFigure } from './helpers/metric.ts';
import { routedModel } from './helpers/scripted-model.ts';
import { mixedWorkload, workloadStep } from './helpers/workload.ts';

const SECONDS_PER_TURN = Number(process.env.BENCH_WORKLOAD_SECONDS_PER_TURN ?? 1);

export async function measureApiRequests(): Promise<FigureResult> {
  // The virtual clock goes in before anything captures Date.now.
  const realNow = Date.now.bind(Date);
  let offset = 0;
  Date.now = () => realNow() + offset;

  const phases = [
    { name: 'cold', turns: mixedWorkload({ seed: 20_261_121 }) },
    { name: 'steady', turns: mixedWorkload({ seed: 20_261_122 }).map((turn) => ({ ...turn, user: turn.user + 100 })) },
  ];
  let toolCalls: Record<string, number> = {};
  let turnCalls = 0;
  let fallbackProgramId = 1;
  const model = routedModel((call) => {
    const step = workloadStep(call, fallbackProgramId);
    if ('tool' in step) {
      toolCalls[step.tool] = (toolCalls[step.tool] ?? 0) + 1;
      turnCalls++;
    }
    return step;
  });

  let warnings: Record<string, number> = {};
  const logSink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        const entry = JSON.parse(line) as { msg?: string; err?: { code?: string } };
        const key = `${entry.msg ?? '?'}${entry.err?.code ? ` (${entry.err.code})` : ''}`;
        warnings[key] = (warnings[key] ?? 0) + 1;
      }
      done();
    },
  });
  const bot = await startBenchBot({ model, log: createLog({ level: 'warn', destination: logSink }) });
  fallbackProgramId = bot.sandbox.agentclick.catalog.programs[0]?.id ?? 1;
  const client = httpClient();
  const results: Record<string, PhaseResult> = {};
  let clock = 0;
  try {
    for (const phase of phases) {
      bot.resetCounts();
      toolCalls = {};
      warnings = {};
      let naive = 0;
      let apologies = 0;
      let links = 0;
      for (const turn of phase.turns) {
        offset = clock++ * SECONDS_PER_TURN * 1000;
        turnCalls = 0;
        const answer = await client.post(`${bot.url}/api/chat`, { sessionId: `user-${turn.user}-wl`, message: turn.text, locale: turn.locale }, { 'x-forwarded-for': userAddress(turn.user) });
        const reply = chatReply(answer);
        if (reply.reply.startsWith('Sorry, something went wrong') || reply.reply.startsWith('申し訳ありません')) apologies++;
        links += reply.links.length;
        naive += Math.max(1, turnCalls);
      }
      // Background refreshes started by the last turns finish before counting.
      await new Promise((resolve) => setTimeout(resolve, 200));
      results[phase.name] = {
        turns: phase.turns.length,
        requests: bot.api.total,
        naive,
        ratio: Math.round((bot.api.total / naive) * 1000) / 1000,
        requestsByAction: { ...bot.api.byAction },
        requestsByStatus: { ...bot.api.byStatus },
        toolCalls,
        linksIssued: links,
        apologies,
        warnings,
      };
    }
  } finally {
    client.close();
    Date.now = realNow;
  }
  await bot.close();

  const cold = results.cold as PhaseResult;
  const steady = results.steady as PhaseResult;
  const perThousand = (phase: PhaseResult, n: number) => (n * 1000) / phase.turns;
  const notes: string[] = [`cold start (first 1,000 turns of a fresh bot): ${cold.requests} requests against ${cold.naive} naive (ratio ${cold.ratio})`];
  for (const [name, phase] of Object.entries(results)) {
    if (phase.apologies > 0) notes.push(`${name}: ${phase.apologies} turns ended in the apology: the workload did not run cleanly`);
    const denied = Object.entries(phase.warnings).filter(([key]) => key.includes('budget_exhausted')).reduce((sum, [, n]) => sum + n, 0);
    if (denied > 0) notes.push(`${name}: ${denied} tool calls were refused by the bot's own request budget: the count understates what the bot wanted to send`);
  }
  return {
    figure: 'api-requests',
    metrics: [metric({ name: 'AgentClick requests / 1,000 turns', unit: 'req', value: perThousand(steady, steady.requests), baseline: perThousand(steady, steady.naive), goal: 0.05, better: 'lower', goalOn: 'ratio' })],
    details: { secondsPerTurn: SECONDS_PER_TURN, users: 100, steady, cold },
    notes,
  };
}

interface PhaseResult {
  turns: number;
  requests: number;
  naive: number;
  ratio: number;
  requestsByAction: Record<string, number>;
  requestsByStatus: Record<string, number>;
  toolCalls: Record<string, number>;
  linksIssued: number;
  apologies: number;
  warnings: Record<string, number>;
}

await runFigure(import.meta, measureApiRequests);
