import { randomBytes } from 'node:crypto';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineModel } from '../../../src/core/offline-model/index.ts';
import { type RunningBot, startBot } from '../../helpers/bot-harness.ts';
import { type FakeLine, startFakeLine } from '../../helpers/fake-line.ts';

/** Two instances on one Redis: LINE redelivers an event to the other instance, which must not answer it again. */
const prefix = `line-test-${randomBytes(6).toString('hex')}`;
let line: FakeLine;
const bots: RunningBot[] = [];

beforeAll(async () => {
  line = await startFakeLine();
  const env = { LINE_CHANNEL_SECRET: line.channelSecret, LINE_CHANNEL_ACCESS_TOKEN: line.accessToken, LINE_API_ROOT: line.url, REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: prefix };
  for (let i = 0; i < 2; i++) bots.push(await startBot({ model: createOfflineModel(), env }));
});
afterAll(async () => {
  for (const bot of bots) await bot.close();
  await line?.close();
  const redis = createClient({ url: 'redis://127.0.0.1:6379' });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) if (keys.length > 0) await redis.del(keys);
  await redis.close();
});

describe('LINE on two instances sharing Redis', () => {
  it('an event redelivered to the other instance is answered once', async () => {
    const [a, b] = bots;
    if (!a || !b) throw new Error('two bots expected');
    const userId = `U${randomBytes(16).toString('hex')}`;
    const event = line.textEvent('I need an AI that generates images', { userId });
    expect((await line.deliver(`${a.url}/line/webhook`, [event])).status).toBe(200);
    await line.waitFor((calls) => calls.some((call) => call.body.replyToken === event.replyToken && call.status === 200));

    expect((await line.deliver(`${b.url}/line/webhook`, [{ ...event, deliveryContext: { isRedelivery: true } }])).status).toBe(200);
    // B handles one chat's events in order: once its next event is answered, the redelivery has been dealt with.
    const next = line.textEvent('thanks', { userId });
    expect((await line.deliver(`${b.url}/line/webhook`, [next])).status).toBe(200);
    await line.waitFor((calls) => calls.some((call) => call.body.replyToken === next.replyToken && call.status === 200));

    const answers = line.calls.filter((call) => call.body.replyToken === event.replyToken || (call.path.endsWith('/push') && call.body.to === userId));
    expect(answers.map((call) => call.status)).toEqual([200]);
  });
});
