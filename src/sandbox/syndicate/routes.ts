import { Hono } from 'hono';
import { faultMiddleware } from '../faults.ts';
import { attributionHandler } from './attribution-route.ts';
import { commissionHandler } from './commission-route.ts';
import type { SyndicateRouteDeps } from './deps.ts';
import { logFaultedAttempt } from './event-data.ts';
import { errorCodeForStatus, failure, send } from './http.ts';
import { issueKeyHandler } from './keys-route.ts';
import { checkoutHandler, discoveryHandler, plansHandler, sessionHandler } from './mpp-routes.ts';
import { referralHandler } from './referral-route.ts';

export type { SyndicateRouteDeps } from './deps.ts';

// The app is mounted at '/' next to the other networks, so middleware is scoped to Syndicate's own paths.
const SYNDICATE_PATHS = ['/affiliate/*', '/v1/track/*', '/v1/agent/*', '/.well-known/machine-payments', '/mpp/*'];

/** The Syndicate Links sandbox: the seven documented routes plus a page for checkout sessions. */
export function createSyndicateRoutes(deps: SyndicateRouteDeps): Hono {
  const app = new Hono();
  const fault = faultMiddleware(
    deps.faults,
    'syndicate',
    (status) => ({ error: errorCodeForStatus(status), message: `injected fault: HTTP ${status}` }),
    logFaultedAttempt(deps.events),
  );
  for (const path of SYNDICATE_PATHS) app.use(path, fault);

  app.post('/affiliate/keys', issueKeyHandler(deps));
  app.post('/v1/track/ai-referral', referralHandler(deps));
  app.post('/v1/track/agent-attribution', attributionHandler(deps));
  app.get('/v1/agent/commission', commissionHandler(deps));
  app.get('/.well-known/machine-payments', discoveryHandler);
  app.get('/mpp/plans', plansHandler);
  app.post('/mpp/checkout', checkoutHandler(deps));
  app.get('/mpp/checkout/:sessionId', sessionHandler(deps));

  // A bug in the sandbox answers like the real service would, never with a stack trace or a key.
  app.onError((_error, c) => send(c, failure(500, 'server_error', 'internal sandbox error')));
  return app;
}
