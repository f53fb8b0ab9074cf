import type { Network } from '../ledger/types.ts';
import type { DeliveryClaims } from '../attribution/delivery-claims.ts';
import type { RedisClient } from './redis-client.ts';

const DELIVERED_MEMORY_MS = 90 * 86_400_000;

/** KEYS: lock, delivered. ARGV: owner, lease in ms. Answers 'delivered', 'mine' or 'busy'. */
const CLAIM_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 'delivered' end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'mine' end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 'mine'
end
return 'busy'`;

export function createRedisClaims(redis: RedisClient, { prefix = 'bot', owner = `${process.pid}-${Math.random().toString(36).slice(2)}` } = {}): DeliveryClaims {
  const key = (kind: string, orderId: string, network: Network) => `${prefix}:outbox:${kind}:${network}:${orderId}`;
  return {
    async claim(orderId, network, leaseMs) {
      // One atomic step: checking "delivered" and taking the lock separately let a second instance
      // slip in between another's delivery mark and its unlock, and send the purchase again.
      const answer = await redis.eval(CLAIM_SCRIPT, { keys: [key('lock', orderId, network), key('delivered', orderId, network)], arguments: [owner, String(leaseMs)] });
      return answer === 'delivered' || answer === 'mine' ? answer : 'busy';
    },
    async delivered(orderId, network) {
      await redis.set(key('delivered', orderId, network), owner, { expiration: { type: 'PX', value: DELIVERED_MEMORY_MS } });
      await redis.del(key('lock', orderId, network));
    },
    async release(orderId, network) {
      // Only our own lock: compare and delete in one step.
      await redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end", { keys: [key('lock', orderId, network)], arguments: [owner] });
    },
  };
}
