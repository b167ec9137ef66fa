/**
 * Makes sure every projection has an active generation (so the read-model views exist before the
 * first query) and holds the runtime's counters the projection engine uses (a Redis connection of
 * their own, full keys, no prefix), or in embedded mode the in-process counters.
 */
import fp from 'fastify-plugin'
import { projections } from '../../projections/index.ts'
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
    // The runtime's counters (it closes their connection): Redis, or embedded mode's in-process store.
    const target = app.runtime.counters()
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
