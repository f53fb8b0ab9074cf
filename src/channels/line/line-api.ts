import { randomUUID } from 'node:crypto';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { Log } from '../../log.ts';
import { within } from '../../shared/clock.ts';
import { backoffDelay, parseRetryAfter, sleep } from '../../shared/retry.ts';

export interface LineApiOptions {
  accessToken: string;
  /** LINE_API_ROOT: https://api.line.me, or a local fake in tests. */
  apiRoot: string;
  log: Log;
  /** Attempts after a 429 before giving up. */
  maxRetries?: number;
  /** A reply token older than this is not tried: LINE accepts it for about a minute after the event. */
  replyTokenMs?: number;
  /** How long the loading animation may run; LINE takes 5 to 60 seconds in steps of 5. */
  loadingSeconds?: number;
  /** A call LINE has not answered by then is given up (a push is tried again with its retry key). */
  timeoutMs?: number;
  now?: () => number;
  /** For tests: how a 429 wait happens. */
  wait?: (ms: number) => Promise<void>;
}

/** Where an answer goes: the event's reply token while it is fresh, else a push to the chat. */
export interface ReplyTarget {
  chatId: string;
  replyToken?: string;
  /** The event's timestamp (ms): the reply token's age is counted from it. */
  receivedAt: number;
}

/** LINE did not answer in time: whether the call took effect is unknown. */
export class LineTimeoutError extends Error {
  override readonly name = 'LineTimeoutError';
}

const isHttpError = (error: unknown): error is HTTPFetchError => error instanceof HTTPFetchError;
/** A 429 that waiting does not cure: the monthly message quota of a push. */
const quotaSpent = (error: HTTPFetchError) => /monthly limit/i.test(error.body);
const refusedToken = (error: unknown) => isHttpError(error) && error.status === 400 && /reply ?token/i.test(error.body);

/**
 * The Messaging API calls the bot makes, through `@line/bot-sdk`'s client pointed at `apiRoot`:
 * replies, pushes and the loading animation. A 429 is waited out (Retry-After, else backoff) and tried
 * again; a push carries an `X-Line-Retry-Key`, so a retried push that LINE had in fact accepted is not
 * sent twice (LINE answers 409 to the repeat).
 */
export function createLineApi({ accessToken, apiRoot, log, maxRetries = 3, replyTokenMs = 50_000, loadingSeconds = 30, timeoutMs = 15_000, now = Date.now, wait = sleep }: LineApiOptions) {
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: accessToken, baseURL: apiRoot.replace(/\/+$/, '') });

  /** The SDK's client takes no abort signal: a hung call is abandoned here so the chat's queue moves on. */
  function inTime<T>(what: string, work: Promise<T>): Promise<T> {
    return within(work, timeoutMs, () => new LineTimeoutError(`LINE ${what}: no answer within ${timeoutMs} ms`));
  }

  /** Waits out 429s; with `retryTimeouts` (idempotent calls only) a call that timed out is sent again. */
  async function patiently<T>(what: string, send: () => Promise<T>, retryTimeouts = false): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTime(what, send());
      } catch (error) {
        if (attempt > maxRetries) throw error;
        if (error instanceof LineTimeoutError && retryTimeouts) {
          log.warn({ what, attempt }, 'LINE did not answer in time; sending again with the same retry key');
          continue;
        }
        if (!isHttpError(error) || error.status !== 429 || quotaSpent(error)) throw error;
        const waitMs = parseRetryAfter(error.headers.get('retry-after'), now()) ?? backoffDelay(attempt, { baseMs: 1_000, maxMs: 30_000 });
        log.warn({ what, attempt, waitMs }, 'LINE rate limit reached; waiting');
        await wait(Math.min(waitMs, 60_000));
      }
    }
  }

  async function push(chatId: string, messages: messagingApi.Message[]): Promise<void> {
    const retryKey = randomUUID();
    try {
      await patiently('push', () => client.pushMessage({ to: chatId, messages }, retryKey), true);
    } catch (error) {
      if (isHttpError(error) && error.status === 409) return; // this retry key was already accepted: delivered
      throw error;
    }
  }

  return {
    /** Answers with the reply token when it is fresh and LINE takes it; otherwise pushes. Says which it used. */
    async send(target: ReplyTarget, messages: messagingApi.Message[]): Promise<'reply' | 'push'> {
      if (target.replyToken && now() - target.receivedAt < replyTokenMs) {
        try {
          await patiently('reply', () => client.replyMessage({ replyToken: target.replyToken ?? '', messages }));
          return 'reply';
        } catch (error) {
          if (!refusedToken(error)) throw error;
          log.info({ chatId: target.chatId }, 'LINE refused the reply token; pushing instead');
        }
      }
      await push(target.chatId, messages);
      return 'push';
    },

    /** The "typing" dots in a 1:1 chat while a turn runs; they stop when our message arrives. Best effort. */
    async loading(userId: string): Promise<void> {
      try {
        await inTime('loading', client.showLoadingAnimation({ chatId: userId, loadingSeconds }));
      } catch (error) {
        log.debug({ err: error }, 'LINE loading animation not shown');
      }
    },
  };
}

export type LineApi = ReturnType<typeof createLineApi>;
