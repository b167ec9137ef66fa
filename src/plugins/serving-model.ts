/** The serving model's neighbours in memory (src/recommend/serving-model.ts), one copy per process. */
import fp from 'fastify-plugin'
import { createServingModel, type ServingModel } from '../recommend/serving-model.ts'

declare module 'fastify' {
  interface FastifyInstance {
    servingModel: ServingModel
  }
}

export default fp(
  async (app) => {
    const model = createServingModel(app.db, { log: app.log })
    app.decorate('servingModel', model)
    // Before the pool closes (onClose hooks run in reverse order of registration).
    app.addHook('onClose', async () => {
      await model.close()
    })
  },
  { name: 'serving-model', dependencies: ['database'] },
)
