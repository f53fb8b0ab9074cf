import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting connections, lets requests in flight finish for up to `graceMs`, then cuts the rest. */
  close(graceMs?: number): Promise<void>;
}

/** Serves a Hono app over real HTTP on 127.0.0.1 (port 0 picks a free one). */
export function listen(app: Hono, { port = 0, hostname = '127.0.0.1' }: { port?: number; hostname?: string } = {}): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
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
