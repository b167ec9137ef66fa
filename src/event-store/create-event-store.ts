/** Picks the event store adapter from the configuration: EventStoreDB when EVENTSTORE_URL is set. */
import type pg from 'pg'
import type { Config } from '../config.ts'
import type { EventStore } from './contract.ts'
import { createEventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.ts'
import { PostgresEventStore } from './postgres/postgres-event-store.ts'

export function createEventStore(
  config: Pick<Config, 'eventStoreUrl' | 'databaseUrl'>,
  pool: pg.Pool,
  onSubscriptionError?: (error: unknown) => void,
): EventStore {
  if (config.eventStoreUrl) return createEventStoreDbEventStore(config.eventStoreUrl, { onSubscriptionError })
  return new PostgresEventStore(pool, { connectionString: config.databaseUrl, onSubscriptionError })
}
