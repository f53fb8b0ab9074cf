import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { createDeadlineTurns } from '../../../src/channels/voice/deadline-turn.ts';
import type { TurnInput, TurnResult } from '../../../src/core/types.ts';
import { silentLog } from '../../../src/log.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A core whose turns take `delays[n]` ms and answer with the text they were given. */
function fakeCore(delays: number[]) {
  const calls: TurnInput[] = [];
  const resets: string[] = [];
  return {
    calls,
    resets,
    core: {
      async handleTurn(input: TurnInput, signal?: AbortSignal): Promise<TurnResult> {
        calls.push(input);
        await sleep(delays[calls.length - 1] ?? 0);
        if (signal?.aborted) throw signal.reason;
        return { sessionId: input.sessionId, reply: `answer to ${input.text}`, links: [], locale: 'en', recommended: [], cards: [], suggestions: [] };
      },
      async resetSession(_channel: string, sessionId: string) {
        resets.push(sessionId);
      },
    },
  };
}

describe('deadline turns', () => {
  it('answers within the deadline directly, prefixing the core session with the endpoint', async () => {
    const { core, calls } = fakeCore([10]);
    const turns = createDeadlineTurns({ core, log: silentLog(), deadlineMs: 500 });
    const result = await turns.run({ surface: 'webhook', sessionId: 's1', text: 'hi' });
    expect(result).toEqual({ kind: 'answer', outcome: { reply: 'answer to hi', links: [], locale: 'en', recommended: [] }, late: false });
    expect(calls[0]).toMatchObject({ channel: 'voice', sessionId: 'webhook:s1' });
  });

  it('a late answer is parked and delivered instead of a new turn; then the session is fresh again', async () => {
    const { core, calls } = fakeCore([300, 0]);
    const kv = new Keyv();
    const turns = createDeadlineTurns({ core, log: silentLog(), deadlineMs: 100, kv });
    const started = Date.now();
    expect(await turns.run({ surface: 'webhook', sessionId: 's2', text: 'first', locale: 'ja-JP' })).toEqual({ kind: 'holding', locale: 'en' });
    expect(Date.now() - started).toBeLessThan(250);
    // Asked again before the turn finished: waits up to the deadline again, still running -> holding.
    expect((await turns.run({ surface: 'webhook', sessionId: 's2', text: 'first' })).kind).toBe('holding');
    await sleep(250);
    expect(await kv.get('voice-parked:webhook:s2')).toMatchObject({ state: 'ready' });
    expect(await turns.run({ surface: 'webhook', sessionId: 's2', text: 'first again' })).toMatchObject({ kind: 'answer', late: true, outcome: { reply: 'answer to first' } });
    expect(calls).toHaveLength(1);
    expect(await turns.run({ surface: 'webhook', sessionId: 's2', text: 'second' })).toMatchObject({ kind: 'answer', late: false, outcome: { reply: 'answer to second' } });
    // Another endpoint never sees the parked answer of this one.
    expect(await kv.get('voice-parked:alexa:s2')).toBeUndefined();
  });

  it('another instance sharing the store delivers the parked answer', async () => {
    const kv = new Keyv();
    const a = fakeCore([250]);
    const b = fakeCore([0]);
    const first = createDeadlineTurns({ core: a.core, log: silentLog(), deadlineMs: 50, kv });
    const second = createDeadlineTurns({ core: b.core, log: silentLog(), deadlineMs: 500, kv, pollMs: 20 });
    expect((await first.run({ surface: 'openai', sessionId: 's3', text: 'q' })).kind).toBe('holding');
    expect(await second.run({ surface: 'openai', sessionId: 's3', text: 'q' })).toMatchObject({ kind: 'answer', late: true, outcome: { reply: 'answer to q' } });
    expect(b.calls).toHaveLength(0);
  });

  it('a turn that fails is an apology, and a turn running past maxTurnMs is aborted and forgotten', async () => {
    const failing = createDeadlineTurns({
      core: { handleTurn: () => Promise.reject(new Error('store down')), resetSession: async () => {} },
      log: silentLog(),
      deadlineMs: 100,
    });
    expect(await failing.run({ surface: 'webhook', sessionId: 's4', text: 'こんにちは' })).toEqual({ kind: 'failed', locale: 'ja' });

    const { core, calls } = fakeCore([400, 0]);
    const kv = new Keyv();
    const turns = createDeadlineTurns({ core, log: silentLog(), deadlineMs: 50, maxTurnMs: 150, kv });
    expect((await turns.run({ surface: 'webhook', sessionId: 's5', text: 'q' })).kind).toBe('holding');
    await sleep(450);
    expect(await kv.get('voice-parked:webhook:s5')).toBeUndefined();
    expect(await turns.run({ surface: 'webhook', sessionId: 's5', text: 'again' })).toMatchObject({ kind: 'answer', late: false });
    expect(calls).toHaveLength(2);
  });

  it('end() drops the parked answer and the core history of the session', async () => {
    const { core, resets } = fakeCore([200]);
    const kv = new Keyv();
    const turns = createDeadlineTurns({ core, log: silentLog(), deadlineMs: 20, kv });
    await turns.run({ surface: 'alexa', sessionId: 's6', text: 'q' });
    await sleep(250);
    await turns.end('alexa', 's6');
    expect(await kv.get('voice-parked:alexa:s6')).toBeUndefined();
    expect(resets).toEqual(['alexa:s6']);
  });
});
