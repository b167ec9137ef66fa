/** The in-memory ETag positions of src/read/serving/projection-tags.ts, heard on the process's LISTEN connection. */
import fp from 'fastify-plugin'
import { ProjectionTags } from '../read/serving/projection-tags.ts'

declare module 'fastify' {
  interface FastifyInstance {
    projectionTags: ProjectionTags
  }
  interface FastifyRequest {
    /**
     * The catalogue tag etagFrom read with the request's ETag (src/read/serving/etag.ts), for the
     * answer memos; null until then, and for requests it does not memoise.
     */
    catalogueTag: string | null
  }
}

export default fp(
  async (app) => {
    const tags = new ProjectionTags(app.pool, app.embedded ? null : app.runtime.listen)
    app.decorate('projectionTags', tags)
    // A field of every request (set in its constructor: one shape for all requests), not a WeakMap
    // entry per request.
    app.decorateRequest('catalogueTag', null)
    app.addHook('onReady', async () => {
      await tags.start()
    })
    app.addHook('onClose', async () => {
      await tags.close()
    })
  },
  { name: 'projection-tags', dependencies: ['config', 'database'] },
)
