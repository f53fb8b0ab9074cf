import { Hono } from 'hono';
import type { SandboxCatalog } from './catalog.ts';
import { escapeHtml } from '../shared/html.ts';
import { sendPurchasePostback } from './merchant-postback.ts';

/**
 * The sandbox merchant: the landing page a tracking URL ends on, one per program, and its banners.
 * The Buy button sends the signed purchase postback to the bot when the sandbox is told where it is.
 */
export function createMerchantRoutes({ catalog, postbackUrl, postbackSecret }: { catalog: SandboxCatalog; postbackUrl: string | undefined; postbackSecret: string | undefined }): Hono {
  const app = new Hono();
  const yen = new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' });

  app.get('/', (c) =>
    c.html(
      page(
        'Sandbox merchant',
        `<h1>Sandbox merchant</h1><ul>${catalog.programs
          .map((p) => `<li><a href="/merchant/${p.id}">${escapeHtml(p.name_en)}</a> · ${escapeHtml(p.category_name_en)}</li>`)
          .join('')}</ul>`,
      ),
    ),
  );

  app.get('/:programId{[0-9]+}', (c) => {
    const program = catalog.byId.get(Number(c.req.param('programId')));
    if (!program) return c.html(page('Not found', '<h1>No such product</h1>'), 404);
    const attribution = { linkId: c.req.query('bot_link') ?? '', trackingCode: c.req.query('ac_tc') ?? '', clickId: c.req.query('ac_click') ?? '' };
    return c.html(
      page(
        program.name_en,
        `<main data-program-id="${program.id}">
  <p class="crumb">${escapeHtml(program.category_name_en)} · ${escapeHtml(program.advertiser_name)}</p>
  <h1>${escapeHtml(program.name_en)} <small lang="ja">${escapeHtml(program.name)}</small></h1>
  <p>${escapeHtml(program.description_en)}</p>
  <p lang="ja">${escapeHtml(program.description)}</p>
  <p class="price">${yen.format(program.price_jpy)}</p>
  <form method="post" action="/merchant/${program.id}/buy">
    <input type="hidden" name="linkId" value="${escapeHtml(attribution.linkId)}">
    <input type="hidden" name="clickId" value="${escapeHtml(attribution.clickId)}">
    <button type="submit" ${postbackUrl && postbackSecret ? '' : 'disabled title="no bot postback URL configured"'}>Buy</button>
  </form>
</main>`,
      ),
    );
  });

  // The Buy button: the merchant's server tells the bot about the purchase with a signed postback.
  app.post('/:programId{[0-9]+}/buy', async (c) => {
    const program = catalog.byId.get(Number(c.req.param('programId')));
    if (!program) return c.html(page('Not found', '<h1>No such product</h1>'), 404);
    if (!postbackUrl || !postbackSecret) return c.html(page('Not configured', '<h1>This merchant has no bot to notify</h1>'), 503);
    const form = await c.req.parseBody();
    const clickId = typeof form.clickId === 'string' && /^\d+$/.test(form.clickId) ? form.clickId : undefined;
    const linkId = typeof form.linkId === 'string' && form.linkId !== '' ? form.linkId : undefined;
    if (!clickId && !linkId) return c.html(page('No attribution', '<h1>This visit did not come through a tracked link</h1><p>Nothing was sent.</p>'), 400);
    const result = await sendPurchasePostback({ url: postbackUrl, secret: postbackSecret, body: { ...(linkId ? { linkId } : { clickId }), orderId: `sbx-${crypto.randomUUID()}`, amount: program.price_jpy, currency: 'JPY' } });
    const ok = result.status === 202;
    return c.html(
      page(
        ok ? 'Thank you' : 'Purchase not confirmed',
        `<h1>${ok ? 'Thank you for your purchase' : 'The purchase could not be confirmed'}</h1><p>${escapeHtml(program.name_en)} · ${yen.format(program.price_jpy)}</p><p class="crumb">Order <code>${escapeHtml(result.orderId)}</code> · the bot answered HTTP ${result.status}</p>`,
      ),
      ok ? 200 : 502,
    );
  });

  app.get('/:programId{[0-9]+}/banner.svg', (c) => {
    const program = catalog.byId.get(Number(c.req.param('programId')));
    if (!program) return c.text('not found', 404);
    const [width, height] = (c.req.query('size') ?? '300x250').split('x').map((n) => Math.min(1200, Math.max(16, Number(n) || 100)));
    c.header('content-type', 'image/svg+xml');
    return c.body(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#1f3a8a"/><text x="50%" y="50%" fill="#fff" font-family="sans-serif" font-size="20" text-anchor="middle" dominant-baseline="middle">${escapeHtml(program.name_en)}</text></svg>`,
    );
  });

  return app;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}.price{font-size:1.5rem;font-weight:bold}button{font-size:1.1rem;padding:.6rem 1.4rem}small{color:#555;font-weight:normal}.crumb{color:#555}</style>
</head><body>${body}</body></html>`;
}
