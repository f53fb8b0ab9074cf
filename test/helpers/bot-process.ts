import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Runs `node src/start.ts` (what `npm start` runs) with the given environment and waits until /healthz answers.
 * `stdout: 'pipe'` keeps the process's output (its log lines) readable on `child.stdout`.
 */
export async function startBotProcess(env: Record<string, string>, { stdout = 'ignore' }: { stdout?: 'ignore' | 'pipe' } = {}): Promise<ChildProcess> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(OPENAI_|TELEGRAM_|REDIS_|AGENTCLICK_|SYNDICATE_|DATABASE_URL|DELIVERY_|OTEL_)/.test(name)));
  const child = spawn(process.execPath, ['src/start.ts'], { env: { ...clean, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', stdout, 'inherit'] });
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`the bot process exited with ${child.exitCode}`);
    if (await fetch(`${env.PUBLIC_BASE_URL}/healthz`).then((r) => r.ok).catch(() => false)) return child;
    await delay(100); // polls for a condition (/healthz answers) with a deadline
  }
  child.kill('SIGKILL');
  throw new Error('the bot process did not start');
}
