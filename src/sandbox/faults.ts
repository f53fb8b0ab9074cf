import { setTimeout as delay } from 'node:timers/promises';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';

/**
 * Fault injection for tests and demos: a network can be made to answer errors, slowly, for a while.
 * `times` counts the requests the fault applies to (each gets the status with probability `errorRate`);
 * without `times` the fault stays until it is cleared.
 */
export const faultSpecSchema = z.object({
  network: z.enum(['agentclick', 'syndicate', 'all']),
  status: z.number().int().min(100).max(599).default(503),
  errorRate: z.number().min(0).max(1).default(1),
  latencyMs: z.number().int().min(0).max(120_000).default(0),
  times: z.number().int().positive().optional(),
});
export type FaultSpec = z.infer<typeof faultSpecSchema>;
type FaultNetwork = Exclude<FaultSpec['network'], 'all'>;

interface ActiveFault {
  status: number;
  errorRate: number;
  latencyMs: number;
  remaining: number | undefined;
}

export interface FaultDecision {
  latencyMs: number;
  /** Set when this request must fail with that status. */
  status: number | undefined;
}

export class FaultTable {
  readonly #faults = new Map<FaultNetwork, ActiveFault>();
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  set(spec: FaultSpec): void {
    const networks: FaultNetwork[] = spec.network === 'all' ? ['agentclick', 'syndicate'] : [spec.network];
    for (const network of networks) {
      this.#faults.set(network, {
        status: spec.status,
        errorRate: spec.errorRate,
        latencyMs: spec.latencyMs,
        remaining: spec.times,
      });
    }
  }

  clear(): void {
    this.#faults.clear();
  }

  /** Decides the fate of one request to `network`, consuming one of the fault's `times`. */
  next(network: FaultNetwork): FaultDecision {
    const fault = this.#faults.get(network);
    if (!fault) return { latencyMs: 0, status: undefined };
    if (fault.remaining !== undefined) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.#faults.delete(network);
    }
    const fails = this.#random() < fault.errorRate;
    return { latencyMs: fault.latencyMs, status: fails ? fault.status : undefined };
  }
}

/**
 * Applies the network's fault before the real handler. `render` builds the network's own error body,
 * and `onFault` lets the caller log the failed attempt (a faulted write is still an attempt).
 */
export function faultMiddleware(
  faults: FaultTable,
  network: FaultNetwork,
  render: (status: number) => Record<string, unknown>,
  onFault?: (status: number, request: Request) => Promise<void>,
): MiddlewareHandler {
  return async (c, next) => {
    const decision = faults.next(network);
    if (decision.latencyMs > 0) await delay(decision.latencyMs);
    if (decision.status === undefined) return next();
    if (onFault) await onFault(decision.status, c.req.raw.clone());
    if (decision.status === 429) c.header('Retry-After', '1');
    return c.json(render(decision.status), decision.status as 500);
  };
}
