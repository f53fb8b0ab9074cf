/**
 * A server under test in a process of its own (forked by targets.ts): the bot or the baseline endpoint,
 * with one of the scripted models. The measuring process stays apart, so client work, GC and profiles
 * of the two never mix. IPC: 'memory' answers heap and RSS after a full GC; 'close' exits cleanly
 * (so --cpu-prof can write its profile).
 */
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type ModelKind, modelFor } from './scripted-model.ts';

export type TargetKind = 'bot' | 'baseline';

export interface TargetMessage {
  type: 'ready' | 'memory' | 'eventLoop';
  url?: string;
  memory?: NodeJS.MemoryUsage;
  /** Event-loop delay since the last reading, in ms: how long the server's main thread was blocked. */
  eventLoop?: { p50: number; p99: number; max: number };
}

const kind = process.argv[2] as TargetKind;
const modelKind = process.argv[3] as ModelKind;
const model = modelFor(modelKind);

let close: () => Promise<void>;
let url: string;
// Each kind loads only its own modules, so the baseline's memory and start-up carry none of the bot's.
if (kind === 'bot') {
  const { startBenchBot } = await import('./bench-bot.ts');
  const bot = await startBenchBot({ model });
  // Ready as the bot means it: the catalog loaded (what /readyz checks).
  const ready = await fetch(`${bot.url}/readyz`);
  if (ready.status !== 200) throw new Error(`bot not ready: ${ready.status}`);
  url = bot.url;
  close = bot.close;
} else {
  const { serve } = await import('@hono/node-server');
  const { createBaselineApp } = await import('../baseline-endpoint.ts');
  const app = createBaselineApp(model);
  url = await new Promise<string>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`));
    close = () => new Promise<void>((done) => { server.close(() => done()); if ('closeAllConnections' in server) server.closeAllConnections(); });
  });
}

const gc = (globalThis as { gc?: () => void }).gc;
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 50));

const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();

process.on('message', async (message: { type: string }) => {
  if (message.type === 'eventLoop') {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    process.send?.({ type: 'eventLoop', eventLoop: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) } } satisfies TargetMessage);
    loopDelay.reset();
  } else if (message.type === 'memory') {
    for (let i = 0; i < 4; i++) {
      gc?.();
      await settle();
    }
    process.send?.({ type: 'memory', memory: process.memoryUsage() } satisfies TargetMessage);
  } else if (message.type === 'close') {
    await close().catch(() => undefined);
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', url } satisfies TargetMessage);
