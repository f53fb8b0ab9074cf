import type Keyv from 'keyv';
import type { Log } from '../../log.ts';

/**
 * Telegram delivers an update again when our answer to its webhook was slow or lost, and a restart
 * may fetch an update twice. Each update id is claimed once: first in memory, synchronously, so
 * two copies arriving together cannot both pass, then in keyv (when given), so the claim survives
 * a restart and is shared with other instances on the same Redis.
 * Between instances the check and the write are two steps, so two instances receiving the same
 * update in the same few milliseconds could both answer; Telegram only ever sends to one webhook,
 * and retries come seconds apart, so this window is not reached in practice.
 */
export interface UpdateDedupeOptions {
  kv?: Keyv;
  /** How long an id is remembered; Telegram keeps undelivered updates for 24 hours. */
  ttlMs?: number;
  /** Separates bots sharing one store (update ids are per bot). */
  scope: string;
  /** Key prefix in the store; LINE uses the same claim for its webhook event ids. */
  namespace?: string;
  /** Ids kept in memory at most; the oldest go first. */
  maxInMemory?: number;
  log?: Log;
  now?: () => number;
}

export function createUpdateDedupe({ kv, ttlMs = 86_400_000, scope, namespace = 'telegram:update', maxInMemory = 20_000, log, now = Date.now }: UpdateDedupeOptions) {
  const seen = new Map<number | string, number>(); // update id -> expiry

  function remember(updateId: number | string, at: number): void {
    seen.set(updateId, at + ttlMs);
    if (seen.size <= maxInMemory) return;
    for (const [id, expires] of seen) {
      if (seen.size <= maxInMemory && expires > at) break;
      seen.delete(id); // Map order is insertion order: the oldest claims go first
    }
  }

  /** True the first time an update id is seen (handle it), false for a repeat (drop it). */
  async function claim(updateId: number | string): Promise<boolean> {
    const at = now();
    const expires = seen.get(updateId);
    if (expires !== undefined && expires > at) return false;
    remember(updateId, at);
    if (!kv) return true;
    const key = `${namespace}:${scope}:${updateId}`;
    try {
      if ((await kv.get(key)) !== undefined) return false;
      await kv.set(key, 1, ttlMs);
    } catch (error) {
      // A store outage must not silence the bot: answer, at the small risk of a repeat.
      log?.warn({ err: error, updateId, namespace }, 'update de-duplication store failed');
    }
    return true;
  }

  return { claim };
}

export type UpdateDedupe = ReturnType<typeof createUpdateDedupe>;
