import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineModel } from '../../../src/core/offline-model/index.ts';
import { Hono } from 'hono';
import { createLineChannel } from '../../../src/channels/line/create-line-channel.ts';
import { listen } from '../../../src/http/listen.ts';
import { replyDisclosure } from '../../../src/links/disclosure.ts';
import { silentLog } from '../../../src/log.ts';
import { type RunningBot, startBot } from '../../helpers/bot-harness.ts';
import { type FakeLine, type LineCall, type LineEventJson, messageProblem, startFakeLine } from '../../helpers/fake-line.ts';

/** The LINE channel end to end: the app over real HTTP, the offline model, the sandbox, and a fake LINE API. */
let line: FakeLine;
let running: RunningBot;
let webhook: string;

beforeAll(async () => {
  line = await startFakeLine();
  running = await startBot({
    model: createOfflineModel(),
    env: { LINE_CHANNEL_SECRET: line.channelSecret, LINE_CHANNEL_ACCESS_TOKEN: line.accessToken, LINE_API_ROOT: line.url },
  });
  webhook = `${running.url}/line/webhook`;
});
afterAll(async () => {
  await running?.close();
  await line?.close();
});

type Message = { type: string; text?: string; altText?: string; contents?: { type: string; contents: Bubble[] }; quickReply?: unknown };
type Bubble = { body: { contents: Array<{ text?: string }> }; footer: { contents: Array<{ type: string; action?: { type: string; uri: string; label: string }; text?: string }> } };

const messagesOf = (call: LineCall | undefined) => (call?.body.messages ?? []) as Message[];
const replyTo = (event: LineEventJson) => (calls: LineCall[]) => calls.find((call) => call.body.replyToken === event.replyToken && call.status === 200);
const pushTo = (chatId: string) => (calls: LineCall[]) => calls.filter((call) => call.path.endsWith('/push') && call.body.to === chatId && call.status === 200);

/** Delivers one event (200 expected) and waits for the reply to its token. */
async function ask(event: LineEventJson): Promise<Message[]> {
  const response = await line.deliver(webhook, [event]);
  expect(response.status).toBe(200);
  await line.waitFor((calls) => replyTo(event)(calls) !== undefined);
  return messagesOf(replyTo(event)(line.calls));
}

const buttonsOf = (message: Message | undefined) =>
  (message?.contents?.contents ?? []).flatMap((bubble) => bubble.footer.contents.filter((part) => part.type === 'button').map((part) => part.action));

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

/**
 * The programs a recommendation lists, as the sandbox knows them (so a test can see whose advertiser
 * approves at once): the answer's text, then a Flex carousel with one bubble per program, in the same
 * order, each named in the text, with either a link button or the note that it comes after the review.
 */
function listedIn(messages: Message[], locale: 'en' | 'ja') {
  const [text, carousel] = messages;
  expect(carousel?.type).toBe('flex');
  expect(carousel?.altText).toMatch(locale === 'en' ? /^Ad / : /^【PR】/);
  const bubbles = carousel?.contents?.contents ?? [];
  expect(bubbles.length).toBeGreaterThan(0);
  const catalog = running.sandbox.agentclick.catalog.programs;
  return bubbles.map((bubble) => {
    const name = bubble.body.contents[1]?.text ?? '';
    expect(text?.text).toContain(name);
    const footer = bubble.footer.contents;
    expect(footer.some((part) => part.type === 'button') || footer.some((part) => /review|審査/.test(part.text ?? ''))).toBe(true);
    const program = catalog.find((candidate) => (locale === 'en' ? candidate.name_en : candidate.name) === name);
    expect(program, `${name} is a sandbox program`).toBeDefined();
    return program as NonNullable<typeof program>;
  });
}

