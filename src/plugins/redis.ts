/**
 * Instance-wide Redis (ioredis). Fails fast when Redis is down instead of queueing commands forever.
 * In embedded mode the same role is played by the in-process store (src/embedded/memory-store.ts).
 */
import fp from 'fastify-plugin'
import { Redis } from 'ioredis'
import type { MemoryStore } from '../embedded/memory-store.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Keys carry REDIS_KEY_PREFIX (ioredis' keyPrefix, or the memory store's view). */
    redis: Redis | MemoryStore
  }
}

export default fp(
  async (app) => {
    if (app.embedded) {
      app.decorate('redis', app.embedded.counters.withPrefix(app.config.redisKeyPrefix))
      return
    }
    const redis = new Redis(app.config.redisUrl ?? '', {
      keyPrefix: app.config.redisKeyPrefix,
      maxRetriesPerRequest: 1,
      connectTimeout: 5_000,
      enableOfflineQueue: true,
      lazyConnect: false,
      // Commands issued in the same tick (many requests' rate limits, lookups) go in one write.
      enableAutoPipelining: true,
    })
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
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect())
    })
  },
  { name: 'redis', dependencies: ['config', 'database'] },
)
