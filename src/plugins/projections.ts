/**
 * Makes sure every projection has an active generation (so the read-model views exist before the
 * first query) and holds the Redis connection the projection engine uses (full keys, no prefix).
 */
import fp from 'fastify-plugin'
import { Redis } from 'ioredis'
import { projections } from '../../projections/index.ts'
import { ensureProjections, type RedisTarget } from '../projection/generations.ts'

declare module 'fastify' {
  interface FastifyInstance {
    projectionRedis: RedisTarget
  }
}

export default fp(
  async (app) => {
    const redis = new Redis(app.config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 5_000 })
    redis.on('error', () => {})
    const target: RedisTarget = { redis, keyPrefix: app.config.redisKeyPrefix }
    app.decorate('projectionRedis', target)
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect())
    })
    try {
      await ensureProjections(app.db, projections, target)
    } catch (error) {
      // Queries on read models answer errors until the projector (or a restart) creates them.
      app.log.error({ err: error }, 'could not prepare the projections')
    }
  },
  { name: 'projections', dependencies: ['config', 'database'] },
)
