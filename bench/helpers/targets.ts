import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { ModelKind } from './scripted-model.ts';
import type { TargetKind, TargetMessage } from './serve-target.ts';

export interface RunningTarget {
  kind: TargetKind;
  url: string;
  /** Heap and RSS of the server process after a full GC. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** The server's event-loop delay since the last call (p50, p99, max in ms). */
  eventLoop(): Promise<{ p50: number; p99: number; max: number }>;
  close(): Promise<void>;
}

const SCRIPT = new URL('./serve-target.ts', import.meta.url).pathname;
export const PROFILE_DIR = new URL('../profiles/', import.meta.url).pathname;

/**
 * Forks a server under test. BENCH_CPU_PROF=1 writes a V8 CPU profile of every server process to
 * bench/profiles/ (open it in Chrome DevTools or speedscope).
 */
export async function startTarget(kind: TargetKind, model: ModelKind, { flags = [] }: { flags?: string[] } = {}): Promise<RunningTarget> {
  const profile = process.env.BENCH_CPU_PROF === '1';
  if (profile) mkdirSync(PROFILE_DIR, { recursive: true });
  const child: ChildProcess = fork(SCRIPT, [kind, model], {
    execArgv: ['--expose-gc', ...flags, ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${kind}-${model}-${Date.now()}.cpuprofile`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: TargetMessage['type']) =>
    new Promise<TargetMessage>((resolve, reject) => {
      const onMessage = (message: TargetMessage) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code: number | null) => reject(new Error(`${kind} server exited (${code}) before '${type}'`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready');
  return {
    kind,
    url: ready.url ?? '',
    async memory() {
      const answer = next('memory');
      child.send({ type: 'memory' });
      return (await answer).memory as NodeJS.MemoryUsage;
    },
    async eventLoop() {
      const answer = next('eventLoop');
      child.send({ type: 'eventLoop' });
      return (await answer).eventLoop ?? { p50: 0, p99: 0, max: 0 };
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
