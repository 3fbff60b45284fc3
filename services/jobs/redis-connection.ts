// Redis connections for BullMQ. Workers wait for Redis forever (maxRetriesPerRequest: null); producers fail fast
// (no offline queue), so an API request answers 503 instead of hanging when Redis is down.
import { Redis } from 'ioredis';

export class RedisUnavailableError extends Error {}

export function redisHelp(url: string, cause: string): string {
  return [
    `Redis is not reachable at ${url} (${cause}).`,
    'Onderstroom needs Redis for its job queues. Start one, for example:',
    '  redis-server --daemonize yes --maxmemory-policy noeviction',
    '  or: docker compose up -d redis',
    'or point REDIS_URL at a running Redis (redis://host:6379).',
  ].join('\n');
}

export function workerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

export function producerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
}

/** Connects once with a short timeout, to tell the user clearly when Redis is missing. */
export async function checkRedis(url: string, timeoutMs = 3_000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    const policy = await client.config('GET', 'maxmemory-policy').catch(() => null);
    const value = Array.isArray(policy) ? String(policy[1]) : null;
    if (value !== null && value !== 'noeviction') {
      throw new RedisUnavailableError(
        `Redis at ${url} uses maxmemory-policy ${value}; queues need noeviction (redis-cli config set maxmemory-policy noeviction)`,
      );
    }
  } catch (error) {
    if (error instanceof RedisUnavailableError) throw error;
    throw new RedisUnavailableError(redisHelp(url, (error as Error).message || 'no answer'));
  } finally {
    client.disconnect();
  }
}
