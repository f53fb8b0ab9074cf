import { mkdir } from 'node:fs/promises';
import { Hono } from 'hono';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWidgetRoutes } from '../../src/channels/web/widget/routes.ts';
import { type RunningServer, listen } from '../../src/http/listen.ts';
import { launchBrowser } from '../helpers/browser.ts';

interface ChatRequest {
  sessionId?: string;
  message: string;
  locale?: string;
}

const ARTIFACTS = 'test-artifacts';
const DISCLOSURE = 'Ad · The operator may earn a commission from this link.';
const FINAL_TEXT = 'For product images, I recommend PixelForge.\nIt makes studio-quality shots.';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const received: ChatRequest[] = [];
let server: RunningServer;
let browser: Browser;

/** The widget's routes plus a fake bot that streams the AI SDK UI message protocol slowly enough to watch. */
function createApp(): Hono {
  const app = new Hono();
  app.route('/', createWidgetRoutes({ sandboxUrl: 'http://127.0.0.1:4010' }));
  app.post('/api/chat/stream', async (c) => {
    const request = await c.req.json<ChatRequest>();
    received.push(request);
    if (request.message.includes('flood')) {
      return c.json({ error: { code: 'rate_limited', message: 'Rate limit exceeded for this session.' } }, 429);
    }
    const xss = request.message.includes('xss');
    const failing = request.message.includes('boom');
    const deltas = xss
      ? ['Look: ', '<img src=x onerror=alert(1)>', ' is just text.']
      : ['For product images, ', 'I recommend ', '**PixelForge**', '.\nIt makes ', 'studio-quality shots.'];
    const link = { id: 'L1', programId: 2, title: 'PixelForge', url: `${server.url}/r/L1`, disclosure: DISCLOSURE };
    const chunks = [
      { type: 'start', messageId: `m${received.length}` },
      { type: 'data-session', data: { sessionId: request.sessionId ?? 'sess-1' } },
      { type: 'start-step' }, // unknown to the widget: ignored
      { type: 'text-start', id: 't1' },
      ...deltas.map((delta) => ({ type: 'text-delta', id: 't1', delta })),
      { type: 'text-end', id: 't1' },
      ...(failing ? [{ type: 'error', errorText: 'The model is unavailable right now.' }] : []),
      ...(xss || failing ? [] : [{ type: 'data-links', data: { links: [link] } }]),
      { type: 'finish' },
    ];
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (const chunk of chunks) {
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(chunk)}\n\n`));
          await sleep(chunk.type === 'text-delta' ? 200 : 10);
        }
        controller.enqueue(encoder.encode('data: [DONE]\n\n'));
        controller.close();
      },
    });
    return new Response(body, {
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-vercel-ai-ui-message-stream': 'v1' },
    });
  });
  app.get('/r/:id', (c) => c.html(`<!doctype html><html lang="en"><title>Landing</title><h1>Landing ${c.req.param('id') === 'L1' ? 'L1' : '?'}</h1></html>`));
  // A hostile host page, with and without the widget, to check style isolation both ways.
  app.get('/hostile.css', (c) =>
    c.body('button { color: rgb(255, 0, 0) !important } body * { font-family: serif !important }', 200, { 'content-type': 'text/css' }),
  );
  app.get('/host', (c) => {
    const widget = c.req.query('widget') === '1' ? '<script src="/widget.js" defer data-open="true"></script>' : '';
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="/hostile.css"></head>` +
        `<body><p id="para">Host text</p><button id="host-button">Host button</button><textarea id="host-area"></textarea>${widget}</body></html>`,
    );
  });
  return app;
}

