import { Hono } from 'hono';
import { z } from 'zod';
import type { EventLog } from './events.ts';
import { faultSpecSchema, type FaultTable } from './faults.ts';
import { parseJson } from '../http/read-json.ts';

/** Creates accounts on either network for tests and demos. */
export interface AccountFactory {
  agentclick(role: 'publisher' | 'advertiser' | 'agent'): { api_key: string };
  syndicate(): { account_key: string };
}

const accountRequestSchema = z.discriminatedUnion('network', [
  z.object({ network: z.literal('agentclick'), role: z.enum(['publisher', 'advertiser', 'agent']).default('agent') }),
  z.object({ network: z.literal('syndicate') }),
]);

/** The control API (not part of either network): accounts, faults, reset and the event log. */
export function createControlRoutes(deps: {
  accounts: AccountFactory;
  events: EventLog;
  faults: FaultTable;
  reset: () => void;
}): Hono {
  const app = new Hono();

  app.post('/accounts', async (c) => {
    const parsed = parseJson(await c.req.text(), accountRequestSchema, { emptyAs: {} });
    if (!parsed.ok) return c.json({ error: { code: 'bad_request', message: parsed.message } }, 400);
    const body = parsed.value;
    return c.json(body.network === 'agentclick' ? deps.accounts.agentclick(body.role) : deps.accounts.syndicate(), 201);
  });

  app.post('/faults', async (c) => {
    const parsed = parseJson(await c.req.text(), faultSpecSchema, { emptyAs: {} });
    if (!parsed.ok) return c.json({ error: { code: 'bad_request', message: parsed.message } }, 400);
    deps.faults.set(parsed.value);
    return c.json({ ok: true, fault: parsed.value });
  });

  app.delete('/faults', (c) => {
    deps.faults.clear();
    return c.json({ ok: true });
  });

  app.post('/reset', (c) => {
    deps.reset();
    return c.json({ ok: true });
  });

  app.get('/events', (c) => {
    const since = Number(c.req.query('since') ?? 0);
    return c.json({ events: deps.events.list(Number.isFinite(since) ? since : 0) });
  });

  return app;
}
