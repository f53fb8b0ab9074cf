import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCP_APP_MIME, PROGRAM_CARDS_URI } from '../../src/channels/mcp/program-cards-view.ts';
import { createOfflineModel } from '../../src/core/offline-model/index.ts';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { launchBrowser } from '../helpers/browser.ts';

/**
 * The MCP Apps view of program cards, read from the running server with the official client and rendered
 * in Chromium inside a sandboxed iframe, with a minimal host on the page playing the MCP Apps side.
 */
const KEY = 'mcp-view-key-0123456789abcdef';
let running: RunningBot;
let client: Client;
let browser: Browser;

beforeAll(async () => {
  running = await startBot({ model: createOfflineModel(), env: { MCP_API_KEY: KEY } });
  client = new Client({ name: 'view-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${running.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${KEY}` } } }));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await client?.close();
  await running?.close();
});

describe('MCP Apps program cards view', () => {
  it('is advertised on the tools and served as a ui:// resource', async () => {
    const { tools } = await client.listTools();
    const meta = (name: string) => tools.find((tool) => tool.name === name)?._meta;
    expect(meta('recommend_programs')).toEqual({ ui: { resourceUri: PROGRAM_CARDS_URI } });
    expect(meta('get_link')).toEqual({ ui: { resourceUri: PROGRAM_CARDS_URI } });
    const { resources } = await client.listResources();
    expect(resources).toContainEqual(expect.objectContaining({ uri: PROGRAM_CARDS_URI, mimeType: MCP_APP_MIME }));
  });

  it('renders a real result as cards, program texts as text only, and opens links through the host', async () => {
    const read = await client.readResource({ uri: PROGRAM_CARDS_URI });
    const html = (read.contents[0] as { text: string }).text;
    const need = { need: 'I need an AI that generates product images' };
    // A first ask lists programs the bot has no partnership with yet as pending and applies for them at once;
    // once those applications are answered, the same ask carries links for the programs approved at once.
    await client.callTool({ name: 'recommend_programs', arguments: need });
    await running.bot.partnerships.idle();
    const result = (await client.callTool({ name: 'recommend_programs', arguments: need })) as CallToolResult;
    const data = result.structuredContent as { programs: Array<Record<string, unknown>> };
    // A hostile program name from the network must show as text, never run.
    const hostile = '<img src=x onerror="window.parent.postMessage(\'pwned\', \'*\')">';
    data.programs.push({ programId: 999, name: hostile, category: 'x', reason: '<script>alert(1)</script>', rewardText: 'r', availability: 'pending' });
    const ready = data.programs.find((program) => program.availability === 'ready') as { link: { url: string } } | undefined;
    if (!ready) throw new Error('no ready program in the result');

    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.evaluate(
      ({ view, toolResult }) => {
        const log: unknown[] = [];
        Object.assign(window, { hostLog: log });
        const frame = document.createElement('iframe');
        frame.setAttribute('sandbox', 'allow-scripts');
        frame.style.width = '800px';
        const reply = (message: unknown) => frame.contentWindow?.postMessage(message, '*');
        window.addEventListener('message', (event) => {
          if (event.source !== frame.contentWindow) return;
          const message = event.data as { id?: number; method?: string; params?: unknown };
          log.push(message);
          if (message.method === 'ui/initialize') reply({ jsonrpc: '2.0', id: message.id, result: { protocolVersion: '2026-01-26', hostCapabilities: { openLinks: {} }, hostInfo: { name: 'test-host', version: '1' }, hostContext: {} } });
          else if (message.method === 'ui/notifications/initialized') reply({ jsonrpc: '2.0', method: 'ui/notifications/tool-result', params: toolResult });
          else if (message.method === 'ui/open-link') reply({ jsonrpc: '2.0', id: message.id, result: {} });
        });
        frame.srcdoc = view;
        document.body.append(frame);
      },
      { view: html, toolResult: result },
    );
    const view = page.frameLocator('iframe');
    await expect.poll(() => view.locator('.card').count()).toBe(data.programs.length);
    expect(await view.locator('.name').last().textContent()).toBe(hostile);
    expect(await view.locator('img, .reason script').count()).toBe(0);
    expect(await view.locator('#disclosure').textContent()).toMatch(/^Ad: /);
    expect(await view.locator('.card').last().locator('button').count()).toBe(0);

    await view.locator(`button[data-url="${ready.link.url}"]`).click();
    const openLink = async () => ((await page.evaluate(() => (window as unknown as { hostLog: Array<{ method?: string; params?: { url?: string } }> }).hostLog)).find((m) => m.method === 'ui/open-link'));
    await expect.poll(async () => (await openLink())?.params?.url).toBe(ready.link.url);
    const log = await page.evaluate(() => (window as unknown as { hostLog: unknown[] }).hostLog);
    expect(log).not.toContain('pwned');
    await page.close();
  });
});
