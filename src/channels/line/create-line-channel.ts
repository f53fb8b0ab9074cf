import type Keyv from 'keyv';
import type { Core } from '../../core/create-core.ts';
import { type LimitWindows, memoryWindows } from '../../http/rate-limit.ts';
import type { Log } from '../../log.ts';
import { fingerprint } from '../../shared/secrets.ts';
import { unlessAborted } from '../../shared/clock.ts';
import { createUpdateDedupe } from '../telegram/update-dedupe.ts';
import { createEventHandler } from './handle-event.ts';
import { type LineApiOptions, createLineApi } from './line-api.ts';
import { createLineWebhookRoutes } from './webhook-routes.ts';
import { type LineEvent, chatIdOf } from './webhook-schema.ts';

export interface LineChannelOptions {
  core: Core;
  channelSecret: string;
  accessToken: string;
  apiRoot: string;
  log: Log;
  /** Event de-duplication and chat languages, shared by every instance on Redis. */
  kv?: Keyv;
  /** Per-chat turn limits (Redis-backed with several instances). */
  windows?: LimitWindows;
  turnsPerChatPerMinute?: number;
  historyTtlDays?: number;
  /** How long stop() lets running turns finish. */
  stopGraceMs?: number;
  api?: Partial<Pick<LineApiOptions, 'wait' | 'now' | 'replyTokenMs' | 'maxRetries' | 'timeoutMs'>>;
}

/**
 * The LINE channel: a signed webhook whose events become core turns, answered with a reply (or a push
 * when the reply token is spent) of text, a Flex carousel of the programs and quick replies. Events are
 * claimed once by `webhookEventId` (LINE redelivers), and one chat's events run in the order they came.
 */
export function createLineChannel({ core, channelSecret, accessToken, apiRoot, log, kv, windows = memoryWindows, turnsPerChatPerMinute = 20, historyTtlDays = 30, stopGraceMs = 10_000, api: apiOptions = {} }: LineChannelOptions) {
  const api = createLineApi({ accessToken, apiRoot, log, ...apiOptions });
  const handle = createEventHandler({ core, api, log, kv, perChat: windows({ name: 'line-chat', limit: turnsPerChatPerMinute, windowMs: 60_000 }), localeTtlMs: historyTtlDays * 86_400_000 });
  const dedupe = createUpdateDedupe({ kv, scope: fingerprint(channelSecret), namespace: 'line:event', log });
  const chats = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();

  /** Runs after the chat's previous event: answers come in the order the messages were sent. */
  function inOrder(chatId: string, work: () => Promise<void>): Promise<void> {
    const next = (chats.get(chatId) ?? Promise.resolve()).then(work).catch((error: unknown) => log.error({ err: error, chatId }, 'LINE event failed'));
    chats.set(chatId, next);
    void next.then(() => {
      if (chats.get(chatId) === next) chats.delete(chatId);
    });
    return next;
  }

  async function process(event: LineEvent): Promise<void> {
    if (!(await dedupe.claim(event.webhookEventId))) {
      log.info({ webhookEventId: event.webhookEventId }, 'LINE event redelivered; already answered');
      return;
    }
    await handle(event);
  }

  const accept = (events: LineEvent[]) => {
    for (const event of events) {
      const chatId = event.source ? chatIdOf(event.source) : event.webhookEventId;
      const work = inOrder(chatId, () => process(event));
      running.add(work);
      void work.then(() => running.delete(work));
    }
  };

  return {
    routes: createLineWebhookRoutes({ channelSecret, accept }),
    /** Lets running turns finish for `stopGraceMs`. */
    async stop(): Promise<void> {
      await unlessAborted(Promise.allSettled([...running]), AbortSignal.timeout(stopGraceMs)).catch(() => undefined);
    },
  };
}

export type LineChannel = ReturnType<typeof createLineChannel>;
