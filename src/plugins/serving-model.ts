/** The serving model's neighbours in memory (src/recommend/serving-model.ts), one copy per process. */
import fp from 'fastify-plugin'
import { CONNECTION_BUDGET } from '../db/connection.ts'
import { createServingModel, type ServingModel } from '../recommend/serving-model.ts'

declare module 'fastify' {
  interface FastifyInstance {
    servingModel: ServingModel
  }
}

export default fp(
  async (app) => {
    // On a server, loads run on a worker thread with a connection of their own (one, while loading);
    // embedded mode's PGlite is reachable from this thread only.
    const model = createServingModel(app.db, {
      log: app.log,
      databaseUrl: app.embedded === null ? app.config.databaseUrl : null,
      applicationName: `${CONNECTION_BUDGET.api.name}/serving-model`,
    })
    app.decorate('servingModel', model)
    // Before the pool closes (onClose hooks run in reverse order of registration).
    app.addHook('onClose', async () => {
      await model.close()
    })
  },
  { name: 'serving-model', dependencies: ['database', 'config'] },
)
