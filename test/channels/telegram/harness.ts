import type { Message, Update } from 'grammy/types';
import { Hono } from 'hono';
import { type TelegramChannel, createTelegramChannel } from '../../../src/channels/telegram/create-telegram-channel.ts';
import type { Core } from '../../../src/core/create-core.ts';
import { silentLog } from '../../../src/log.ts';
import { type RunningServer, listen } from '../../../src/http/listen.ts';
import { type RunningBot, startBot } from '../../helpers/bot-harness.ts';
import { type FakeCall, type FakeTelegram, startFakeTelegram, textUpdate } from '../../helpers/fake-telegram.ts';
import { type Gate, createGate } from '../../helpers/gate.ts';
import { telegramModel } from './telegram-model.ts';

export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

export interface TelegramRig {
  mode: 'polling' | 'webhook';
  running: RunningBot;
  fake: FakeTelegram;
  channel: TelegramChannel;
  /** Holds the next "wait" turn inside the model until the gate opens (until then, such turns pass). */
  holdWaitTurn(): Gate;
  /** Core calls the channel made to resetSession. */
  resets: Array<[string, string]>;
  /** Hands an update to the bot the way the mode receives it (queued for getUpdates, or POSTed to the webhook). */
  send(update: Omit<Update, 'update_id'> | Update): Promise<Update>;
  /** Sends a text and waits for `count` delivered messages in that chat after it. */
  ask(chatId: number, text: string, options?: { count?: number; languageCode?: string; replyTo?: Message; until?: (calls: FakeCall[]) => boolean }): Promise<FakeCall[]>;
  close(): Promise<void>;
}

/**
 * The whole bot (sandbox networks, SQLite, the real core with a scripted model) plus the Telegram
 * channel pointed at a fake Bot API. In webhook mode the channel's routes are served at
 * /telegram on a server of their own, which is where setWebhook points Telegram.
 */
export async function startTelegramRig(mode: 'polling' | 'webhook'): Promise<TelegramRig> {
  let gate: Gate | undefined;
  const running = await startBot({ model: telegramModel({ beforeWait: () => gate?.pass() ?? Promise.resolve() }) });
  const fake = await startFakeTelegram();
  const resets: Array<[string, string]> = [];
  const core: Core = {
    ...running.bot.core,
    resetSession: async (channel, sessionId) => {
      resets.push([channel, sessionId]);
      await running.bot.core.resetSession(channel, sessionId);
    },
  };
  // Routes are added once the channel exists; Hono builds its router on the first request.
  const app = new Hono();
  const front: RunningServer | undefined = mode === 'webhook' ? await listen(app) : undefined;
  const channel = createTelegramChannel({
    core,
    token: fake.token,
    apiRoot: fake.url,
    publicBaseUrl: front?.url ?? running.url,
    log: silentLog(),
    botInfo: fake.botInfo,
    kv: running.bot.stores.telegram,
    pollingTimeoutSeconds: 1,
    ...(mode === 'webhook' ? { webhookSecret: WEBHOOK_SECRET } : {}),
  });
  app.route('/telegram', channel.routes);
  await channel.start();
  const started = channel;

  async function send(update: Omit<Update, 'update_id'> | Update): Promise<Update> {
    if (mode === 'polling') return fake.push(update);
    const full = 'update_id' in update ? update : ({ ...update, update_id: nextWebhookUpdateId++ } as Update);
    const response = await fake.deliver(full);
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    return full;
  }
  let nextWebhookUpdateId = 50_000;

  return {
    mode,
    running,
    fake,
    channel: started,
    holdWaitTurn: () => (gate = createGate()),
    resets,
    send,
    async ask(chatId, text, { count = 1, languageCode, replyTo, until } = {}) {
      const before = fake.sent(chatId).length;
      await send(textUpdate({ chatId, text, ...(languageCode ? { languageCode } : {}), ...(replyTo ? { replyTo } : {}) }));
      await fake.waitFor(until ?? (() => fake.sent(chatId).length >= before + count), 15_000);
      return fake.sent(chatId).slice(before);
    },
    async close() {
      await started.stop();
      await front?.close();
      await fake.close();
      await running.close();
    },
  };
}
