import { Hono } from 'hono';
import { jsonError } from '../http/errors.ts';
import { safeEqual } from '../shared/secrets.ts';
import type { Metrics } from './metrics.ts';

export interface MetricsRoutesOptions {
  metrics: Pick<Metrics, 'registry'>;
  /** When set, scrapers must send it as a bearer token. */
  adminToken: string | undefined;
}

/** `GET /metrics`: Prometheus text format. With ADMIN_TOKEN set it needs that bearer token: the figures are business data. */
export function createMetricsRoutes({ metrics, adminToken }: MetricsRoutesOptions): Hono {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    if (adminToken && !safeEqual(c.req.header('authorization') ?? '', `Bearer ${adminToken}`)) {
      return jsonError(c, 401, 'unauthorized', 'Send Authorization: Bearer <ADMIN_TOKEN>.');
    }
    return c.text(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  });
  return app;
}
