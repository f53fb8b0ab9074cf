import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, sleep } from './http.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface DemoProcess {
  url: string;
  adminToken: string;
  /** performance.now() when the process was spawned: "after a first start" counts from here. */
  startedAt: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The bot as `npm start` runs it on a fresh clone (`node src/start.ts`, demo mode: embedded sandbox,
 * offline model, an empty DATA_DIR, free ports), with a dashboard token of our own; ready when /readyz is.
 */
export async function startDemoProcess(): Promise<DemoProcess> {
  const port = await freePort();
  const sandboxPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-demo-'));
  const adminToken = randomBytes(16).toString('hex');
  const url = `http://127.0.0.1:${port}`;
  const startedAt = performance.now();
  const child = spawn(process.execPath, ['src/start.ts'], {
    cwd: ROOT,
    // Only what `npm start` on a fresh machine has: no keys from this environment change the mode.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), SANDBOX_PORT: String(sandboxPort), PUBLIC_BASE_URL: url, DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break;
    if (await fetch(`${url}/readyz`).then((r) => r.ok).catch(() => false)) return { url, adminToken, startedAt, child, stop };
    await sleep(100);
  }
  await stop();
  throw new Error('the bot did not become ready');
}
