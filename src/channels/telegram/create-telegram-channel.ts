import { autoRetry } from '@grammyjs/auto-retry';
import { type RunnerHandle, run, sequentialize } from '@grammyjs/runner';
import { Bot, BotError } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type Keyv from 'keyv';
import type { Core } from '../../core/create-core.ts';
import type { Log } from '../../log.ts';
import type { LimitWindows } from '../../http/rate-limit.ts';
import { unlessAborted } from '../../shared/clock.ts';
import { logFailedCalls } from './api-log.ts';
import { createHandlers } from './handlers.ts';
import { type SendBudgetOptions, createSendBudget } from './send-budget.ts';
import { COMMANDS } from './texts.ts';
import { createUpdateDedupe } from './update-dedupe.ts';
import { createWebhookRoutes } from './webhook-routes.ts';

export interface TelegramChannelOptions {
  core: Core;
  token: string;
  /** Another Bot API server (a local `telegram-bot-api`, or a test fake). No trailing slash needed. */
  apiRoot?: string;
  /** Set: webhook mode at PUBLIC_BASE_URL/telegram/webhook. Unset: long polling. */
  webhookSecret?: string;
  publicBaseUrl: string;
  log: Log;
  /** For update de-duplication across restarts and instances; memory only otherwise. */
  kv?: Keyv;
  /** Skips getMe (tests). */
  botInfo?: UserFromGetMe;
  /** Said by /privacy. */
  historyTtlDays?: number;
  /** Long-polling timeout of getUpdates, seconds. */
  pollingTimeoutSeconds?: number;
  /** How long stop() lets running turns finish before aborting them. */
  stopGraceMs?: number;
  draftIntervalMs?: number;
  typingIntervalMs?: number;
  sendBudget?: SendBudgetOptions;
  /** Turns one chat may start per minute, counted here or across instances (Redis). */
  turnsPerChatPerMinute?: number;
  windows?: LimitWindows;
}

const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/**
 * The Telegram channel: a grammY bot that turns messages into core turns and answers them as
 * Telegram HTML with link buttons. Long polling through @grammyjs/runner (concurrent across chats,
 * in order within one) or a webhook; every outgoing call passes the send budget, then auto-retry,
 * which honours Telegram's retry_after.
 */
export function createTelegramChannel(options: TelegramChannelOptions) {
  const { core, token, webhookSecret, publicBaseUrl, log, kv, botInfo, historyTtlDays = 30, pollingTimeoutSeconds = 30, stopGraceMs = 10_000 } = options;
  const apiRoot = options.apiRoot?.replace(/\/+$/, '');
  const bot = new Bot(token, { ...(botInfo ? { botInfo } : {}), client: { ...(apiRoot ? { apiRoot } : {}) } });
  // Order matters: the last transformer installed runs first. auto-retry wraps the budget, so a
  // retry waits for a slot again; the logger sits closest to the network and sees every attempt.
  bot.api.config.use(
    logFailedCalls(log),
    createSendBudget(options.sendBudget).transformer,
    autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }),
  );

  const aborter = new AbortController();
  const running = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    running.add(work);
    void work.then(
      () => running.delete(work),
      () => running.delete(work),
    );
  };

  // Update ids are per bot: the bot id (public, the part of the token before ':') scopes them.
  const dedupe = createUpdateDedupe({ kv, scope: token.split(':')[0] ?? 'bot', log });
  // One chat's updates run one after another, in the order they arrived (first, before any await).
  bot.use(sequentialize((ctx) => (ctx.chat ? String(ctx.chat.id) : undefined)));
  bot.use(async (ctx, next) => {
    if (await dedupe.claim(ctx.update.update_id)) return next();
    log.info({ updateId: ctx.update.update_id }, 'telegram update repeated; ignored');
  });
  bot.use(
    createHandlers({
      core,
      log,
      historyTtlDays,
      signal: aborter.signal,
      track,
      reply: { draftIntervalMs: options.draftIntervalMs, typingIntervalMs: options.typingIntervalMs },
      turnsPerChatPerMinute: options.turnsPerChatPerMinute,
      windows: options.windows,
    }),
  );
  bot.catch((error) => log.error({ err: error.error, updateId: error.ctx.update.update_id }, 'telegram update failed'));

  let ready = botInfo !== undefined;
  let runner: RunnerHandle | undefined;

  const accept = (update: Update) =>
    track(
      bot.handleUpdate(update).catch((error: unknown) => {
        if (error instanceof BotError) return bot.errorHandler(error);
        log.error({ err: error, updateId: update.update_id }, 'telegram update failed');
      }),
    );
  const routes = createWebhookRoutes({ secret: webhookSecret, isReady: () => ready, accept });

  async function registerCommands(): Promise<void> {
    try {
      await bot.api.setMyCommands(COMMANDS.en);
      await bot.api.setMyCommands(COMMANDS.ja, { language_code: 'ja' });
    } catch (error) {
      log.warn({ err: error }, 'telegram command list not registered');
    }
  }

  return {
    bot,
    routes,
    mode: webhookSecret ? ('webhook' as const) : ('polling' as const),

    async start(): Promise<void> {
      await bot.init(); // getMe unless botInfo was given; a wrong token fails here, loudly
      ready = true;
      await registerCommands();
      if (webhookSecret) {
        await bot.api.setWebhook(`${publicBaseUrl}/telegram/webhook`, { secret_token: webhookSecret, allowed_updates: [...ALLOWED_UPDATES] });
        log.info({ url: `${publicBaseUrl}/telegram/webhook` }, `telegram bot @${bot.botInfo.username} on a webhook`);
        return;
      }
      await bot.api.deleteWebhook(); // polling and a webhook exclude each other at Telegram
      runner = run(bot, { runner: { fetch: { timeout: pollingTimeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] }, silent: true, retryInterval: 'exponential' } });
      void runner.task()?.catch((error: unknown) => log.error({ err: error }, 'telegram polling stopped'));
      log.info(`telegram bot @${bot.botInfo.username} polling for updates`);
    },

    /** Stops taking updates, lets running turns finish for `stopGraceMs`, then aborts them. */
    async stop(): Promise<void> {
      ready = false;
      const stopping = runner?.isRunning() ? runner.stop() : Promise.resolve();
      await unlessAborted(Promise.allSettled([stopping, ...running]), AbortSignal.timeout(stopGraceMs)).catch(() => undefined);
      aborter.abort(new Error('telegram channel stopped'));
      await Promise.allSettled([stopping, ...running]);
    },
  };
}

export type TelegramChannel = ReturnType<typeof createTelegramChannel>;
