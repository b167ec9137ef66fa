/**
 * Makes sure every projection has an active generation (so the read-model views exist before the
 * first query) and holds the Redis connection the projection engine uses (full keys, no prefix), or
 * in embedded mode the in-process counters.
 */
import fp from 'fastify-plugin'
import { Redis } from 'ioredis'
import { projections } from '../../projections/index.ts'
import { RedisKeyValue } from '../key-value/redis.ts'
import { ensureProjections, type RedisTarget } from '../projector/generations.ts'
import type { Projection } from '../projector/projection.ts'

declare module 'fastify' {
  interface FastifyInstance {
    projectionRedis: RedisTarget
    /** Every projection and reactor, declared (src/runtime/registry.ts; the app decorates it). */
    registered: readonly Pick<Projection, 'kind' | 'name' | 'version'>[]
  }
}

export default fp(
  async (app) => {
    let target: RedisTarget
    if (app.embedded) {
      target = { redis: app.embedded.counters, keyPrefix: app.config.redisKeyPrefix }
    } else {
      const redis = new Redis(app.config.redisUrl ?? '', { maxRetriesPerRequest: 1, connectTimeout: 5_000 })
      redis.on('error', () => {})
      target = { redis: new RedisKeyValue(redis), keyPrefix: app.config.redisKeyPrefix }
      app.addHook('onClose', async () => {
        await redis.quit().catch(() => redis.disconnect())
      })
    }
    app.decorate('projectionRedis', target)
    try {
      await ensureProjections(app.db, projections, target)
    } catch (error) {
      // Queries on read models answer errors until the projector (or a restart) creates them.
      app.log.error({ err: error }, 'could not prepare the projections')
    }
  },
  { name: 'projections', dependencies: ['config', 'database'] },
)
