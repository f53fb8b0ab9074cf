/**
 * The README's picture of the widget with program cards: the bot started as `npm start` runs it, a
 * first question so the listed programs are applied for, then the same question in Chromium a few
 * seconds later: ready programs show Ad + Visit, the one whose advertiser reviews shows "Link after
 * review", with the next-step chips under the answer. Writes docs/widget-cards.png.
 *
 *   npx node bench/widget-screenshot.ts
 */
import { mkdir } from 'node:fs/promises';
import { launchBrowser } from '../test/helpers/browser.ts';
import { startDemoProcess } from './helpers/demo-process.ts';
import { sleep } from './helpers/http.ts';

const NEED = 'I need something to write marketing copy for my online shop';
const OUT = new URL('../docs/widget-cards.png', import.meta.url).pathname;

const bot = await startDemoProcess();
const browser = await launchBrowser();
try {
  await fetch(`${bot.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: NEED }) });
  await sleep(3_000);
  const page = await browser.newPage({ viewport: { width: 460, height: 1240 }, locale: 'en-US', deviceScaleFactor: 1 });
  await page.goto(bot.url);
  await page.locator('textarea').fill(NEED);
  await page.locator('textarea').press('Enter');
  await page.locator('.chip').first().waitFor({ state: 'visible', timeout: 20_000 });
  // A phone-sized screen (the panel fills it), scrolled to the end of the answer: its cards and next steps.
  await page.locator('.chip').last().scrollIntoViewIfNeeded();
  await mkdir(new URL('../docs/', import.meta.url), { recursive: true });
  await page.locator('[role="dialog"]').screenshot({ path: OUT });
  console.log(`saved ${OUT}`);
} finally {
  await browser.close();
  await bot.stop();
}
