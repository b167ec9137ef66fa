/** Picks the event store adapter from the configuration: EventStoreDB when EVENTSTORE_URL is set. */
import type pg from 'pg'
import type { Config } from '../config.ts'
import type { EventStore } from './contract.ts'
import { createEventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.ts'
import { type NotificationListener, PostgresEventStore } from './postgres/postgres-event-store.ts'

export function createEventStore(
  config: Pick<Config, 'eventStoreUrl' | 'databaseUrl'>,
  pool: pg.Pool,
  onSubscriptionError?: (error: unknown) => void,
  /**
   * How subscriptions hear NOTIFY: the process's shared listener (services mode) or PGlite's
   * (embedded). Without it the store opens one LISTEN connection of its own.
   */
  listen?: NotificationListener,
): EventStore {
  if (config.eventStoreUrl) return createEventStoreDbEventStore(config.eventStoreUrl, { onSubscriptionError })
  return new PostgresEventStore(pool, {
    ...(config.databaseUrl ? { connectionString: config.databaseUrl } : {}),
    ...(listen ? { listen } : {}),
    onSubscriptionError,
  })
}
