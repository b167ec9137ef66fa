/**
 * What a projection test runs the engine with, on this file's own database and Redis key prefix:
 * the PostgreSQL event store (or the store `wrap` makes of it, e.g. withEventCatalogue), a Redis
 * client, the engine's context and the operations' context (the same with leases). Closed in teardown.
 */
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { EventStore } from '../../src/event-store/contract.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { RedisKeyValue } from '../../src/key-value/redis.ts'
import type { EngineContext } from '../../src/projector/run-generation.ts'
import { createTestDatabase, leasesFor } from './database.ts'
import { dropRedisPrefix, testServices } from './services.ts'

type Teardown = { teardown(fn: () => unknown): void }

export async function projectionContext<S extends EventStore = PostgresEventStore>(
  t: Teardown,
  wrap?: (store: PostgresEventStore) => S,
) {
  const database = await createTestDatabase(t)
  const postgres = new PostgresEventStore(database.pool, {
    connectionString: database.url,
    pollIntervalMs: 100,
  })
  const store = (wrap ? wrap(postgres) : postgres) as S
  const redis = new Redis(testServices.redisUrl)
  const keyPrefix = `test:${randomUUID()}:`
  t.teardown(async () => {
    await store.close()
    await dropRedisPrefix(keyPrefix, redis)
    await redis.quit()
  })
  const context = {
    store,
    db: database.db,
    redis: { redis: new RedisKeyValue(redis), keyPrefix },
    logger: { info() {}, warn() {}, error() {} },
    owner: 'test',
  } satisfies EngineContext
  const operations = { ...context, acquireLease: leasesFor(t, database.url) }
  return { database, db: database.db, store, redis, keyPrefix, context, operations }
}
