/**
 * Start-up to ready: `node src/start.ts` (what `npm start` runs) in demo mode (embedded sandbox,
 * offline model, SQLite in a temp DATA_DIR, free ports) until `GET /readyz` answers 200 — the catalog loaded. The baseline is
 * spawning the minimal endpoint until its `/readyz` answers. One unmeasured start of each first (disk
 * cache), then the median of several.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, median, sleep } from './helpers/http.ts';
import { type FigureResult, metric, round, runFigure } from './helpers/metric.ts';
import { PROFILE_DIR } from './helpers/targets.ts';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
const TIMEOUT_MS = 20_000;
const ROOT = new URL('../', import.meta.url).pathname;

function status(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
  });
}

/** Spawns `script` and returns the milliseconds until its /readyz answers 200. */
async function timeToReady(script: string, env: Record<string, string>, port: number): Promise<number> {
  const started = performance.now();
  // Only what the process needs: no keys or tokens from the caller's environment change the mode.
  const profile = process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, '--cpu-prof-interval=200'] : [];
  const child = spawn(process.execPath, [...profile, script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    while (performance.now() - started < TIMEOUT_MS) {
      if (exited) throw new Error(`${script} exited before ready: ${stderr.slice(0, 500)}`);
      if ((await status(`http://127.0.0.1:${port}/readyz`)) === 200) return performance.now() - started;
      await sleep(5);
    }
    throw new Error(`${script} not ready within ${TIMEOUT_MS} ms`);
  } finally {
    if (!exited) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    }
  }
}

async function startBot(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-startup-'));
  try {
    const [port, sandboxPort] = [await freePort(), await freePort()];
    return await timeToReady('src/start.ts', { PORT: String(port), SANDBOX_PORT: String(sandboxPort), DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, port);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function startBaseline(): Promise<number> {
  const port = await freePort();
  return timeToReady('bench/baseline-endpoint.ts', { PORT: String(port) }, port);
}

export async function measureStartup(): Promise<FigureResult> {
  await startBot();
  await startBaseline();
  const bot: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bot.push(await startBot());
    baseline.push(await startBaseline());
  }
  const seconds = (ms: number) => round(ms / 1000, 3);
  return {
    figure: 'startup',
    metrics: [metric({ name: 'start-up to ready', unit: 's', value: seconds(median(bot)), baseline: seconds(median(baseline)), goal: 1.5, better: 'lower', goalOn: 'value' })],
    details: { runs: RUNS, botMs: bot.map((ms) => round(ms, 1)), baselineMs: baseline.map((ms) => round(ms, 1)) },
    notes: [],
  };
}

await runFigure(import.meta, measureStartup);
