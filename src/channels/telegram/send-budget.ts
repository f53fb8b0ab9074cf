import type { Transformer } from 'grammy';
import { type Clock, systemClock } from '../../shared/clock.ts';

/**
 * Telegram's flood limits, kept on our side so 429s stay rare: about one message a second per chat,
 * twenty a minute per group, and about thirty a second for the whole bot (we keep to 25).
 * Each limit is a GCRA (a token bucket stored as one timestamp per key): a call reserves the
 * earliest slot every limit allows and waits for it, so callers are served in order and never spin.
 */
export interface Rate {
  /** Sustained calls per second. */
  perSecond: number;
  /** Calls allowed back to back before the sustained rate applies. */
  burst: number;
}

export interface SendBudgetOptions {
  privateChat?: Rate;
  group?: Rate;
  bot?: Rate;
  /** Slots are times on it; tests pass a fake one. */
  clock?: Clock;
}

class Gcra {
  readonly #interval: number;
  readonly #tolerance: number;
  readonly #tat = new Map<string, number>(); // theoretical arrival time per key

  constructor({ perSecond, burst }: Rate) {
    this.#interval = 1000 / perSecond;
    this.#tolerance = (Math.max(1, burst) - 1) * this.#interval;
  }

  /** The earliest time a call may go out; with `spare`, only if that many more calls would still fit. */
  earliest(key: string, now: number, spare = 0): number {
    return Math.max(now, (this.#tat.get(key) ?? now) - this.#tolerance + spare * this.#interval);
  }

  reserve(key: string, at: number): void {
    this.#tat.set(key, Math.max(this.#tat.get(key) ?? at, at) + this.#interval);
    if (this.#tat.size > 10_000) this.#forget(at);
  }

  /** Telegram told us to wait: nothing for this key before `until`. */
  block(key: string, until: number): void {
    this.#tat.set(key, Math.max(this.#tat.get(key) ?? 0, until + this.#tolerance));
  }

  #forget(now: number): void {
    for (const [key, tat] of this.#tat) if (tat < now) this.#tat.delete(key);
  }
}

/** Methods that put something in a chat: they wait for their slot. */
const isSend = (method: string) => /^(send|edit|copy|forward)/.test(method) || method === 'stopPoll';
/**
 * Methods worth sending only when on time: a typing indicator or a draft that waited for a slot
 * is stale by then. They are dropped instead of queued, and a draft only goes out when a slot
 * is still left for the real message that follows it.
 */
const BEST_EFFORT = new Set(['sendChatAction', 'sendMessageDraft']);

export function createSendBudget({
  privateChat = { perSecond: 1, burst: 3 },
  group = { perSecond: 20 / 60, burst: 3 },
  bot = { perSecond: 25, burst: 5 },
  clock = systemClock,
}: SendBudgetOptions = {}) {
  const now = () => clock.now();
  const wait = (ms: number, signal?: AbortSignal) => clock.sleep(ms, signal);
  const chats = new Gcra(privateChat);
  const groups = new Gcra(group);
  const all = new Gcra(bot);
  // Private chats have positive ids; groups, supergroups and channels negative ones (or @usernames).
  const chatLimit = (chatId: string) => (/^\d+$/.test(chatId) ? chats : groups);

  /**
   * Waits for this chat's next slot, then for the bot's. In two steps on purpose: a chat whose
   * messages are queued a few seconds ahead must not reserve the bot's future slots, or every
   * other chat would wait behind it.
   */
  async function take(chatId: string, signal?: AbortSignal): Promise<void> {
    const limit = chatLimit(chatId);
    const chatSlot = limit.earliest(chatId, now());
    limit.reserve(chatId, chatSlot);
    await wait(chatSlot - now(), signal);
    const botSlot = all.earliest('bot', now());
    all.reserve('bot', botSlot);
    await wait(botSlot - now(), signal);
  }

  /** Takes a slot only if one is free right now; typing counts on the bot's budget only. */
  function tryTake(chatId: string, method: string): boolean {
    const at = now();
    if (all.earliest('bot', at, 1) > at) return false;
    if (method === 'sendChatAction') {
      all.reserve('bot', at);
      return true;
    }
    const limit = chatLimit(chatId);
    if (limit.earliest(chatId, at, 1) > at) return false;
    limit.reserve(chatId, at);
    all.reserve('bot', at);
    return true;
  }

  function block(chatId: string | undefined, retryAfterSeconds: number): void {
    const until = now() + retryAfterSeconds * 1000;
    if (chatId === undefined) all.block('bot', until);
    else chatLimit(chatId).block(chatId, until);
  }

  /** A grammY API transformer: install it before auto-retry, so every retry passes the budget again. */
  const transformer: Transformer = async (prev, method, payload, signal) => {
    const chat = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    const chatId = typeof chat === 'number' || typeof chat === 'string' ? String(chat) : undefined;
    if (chatId === undefined || !(isSend(method) || BEST_EFFORT.has(method))) return prev(method, payload, signal);
    if (BEST_EFFORT.has(method)) {
      // Both methods answer `true`; a skipped call looks like a delivered one to the caller.
      if (!tryTake(chatId, method)) return { ok: true, result: true } as Awaited<ReturnType<typeof prev<typeof method>>>;
    } else {
      // grammY types its signal with the abort-controller polyfill; at run time it is the platform's.
      await take(chatId, signal as AbortSignal | undefined);
    }
    const response = await prev(method, payload, signal);
    const retryAfter = response.ok ? undefined : response.parameters?.retry_after;
    if (retryAfter !== undefined) block(chatId, retryAfter);
    return response;
  };

  return { take, tryTake, block, transformer };
}

export type SendBudget = ReturnType<typeof createSendBudget>;
