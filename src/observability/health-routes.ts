import { Hono } from 'hono';
import { jsonError } from '../http/errors.ts';

export interface HealthRoutesOptions {
  /** Resolves when the bot can answer (the catalog loads); rejects otherwise. */
  ready: () => Promise<unknown>;
}

/** `GET /healthz` (the process answers) and `GET /readyz` (it can serve a turn), for load balancers and orchestrators. */
export function createHealthRoutes({ ready }: HealthRoutesOptions): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await ready();
      return c.json({ status: 'ready' });
    } catch {
      return jsonError(c, 503, 'not_ready', 'The catalog could not be loaded yet.');
    }
  });
  return app;
}
