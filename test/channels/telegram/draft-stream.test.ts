import { describe, expect, it } from 'vitest';
import { createDraftStream } from '../../../src/channels/telegram/draft-stream.ts';
import { silentLog } from '../../../src/log.ts';
import { createFakeClock, track } from '../../helpers/fake-clock.ts';
import { type Gate, createGate } from '../../helpers/gate.ts';

/** A draft stream on a fake clock whose `send` records (text, time) and can be held at a gate or made to fail. */
function rig({ intervalMs = 700 }: { intervalMs?: number } = {}) {
  const time = createFakeClock(0);
  const sent: Array<{ text: string; at: number }> = [];
  const control: { gate?: Gate; fail?: boolean } = {};
  const stream = createDraftStream({
    intervalMs,
    log: silentLog(),
    clock: time.clock,
    async send(text) {
      sent.push({ text, at: time.clock.now() });
      await control.gate?.pass();
      if (control.fail) throw new Error('Bad Request: can not parse entities');
    },
  });
  return { stream, sent, time, control };
}

describe('telegram draft stream', () => {
  it('sends at most one draft per interval, always the newest text', async () => {
    const { stream, sent, time } = rig();
    stream.update('Let');
    await time.advance(0);
    expect(sent).toEqual([{ text: 'Let', at: 0 }]);
    stream.update('Let me');
    await time.advance(300);
    stream.update('Let me think');
    await time.advance(399);
    expect(sent).toHaveLength(1);
    await time.advance(1);
    expect(sent).toEqual([{ text: 'Let', at: 0 }, { text: 'Let me think', at: 700 }]);
    // Nothing new: nothing sent, however long it stays that way.
    await time.advance(5_000);
    expect(sent).toHaveLength(2);
    // Text after a long pause goes out at once.
    stream.update('Let me think about it');
    await time.advance(0);
    expect(sent.at(-1)).toEqual({ text: 'Let me think about it', at: 5_700 });
  });

  it('never has two drafts in flight', async () => {
    const { stream, sent, time, control } = rig();
    control.gate = createGate();
    stream.update('one');
    await time.advance(0);
    stream.update('one two');
    await time.advance(3_000);
    expect(sent.map((draft) => draft.text)).toEqual(['one']);
    control.gate.open();
    await time.advance(0);
    expect(sent.map((draft) => draft.text)).toEqual(['one', 'one two']);
  });

  it('finish() waits for a draft on its way, and nothing is sent after it', async () => {
    const { stream, sent, time, control } = rig();
    const gate = createGate();
    control.gate = gate;
    stream.update('first');
    await time.advance(0);
    stream.update('first and second');
    const finished = track(stream.finish());
    await time.advance(0);
    expect(finished.done).toBe(false);
    gate.open();
    await time.advance(0);
    expect(finished.done).toBe(true);
    stream.update('too late');
    await time.advance(10_000);
    expect(sent.map((draft) => draft.text)).toEqual(['first']);
  });

  it('a draft waiting for its slot is dropped by finish(): the real message is the last thing shown', async () => {
    const { stream, sent, time } = rig();
    stream.update('first');
    await time.advance(0);
    stream.update('first and second');
    await stream.finish();
    await time.advance(10_000);
    expect(sent.map((draft) => draft.text)).toEqual(['first']);
  });

  it('goes quiet after two refusals', async () => {
    const { stream, sent, time, control } = rig();
    control.fail = true;
    for (const text of ['a', 'a b', 'a b c']) {
      stream.update(text);
      await time.advance(700);
    }
    expect(sent.map((draft) => draft.text)).toEqual(['a', 'a b']);
  });
});
