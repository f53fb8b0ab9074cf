import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineModel } from '../../src/core/offline-model/index.ts';
import type { ProgramCardView } from '../../src/core/types.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';

/**
 * A recommendation in the real widget, in Chromium, under the demo page's strict CSP: one card per
 * listed program (name, category, reason, reward, Ad + Visit, or "Link after review" while the
 * advertiser reviews), next-step chips, all reachable by keyboard and named for screen readers; a
 * Visit click is recorded like any other.
 */
const NEED = 'I need something to write marketing copy for my online shop';
const NEED_JA = 'ネットショップの宣伝文を書いてくれるAIを探しています';

let running: RunningBot;
let browser: Browser;
beforeAll(async () => {
  running = await startBot({ model: createOfflineModel({ chunkDelayMs: 5 }) });
  // A first ask applies for the listed programs; the widget then shows the answer a second visitor gets.
  for (const need of [NEED, NEED_JA]) await running.bot.core.handleTurn({ channel: 'web', sessionId: `warm-${need.length}`, text: need });
  await running.bot.partnerships.idle();
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

/**
 * The cards a visitor now gets for a need (the core's answer in a session of its own), checked against
 * the sandbox: a program whose advertiser approves at once is ready, one whose advertiser reviews new
 * partners (two minutes) is still pending. The needs below list both kinds, so the widget shows both.
 */
async function expectedCards(need: string, locale: 'en' | 'ja'): Promise<ProgramCardView[]> {
  const { cards } = await running.bot.core.handleTurn({ channel: 'web', sessionId: `expected-${locale}`, text: need, locale });
  const catalog = running.sandbox.agentclick.catalog.byId;
  expect(cards.map((card) => card.availability)).toEqual(cards.map((card) => (catalog.get(card.programId)?.auto_approve ? 'ready' : 'pending')));
  expect(cards.some((card) => card.availability === 'ready'), `${need} should list a program approved at once`).toBe(true);
  expect(cards.some((card) => card.availability === 'pending'), `${need} should list a program under review`).toBe(true);
  return cards;
}

describe('program cards in the widget', () => {
  it('shows a card per program with Visit or "Link after review", chips for next steps, by keyboard, and the click is recorded', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(running.url);
    await page.locator('textarea').fill(NEED);
    await page.locator('textarea').press('Enter');
    await page.getByRole('group', { name: 'Suggested next steps' }).getByRole('button').first().waitFor({ timeout: 20_000 });

    const expected = await expectedCards(NEED, 'en');
    const cards = page.locator('.program');
    expect(await cards.count()).toBe(expected.length);
    expect(await page.getByRole('heading', { level: 3 }).allTextContents()).toEqual(expected.map((card) => card.name));
    const catalog = running.sandbox.agentclick.catalog.byId;
    for (const [index, card] of expected.entries()) {
      const shown = cards.nth(index);
      const program = catalog.get(card.programId);
      expect(await shown.locator('.category').textContent()).toBe(program?.category_name_en);
      expect(card.reason).not.toBe('');
      expect(await shown.locator('.reason').textContent()).toBe(card.reason);
      expect(await shown.locator('.reward').textContent()).toBe(
        `Reward for the operator: ¥${program?.reward_amount.toLocaleString('en-US')} per ${{ cpa: 'sale', cpc: 'click', cpi: 'install' }[program?.reward_type ?? 'cpa']}`,
      );
      if (card.availability === 'ready') {
        expect(await shown.locator('.badge').textContent()).toBe('Ad');
        expect(await shown.locator('.disclosure').textContent()).toMatch(/^Ad · /);
        const visit = shown.getByRole('link', { name: `Visit ${card.name} (ad, opens in a new tab)` });
        expect(await visit.textContent()).toBe('Visit');
        expect(await visit.getAttribute('href')).toMatch(new RegExp(`^${running.url}/r/[\\w-]{22}$`));
        expect(await visit.getAttribute('rel')).toBe('sponsored noopener noreferrer');
      } else {
        // The advertiser reviews new partners: no button, a plain statement with a spoken name.
        expect(await shown.locator('a').count()).toBe(0);
        expect(await shown.locator('.badge').count()).toBe(0);
        expect(await shown.locator('.later').textContent()).toBe('Link after review');
        expect(await shown.locator('.later').getAttribute('aria-label')).toBe(`The link to ${card.name} comes after the advertiser’s review`);
      }
    }
    const ready = expected.filter((card) => card.availability === 'ready');
    expect(await page.getByRole('link', { name: /^Visit / }).count()).toBe(ready.length);
    await page.screenshot({ path: 'test-artifacts/program-cards.png', fullPage: true });

    // Keyboard only: back from the message field reaches the chips, then the Visit buttons in reverse order.
    await page.locator('textarea').focus();
    await page.keyboard.press('Shift+Tab');
    const focused = () => page.evaluate(() => document.querySelector('agentclick-chat')?.shadowRoot?.activeElement?.textContent ?? '');
    expect(await focused()).toBe('Other options');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Details on #1');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Visit');

    // Enter on a Visit button opens the merchant through our tracked link; the click is recorded as a chatbot click.
    const [merchant] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await merchant.waitForLoadState('domcontentloaded');
    // The last Visit button in the page is the last ready program's.
    expect(merchant.url()).toContain(`${running.sandbox.url}/merchant/${ready.at(-1)?.programId}`);
    const clicks = running.sandbox.events.list().filter((event) => event.network === 'agentclick' && event.type === 'click');
    expect(clicks.at(-1)).toMatchObject({ status: 200, data: { context: 'chatbot' } });

    // A chip asks the next question; the old chips go away, the new answer brings its own.
    await page.getByRole('button', { name: 'Other options' }).click();
    await expect.poll(() => page.locator('.msg.user').count(), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => page.locator('.program').count(), { timeout: 20_000 }).toBe(6);
    expect(await page.locator('.msg.user').nth(1).textContent()).toContain('any others?');
    await expect.poll(() => page.locator('.chip').count(), { timeout: 20_000 }).toBe(2);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('in Japanese: 【PR】 and a Japanese Visit button, the reward in yen', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(running.url);
    await page.locator('textarea').fill(NEED_JA);
    await page.locator('textarea').press('Enter');
    await page.locator('.chip').first().waitFor({ timeout: 20_000 });
    const expected = await expectedCards(NEED_JA, 'ja');
    const cards = page.locator('.program');
    expect(await page.getByRole('heading', { level: 3 }).allTextContents()).toEqual(expected.map((card) => card.name));
    for (const [index, card] of expected.entries()) {
      const shown = cards.nth(index);
      expect(await shown.locator('.reward').textContent()).toMatch(/^運営者への報酬: 1(件|クリック|インストール)[\d,]+円$/);
      if (card.availability === 'ready') {
        expect(await shown.locator('.badge').textContent()).toBe('【PR】');
        expect(await shown.locator('a.visit').textContent()).toBe('サイトを見る');
        expect(await shown.locator('.disclosure').textContent()).toContain('【PR】');
      } else {
        expect(await shown.locator('a').count()).toBe(0);
        expect(await shown.locator('.later').textContent()).toBe('審査後にリンク');
      }
    }
    expect(await page.locator('.chip').allTextContents()).toEqual(['1つ目の詳細', 'ほかの候補']);
    await context.close();
  }, 60_000);
});
