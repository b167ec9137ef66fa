/** The in-memory ETag positions of src/read/serving/projection-tags.ts, heard on the process's LISTEN connection. */
import fp from 'fastify-plugin'
import { ProjectionTags } from '../read/serving/projection-tags.ts'

declare module 'fastify' {
  interface FastifyInstance {
    projectionTags: ProjectionTags
  }
}

export default fp(
  async (app) => {
    const tags = new ProjectionTags(app.pool, app.embedded ? null : app.runtime.listen)
    app.decorate('projectionTags', tags)
    app.addHook('onReady', async () => {
      await tags.start()
    })
    app.addHook('onClose', async () => {
      await tags.close()
    })
  },
  { name: 'projection-tags', dependencies: ['config', 'database'] },
)
