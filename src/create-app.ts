import { type ServicesDeps, createServices } from './compose/create-services.ts';
import { mountRoutes } from './compose/mount-routes.ts';

export type { Networks } from './compose/networks.ts';

export interface AppDeps extends ServicesDeps {
  /** Secrets purchase postbacks may be signed with (current first). */
  postbackSecrets?: string[];
}

/**
 * The whole bot from its configuration: the services (src/compose/create-services.ts) and one Hono app with
 * every route over them (src/compose/mount-routes.ts). No process work and no timer: `start()` begins the
 * background work (store purge, counters flush, outbox, partnership passes, queued clicks); main.ts calls it.
 */
export function createApp({ postbackSecrets = [], ...deps }: AppDeps) {
  const services = createServices(deps);
  const app = mountRoutes(services, { config: deps.config, networks: deps.networks, log: deps.log, postbackSecrets, tracer: deps.tracer });
  return { ...services, app, figures: services.dashboard.source };
}

export type App = ReturnType<typeof createApp>;
