import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TelegramChannel, createTelegramChannel } from '../../src/channels/telegram/create-telegram-channel.ts';
import { createOfflineModel } from '../../src/core/offline-model/index.ts';
import type { IssuedLink, ProgramCardView, Suggestion } from '../../src/core/types.ts';
import { replyDisclosure } from '../../src/links/disclosure.ts';
import { silentLog } from '../../src/log.ts';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { type FakeTelegram, startFakeTelegram, textUpdate } from '../helpers/fake-telegram.ts';

/**
 * "A recommendation carries its links", on every channel, with the real core, the offline model and
 * the sandbox: a need is asked once (the partnerships of the listed programs are applied for at once),
 * then again, and every channel shows the programs with their links in list order, and says which
 * links come after the advertiser's review.
 */
const NEED = 'I need something to write marketing copy for my online shop';
const NEED_JA = 'ネットショップの宣伝文を書いてくれるAIを探しています';
const VOICE_API_KEY = 'voice-test-key-0123456789abcdef';

interface ChatReply {
  sessionId: string;
  reply: string;
  links: IssuedLink[];
  cards: ProgramCardView[];
  suggestions: Suggestion[];
}

let running: RunningBot;
let session = 0;

async function chat(message: string, sessionId = `links-session-${++session}`): Promise<ChatReply> {
  const response = await fetch(`${running.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId, message }) });
  expect(response.status).toBe(200);
  return (await response.json()) as ChatReply;
}

/** Asks a need once so its programs are applied for, and waits until those applications are answered. */
async function warm(need: string) {
  await chat(need);
  await running.bot.partnerships.idle();
}

const readyLinks = (cards: ProgramCardView[]) => cards.flatMap((card) => (card.link ? [card.link] : []));
/** Whether the sandbox's advertiser of a program approves new partners at once (else it reviews them first). */
const approvesAtOnce = (programId: number) => running.sandbox.agentclick.catalog.byId.get(programId)?.auto_approve === true;
/** The list positions (from 1) of the cards with this availability. */
const positionsOf = (cards: ProgramCardView[], availability: ProgramCardView['availability']) =>
  cards.flatMap((card, index) => (card.availability === availability ? [index + 1] : []));
/** "#2", "#1 and #3", "#1, #2 and #3", as the English answer names list positions. */
const positions = (numbers: number[]) => {
  const marked = numbers.map((n) => `#${n}`);
  return marked.length <= 1 ? marked.join('') : `${marked.slice(0, -1).join(', ')} and ${marked.at(-1)}`;
};

beforeAll(async () => {
  running = await startBot({ model: createOfflineModel({ chunkDelayMs: 0 }), env: { VOICE_API_KEY } });
  await warm(NEED);
  await warm(NEED_JA);
}, 30_000);
afterAll(async () => {
  await running?.close();
});

describe('web: /api/chat and /api/chat/stream', () => {
  it('lists the programs as cards; links holds the ready ones, in list order, each with its disclosure; the answer says which wait for review', async () => {
    const first = await chat(NEED);
    expect(first.cards.length).toBe(3);
    // On the sandbox some advertisers review new partners (two minutes), the others approve at once: after the
    // first ask, the ones that approve at once are ready and the others pending. This need lists both kinds.
    expect(first.cards.map((card) => card.availability)).toEqual(first.cards.map((card) => (approvesAtOnce(card.programId) ? 'ready' : 'pending')));
    const ready = positionsOf(first.cards, 'ready');
    const pending = positionsOf(first.cards, 'pending');
    expect(ready.length, 'the need should list a program approved at once').toBeGreaterThan(0);
    expect(pending.length, 'the need should list a program under review').toBeGreaterThan(0);
    expect(first.links).toEqual(readyLinks(first.cards));
    expect(first.links.map((link) => link.programId)).toEqual(ready.map((n) => first.cards[n - 1]?.programId));
    for (const link of first.links) {
      expect(link.url).toMatch(new RegExp(`^${running.url}/r/[\\w-]{22}$`));
      expect(link.disclosure).toMatch(/^Ad · /);
    }
    for (const card of first.cards) {
      expect(card.rewardText).toMatch(/^Reward for the operator: ¥[\d,]+ per (sale|click|install)$/);
      expect(card.reward.currency).toBe('JPY');
      expect(first.reply).toContain(`**${card.name}** (${card.category})`);
    }
    expect(first.reply).toContain(`The links for ${positions(ready)} are below.`);
    expect(first.reply).toContain(`${positions(pending)}: the advertiser reviews new partners first, so the link comes after that review.`);
    expect(first.reply).toContain(replyDisclosure('en'));
    expect(first.suggestions.map((suggestion) => suggestion.label)).toEqual(['Details on #1', 'Other options']);

    // "A link for #N" keeps working: a program under review gets no link and is named as waiting; a ready one gets its link.
    const underReview = pending.at(-1) ?? 0;
    const second = await chat(`a link for #${underReview}`, first.sessionId);
    expect(second.links).toEqual([]);
    expect(second.reply).toContain(`${first.cards[underReview - 1]?.name}** reviews partnerships before links are issued`);
    const approved = ready.at(-1) ?? 0;
    const third = await chat(`a link for #${approved}`, first.sessionId);
    expect(third.links.map((link) => link.programId)).toEqual([first.cards[approved - 1]?.programId]);
    // The card's link is followed like any other.
    const click = await fetch(first.links[0]?.url ?? '', { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 Chrome/130' } });
    expect(click.status).toBe(302);
    expect(running.sandbox.events.list().some((event) => event.type === 'click' && event.data.context === 'chatbot')).toBe(true);
  });

  it('in Japanese: 【PR】 links, rewards in Japanese, 「Nつ目のリンク」 still works', async () => {
    const first = await chat(NEED_JA);
    expect(first.cards.length).toBeGreaterThan(0);
    expect(first.cards.map((card) => card.availability)).toEqual(first.cards.map((card) => (approvesAtOnce(card.programId) ? 'ready' : 'pending')));
    const ready = positionsOf(first.cards, 'ready');
    expect(ready.length, 'the need should list a program approved at once').toBeGreaterThan(0);
    expect(first.links).toEqual(readyLinks(first.cards));
    for (const link of first.links) expect(link.disclosure).toContain('【PR】');
    for (const card of first.cards) expect(card.rewardText).toMatch(/^運営者への報酬: 1(件|クリック|インストール)[\d,]+円$/);
    expect(first.reply).toContain('リンクは下に表示しています。');
    const pending = positionsOf(first.cards, 'pending');
    if (pending.length > 0) expect(first.reply).toContain(`${pending.map((n) => `${n}つ目`).join('・')}は広告主による提携審査が済んでから`);
    expect(first.suggestions.map((suggestion) => suggestion.text)).toEqual(['1つ目の詳細', '他には？']);
    const approved = ready.at(-1) ?? 0;
    const second = await chat(`${approved}つ目のリンク`, first.sessionId);
    expect(second.reply.length).toBeGreaterThan(0);
    expect(second.links.map((link) => link.programId)).toEqual([first.cards[approved - 1]?.programId]);
  });

  it('the stream carries the cards, then the links, then the next steps as data parts', async () => {
    const response = await fetch(`${running.url}/api/chat/stream`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: NEED }) });
    const chunks = (await response.text())
      .split('\n\n')
      .map((frame) => frame.replace(/^data: /, ''))
      .filter((data) => data.startsWith('{'))
      .map((data) => JSON.parse(data) as { type: string; data?: { cards?: ProgramCardView[]; links?: IssuedLink[]; suggestions?: Suggestion[] } });
    const types = chunks.map((chunk) => chunk.type).filter((type) => type.startsWith('data-') && type !== 'data-session');
    expect(types).toEqual(['data-cards', 'data-links', 'data-suggestions']);
    const cards = chunks.find((chunk) => chunk.type === 'data-cards')?.data?.cards ?? [];
    expect(chunks.find((chunk) => chunk.type === 'data-links')?.data?.links).toEqual(readyLinks(cards));
  });
});

