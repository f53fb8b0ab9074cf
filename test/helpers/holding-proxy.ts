import { Hono } from 'hono';
import { type RunningServer, listen } from '../../src/http/listen.ts';

export interface HoldingProxy {
  url: string;
  /** Resolves once `count` requests are being held. */
  arrived(count?: number): Promise<void>;
  /** Stops holding: the held requests go on to the target (their callers may be gone by then); resolves once the target answered them all. */
  release(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A proxy in front of the sandbox that holds the requests `hold` picks until `release()`: a delivery is
 * then provably in flight (the test waits for its arrival instead of sleeping and hoping), and whether it
 * reaches the network is the test's choice, not the scheduler's.
 */
export async function startHoldingProxy(target: string, hold: (path: string, body: string) => boolean): Promise<HoldingProxy> {
  const held: Array<() => Promise<void>> = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let holding = true;
  const forward = (request: Request, path: string, body: string) => {
    const headers = new Headers(request.headers);
    for (const name of ['host', 'content-length', 'connection']) headers.delete(name);
    return fetch(`${target}${path}`, { method: request.method, headers, ...(body ? { body } : {}) });
  };

  const app = new Hono();
  app.all('*', async (c) => {
    const url = new URL(c.req.url);
    const path = `${url.pathname}${url.search}`;
    const body = ['GET', 'HEAD'].includes(c.req.method) ? '' : await c.req.text();
    if (!holding || !hold(path, body)) return forward(c.req.raw, path, body);
    const answered = new Promise<Response>((resolve, reject) => held.push(() => forward(c.req.raw, path, body).then(resolve, reject).then(() => undefined)));
    for (const waiter of waiters.filter((w) => held.length >= w.count)) waiter.resolve();
    return answered;
  });
  const server: RunningServer = await listen(app);

  return {
    url: server.url,
    arrived: (count = 1) => (held.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    async release() {
      holding = false;
      await Promise.allSettled(held.splice(0).map((send) => send()));
    },
    close: () => server.close(),
  };
}
