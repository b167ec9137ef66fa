/**
 * The PostgreSQL and Redis servers the tests run on: DATABASE_URL and REDIS_URL when set (CI sets
 * them), else the local development servers. Tests always use real servers: `npm start` without
 * these variables runs embedded, but the suite never does (except the test of embedded mode itself).
 */
import { Redis } from 'ioredis'

export const testServices = {
  databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/nexus',
  redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
}

/**
 * What a script a test starts as a process sees: services mode on the file's database and on Redis
 * under the file's own key prefix, warnings only in its logs.
 */
export function scriptEnvironment(databaseUrl: string, keyPrefix: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: testServices.redisUrl,
    REDIS_KEY_PREFIX: keyPrefix,
    EVENTSTORE_URL: '',
    LOG_LEVEL: 'warn',
  }
}

/**
 * Deletes every Redis key under a test's own prefix (SCAN and UNLINK in batches), on the client
 * given or on a connection of its own. Databases are dropped at the end of a file; this is the
 * same for Redis, so runs leave nothing behind on a shared server.
 */
export async function dropRedisPrefix(prefix: string, redis?: Redis): Promise<void> {
  const client = redis ?? new Redis(testServices.redisUrl, { maxRetriesPerRequest: 1 })
  try {
    let cursor = '0'
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000)
      cursor = next
      if (keys.length > 0) await client.unlink(...keys)
    } while (cursor !== '0')
  } finally {
    if (redis === undefined) await client.quit()
  }
}