describe('voice', () => {
  const auth = { authorization: `Bearer ${VOICE_API_KEY}`, 'content-type': 'application/json' };

  it('/voice/webhook: the card carries the links of the programs spoken, and the speech says they are in the app', async () => {
    const response = await fetch(`${running.url}/voice/webhook`, { method: 'POST', headers: auth, body: JSON.stringify({ sessionId: 'voice-links-1', text: NEED }) });
    const reply = (await response.json()) as { speech: string; card?: { links: IssuedLink[]; text: string } };
    expect(reply.speech).toMatch(/^This answer includes ads/);
    expect(reply.speech).toContain('The links are in your app.');
    expect(reply.speech).not.toMatch(/https?:|\/r\//);
    expect(reply.card?.links.length).toBeGreaterThan(0);
    for (const link of reply.card?.links ?? []) expect(reply.card?.text).toContain(link.url);
  });

  it('/v1/chat/completions returns the links of the programs spoken in `links`', async () => {
    const response = await fetch(`${running.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...auth, 'x-session-id': 'voice-links-2' },
      body: JSON.stringify({ model: 'bot', messages: [{ role: 'user', content: NEED }] }),
    });
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }>; links: IssuedLink[] };
    expect(body.links.length).toBeGreaterThan(0);
    expect(body.choices[0]?.message.content).toContain('The links are in your app.');
  });
});

describe('Telegram', () => {
  let fake: FakeTelegram;
  let channel: TelegramChannel;
  beforeAll(async () => {
    fake = await startFakeTelegram();
    channel = createTelegramChannel({
      core: running.bot.core,
      token: fake.token,
      apiRoot: fake.url,
      publicBaseUrl: running.url,
      log: silentLog(),
      botInfo: fake.botInfo,
      kv: running.bot.stores.telegram,
      pollingTimeoutSeconds: 1,
    });
    await channel.start();
  });
  afterAll(async () => {
    await channel?.stop();
    await fake?.close();
  });

  it('one URL button per ready program with its name, the disclosure in the text, next steps as buttons that ask again', async () => {
    const chatId = 7_001;
    const expected = await chat(NEED);
    fake.push(textUpdate({ chatId, text: NEED }));
    await fake.waitFor(() => fake.sent(chatId).length >= 1, 15_000);
    const [reply] = fake.sent(chatId);
    const keyboard = (reply?.payload.reply_markup as { inline_keyboard: Array<Array<{ text: string; url?: string; callback_data?: string }>> }).inline_keyboard;
    const urlButtons = keyboard.flat().filter((button) => button.url);
    expect(urlButtons.map((button) => button.text)).toEqual(expected.cards.filter((card) => card.link).map((card) => card.name));
    for (const button of urlButtons) expect(button.url).toMatch(new RegExp(`^${running.url}/r/[\\w-]{22}$`));
    expect(reply?.text).toContain(replyDisclosure('en'));
    const next = keyboard.at(-1) ?? [];
    expect(next.map((button) => button.callback_data)).toEqual(['next:details on #1', 'next:any others?']);

    const message = { message_id: 1, date: 0, chat: { id: chatId, type: 'private', first_name: 'User' } };
    fake.push({ callback_query: { id: 'cb-1', chat_instance: 'ci', from: { id: chatId, is_bot: false, first_name: 'User' }, message, data: 'next:any others?' } } as unknown as Update);
    await fake.waitFor(() => fake.sent(chatId).length >= 2, 15_000);
    expect(fake.sent(chatId)[1]?.text).toMatch(/more programs? for the same need/);
    expect(fake.callsOf('answerCallbackQuery').length).toBeGreaterThan(0);
  });

  it('when Telegram refuses the URL buttons (a localhost URL), the links go in the text and the next steps stay as buttons', async () => {
    const chatId = 7_002;
    const expected = await chat(NEED);
    const ready = expected.cards.filter((card) => card.link);
    expect(ready.length).toBeGreaterThan(0);
    fake.rejectButtonsNext(1);
    fake.push(textUpdate({ chatId, text: NEED }));
    await fake.waitFor(() => fake.sent(chatId).length >= 1, 15_000);
    const [reply] = fake.sent(chatId);
    // Each ready program's link is in the text, named, in list order; a program under review has none.
    const linked = [...(reply?.text ?? '').matchAll(new RegExp(`^• (.+): ${running.url}/r/[\\w-]{22}$`, 'gm'))].map((match) => match[1]);
    expect(linked).toEqual(ready.map((card) => card.name));
    expect(reply?.text).toContain(replyDisclosure('en'));
    const keyboard = (reply?.payload.reply_markup as { inline_keyboard: Array<Array<{ url?: string; callback_data?: string }>> }).inline_keyboard;
    expect(keyboard.flat().every((button) => button.url === undefined)).toBe(true);
    expect(keyboard.flat().map((button) => button.callback_data)).toEqual(['next:details on #1', 'next:any others?']);
  });
});
