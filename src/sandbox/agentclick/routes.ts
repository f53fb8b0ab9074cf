import { Hono } from 'hono';
import { type ActionName, actions, isActionName } from '../../agentclick/actions.ts';
import { SlidingWindow } from '../../shared/sliding-window.ts';
import type { SandboxCatalog } from '../catalog.ts';
import type { EventLog, SandboxEventType } from '../events.ts';
import { type FaultTable, faultMiddleware } from '../faults.ts';
import { SandboxApiError } from './action-context.ts';
import { handlers, health } from './handlers/index.ts';
import { createProgramSearch } from './program-search.ts';
import type { AgentClickState } from './state.ts';

const MAX_BODY_BYTES = 64 * 1024;

/** Writes the control API reports as events: which action, which event type. */
const EVENT_TYPES: Partial<Record<ActionName, SandboxEventType>> = {
  'agent.track_click': 'click',
  'publisher.selfback_apply': 'click',
  'agent.record_conversion': 'conversion',
};

interface ParsedRequest {
  action: string;
  params: Record<string, unknown>;
}

/** Reads `{ action, params }`; anything else is a 400 with a message that says what is wrong. */
function parseRequest(text: string): ParsedRequest {
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new SandboxApiError(400, `Request body larger than ${MAX_BODY_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new SandboxApiError(400, 'Malformed JSON body');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new SandboxApiError(400, 'Request body must be a JSON object');
  const { action, params } = body as { action?: unknown; params?: unknown };
  if (typeof action !== 'string' || action === '') throw new SandboxApiError(400, 'Missing "action"');
  if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) {
    throw new SandboxApiError(400, '"params" must be an object');
  }
  return { action, params: (params ?? {}) as Record<string, unknown> };
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/** `POST /api/mcp.php`: the AgentClick API, every action, with auth, roles, limits and the envelope. */
export function createAgentClickRoutes(deps: { state: AgentClickState; catalog: SandboxCatalog; events: EventLog; faults: FaultTable; now: () => number }): Hono {
  const { state, catalog, events, faults, now } = deps;
  const search = createProgramSearch(catalog.programs);
  const limits = { read: new SlidingWindow({ limit: 200, windowMs: 60_000, now }), write: new SlidingWindow({ limit: 30, windowMs: 60_000, now }) };
  const app = new Hono();

  const logAttempt = (action: string, status: number, params: Record<string, unknown>) => {
    const type = isActionName(action) ? EVENT_TYPES[action] : undefined;
    if (type) events.add('agentclick', type, status, { action, ...params });
  };

  app.use(
    '/api/mcp.php',
    faultMiddleware(faults, 'agentclick', () => ({ success: false, message: 'Service temporarily unavailable (sandbox fault)' }), async (status, request) => {
      try {
        const { action, params } = parseRequest(await request.text());
        logAttempt(action, status, params);
      } catch {
        // An unreadable body was no write attempt.
      }
    }),
  );

  app.post('/api/mcp.php', async (c) => {
    let parsed: ParsedRequest | undefined;
    try {
      parsed = parseRequest(await c.req.text());
      const { action, params } = parsed;
      if (!isActionName(action)) throw new SandboxApiError(400, `Unknown action: ${action.slice(0, 64)}`);
      const spec = actions[action];
      const origin = new URL(c.req.url).origin;
      if (action === 'health') return c.json({ success: true, ...health({ state }) });

      const key = bearer(c.req.header('authorization'));
      if (!key) throw new SandboxApiError(401, 'API key is missing');
      const account = state.accounts.get(key);
      if (!account) throw new SandboxApiError(401, 'API key is invalid');
      const slot = limits[spec.kind].take(key);
      if (!slot.allowed) {
        state.rateLimited++;
        c.header('Retry-After', String(Math.ceil(slot.retryAfterMs / 1000)));
        throw new SandboxApiError(429, `Rate limit exceeded (${spec.kind === 'read' ? '200 reads' : '30 writes'} per minute). Wait one minute and retry`);
      }
      account.requestCount++;
      account.lastUsedAt = now();
      if (!spec.roles.includes(account.role)) throw new SandboxApiError(403, `The ${account.role} role does not have access to ${action}`);

      const result = handlers[action]({ state, catalog, search, account, params, origin });
      logAttempt(action, 200, params);
      return c.json({ success: true, message: result.message ?? 'Operation completed', data: result.data });
    } catch (error) {
      if (!(error instanceof SandboxApiError)) throw error;
      if (parsed) logAttempt(parsed.action, error.status, parsed.params);
      return c.json({ success: false, message: error.message }, error.status as 400);
    }
  });

  app.all('/api/mcp.php', (c) => c.json({ success: false, message: 'Use POST with a JSON body' }, 405));

  // The tracking URL a click answers with: counts nothing more, forwards to the program's landing page.
  app.get('/agentclick/t/:code', (c) => {
    const partnership = state.byTrackingCode.get(c.req.param('code').toLowerCase());
    const program = partnership ? catalog.byId.get(partnership.programId) : undefined;
    if (!partnership || !program) return c.json({ success: false, message: 'Tracking code not found' }, 404);
    const target = new URL(program.lp_path, new URL(c.req.url).origin);
    target.searchParams.set('ac_tc', partnership.trackingCode);
    const clickId = c.req.query('click_id');
    if (clickId && /^\d+$/.test(clickId)) target.searchParams.set('ac_click', clickId);
    // Sub-ids the publisher appended travel on to the landing page, as affiliate networks commonly do.
    const subId = c.req.query('bot_link');
    if (subId && /^[A-Za-z0-9_-]{1,64}$/.test(subId)) target.searchParams.set('bot_link', subId);
    return c.redirect(target.toString(), 302);
  });

  app.onError((error, c) => c.json({ success: false, message: `Internal sandbox error: ${error.message}` }, 500));
  return app;
}
