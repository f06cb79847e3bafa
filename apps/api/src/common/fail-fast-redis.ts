import Redis from 'ioredis';

/**
 * A Redis client for the hook's path: fails fast instead of queueing, because a request waiting on
 * a dead Redis would blow Okta's 3 s. Callers listen for 'error' (ioredis reports every failed
 * reconnect as one) and treat a rejected command as "store unavailable".
 */
export function createFailFastRedis(url: string, connectionName: string, commandTimeoutMs: number): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 1000,
    disconnectTimeout: 200,
    connectionName,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

// One 'ready' listener per client, shared by every request waiting while it connects.
const readyWaiters = new WeakMap<Redis, Promise<void>>();

function nextReady(redis: Redis): Promise<void> {
  let waiter = readyWaiters.get(redis);
  if (!waiter) {
    waiter = new Promise<void>((resolve) =>
      redis.once('ready', () => {
        readyWaiters.delete(redis);
        resolve();
      }),
    );
    readyWaiters.set(redis, waiter);
  }
  return waiter;
}

/** Right after boot the connection may still be opening: wait for it, but only briefly. */
export async function whenRedisReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  if (redis.status !== 'connecting' && redis.status !== 'connect') throw new Error(`redis ${redis.status}`);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('redis not connected')), timeoutMs);
  });
  try {
    await Promise.race([nextReady(redis), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** After the HTTP server has drained: calls in flight still reach the store. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}
