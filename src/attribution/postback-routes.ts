import { Hono } from 'hono';
import { limitBody } from '../http/body-limit.ts';
import { jsonError } from '../http/errors.ts';
import type { LinkStore } from '../links/link-store.ts';
import type { Log } from '../log.ts';
import { describeZodError } from '../shared/zod-message.ts';
import type { Network, Purchase, PurchaseLedger } from '../ledger/types.ts';
import { postbackSchema } from './postback-request.ts';
import { verifyPostbackSignature } from './postback-signature.ts';

export interface PostbackRoutesOptions {
  ledger: PurchaseLedger;
  links: LinkStore;
  linkIdForClick: (clickId: string) => Promise<string | undefined>;
  /** The current secret first, then the previous one during a rotation. */
  secrets: string[];
  networks: readonly Network[];
  log: Log;
  now?: () => number;
  /** Called after a new purchase is stored, to wake the delivery worker. */
  onAccepted?: (purchase: Purchase) => void;
  maxBodyBytes?: number;
}

/**
 * `POST /postbacks/purchase`: the merchant's signed server-to-server call. Checked, validated, resolved
 * to its link, and stored durably before the 202; a repeated order id gets the first answer again.
 */
export function createPostbackRoutes({ ledger, links, linkIdForClick, secrets, networks, log, now = Date.now, onAccepted, maxBodyBytes = 16 * 1024 }: PostbackRoutesOptions): Hono {
  const app = new Hono();
  app.use('*', limitBody(maxBodyBytes));

  app.post('/purchase', async (c) => {
    if (secrets.length === 0) return jsonError(c, 503, 'not_configured', 'Purchase postbacks are not configured (POSTBACK_SECRET).');
    const raw = await c.req.text();
    const signature = verifyPostbackSignature(c.req.header('x-signature'), raw, secrets, now());
    if (!signature.ok) return jsonError(c, 401, 'invalid_signature', signature.reason);

    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return jsonError(c, 400, 'invalid_json', 'The body is not valid JSON.');
    }
    const parsed = postbackSchema.safeParse(json);
    if (!parsed.success) return jsonError(c, 400, 'invalid_request', describeZodError(parsed.error));
    const body = parsed.data;

    const linkId = body.linkId ?? (body.clickId ? await linkIdForClick(body.clickId) : undefined);
    const link = linkId ? await links.find(linkId) : undefined;
    if (!link) return jsonError(c, 404, 'unknown_link', body.linkId ? 'No link with this linkId.' : 'No click with this clickId.');

    const { created, purchase } = await ledger.accept(
      {
        orderId: body.orderId,
        linkId: link.id,
        clickId: body.clickId,
        programId: link.programId,
        partnershipId: link.partnershipId,
        trackingCode: link.trackingCode,
        sessionId: link.sessionId,
        channel: link.channel,
        amountCents: body.amount,
        currency: body.currency,
      },
      networks,
    );
    if (created) {
      log.info({ orderId: purchase.orderId, programId: purchase.programId, channel: purchase.channel }, 'purchase accepted');
      onAccepted?.(purchase);
    }
    return c.json({ status: 'accepted', orderId: purchase.orderId, purchaseId: purchase.id }, 202);
  });

  return app;
}
