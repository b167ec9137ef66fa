/** Instance-wide event store: EventStoreDB when EVENTSTORE_URL is set, else PostgreSQL. */
import fp from 'fastify-plugin'
import type { EventCatalogue } from '../domain/event-catalogue.ts'
import type { EventStore } from '../event-store/contract.ts'
import { createEventStore } from '../event-store/create-event-store.ts'

declare module 'fastify' {
  interface FastifyInstance {
    eventStore: EventStore
  }
}

export default fp(
  async (app, options: { eventCatalogue?: EventCatalogue }) => {
    const store = createEventStore(
      app.config,
      app.pool,
      (error) => app.log.warn({ err: error }, 'event store subscription error, retrying'),
      app.notifications?.listen ?? app.embedded?.listen,
      options.eventCatalogue,
    )
    app.decorate('eventStore', store)
    app.addHook('onClose', async () => {
      await store.close()
    })
  },
  { name: 'event-store', dependencies: ['config', 'database'] },
)