/** Records console errors, page errors, CSP violations and dialogs (alert() would mean script injection). */
async function watch(context: BrowserContext, page: Page) {
  const problems = { console: [] as string[], errors: [] as string[], dialogs: [] as string[] };
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.console.push(message.text());
  });
  page.on('pageerror', (error) => problems.errors.push(error.message));
  page.on('dialog', (dialog) => {
    problems.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return problems;
}

const botTexts = (page: Page) =>
  page.evaluate(() => [...(document.querySelector('agentclick-chat')?.shadowRoot?.querySelectorAll('.msg.bot .text') ?? [])].map((node) => node.textContent ?? ''));

/** The focused element, looking through shadow roots. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element ? `${element.tagName.toLowerCase()}${element.classList.length ? `.${[...element.classList].join('.')}` : ''}` : '';
  });

/** Types a message, sends it with Enter and waits until the turn is over. */
async function sendAndWait(page: Page, message: string): Promise<void> {
  const before = await page.locator('.msg.bot, .msg.error').count();
  await page.locator('textarea').fill(message);
  await page.locator('textarea').press('Enter');
  await expect.poll(() => page.locator('.msg.bot, .msg.error').count(), { timeout: 15_000 }).toBeGreaterThan(before);
  await expect.poll(() => page.locator('[role="log"]').getAttribute('aria-busy'), { timeout: 15_000 }).toBe('false');
}

describe('web chat widget in Chromium', { timeout: 60_000 }, () => {
  let context: BrowserContext;
  let page: Page;
  let problems: Awaited<ReturnType<typeof watch>>;

  beforeAll(async () => {
    server = await listen(createApp());
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    page = await context.newPage();
    problems = await watch(context, page);
    await mkdir(ARTIFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 60_000);

  it('loads the demo page under its strict CSP, with the widget in a shadow root', async () => {
    const response = await page.goto(`${server.url}/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('[role="dialog"]').waitFor({ state: 'visible' });
    const structure = await page.evaluate(() => ({
      shadow: document.querySelector('agentclick-chat')?.shadowRoot?.mode,
      lightDomLog: document.querySelector('[role="log"]') !== null,
      leaked: ['STRINGS', 'SESSION_KEY', 'h', 'ask', 'sseData', 'launcher', 'renderText'].filter((name) => name in window),
      styleElements: document.querySelectorAll('style, [style]').length,
    }));
    expect(structure).toEqual({ shadow: 'open', lightDomLog: false, leaked: [], styleElements: 0 });
    expect(await page.locator('main a').getAttribute('href')).toBe('http://127.0.0.1:4010/_sandbox/events');
    expect(await page.locator('[role="dialog"]').getAttribute('aria-label')).toBe('AI tool finder');
    expect(await page.locator('button.send').isDisabled()).toBe(true);
    expect(problems).toEqual({ console: [], errors: [], dialogs: [] });
  });

  it('works by keyboard alone and streams the answer visibly, then shows the link card', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 12 && seen.at(-1) !== 'textarea'; i++) {
      await page.keyboard.press('Tab');
      seen.push(await focused(page));
    }
    expect(seen).toContain('button.launcher');
    expect(seen.at(-1)).toBe('textarea');

    // Escape closes the dialog and gives focus back to the launcher; Enter on the launcher opens it again.
    await page.keyboard.press('Escape');
    expect(await page.locator('[role="dialog"]').isHidden()).toBe(true);
    expect(await focused(page)).toBe('button.launcher');
    expect(await page.locator('button.launcher').getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('textarea');

    await page.keyboard.type('I need an AI that makes product images');
    expect(await page.locator('button.send').isEnabled()).toBe(true);
    await page.keyboard.press('Enter');

    const states: Array<{ text: string; busy: string | null }> = [];
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const text = (await botTexts(page)).at(-1) ?? '';
      states.push({ text, busy: await page.locator('[role="log"]').getAttribute('aria-busy') });
      if (text === FINAL_TEXT) break;
      await sleep(30);
    }
    const partial = new Set(states.filter((s) => s.text && s.text !== FINAL_TEXT && !s.text.startsWith('Thinking')).map((s) => s.text));
    expect(partial.size).toBeGreaterThanOrEqual(2);
    expect(states.some((s) => s.busy === 'true')).toBe(true);
    expect(states.at(-1)?.text).toBe(FINAL_TEXT);

    const bubble = page.locator('.msg.bot .text').last();
    expect(await bubble.locator('strong').textContent()).toBe('PixelForge');
    expect(await bubble.evaluate((node) => getComputedStyle(node).whiteSpace)).toBe('pre-wrap');

    const card = page.locator('.card').first();
    await card.waitFor();
    expect(await card.locator('.card-title').textContent()).toBe('PixelForge Ad');
    expect(await card.locator('.disclosure').textContent()).toBe(DISCLOSURE);
    const anchor = card.locator('a');
    expect(await anchor.getAttribute('href')).toBe(`${server.url}/r/L1`);
    expect(await anchor.getAttribute('target')).toBe('_blank');
    expect(await anchor.getAttribute('rel')).toBe('sponsored noopener noreferrer');
    expect(await anchor.textContent()).toBe('Open');
    await expect.poll(() => page.locator('[role="log"]').getAttribute('aria-busy')).toBe('false');
    await page.screenshot({ path: `${ARTIFACTS}/widget.png` });
  });

  it('opens the link in a new page at /r/L1', async () => {
    const [popup] = await Promise.all([context.waitForEvent('page'), page.locator('.card a').first().click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(`${server.url}/r/L1`);
    expect(await popup.locator('h1').textContent()).toBe('Landing L1');
    await popup.close();
  });

  it('keeps the session id in localStorage, sends it back, and survives a reload', async () => {
    expect(received[0]).toEqual({ message: 'I need an AI that makes product images', locale: 'en' });
    expect(await page.evaluate(() => localStorage.getItem('agentclick-bot-session'))).toBe('sess-1');
    await sendAndWait(page, 'Something cheaper?');
    expect(received.at(-1)).toEqual({ sessionId: 'sess-1', message: 'Something cheaper?', locale: 'en' });

    await page.reload();
    await page.locator('[role="dialog"]').waitFor({ state: 'visible' });
    expect(await page.locator('.msg.user').allTextContents()).toEqual(['You: I need an AI that makes product images', 'You: Something cheaper?']);
    expect(await page.locator('.card').count()).toBe(2);
    await sendAndWait(page, 'And for video?');
    expect(received.at(-1)?.sessionId).toBe('sess-1');
    expect(problems).toEqual({ console: [], errors: [], dialogs: [] });
  });

  it('shows assistant text with markup as text, never as HTML', async () => {
    await sendAndWait(page, 'xss test');
    expect((await botTexts(page)).at(-1)).toBe('Look: <img src=x onerror=alert(1)> is just text.');
    expect(await page.evaluate(() => document.querySelector('agentclick-chat')?.shadowRoot?.querySelectorAll('img').length)).toBe(0);
    expect(problems.dialogs).toEqual([]);
  });

  it('shows a friendly line on 429 and keeps the message for a retry', async () => {
    await sendAndWait(page, 'flood');
    expect(await page.locator('.msg.error').last().textContent()).toContain('Too many messages');
    expect(await page.locator('textarea').inputValue()).toBe('flood');
  });

  it('shows an error chunk after the partial answer, and a retry hint when the network fails', async () => {
    await sendAndWait(page, 'boom');
    expect(await page.locator('.msg.error').last().textContent()).toBe('The model is unavailable right now.');
    expect((await botTexts(page)).at(-1)).toBe(FINAL_TEXT);

    await page.route('**/api/chat/stream', (route) => route.abort('internetdisconnected'));
    await sendAndWait(page, 'offline question');
    expect(await page.locator('.msg.error').last().textContent()).toContain('Check your connection');
    expect(await page.locator('textarea').inputValue()).toBe('offline question');
    await page.unroute('**/api/chat/stream');
  });

  it('starts over with "New chat"', async () => {
    await page.getByRole('button', { name: 'New chat' }).click();
    expect(await page.evaluate(() => localStorage.getItem('agentclick-bot-session'))).toBeNull();
    expect(await page.locator('.msg').count()).toBe(0);
    await sendAndWait(page, 'Hello again');
    expect(received.at(-1)?.sessionId).toBeUndefined();
  });

  it('is not restyled by the host page and does not restyle it', async () => {
    const read = (target: Page) =>
      target.evaluate(() =>
        ['#para', '#host-button', '#host-area', 'body'].map((selector) => {
          const style = getComputedStyle(document.querySelector(selector) as Element);
          return [style.color, style.backgroundColor, style.fontFamily, style.fontSize, style.margin, style.lineHeight].join('|');
        }),
      );
    const plain = await context.newPage();
    await plain.goto(`${server.url}/host`);
    const hosted = await context.newPage();
    await hosted.goto(`${server.url}/host?widget=1`);
    await hosted.locator('[role="dialog"]').waitFor({ state: 'visible' });
    expect(await read(hosted)).toEqual(await read(plain));
    for (const selector of ['button.launcher', 'button.send', 'button.ghost']) {
      const style = await hosted.locator(selector).first().evaluate((node) => getComputedStyle(node));
      expect(style.color).not.toBe('rgb(255, 0, 0)');
      expect(style.fontFamily).not.toBe('serif');
    }
    await Promise.all([plain.close(), hosted.close()]);
  });

  it('fills a 375x667 phone screen and stays usable', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: 'ja-JP' });
    const mobile = await phone.newPage();
    await mobile.goto(`${server.url}/`);
    const panel = mobile.locator('[role="dialog"]');
    await panel.waitFor({ state: 'visible' });
    await panel.evaluate((node) => Promise.all(node.getAnimations().map((animation) => animation.finished)));
    expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    for (const selector of ['textarea', 'button.send', 'button.close']) {
      const box = await mobile.locator(selector).boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x >= 0 && box!.y >= 0 && box!.x + box!.width <= 375 && box!.y + box!.height <= 667).toBe(true);
    }
    expect(await mobile.locator('button.launcher').textContent()).toBe('チャット');
    await sendAndWait(mobile, '画像生成のAIツールを探しています');
    expect(received.at(-1)?.locale).toBe('ja');
    expect(await mobile.locator('.card a').textContent()).toBe('開く');
    await mobile.screenshot({ path: `${ARTIFACTS}/widget-mobile.png` });
    await mobile.emulateMedia({ colorScheme: 'dark' });
    await panel.evaluate((node) => Promise.all((node.getRootNode() as ShadowRoot).getAnimations().map((animation) => animation.finished)));
    await mobile.screenshot({ path: `${ARTIFACTS}/widget-mobile-dark.png` });
    await phone.close();
  });
});
