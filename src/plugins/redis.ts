/**
 * Instance-wide Redis (ioredis), failing fast: a request that needs Redis while it is down is
 * answered 503 SERVICE_UNAVAILABLE with Retry-After at once (the error handler maps the client's
 * errors, see redis-errors.ts), never held until Redis returns. No offline queue (a command while
 * disconnected is refused at once), one retry for a command in flight when the connection drops, and
 * a command Redis does not answer within 800 ms fails and drops the connection (so the next ones fail
 * at once rather than each waiting for its own timeout). ioredis reconnects by itself
 * (backing off up to 2 s), so the API recovers with no restart. What works without Redis: see
 * docs/operations.md (failure modes).
 * Decorates the app with the key-value port over it (src/key-value/contract.ts); in embedded mode
 * the in-process store (src/key-value/memory-store.ts) plays that role and there is no Redis client.
 */
import fp from 'fastify-plugin'
import { Redis } from 'ioredis'
import type { KeyValueStore } from '../key-value/contract.ts'
import { RedisKeyValue } from '../key-value/redis.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Caches and lookups; keys carry REDIS_KEY_PREFIX (ioredis' keyPrefix, or the memory store's view). */
    keyValue: KeyValueStore
    /**
     * The Redis client itself, for what only Redis does across processes (rate-limit leases, the
     * revocation cache's scripts); null in embedded mode (one process, no Redis).
     */
    redis: Redis | null
  }
}

/** Longest a command waits for Redis's answer. */
const COMMAND_TIMEOUT_MS = 800
/** Longest the start waits for the first connection. */
const CONNECT_WAIT_MS = 3_000

export default fp(
  async (app) => {
    if (app.embedded) {
      app.decorate('keyValue', app.embedded.counters.withPrefix(app.config.redisKeyPrefix))
      app.decorate('redis', null)
      return
    }
    const redis = new Redis(app.config.redisUrl ?? '', {
      keyPrefix: app.config.redisKeyPrefix,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: COMMAND_TIMEOUT_MS,
      enableOfflineQueue: false,
      lazyConnect: false,
      retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
      // Commands issued in the same tick (many requests' rate limits, lookups) go in one write.
      enableAutoPipelining: true,
    })
    // A command Redis does not answer in time means it hangs: drop the connection, so the commands
    // that follow fail at once (no offline queue) until it answers again, instead of each waiting.
    const send = redis.sendCommand.bind(redis)
    redis.sendCommand = (command, stream) => {
      const sent = send(command, stream)
      command.promise.catch((error: unknown) => {
        if (error instanceof Error && error.message === 'Command timed out' && redis.status === 'ready') {
          app.log.warn('Redis did not answer in time: reconnecting')
          redis.disconnect(true)
        }
      })
      return sent
    }
    let warned = false
    redis.on('error', (error) => {
      // ioredis reconnects by itself; one warning per outage is enough.
      if (!warned) app.log.warn({ err: error }, 'Redis unavailable, reconnecting')
      warned = true
    })
    redis.on('ready', () => {
      warned = false
    })
    app.decorate('redis', redis)
    app.decorate('keyValue', new RedisKeyValue(redis))
    // Without the offline queue, commands sent before the first connection would fail: wait for it
    // (briefly: the API starts without Redis, answering 503 where it is needed until it comes).
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        redis.off('ready', done)
        resolve()
      }
      const timer = setTimeout(done, CONNECT_WAIT_MS)
      redis.once('ready', done)
    })
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect())
    })
  },
  { name: 'redis', dependencies: ['config', 'database'] },
)
