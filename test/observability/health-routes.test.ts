import { describe, expect, it } from 'vitest';
import { createHealthRoutes } from '../../src/observability/health-routes.ts';
import { createMetricsRoutes } from '../../src/observability/metrics-routes.ts';
import { createMetrics } from '../../src/observability/metrics.ts';

describe('health routes', () => {
  it('answers /healthz always and /readyz only once the catalog loads', async () => {
    let loaded = false;
    const app = createHealthRoutes({ ready: async () => { if (!loaded) throw new Error('catalog down'); } });
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
    const notReady = await app.request('/readyz');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ error: { code: 'not_ready', message: 'The catalog could not be loaded yet.' } });
    loaded = true;
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

describe('metrics route', () => {
  it('is open without an admin token', async () => {
    const app = createMetricsRoutes({ metrics: createMetrics(), adminToken: undefined });
    const response = await app.request('/metrics');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('bot_events_total');
  });

  it('needs exactly the admin bearer token when one is set', async () => {
    const app = createMetricsRoutes({ metrics: createMetrics(), adminToken: 'admin-token-0123456789abcdef' });
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789abcdef', 'admin-token-0123456789abcdef', 'Bearer admin-token-0123456789abcdefX']) {
      const response = await app.request('/metrics', { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
    const response = await app.request('/metrics', { headers: { authorization: 'Bearer admin-token-0123456789abcdef' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
  });
});
