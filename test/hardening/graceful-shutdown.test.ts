import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startBotProcess } from '../helpers/bot-process.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandbox-server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'shutdown-'));
let sandbox: RunningSandbox | undefined;
afterAll(async () => {
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SIGTERM', () => {
  it('stops taking work, finishes the turn in flight, and exits cleanly', async () => {
    sandbox = await startSandbox();
    const { api_key } = sandbox.agentclick.createAccount('agent');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const bot = await startBotProcess({ PORT: String(port), PUBLIC_BASE_URL: url, DATA_DIR: dataDir, AGENTCLICK_API_URL: sandbox.url, AGENTCLICK_API_KEY: api_key });
    const exited = new Promise<number | null>((resolve) => bot.once('exit', (code) => resolve(code)));

    // The offline model streams its answer in small timed pieces: the turn is still running at SIGTERM.
    const response = await fetch(`${url}/api/chat/stream`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'I need an AI that generates images' }) });
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no body');
    const first = await reader.read();
    expect(first.done).toBe(false);
    bot.kill('SIGTERM');

    let text = new TextDecoder().decode(first.value);
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    expect(text).toContain('"type":"finish"');
    expect(text).toContain('data: [DONE]');
    expect(text).toContain('PixelForge');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 60_000);
});