describe('POST /line/webhook', () => {
  it('refuses a missing or wrong signature with 401 and processes nothing', async () => {
    const unsigned = line.textEvent('I need an AI that generates images');
    const forged = line.textEvent('I need an AI that writes code');
    const missing = await line.deliver(webhook, [unsigned], { signature: null });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: { code: 'invalid_signature', message: 'Missing or wrong x-line-signature header.' } });
    expect((await line.deliver(webhook, [forged], { signature: Buffer.alloc(32).toString('base64') })).status).toBe(401);
    // A good event from the same user afterwards is answered; the refused ones never are.
    const good = line.textEvent('hello', { userId: String((unsigned.source as { userId: string }).userId) });
    await ask(good);
    expect(line.calls.some((call) => call.body.replyToken === unsigned.replyToken || call.body.replyToken === forged.replyToken)).toBe(false);
  });

  it('a signed body that is not a webhook is a 400 naming the field', async () => {
    const bad = await line.deliver(webhook, [], { rawBody: JSON.stringify({ destination: line.botUserId, events: [{ type: 'message' }] }) });
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(/events\.0\.timestamp/);
    expect((await line.deliver(webhook, [], { rawBody: '{not json' })).status).toBe(400);
    const body = JSON.stringify({ destination: line.botUserId, events: [] });
    const signature = createHmac('sha256', line.channelSecret).update(body).digest('base64');
    const plain = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-line-signature': signature }, body });
    expect(plain.status).toBe(415);
    // LINE's "Verify" button sends no events: a plain 200.
    expect((await line.deliver(webhook, [])).status).toBe(200);
  });

  it('a 1:1 conversation in English: loading animation, reply with the reply token, then a link as a Flex bubble with its disclosure', async () => {
    const userId = `U${'a'.repeat(32)}`;
    const first = await ask(line.textEvent('I need an AI that generates images', { userId }));
    expect(first[0]?.type).toBe('text');
    expect(first[0]?.text).not.toBe('');
    expect(line.accepted('loading').some((call) => call.body.chatId === userId)).toBe(true);
    const listed = listedIn(first, 'en');
    expect(messageProblem(first)).toBeUndefined();

    // "A link for the Nth one": a program whose advertiser reviews new partners gets no link yet, and the answer names it as waiting.
    const underReview = listed.findIndex((program) => !program.auto_approve);
    if (underReview >= 0) {
      const waiting = await ask(line.textEvent(`a link for the ${ORDINALS[underReview]} one`, { userId }));
      expect(waiting).toHaveLength(1);
      expect(waiting[0]?.text).toContain(`The advertiser of ${listed[underReview]?.name_en} reviews partnerships before links are issued`);
      expect(buttonsOf(waiting[0])).toEqual([]);
    }

    // A program whose advertiser approves at once: its link comes as a Flex bubble with the disclosure.
    const approved = listed.findIndex((program) => program.auto_approve);
    expect(approved, 'the need should list a program whose advertiser approves at once').toBeGreaterThanOrEqual(0);
    const second = await ask(line.textEvent(`a link for the ${ORDINALS[approved]} one`, { userId }));
    expect(second).toHaveLength(2);
    expect(second[0]?.text).toContain(replyDisclosure('en'));
    const flex = second[1];
    expect(flex?.type).toBe('flex');
    expect(flex?.altText).toMatch(/^Ad /);
    expect(flex?.altText).toContain(listed[approved]?.name_en);
    const [button] = buttonsOf(flex);
    expect(button).toMatchObject({ type: 'uri', label: 'Open site (Ad)' });
    expect(button?.uri.startsWith(`${running.url}/r/`)).toBe(true);
    expect(messageProblem(second)).toBeUndefined();

    // The person taps the button: the click is recorded with context line-bot.
    const click = await fetch(button?.uri ?? '', { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Line/14.0.0' } });
    expect(click.status).toBe(302);
    const clicks = running.sandbox.events.list().filter((event) => event.network === 'agentclick' && event.type === 'click');
    expect(clicks.at(-1)).toMatchObject({ status: 200, data: { context: 'line-bot' } });
  });

  it('a 1:1 conversation in Japanese gets Japanese answers with the 【PR】 disclosure', async () => {
    const userId = `U${'b'.repeat(32)}`;
    const first = await ask(line.textEvent('画像生成のAIツールを探しています', { userId }));
    expect(first[0]?.text).toMatch(/[ぁ-んァ-ン一-龯]/);
    const listed = listedIn(first, 'ja');
    const approved = listed.findIndex((program) => program.auto_approve);
    expect(approved, 'the need should list a program whose advertiser approves at once').toBeGreaterThanOrEqual(0);
    const second = await ask(line.textEvent(`${approved + 1}つ目のリンク`, { userId }));
    expect(second[0]?.text).toContain(replyDisclosure('ja'));
    expect(second[1]?.altText).toMatch(/^【PR】/);
    expect(second[1]?.altText).toContain(listed[approved]?.name);
    expect(buttonsOf(second[1])[0]?.label).toBe('サイトを見る【PR】');
  });

  it('falls back to a push when LINE refuses the reply token', async () => {
    const userId = `U${'c'.repeat(32)}`;
    line.failNext('reply', 1, 400, { message: 'Invalid reply token' });
    const event = line.textEvent('I need an AI that writes code', { userId });
    expect((await line.deliver(webhook, [event])).status).toBe(200);
    await line.waitFor((calls) => pushTo(userId)(calls).length === 1);
    const push = pushTo(userId)(line.calls)[0];
    expect(messagesOf(push)[0]?.type).toBe('text');
    expect(push?.retryKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('pushes without trying a reply token that has expired', async () => {
    const userId = `U${'d'.repeat(32)}`;
    const event = line.textEvent('I need an AI that writes code', { userId, timestamp: Date.now() - 5 * 60_000 });
    expect((await line.deliver(webhook, [event])).status).toBe(200);
    await line.waitFor((calls) => pushTo(userId)(calls).length === 1);
    expect(line.calls.some((call) => call.body.replyToken === event.replyToken)).toBe(false);
  });

  it('waits out a 429 and sends again', async () => {
    const userId = `U${'e'.repeat(32)}`;
    line.failNext('reply', 1, 429, { message: 'Too many requests' }, { 'retry-after': '0' });
    const event = line.textEvent('I need an AI that writes code', { userId });
    await ask(event);
    expect(line.calls.filter((call) => call.body.replyToken === event.replyToken).map((call) => call.status)).toEqual([429, 200]);
  });

  it('a push LINE says it already accepted (409 for the retry key) counts as delivered', async () => {
    const userId = `U${'5'.repeat(32)}`;
    line.failNext('push', 1, 409, { message: 'The retry key is already accepted' });
    const old = line.textEvent('I need an AI that writes code', { userId, timestamp: Date.now() - 5 * 60_000 });
    expect((await line.deliver(webhook, [old])).status).toBe(200);
    await ask(line.textEvent('thanks', { userId }));
    // No second push with an apology: the 409 was taken as delivered.
    expect(line.calls.filter((call) => call.path.endsWith('/push') && call.body.to === userId).map((call) => call.status)).toEqual([409]);
  });

  it('does not retry a push refused for the monthly quota, and says the turn failed', async () => {
    const userId = `U${'6'.repeat(32)}`;
    line.failNext('push', 1, 429, { message: 'You have reached your monthly limit.' }, { 'retry-after': '0' });
    const old = line.textEvent('I need an AI that writes code', { userId, timestamp: Date.now() - 5 * 60_000 });
    expect((await line.deliver(webhook, [old])).status).toBe(200);
    await line.waitFor((calls) => pushTo(userId)(calls).length === 1);
    const pushes = line.calls.filter((call) => call.path.endsWith('/push') && call.body.to === userId);
    expect(pushes.map((call) => call.status)).toEqual([429, 200]);
    expect(messagesOf(pushes[1])[0]?.text).toBe('Sorry, something went wrong on my side. Please try again in a moment.');
  });

  it('answers a redelivered event once', async () => {
    const userId = `U${'f'.repeat(32)}`;
    const event = line.textEvent('I need an AI that makes videos', { userId });
    expect((await line.deliver(webhook, [event])).status).toBe(200);
    expect((await line.deliver(webhook, [{ ...event, deliveryContext: { isRedelivery: true } }])).status).toBe(200);
    // The same chat's events run in order: once the next one is answered, the redelivery has been handled.
    await ask(line.textEvent('thanks', { userId }));
    const answers = line.calls.filter((call) => call.body.replyToken === event.replyToken || (call.path.endsWith('/push') && call.body.to === userId));
    expect(answers.map((call) => call.status)).toEqual([200]);
  });

  it('in a group answers only when mentioned, without the loading animation', async () => {
    const groupId = `C${'1'.repeat(32)}`;
    const unmentioned = line.textEvent('I need an AI that generates images', { groupId });
    const mentioned = line.textEvent('I need an AI that generates images', { groupId, mentionSelf: '@Picks' });
    expect((await line.deliver(webhook, [unmentioned, mentioned])).status).toBe(200);
    await line.waitFor((calls) => replyTo(mentioned)(calls) !== undefined);
    expect(line.calls.some((call) => call.body.replyToken === unmentioned.replyToken)).toBe(false);
    expect(line.calls.some((call) => call.path.endsWith('/loading/start') && call.body.chatId === groupId)).toBe(false);
    expect(messagesOf(replyTo(mentioned)(line.calls))[0]?.text).not.toMatch(/@Picks/);
  });

  it('in a room the same: a sticker or an unmentioned line gets nothing, a mention gets an answer', async () => {
    const roomId = `R${'2'.repeat(32)}`;
    const sticker = line.event('message', { roomId, message: { id: '2', type: 'sticker', packageId: '446', stickerId: '1988' } });
    const unmentioned = line.textEvent('画像生成のAIツールを探しています', { roomId });
    const mentioned = line.textEvent('画像生成のAIツールを探しています', { roomId, mentionSelf: '@Picks' });
    expect((await line.deliver(webhook, [sticker, unmentioned, mentioned])).status).toBe(200);
    await line.waitFor((calls) => replyTo(mentioned)(calls) !== undefined);
    expect(line.calls.some((call) => call.body.replyToken === sticker.replyToken || call.body.replyToken === unmentioned.replyToken || call.body.to === roomId)).toBe(false);
    expect(messagesOf(replyTo(mentioned)(line.calls))[0]?.text).toMatch(/[ぁ-んァ-ン一-龯]/);
  });

  it('greets a new friend with the ad notice, and answers a sticker politely', async () => {
    const userId = `U${'9'.repeat(32)}`;
    const greeting = await ask(line.event('follow', { userId }));
    expect(greeting[0]?.text).toContain('【PR】');
    expect(greeting[0]?.text).toMatch(/affiliate links/);
    const sticker = await ask(line.event('message', { userId, message: { id: '1', type: 'sticker', packageId: '446', stickerId: '1988' } }));
    expect(sticker[0]?.text).toMatch(/文字のメッセージ/);
  });

  it('a push LINE does not answer in time is sent again with the same retry key, and arrives once', async () => {
    const channel = createLineChannel({ core: running.bot.core, channelSecret: line.channelSecret, accessToken: line.accessToken, apiRoot: line.url, log: silentLog(), api: { timeoutMs: 500 } });
    const app = new Hono();
    app.route('/line', channel.routes);
    const server = await listen(app);
    const release = line.holdNext('push');
    try {
      const userId = `U${'4'.repeat(32)}`;
      const old = line.textEvent('I need an AI that writes code', { userId, timestamp: Date.now() - 5 * 60_000 });
      expect((await line.deliver(`${server.url}/line/webhook`, [old])).status).toBe(200);
      // The first push hangs; the channel gives up on it and sends the same push again, which LINE accepts.
      await line.waitFor((calls) => pushTo(userId)(calls).length === 1);
      release();
      // The hung request is finally processed: its retry key was already accepted, so LINE answers 409.
      await line.waitFor((calls) => calls.some((call) => call.path.endsWith('/push') && call.body.to === userId && call.status === 409));
      const pushes = line.calls.filter((call) => call.path.endsWith('/push') && call.body.to === userId);
      // Exactly one delivery, whatever number of attempts a slow machine needed; every attempt had the same key.
      expect(pushes.filter((call) => call.status === 200)).toHaveLength(1);
      expect(pushes.every((call) => call.status === 200 || call.status === 409)).toBe(true);
      expect(new Set(pushes.map((call) => call.retryKey)).size).toBe(1);
    } finally {
      release();
      await channel.stop();
      await server.close();
    }
  });

  it('keeps to a per-chat turn limit and says when to send again', async () => {
    // The app's limit is 20 turns a minute; a channel on the same core with a limit of 1 shows the behaviour.
    const channel = createLineChannel({ core: running.bot.core, channelSecret: line.channelSecret, accessToken: line.accessToken, apiRoot: line.url, log: silentLog(), turnsPerChatPerMinute: 1 });
    const app = new Hono();
    app.route('/line', channel.routes);
    const server = await listen(app);
    try {
      const userId = `U${'7'.repeat(32)}`;
      const first = line.textEvent('I need an AI that writes code', { userId });
      const second = line.textEvent('I need an AI that makes videos', { userId });
      expect((await line.deliver(`${server.url}/line/webhook`, [first, second])).status).toBe(200);
      await line.waitFor((calls) => replyTo(second)(calls) !== undefined);
      expect(messagesOf(replyTo(first)(line.calls))[0]?.text).not.toMatch(/wait about/);
      expect(messagesOf(replyTo(second)(line.calls))[0]?.text).toMatch(/^That is a lot of messages at once\. Please wait about \d+ s/);
    } finally {
      await channel.stop();
      await server.close();
    }
  });
});
