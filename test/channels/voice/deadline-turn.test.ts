import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { createDeadlineTurns } from '../../../src/channels/voice/deadline-turn.ts';
import type { TurnInput, TurnResult } from '../../../src/core/types.ts';
import { silentLog } from '../../../src/log.ts';
import type { Clock } from '../../../src/shared/clock.ts';
import { createFakeClock, track } from '../../helpers/fake-clock.ts';

/** A core whose turns take `delays[n]` ms of the fake clock and answer with the text they were given. */
function fakeCore(clock: Clock, delays: number[]) {
  const calls: TurnInput[] = [];
  const resets: string[] = [];
  return {
    calls,
    resets,
    core: {
      async handleTurn(input: TurnInput, signal?: AbortSignal): Promise<TurnResult> {
        calls.push(input);
        const ms = delays[calls.length - 1] ?? 0;
        if (ms > 0) await clock.sleep(ms, signal);
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
    const { clock, advance } = createFakeClock();
    const { core, calls } = fakeCore(clock, [10]);
    const turns = createDeadlineTurns({ core, log: silentLog(), deadlineMs: 500, clock });
    const result = turns.run({ surface: 'webhook', sessionId: 's1', text: 'hi' });
    await advance(10);
    expect(await result).toEqual({ kind: 'answer', outcome: { reply: 'answer to hi', links: [], locale: 'en', recommended: [] }, late: false });
    expect(calls[0]).toMatchObject({ channel: 'voice', sessionId: 'webhook:s1' });
  });

  it('a late answer is parked and delivered instead of a new turn; then the session is fresh again', async () => {
    const { clock, advance } = createFakeClock();
    const { core, calls } = fakeCore(clock, [300, 0]);
    const kv = new Keyv();
    const turns = createDeadlineTurns({ core, log: silentLog(), deadlineMs: 100, kv, clock });
    // The holding line comes exactly at the deadline: not before, and without waiting for the turn.
    const first = track(turns.run({ surface: 'webhook', sessionId: 's2', text: 'first', locale: 'ja-JP' }));
    await advance(99);
    expect(first.done).toBe(false);
    await advance(1);
    expect(first).toEqual({ done: true, value: { kind: 'holding', locale: 'en' } });
    // Asked again before the turn finished: waits up to the deadline again, still running -> holding.
    const again = track(turns.run({ surface: 'webhook', sessionId: 's2', text: 'first' }));
    await advance(100);
    expect(again.value?.kind).toBe('holding');
    expect(await kv.get('voice-parked:webhook:s2')).toMatchObject({ state: 'pending' });
    await advance(100);
    expect(await kv.get('voice-parked:webhook:s2')).toMatchObject({ state: 'ready' });
    expect(await turns.run({ surface: 'webhook', sessionId: 's2', text: 'first again' })).toMatchObject({ kind: 'answer', late: true, outcome: { reply: 'answer to first' } });
    expect(calls).toHaveLength(1);
    expect(await turns.run({ surface: 'webhook', sessionId: 's2', text: 'second' })).toMatchObject({ kind: 'answer', late: false, outcome: { reply: 'answer to second' } });
    // Another endpoint never sees the parked answer of this one.
    expect(await kv.get('voice-parked:alexa:s2')).toBeUndefined();
  });

  it('another instance sharing the store delivers the parked answer', async () => {
    const { clock, advance } = createFakeClock();
    const kv = new Keyv();
    const a = fakeCore(clock, [250]);
    const b = fakeCore(clock, [0]);
    const first = createDeadlineTurns({ core: a.core, log: silentLog(), deadlineMs: 50, kv, clock });
    const second = createDeadlineTurns({ core: b.core, log: silentLog(), deadlineMs: 500, kv, pollMs: 20, clock });
    const held = first.run({ surface: 'openai', sessionId: 's3', text: 'q' });
    await advance(50);
    expect((await held).kind).toBe('holding');
    // The second instance polls the store; the first instance's turn finishes 200 ms later.
    const delivered = track(second.run({ surface: 'openai', sessionId: 's3', text: 'q' }));
    await advance(190);
    expect(delivered.done).toBe(false);
    await advance(30);
    expect(delivered.value).toMatchObject({ kind: 'answer', late: true, outcome: { reply: 'answer to q' } });
    expect(b.calls).toHaveLength(0);
  });

  it('a turn that fails is an apology, and a turn running past maxTurnMs is aborted and forgotten', async () => {
    const failing = createDeadlineTurns({
      core: { handleTurn: () => Promise.reject(new Error('store down')), resetSession: async () => {} },
      log: silentLog(),
      deadlineMs: 100,
      clock: createFakeClock().clock,
    });
    expect(await failing.run({ surface: 'webhook', sessionId: 's4', text: 'こんにちは' })).toEqual({ kind: 'failed', locale: 'ja' });

    const { clock, advance } = createFakeClock();
    const { core, calls } = fakeCore(clock, [400, 0]);
    const kv = new Keyv();
    const turns = createDeadlineTurns({ core, log: silentLog(), deadlineMs: 50, maxTurnMs: 150, kv, clock });
    const held = turns.run({ surface: 'webhook', sessionId: 's5', text: 'q' });
    await advance(50);
    expect((await held).kind).toBe('holding');
    await advance(99);
    expect(await kv.get('voice-parked:webhook:s5')).toMatchObject({ state: 'pending' });
    await advance(1);
    expect(await kv.get('voice-parked:webhook:s5')).toBeUndefined();
    expect(await turns.run({ surface: 'webhook', sessionId: 's5', text: 'again' })).toMatchObject({ kind: 'answer', late: false });
    expect(calls).toHaveLength(2);
  });

  it('end() drops the parked answer and the core history of the session', async () => {
    const { clock, advance } = createFakeClock();
    const { core, resets } = fakeCore(clock, [200]);
    const kv = new Keyv();
    const turns = createDeadlineTurns({ core, log: silentLog(), deadlineMs: 20, kv, clock });
    const held = turns.run({ surface: 'alexa', sessionId: 's6', text: 'q' });
    await advance(200);
    expect((await held).kind).toBe('holding');
    expect(await kv.get('voice-parked:alexa:s6')).toMatchObject({ state: 'ready' });
    await turns.end('alexa', 's6');
    expect(await kv.get('voice-parked:alexa:s6')).toBeUndefined();
    expect(resets).toEqual(['alexa:s6']);
  });
});
