import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textUpdate } from '../../helpers/fake-telegram.ts';
import { type TelegramRig, WEBHOOK_SECRET, startTelegramRig } from './harness.ts';

describe('Telegram webhook', () => {
  let rig: TelegramRig;
  beforeAll(async () => {
    rig = await startTelegramRig('webhook');
  });
  afterAll(() => rig.close());

  const update = (chatId: number, text: string, updateId: number) => ({ ...textUpdate({ chatId, text }), update_id: updateId });

  it('rejects a missing or wrong secret with 401 and handles nothing', async () => {
    const missing = await rig.fake.deliver(update(2_001, 'hello', 70_001), null);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const wrong = await rig.fake.deliver(update(2_001, 'hello', 70_002), `${WEBHOOK_SECRET}x`);
    expect(wrong.status).toBe(401);
    // One chat's updates are handled in order: once a good update after them is answered, a refused one
    // that had slipped through would have been answered first.
    expect((await rig.fake.deliver(update(2_001, '/help', 70_010))).status).toBe(200);
    await rig.fake.waitFor(() => rig.fake.sent(2_001).length >= 1);
    expect(rig.fake.sent(2_001).map((call) => call.text)).toEqual([expect.stringContaining('/reset')]);
  });

  it('answers 200 at once and finishes the turn in the background', async () => {
    const gate = rig.holdWaitTurn();
    const response = await rig.fake.deliver(update(2_002, 'please wait for it', 70_003));
    // Answered while the model still holds the turn.
    expect(response.status).toBe(200);
    await gate.arrived;
    expect(rig.fake.sent(2_002)).toEqual([]);
    gate.open();
    await rig.fake.waitFor(() => rig.fake.sent(2_002).length === 1);
  });

  it('answers a repeated update_id once, even when the copies arrive together', async () => {
    const same = update(2_003, 'hello', 70_004);
    const responses = await Promise.all([rig.fake.deliver(same), rig.fake.deliver(same)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    await rig.fake.waitFor(() => rig.fake.sent(2_003).length >= 1);
    const again = await rig.fake.deliver(same);
    expect(again.status).toBe(200);
    // In-order handling per chat: once a later update is answered, a second answer to the repeat would be there.
    expect((await rig.fake.deliver(update(2_003, '/help', 70_005))).status).toBe(200);
    await rig.fake.waitFor(() => rig.fake.sent(2_003).some((call) => call.text?.includes('/reset')));
    expect(rig.fake.sent(2_003)).toHaveLength(2);
  });

  it('rejects a body that is not an update', async () => {
    const post = (body: string) =>
      fetch(rig.fake.webhook?.url ?? '', { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET }, body });
    expect((await post('{"update_id":')).status).toBe(400);
    expect((await post('{"message":{}}')).status).toBe(400);
  });
});

describe('Telegram polling', () => {
  let rig: TelegramRig;
  beforeAll(async () => {
    rig = await startTelegramRig('polling');
  });
  afterAll(() => rig.close());

  it('handles an update_id once even when getUpdates returns it twice', async () => {
    // After a crash between handling and confirming, a batch can come again; here both copies come in one batch.
    rig.fake.push({ ...textUpdate({ chatId: 3_001, text: 'hello' }), update_id: 90_000 });
    rig.fake.push({ ...textUpdate({ chatId: 3_001, text: 'hello' }), update_id: 90_000 });
    // In-order handling per chat: once the next update is answered, a second answer to the copy would be there.
    rig.fake.push({ ...textUpdate({ chatId: 3_001, text: '/help' }), update_id: 90_001 });
    await rig.fake.waitFor(() => rig.fake.sent(3_001).some((call) => call.text?.includes('/reset')));
    expect(rig.fake.sent(3_001)).toHaveLength(2);
  });

  it('has no webhook route in polling mode', async () => {
    const app = rig.channel.routes;
    const response = await app.request('/webhook', { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET }, body: '{}' });
    expect(response.status).toBe(404);
  });
});
