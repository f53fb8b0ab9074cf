import { Composer, type Context } from 'grammy';
import type { Core } from '../../core/create-core.ts';
import type { Log } from '../../log.ts';
import { type LimitWindows, memoryWindows } from '../../http/rate-limit.ts';
import { addressing } from './addressing.ts';
import { type ReplyDeps, type ReplyTarget, SUGGESTION_PREFIX, answerTurn, sendHtml } from './reply.ts';
import { type Texts, telegramLocale, texts } from './texts.ts';

export interface HandlerDeps {
  core: Core;
  log: Log;
  historyTtlDays: number;
  /** Aborted when the channel stops and its grace period is over. */
  signal: AbortSignal;
  /** Registers work that `stop()` waits for. */
  track: (work: Promise<unknown>) => void;
  reply?: Omit<ReplyDeps, 'log'>;
  /** Turns one chat may start per minute: each costs a model call, so a flood from one chat is refused. */
  turnsPerChatPerMinute?: number;
  windows?: LimitWindows;
}

const MEDIA: Array<'message:photo' | 'message:sticker' | 'message:voice' | 'message:video' | 'message:video_note' | 'message:audio' | 'message:document' | 'message:animation'> = [
  'message:photo',
  'message:sticker',
  'message:voice',
  'message:video',
  'message:video_note',
  'message:audio',
  'message:document',
  'message:animation',
];

function targetOf(ctx: Context): ReplyTarget | undefined {
  const message = ctx.message;
  if (!message) return undefined;
  const isPrivate = message.chat.type === 'private';
  return {
    chatId: message.chat.id,
    isPrivate,
    ...(message.is_topic_message && message.message_thread_id ? { threadId: message.message_thread_id } : {}),
    ...(isPrivate ? {} : { replyToMessageId: message.message_id }),
    draftId: ctx.update.update_id % 2_147_483_647 || 1,
  };
}

/** True for "/cmd" or "/cmd@thisbot" at the start of a message: a command meant for this bot. */
function commandForMe(ctx: Context): boolean {
  const entity = ctx.message?.entities?.[0];
  if (entity?.type !== 'bot_command' || entity.offset !== 0) return false;
  const command = (ctx.message?.text ?? '').slice(0, entity.length);
  const at = command.indexOf('@');
  return at < 0 ? ctx.chat?.type === 'private' : command.slice(at + 1).toLowerCase() === ctx.me.username.toLowerCase();
}

/** Commands, text turns, media, and group addressing: what the bot does with each message. */
export function createHandlers({ core, log, historyTtlDays, signal, track, reply = {}, turnsPerChatPerMinute = 10, windows = memoryWindows }: HandlerDeps): Composer<Context> {
  const composer = new Composer<Context>();
  const turns = windows({ name: 'telegram-chat', limit: turnsPerChatPerMinute, windowMs: 60_000 });
  // A chat over its limit is told once, then ignored until a turn is allowed again.
  const told = new Set<number>();
  // Channels and other bots are never answered; edits are not new questions.
  const chats = composer.chatType(['private', 'group', 'supergroup']).filter((ctx) => ctx.from?.is_bot !== true);
  const textsFor = (ctx: Context) => texts(telegramLocale(ctx.from?.language_code), { historyTtlDays });

  /** One turn in a chat, within the chat's turn limit (told once when over it), answered in that chat. */
  async function startTurn(ctx: Context, target: ReplyTarget, text: string, locale: string | undefined): Promise<void> {
    const chatId = target.chatId;
    if (!(await turns.take(String(chatId))).allowed) {
      if (told.has(chatId)) return;
      told.add(chatId);
      log.warn({ chatId }, 'telegram chat over its turn limit');
      return sayTo(ctx, target, 'slowDown');
    }
    told.delete(chatId);
    const input = { channel: 'telegram' as const, sessionId: String(chatId), text, locale };
    const work = answerTurn(ctx.api, core, target, input, signal, { log, ...reply }).catch(async (error: unknown) => {
      log.error({ err: error, chatId }, 'telegram turn failed');
      await sayTo(ctx, target, 'failed').catch(() => undefined);
    });
    track(work);
    await work;
  }

  const sayTo = (ctx: Context, target: ReplyTarget, line: keyof Texts) => sendHtml(ctx.api, target, textsFor(ctx)[line], { log });
  const say = async (ctx: Context, line: keyof Texts) => {
    const target = targetOf(ctx);
    if (target) await sayTo(ctx, target, line);
  };

  chats.command('start', (ctx) => say(ctx, 'start'));
  chats.command('help', (ctx) => say(ctx, 'help'));
  chats.command('privacy', (ctx) => say(ctx, 'privacy'));
  chats.command('reset', async (ctx) => {
    await core.resetSession('telegram', String(ctx.chat.id));
    await say(ctx, 'reset');
  });

  chats.on('message:text', async (ctx) => {
    // An unknown command: help when it was surely meant for us, silence otherwise (another bot's).
    if (ctx.message.entities?.[0]?.type === 'bot_command' && ctx.message.entities[0].offset === 0) {
      if (commandForMe(ctx)) await say(ctx, 'help');
      return;
    }
    const { addressed, text } = addressing(ctx.message, ctx.me);
    if (!addressed) return;
    if (!text) return say(ctx, 'help');
    const target = targetOf(ctx);
    if (!target) return;
    await startTurn(ctx, target, text, ctx.from?.language_code);
  });

  chats.on(MEDIA, async (ctx) => {
    if (!ctx.message || !addressing(ctx.message, ctx.me).addressed) return;
    await say(ctx, 'textOnly');
  });

  // A next-step button ("Details on #1"): its text is answered as if the user had sent it, in the chat of the message.
  composer.on('callback_query:data', async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    const data = ctx.callbackQuery.data;
    const chat = ctx.callbackQuery.message?.chat;
    if (!data.startsWith(SUGGESTION_PREFIX) || !chat || chat.type === 'channel' || ctx.from.is_bot) return;
    const text = data.slice(SUGGESTION_PREFIX.length).trim();
    if (!text) return;
    const target: ReplyTarget = { chatId: chat.id, isPrivate: chat.type === 'private', draftId: ctx.update.update_id % 2_147_483_647 || 1 };
    // A button press is a turn like a message: the same per-chat limit holds.
    await startTurn(ctx, target, text, ctx.from.language_code);
  });
  // Any other callback button still gets its spinner stopped.
  composer.on('callback_query', (ctx) => ctx.answerCallbackQuery());
  return composer;
}
