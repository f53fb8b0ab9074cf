import { Hono } from 'hono';
import type { Log } from '../log.ts';
import { type TrustProxy, clientIp } from '../http/client-ip.ts';
import { escapeHtml } from '../shared/html.ts';
import type { ClickRecorder } from './click-recorder.ts';
import type { LinkStore } from './link-store.ts';
import { isPreviewRequest } from './preview.ts';
import { type LimitWindows, rateLimit } from '../http/rate-limit.ts';

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${body}</p></body></html>`;
}

export interface ClickRoutesOptions {
  links: LinkStore;
  clicks: ClickRecorder;
  log: Log;
  trustProxy: TrustProxy;
  /** Requests to /r/ from one address per minute (clicks, previews and unknown ids alike). */
  perAddressPerMinute?: number;
  windows?: LimitWindows;
}

/**
 * `GET /r/:linkId`: a person's click is recorded and sent on (302); previews get a page and record nothing.
 * One address may ask only so often, so nobody can hammer the route to inflate clicks or guess ids.
 */
export function createClickRoutes({ links, clicks, log, trustProxy, perAddressPerMinute = 30, windows }: ClickRoutesOptions): Hono {
  const app = new Hono();
  app.use('*', rateLimit({ limit: perAddressPerMinute, what: 'address', name: 'clicks-address', windows, keyOf: (c) => clientIp(c, trustProxy) }));

  app.on(['GET', 'HEAD'], '/:linkId', async (c) => {
    c.header('cache-control', 'no-store');
    c.header('x-robots-tag', 'noindex');
    const link = await links.find(c.req.param('linkId'));
    if (!link) return c.html(page('Link not found', 'This link is unknown or has expired. Ask the bot for a new one.'), 404);

    const userAgent = c.req.header('user-agent');
    if (isPreviewRequest({ method: c.req.method, userAgent, purpose: c.req.header('purpose') ?? c.req.header('sec-purpose') })) {
      return c.html(page(link.title, `${escapeHtml(link.title)} — open this link in a browser to continue.`));
    }
    try {
      const { location } = await clicks.record({ link, ip: clientIp(c, trustProxy), userAgent });
      c.header('referrer-policy', 'no-referrer');
      return c.redirect(location, 302);
    } catch (error) {
      log.error({ err: error, linkId: link.id }, 'click redirect failed');
      return c.html(page('Please try again', 'The link could not be opened just now. Please try again in a moment.'), 503);
    }
  });

  return app;
}
