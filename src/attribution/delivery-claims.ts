import type { Network } from '../ledger/types.ts';

export type Claim = 'mine' | 'busy' | 'delivered';

/**
 * With several instances, the same purchase may be posted to more than one of them. Before sending,
 * an instance claims the (order, network) pair in Redis (store/redis-delivery-claims.ts); the one that
 * delivers marks it, so the others record it as delivered without sending it again.
 */
export interface DeliveryClaims {
  claim(orderId: string, network: Network, leaseMs: number): Promise<Claim>;
  delivered(orderId: string, network: Network): Promise<void>;
  release(orderId: string, network: Network): Promise<void>;
}

/** One instance: its own ledger already guarantees a single sender. */
export const localClaims: DeliveryClaims = {
  claim: async () => 'mine',
  delivered: async () => undefined,
  release: async () => undefined,
};
