import { signPostback } from '../attribution/postback-signature.ts';

/** What a merchant's server does after a sale: POST the signed purchase to the bot. */
export async function sendPurchasePostback({ url, secret, body, now = Date.now }: { url: string; secret: string; body: Record<string, unknown> & { orderId: string }; now?: () => number }) {
  const raw = JSON.stringify(body);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signPostback(secret, raw, Math.floor(now() / 1000)) },
      body: raw,
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, orderId: body.orderId };
  } catch {
    return { status: 0, orderId: body.orderId };
  }
}
