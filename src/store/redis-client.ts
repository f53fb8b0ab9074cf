import { createClient } from '@redis/client';
import type { Log } from '../log.ts';

function makeClient(url: string) {
  return createClient({ url, socket: { connectTimeout: 3_000, reconnectStrategy: (retries: number) => Math.min(retries * 200, 3_000) } });
}

export type RedisClient = ReturnType<typeof makeClient>;

/** One shared Redis connection for the budget and the delivery locks (keyv keeps its own). */
export async function connectRedis(url: string, log: Log): Promise<RedisClient> {
  const client = makeClient(url);
  client.on('error', (error: unknown) => log.error({ err: error }, 'redis error'));
  await client.connect();
  return client;
}
