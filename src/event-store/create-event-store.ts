/**
 * Picks the event store adapter from the configuration (EventStoreDB when EVENTSTORE_URL is set) and
 * reads and writes it through the event catalogue: every reader sees each event at its current
 * version (./upcasting-event-store.ts). The EventStoreDB client (gRPC, protobuf: ~150 modules, a
 * quarter of a second of start-up) is loaded only when EVENTSTORE_URL names one.
 */
import type pg from 'pg'
import type { Config } from '../config.ts'
import type { EventCatalogue } from '../domain/event-catalogue.ts'
import { eventCatalogue } from '../domain/events.ts'
import type { EventStore } from './contract.ts'
import { type NotificationListener, PostgresEventStore } from './postgres/postgres-event-store.ts'
import { UpcastingEventStore } from './upcasting-event-store.ts'

export async function createEventStore(
  config: Pick<Config, 'eventStoreUrl' | 'databaseUrl'>,
  pool: pg.Pool,
  onSubscriptionError?: (error: unknown) => void,
  /**
   * How subscriptions hear NOTIFY: the process's shared listener (services mode) or PGlite's
   * (embedded). Without it the store opens one LISTEN connection of its own.
   */
  listen?: NotificationListener,
  /** The event types, versions and upcasters (a test may bring its own). */
  catalogue: EventCatalogue = eventCatalogue,
): Promise<EventStore> {
  const adapter = config.eventStoreUrl
    ? (await import('./eventstoredb/eventstoredb-event-store.ts')).createEventStoreDbEventStore(
        config.eventStoreUrl,
        { onSubscriptionError },
      )
    : new PostgresEventStore(pool, {
        ...(config.databaseUrl ? { connectionString: config.databaseUrl } : {}),
        ...(listen ? { listen } : {}),
        onSubscriptionError,
      })
  return withEventCatalogue(adapter, catalogue)
}

/** An adapter read and written through the event catalogue, as createEventStore returns it. */
export const withEventCatalogue = (
  adapter: EventStore,
  catalogue: EventCatalogue = eventCatalogue,
): EventStore => new UpcastingEventStore(adapter, catalogue)
