/** Instance-wide Redis (ioredis). Fails fast when Redis is down instead of queueing commands forever. */
import fp from 'fastify-plugin'
import { Redis } from 'ioredis'

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis
  }
}

export default fp(
  async (app) => {
    const redis = new Redis(app.config.redisUrl, {
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
  { name: 'redis', dependencies: ['config'] },
)
