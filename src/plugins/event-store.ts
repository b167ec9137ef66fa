/** Instance-wide event store, the runtime's: EventStoreDB when EVENTSTORE_URL is set, else PostgreSQL. */
import fp from 'fastify-plugin'
import type { EventStore } from '../event-store/contract.ts'

declare module 'fastify' {
  interface FastifyInstance {
    eventStore: EventStore
  }
}

export default fp(
  async (app) => {
    // The runtime closes it (src/plugins/database.ts).
    app.decorate('eventStore', app.runtime.store)
  },
  { name: 'event-store', dependencies: ['config', 'database'] },
)
