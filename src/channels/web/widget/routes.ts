import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { stripTypeScriptTypes } from 'node:module';
import { type Context, Hono } from 'hono';
import { escapeHtml } from '../../../shared/html.ts';

export interface WidgetRoutesOptions {
  /** The assistant's name: the demo page's heading and the widget's dialog title. */
  title?: string;
  /** Where the sandbox runs; the demo page links to its recorded events when set. */
  sandboxUrl?: string;
}

/** widget.ts holds this string literal; the served script has widget.css in its place. */
export const STYLES_PLACEHOLDER = "'__WIDGET_CSS__'";

export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

interface Asset {
  body: string;
  etag: string;
}

const fileText = (name: string): Promise<string> => readFile(new URL(name, import.meta.url), 'utf8');

/** widget.ts as the browser gets it: types stripped (whitespace keeps line numbers), CSS inlined. */
export async function buildWidgetScript(): Promise<string> {
  const [source, css] = await Promise.all([fileText('widget.ts'), fileText('widget.css')]);
  const script = stripTypeScriptTypes(source, { mode: 'strip' });
  if (!script.includes(STYLES_PLACEHOLDER)) throw new Error(`widget.ts has lost its ${STYLES_PLACEHOLDER} placeholder`);
  // A replacer function, so "$" in the CSS is never read as a replacement pattern.
  return script.replace(STYLES_PLACEHOLDER, () => JSON.stringify(css));
}

/** Builds an asset once, at first use; a failed build is tried again on the next request. */
function once(build: () => Promise<string>): () => Promise<Asset> {
  let pending: Promise<Asset> | undefined;
  return () => {
    pending ??= build().then(
      (body) => ({ body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` }),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}

function sendAsset(c: Context, asset: Asset, contentType: string, extra: Record<string, string> = {}): Response {
  const headers = {
    'content-type': contentType,
    'cache-control': 'public, max-age=300',
    etag: asset.etag,
    'x-content-type-options': 'nosniff',
    ...extra,
  };
  const tags = (c.req.header('if-none-match') ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (tags.includes(asset.etag) || tags.includes('*')) return c.body(null, 304, headers);
  return c.body(asset.body, 200, headers);
}

function demoPage(title: string | undefined, sandboxUrl: string | undefined): string {
  const heading = escapeHtml(title ?? 'AI tool finder');
  // Without an explicit title the widget picks its own, in the visitor's language.
  const widgetTitle = title === undefined ? '' : ` data-title="${escapeHtml(title)}"`;
  const events = sandboxUrl
    ? ` Every click is recorded: <a href="${escapeHtml(`${sandboxUrl.replace(/\/+$/, '')}/_sandbox/events`)}">see the sandbox's events</a>.`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading} · demo</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/demo.css">
</head>
<body>
<main>
<h1>${heading}</h1>
<p>This is a demo of the AI tool recommendation bot, running on a sandbox of the AgentClick and Syndicate Links affiliate networks: no real money moves.</p>
<p>Open the chat and try “I need an AI that makes product images” or <span lang="ja">「画像生成のAIツールを探しています」</span>.</p>
<p>Links in answers are ads and say so.${events}</p>
</main>
<script src="/widget.js" defer data-open="true"${widgetTitle}></script>
</body>
</html>
`;
}

/** The embeddable widget script, the demo page that embeds it, and the demo page's stylesheet. */
export function createWidgetRoutes({ title, sandboxUrl }: WidgetRoutesOptions = {}): Hono {
  const app = new Hono();
  const widget = once(buildWidgetScript);
  const demoCss = once(() => fileText('demo.css'));
  const page = demoPage(title, sandboxUrl);

  app.get('/widget.js', async (c) =>
    sendAsset(c, await widget(), 'text/javascript; charset=utf-8', { 'access-control-allow-origin': '*' }),
  );
  app.get('/demo.css', async (c) => sendAsset(c, await demoCss(), 'text/css; charset=utf-8'));
  app.get('/', (c) =>
    c.html(page, 200, {
      'content-security-policy': DEMO_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'cache-control': 'no-cache',
    }),
  );
  return app;
}
