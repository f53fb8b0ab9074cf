import type { InlineKeyboardMarkup, Message, Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyDisclosure } from '../../../src/links/disclosure.ts';
import { FAKE_BOT, type FakeCall, textUpdate } from '../../helpers/fake-telegram.ts';
import { type TelegramRig, startTelegramRig } from './harness.ts';
import { TRAP_SHOWN, longAnswerShown } from './telegram-model.ts';

const keyboardOf = (call: FakeCall | undefined) => (call?.payload.reply_markup as InlineKeyboardMarkup | undefined)?.inline_keyboard;
let nextChat = 1_000;
const privateChat = () => nextChat++;
const groupChat = () => -1_000_000 - nextChat++;

describe.each(['polling', 'webhook'] as const)('Telegram channel (%s)', (mode) => {
  let rig: TelegramRig;
  beforeAll(async () => {
    rig = await startTelegramRig(mode);
  });
  afterAll(() => rig.close());

  it('registers the command list in English and Japanese on start, and the webhook in webhook mode', () => {
    const commands = rig.fake.callsOf('setMyCommands');
    expect(commands.map((call) => call.payload.language_code)).toEqual([undefined, 'ja']);
    expect((commands[0]?.payload.commands as Array<{ command: string }>).map((c) => c.command)).toEqual(['start', 'help', 'reset', 'privacy']);
    if (mode === 'webhook') {
      expect(rig.fake.webhook?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/telegram\/webhook$/);
      expect(rig.fake.webhook?.secret).toBe('test-webhook-secret-0123456789');
    } else {
      expect(rig.fake.callsOf('deleteWebhook')).toHaveLength(1);
    }
  });

  it('splits a long answer into valid HTML parts under 4096 characters, buttons on the last part only', async () => {
    const chat = privateChat();
    const sent = await rig.ask(chat, 'a long answer with a link please', { until: () => rig.fake.sent(chat).some((call) => keyboardOf(call)) });
    expect(sent.length).toBeGreaterThanOrEqual(3);
    for (const part of sent) {
      expect(part.ok).toBe(true);
      expect(part.payload.parse_mode).toBe('HTML');
      expect(part.text?.length).toBeLessThanOrEqual(4096);
      expect(part.payload.link_preview_options).toEqual({ is_disabled: true });
    }
    expect(sent.slice(0, -1).every((part) => keyboardOf(part) === undefined)).toBe(true);
    expect(keyboardOf(sent.at(-1))).toHaveLength(1);
    // Nothing lost or doubled at the cuts; the bold paragraph cut in two is bold on both sides.
    const shown = sent.map((part) => part.text).join(' ').replace(/\s+/g, ' ');
    expect(shown).toBe(`${longAnswerShown()} ${replyDisclosure('en')}`);
    const boldAcross = sent.filter((part) => part.entities?.some((entity) => entity.type === 'bold' && entity.length > 1_000));
    expect(boldAcross.length).toBeGreaterThanOrEqual(1);
    expect(rig.fake.calls.filter((call) => call.method === 'sendMessage' && !call.ok && call.payload.chat_id === chat)).toEqual([]);
  });

  it('delivers a Markdown trap intact (a_b*c, <tag>, ---, &)', async () => {
    const [reply] = await rig.ask(privateChat(), 'show me the trap');
    expect(reply?.text).toBe(TRAP_SHOWN);
    expect(reply?.entities?.map((entity) => entity.type)).toEqual(['bold', 'code']);
  });

  it('gives links as URL buttons titled with the program, tracked URL, disclosure in the text', async () => {
    const [reply] = await rig.ask(privateChat(), 'a link for program 42 please');
    const button = keyboardOf(reply)?.[0]?.[0] as { text: string; url: string } | undefined;
    expect(button?.url).toMatch(new RegExp(`^${rig.running.url}/r/[\\w-]+$`));
    expect(button?.text.length).toBeGreaterThan(2);
    expect(reply?.text).toContain('Here is the link you asked for.');
    expect(reply?.text).toContain(replyDisclosure('en'));
    expect(reply?.payload.link_preview_options).toEqual({ is_disabled: true });
    // The button really leads to the program: the click route redirects to the tracking URL.
    const click = await fetch(button?.url ?? '', { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126' } });
    expect(click.status).toBe(302);
  });

  it('streams drafts in a private chat, then sends exactly one real message', async () => {
    const chat = privateChat();
    const [reply] = await rig.ask(chat, 'a slow answer please');
    const drafts = rig.fake.callsOf('sendMessageDraft').filter((call) => call.payload.chat_id === chat);
    expect(drafts.length).toBeGreaterThanOrEqual(2);
    expect(drafts.every((draft) => draft.ok && draft.payload.parse_mode === 'HTML')).toBe(true);
    expect(new Set(drafts.map((draft) => draft.payload.draft_id)).size).toBe(1);
    // Their pacing (one per interval, none after the answer) is proven on a fake clock in draft-stream.test.ts.
    expect((drafts.at(-1)?.text ?? '').length).toBeGreaterThan((drafts[0]?.text ?? '').length);
    expect(drafts.at(-1)?.at ?? 0).toBeLessThanOrEqual(reply?.at ?? 0);
    expect(rig.fake.sent(chat)).toHaveLength(1);
    expect(reply?.text).toMatch(/^Let me think about that\..*Done\.$/s);
    expect(rig.fake.callsOf('sendChatAction').some((call) => call.payload.chat_id === chat && call.payload.action === 'typing')).toBe(true);
  });

  it('honours retry_after on a 429: retried after at least 1 s, delivered once', async () => {
    const chat = privateChat();
    rig.fake.failNext(1, { method: 'sendMessage', retryAfter: 1 });
    const [reply] = await rig.ask(chat, 'hello there');
    const attempts = rig.fake.callsOf('sendMessage').filter((call) => call.payload.chat_id === chat);
    expect(attempts.map((call) => call.errorCode ?? 200)).toEqual([429, 200]);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(reply?.text).toBe('Hello! What kind of AI tool are you looking for?');
    expect(rig.fake.sent(chat)).toHaveLength(1);
  });

  it('one chat gets at most 10 turns a minute: the 11th is told to slow down, later ones are ignored', async () => {
    const chat = privateChat();
    for (let i = 0; i < 10; i++) {
      const [answer] = await rig.ask(chat, `hello number ${i}`);
      expect(answer?.text).not.toContain('a lot of messages');
    }
    const [refused] = await rig.ask(chat, 'hello again');
    expect(refused?.text).toBe('That is a lot of messages at once. Please wait a minute, then ask again.');
    // One chat's updates run in order: once /help is answered, the message before it was handled (silently).
    const before = rig.fake.sent(chat).length;
    await rig.send(textUpdate({ chatId: chat, text: 'and again' }));
    const [help] = await rig.ask(chat, '/help');
    expect(help?.text).toContain('/reset');
    expect(rig.fake.sent(chat).length).toBe(before + 1);
    // Other chats are not affected.
    const other = privateChat();
    expect((await rig.ask(other, 'hello'))[0]?.text).not.toContain('a lot of messages');
  });

  it('a next-step button press counts against the same per-chat turn limit as a message', async () => {
    const chat = privateChat();
    for (let i = 0; i < 10; i++) await rig.ask(chat, `hello press ${i}`);
    const before = rig.fake.sent(chat).length;
    const message = { message_id: 1, date: 0, chat: { id: chat, type: 'private', first_name: 'User' } };
    await rig.send({ callback_query: { id: 'cb-limit', chat_instance: 'ci', from: { id: chat, is_bot: false, first_name: 'User' }, message, data: 'next:any others?' } } as unknown as Update);
    await rig.fake.waitFor(() => rig.fake.sent(chat).length > before, 15_000);
    expect(rig.fake.sent(chat)[before]?.text).toBe('That is a lot of messages at once. Please wait a minute, then ask again.');
  });

  it('sends the same text plain, once, when Telegram cannot parse the HTML', async () => {
    const chat = privateChat();
    rig.fake.rejectHtmlNext(1);
    const [reply] = await rig.ask(chat, 'the trap again');
    const attempts = rig.fake.callsOf('sendMessage').filter((call) => call.payload.chat_id === chat);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.errorCode).toBe(400);
    expect(reply?.payload.parse_mode).toBeUndefined();
    expect(reply?.text).toBe(TRAP_SHOWN);
  });

  it('puts the links in the text when Telegram refuses the button URLs (a localhost PUBLIC_BASE_URL)', async () => {
    const chat = privateChat();
    rig.fake.rejectButtonsNext(1);
    const [reply] = await rig.ask(chat, 'a link for program 42 please');
    expect(keyboardOf(reply)).toBeUndefined();
    expect(reply?.text).toMatch(new RegExp(`: ${rig.running.url}/r/[\\w-]+$`));
    expect(reply?.text).toContain(replyDisclosure('en'));
    expect(rig.fake.sent(chat)).toHaveLength(1);
  });

  describe('groups', () => {
    it('ignores an unaddressed message and answers a mention, without drafts, quoting the question', async () => {
      const chat = groupChat();
      await rig.send(textUpdate({ chatId: chat, text: 'does anyone know a good image AI?' }));
      const [reply] = await rig.ask(chat, `@${FAKE_BOT.username} does anyone know a good image AI?`);
      expect(rig.fake.sent(chat)).toHaveLength(1);
      expect(reply?.text).toBe('Hello! What kind of AI tool are you looking for?');
      expect(reply?.payload.reply_parameters).toMatchObject({ allow_sending_without_reply: true });
      expect(rig.fake.callsOf('sendMessageDraft').filter((call) => call.payload.chat_id === chat)).toEqual([]);
    });

    it('answers a reply to one of its messages and a command; ignores commands for other bots', async () => {
      const chat = groupChat();
      const [first] = await rig.ask(chat, `/help@${FAKE_BOT.username}`);
      expect(first?.text).toContain('How to use me');
      await rig.send(textUpdate({ chatId: chat, text: '/help@some_other_bot' }));
      const botMessage = { message_id: 99, date: 0, chat: { id: chat, type: 'supergroup', title: 'Tools chat' }, from: { id: FAKE_BOT.id, is_bot: true, first_name: 'Picks' }, text: 'hi' } as Message;
      const [second] = await rig.ask(chat, 'and something for video?', { replyTo: botMessage });
      expect(second?.text).toBe('Hello! What kind of AI tool are you looking for?');
      const [third] = await rig.ask(chat, '/help');
      expect(third?.text).toContain('How to use me');
      expect(rig.fake.sent(chat)).toHaveLength(3);
    });
  });

  describe('commands and media', () => {
    it('/start says what the bot is and that links are ads, in English or Japanese', async () => {
      const [en] = await rig.ask(privateChat(), '/start');
      expect(en?.text).toContain('I help you find AI tools');
      expect(en?.text).toContain('affiliate links');
      const [ja] = await rig.ask(privateChat(), '/start', { languageCode: 'ja' });
      expect(ja?.text).toContain('【PR】');
      expect(ja?.text).toContain('広告');
    });

    it('/help and /privacy', async () => {
      const chat = privateChat();
      const [help] = await rig.ask(chat, '/help');
      expect(help?.text).toContain('How to use me');
      const [privacy] = await rig.ask(chat, '/privacy');
      expect(privacy?.text).toContain('30 days');
      expect(privacy?.text).toContain('Nothing is sold');
      expect(privacy?.text).toContain('hashed');
    });

    it('/reset forgets this chat through the core', async () => {
      const chat = privateChat();
      await rig.ask(chat, 'hello');
      const [reset] = await rig.ask(chat, '/reset', { languageCode: 'ja' });
      expect(reset?.text).toContain('履歴を消去しました');
      expect(rig.resets).toContainEqual(['telegram', String(chat)]);
    });

    it('answers a photo with a polite line', async () => {
      const chat = privateChat();
      const before = rig.fake.sent(chat).length;
      await rig.send({
        message: {
          message_id: 5,
          date: 0,
          chat: { id: chat, type: 'private', first_name: 'Ann' },
          from: { id: chat, is_bot: false, first_name: 'Ann', language_code: 'en' },
          photo: [{ file_id: 'f', file_unique_id: 'u', width: 10, height: 10 }],
        } as Message & Update.NonChannel,
      });
      await rig.fake.waitFor(() => rig.fake.sent(chat).length > before);
      expect(rig.fake.sent(chat).at(-1)?.text).toContain('I can only read text for now');
    });
  });
});
