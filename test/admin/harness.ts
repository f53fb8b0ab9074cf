import { Hono } from 'hono';
import type { LanguageModel } from 'ai';
import { signPostback } from '../../src/attribution/postback-signature.ts';
import { createAdminRoutes } from '../../src/admin/routes.ts';
import { silentLog } from '../../src/log.ts';
import { type RunningServer, listen } from '../../src/http/listen.ts';
import { TEST_POSTBACK_SECRET, type RunningBot, startBot } from '../helpers/bot-harness.ts';

export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';
export const BROWSER_UA = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130 Safari/537.36' };

export interface RunningAdmin {
  running: RunningBot;
  /** The admin routes mounted at /admin on a small front of their own (call with `admin.request`). */
  admin: Hono;
  /** The same front over real HTTP. */
  url: string;
  close(): Promise<void>;
}

/**
 * The whole bot on the sandbox (bot-harness), plus the dashboard's routes built from the bot's own
 * parts and mounted at /admin on a front of their own, the way src/compose/mount-routes.ts mounts them.
 */
export async function startAdmin({ model, adminToken = ADMIN_TOKEN, startOutbox = false, now }: { model: LanguageModel; /** null: no ADMIN_TOKEN configured. */ adminToken?: string | null; startOutbox?: boolean; now?: () => number }): Promise<RunningAdmin> {
  const running = await startBot({ model, startOutbox });
  const { bot } = running;
  const admin = new Hono();
  admin.route(
    '/admin',
    createAdminRoutes({ adminToken: adminToken ?? undefined, figures: bot.figures, ledger: bot.ledger, agentclick: bot.agentclick, syndicate: bot.syndicate, catalog: bot.catalog, partnerships: bot.partnerships, log: silentLog(), now, checkoutOrigins: [running.sandbox.url] }),
  );
  let server: RunningServer | undefined;
  server = await listen(admin);
  return {
    running,
    admin,
    url: server.url,
    async close() {
      await server?.close();
      server = undefined;
      await running.close();
    },
  };
}

/** A signed purchase postback to the bot, as the merchant's server sends it. */
export async function postPurchase(running: RunningBot, body: { linkId: string; orderId: string; amount: number | string; currency: string }): Promise<number> {
  const raw = JSON.stringify(body);
  const response = await fetch(`${running.url}/postbacks/purchase`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': signPostback(TEST_POSTBACK_SECRET, raw, Math.floor(Date.now() / 1000)) },
    body: raw,
  });
  return response.status;
}

/** Logs in through the form; returns the Cookie header to send afterwards. */
export async function login(admin: Hono, token = ADMIN_TOKEN): Promise<string> {
  const response = await admin.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token }) });
  if (response.status !== 303) throw new Error(`login answered ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** The CSRF token in the dashboard's forms. */
export function csrfFrom(html: string): string {
  return /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

/**
 * A small well-formedness check for the SVG we render: every tag closes in order, attributes are
 * quoted, and only the five XML entities (or numeric ones) are used. Returns the problems found.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    for (const entity of text.match(/&[^;\s]*;?/g) ?? []) {
      if (!/^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(entity)) problems.push(`bad entity ${entity}`);
    }
    if (text.includes('>')) problems.push(`stray > in text near ${JSON.stringify(text.slice(0, 40))}`);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const match = tag.exec(xml);
    if (!match) {
      problems.push(`malformed tag at ${lt}: ${JSON.stringify(xml.slice(lt, lt + 60))}`);
      break;
    }
    const [whole, closing, name = '', , selfClosing] = match;
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else if (!selfClosing) stack.push(name);
    i = lt + whole.length;
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}

/** Every <svg>…</svg> in a page. */
export const svgsIn = (html: string): string[] => html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
