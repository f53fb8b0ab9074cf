import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting connections, lets requests in flight finish for up to `graceMs`, then cuts the rest. */
  close(graceMs?: number): Promise<void>;
}

export interface ListenOptions {
  port?: number;
  hostname?: string;
  /** A request's headers must arrive within this time. */
  headersTimeoutMs?: number;
  /** A whole request (headers and body) must arrive within this time; responses (streams) are not limited. */
  requestTimeoutMs?: number;
  /** How often Node checks those timeouts (its default, 30 s, would let a slow body hold a socket that long). */
  timeoutCheckMs?: number;
}

/**
 * Serves a Hono app over real HTTP on 127.0.0.1 (port 0 picks a free one). Slow clients cannot hold
 * sockets: headers must come within 10 s and a whole request within 30 s (Node's default is 300 s).
 */
export function listen(app: Hono, { port = 0, hostname = '127.0.0.1', headersTimeoutMs = 10_000, requestTimeoutMs = 30_000, timeoutCheckMs = 2_000 }: ListenOptions = {}): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const serverOptions = { headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs, connectionsCheckingInterval: timeoutCheckMs };
    const server = serve({ fetch: app.fetch, port, hostname, serverOptions }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname}:${info.port}`,
        port: info.port,
        close: (graceMs = 0) =>
          new Promise<void>((done) => {
            server.close(() => done());
            if (!('closeAllConnections' in server)) return;
            server.closeIdleConnections();
            if (graceMs <= 0) server.closeAllConnections();
            else setTimeout(() => server.closeAllConnections(), graceMs).unref();
          }),
      });
    });
    server.once('error', reject);
  });
}
