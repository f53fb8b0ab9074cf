import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { createSendBudget } from '../../../src/channels/telegram/send-budget.ts';
import { createUpdateDedupe } from '../../../src/channels/telegram/update-dedupe.ts';
import { createFakeClock } from '../../helpers/fake-clock.ts';

describe('send budget', () => {
  /** A budget on a fake clock: `send` resolves with the (fake) time its message would go out. */
  function clocked(options: Parameters<typeof createSendBudget>[0] = {}) {
    const { clock, advance } = createFakeClock(0);
    const budget = createSendBudget({ ...options, clock });
    const send = (chatId: string) => budget.take(chatId).then(() => clock.now());
    const run = async <T>(work: Promise<T>[]) => {
      await advance(60_000);
      return Promise.all(work);
    };
    return { budget, send, run };
  }

  it('lets a burst through, then spaces messages to one a second per private chat', async () => {
    const { send, run } = clocked({ privateChat: { perSecond: 1, burst: 2 } });
    // Chat 2 is not queued behind chat 1's waiting messages.
    expect(await run([send('1'), send('1'), send('1'), send('1'), send('2')])).toEqual([0, 0, 1_000, 2_000, 0]);
  });

  it('keeps groups to twenty a minute and the bot to its global rate', async () => {
    const { send, run } = clocked({ group: { perSecond: 20 / 60, burst: 1 }, bot: { perSecond: 2, burst: 1 } });
    expect(await run([send('-100'), send('-100'), send('5'), send('6')])).toEqual([0, 3_000, 500, 1_000]);
  });

  it('drops best-effort calls (drafts, typing) instead of queueing them, keeping a slot for the real message', async () => {
    const { budget, send, run } = clocked({ privateChat: { perSecond: 1, burst: 2 } });
    expect(budget.tryTake('1', 'sendMessageDraft')).toBe(true);
    expect(budget.tryTake('1', 'sendMessageDraft')).toBe(false); // the last slot is the answer's
    expect(await run([send('1')])).toEqual([0]);
    expect(budget.tryTake('1', 'sendChatAction')).toBe(true); // typing counts on the bot's budget only
  });

  it('waits out a retry_after for that chat only', async () => {
    const { budget, send, run } = clocked();
    budget.block('1', 3);
    expect(await run([send('1'), send('2')])).toEqual([3_000, 0]);
  });
});

describe('update de-duplication', () => {
  it('claims an id once, also across instances sharing a store', async () => {
    const now = 0;
    const kv = new Keyv();
    const first = createUpdateDedupe({ kv, scope: '42', ttlMs: 1_000, now: () => now });
    const second = createUpdateDedupe({ kv, scope: '42', ttlMs: 1_000, now: () => now });
    const [a, b] = await Promise.all([first.claim(1), first.claim(1)]);
    expect([a, b]).toEqual([true, false]);
    expect(await second.claim(1)).toBe(false);
    expect(await createUpdateDedupe({ kv, scope: 'another-bot', now: () => now }).claim(1)).toBe(true);
  });

  it('forgets an id after the TTL', async () => {
    let now = 0;
    const dedupe = createUpdateDedupe({ scope: '42', ttlMs: 1_000, now: () => now });
    expect(await dedupe.claim(7)).toBe(true);
    now = 999;
    expect(await dedupe.claim(7)).toBe(false);
    now = 2_000;
    expect(await dedupe.claim(7)).toBe(true);
  });

  it('keeps a bounded number of ids in memory', async () => {
    const dedupe = createUpdateDedupe({ scope: '1', maxInMemory: 3 });
    for (const id of [1, 2, 3, 4]) expect(await dedupe.claim(id)).toBe(true);
    expect(await dedupe.claim(4)).toBe(false);
    expect(await dedupe.claim(1)).toBe(true); // the oldest went first
  });
});
