import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { type RunningServer, listen } from '../../src/http/listen.ts';
import { createLog } from '../../src/log.ts';
import { secretValues } from '../../src/log-secrets.ts';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { captureLines } from '../helpers/log-capture.ts';
import { everyTurnModel } from '../helpers/scripted-model.ts';

/**
 * The bot with every secret configured and every network failing (both affiliate networks answer 503,
 * the Telegram Bot API cannot be reached): whatever it logs about those failures, and about wrong
 * credentials sent to it, holds none of the secret values.
 */
const SECRETS = {
  TELEGRAM_BOT_TOKEN: '987654321:AAHsecretBotTokenValue_0123456789abcdefXYZ',
  ADMIN_TOKEN: 'admin-token-plain-value-4242',
  VOICE_API_KEY: 'voice-key-plain-value-7777',
  IP_HASH_SALT: 'ip-salt-plain-value-123456789',
  OPENAI_API_KEY: 'openai-plain-value-abcdefgh',
  POSTBACK_SECRET: 'postback-plain-value-0987654321',
};
const { destination: capture, lines } = captureLines();
let running: RunningBot;
let secrets: string[] = [];
let telegramDown: RunningServer;

beforeAll(async () => {
  // A Bot API that cannot be reached: a port that was free a moment ago, so connections are refused.
  telegramDown = await listen(new Hono());
  await telegramDown.close();
  running = await startBot({
    model: everyTurnModel({ tool: 'get_link', input: { program_id: 42 } }, { text: 'Below.' }),
    env: { ...SECRETS, TELEGRAM_API_ROOT: telegramDown.url },
    log: (config, networks) => {
      secrets = secretValues(config, networks);
      return createLog({ level: 'debug', destination: capture, secrets });
    },
    startOutbox: false,
  });
});
afterAll(() => running.close());

describe('every secret set, every network failing', () => {
  it('the logs hold none of the secret values', async () => {
    const link = (await running.bot.core.handleTurn({ channel: 'web', sessionId: 'every-secret', text: 'link' })).links[0];
    expect(link).toBeDefined();
    await fetch(`${running.sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ network: 'all', status: 503 }) });

    // A Bot API call that fails: grammY's error message names the URL it called, which carries the token.
    // (start() would retry getMe forever against a Bot API that is down, so one call is made directly.)
    await expect(running.bot.telegram?.bot.api.sendMessage(1, 'hello')).rejects.toThrow();
    // A click while the networks fail: logged, queued, retried and logged again.
    await fetch(link?.url ?? '', { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 Chrome/130' } });
    running.ledgerClock.advance(60 * 60_000); // past any retry time of the queued click
    await running.bot.clicks.flushPending();
    // Wrong credentials at the bot's own doors.
    await fetch(`${running.url}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${SECRETS.ADMIN_TOKEN}x` });
    await fetch(`${running.url}/voice/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRETS.VOICE_API_KEY}x` }, body: '{}' });
    // The dashboard reads earnings from the failing networks.
    await fetch(`${running.url}/admin/api/earnings`, { headers: { authorization: `Bearer ${SECRETS.ADMIN_TOKEN}` } });
    const all = () => lines.join('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(all()).toContain('sendMessage');
    expect(secrets.length).toBeGreaterThanOrEqual(Object.keys(SECRETS).length + 3);
    for (const secret of [...secrets, ...running.secrets]) expect(all(), 'a secret leaked into the logs').not.toContain(secret);
    expect(all()).not.toContain('AAHsecretBotTokenValue');
  });
});
