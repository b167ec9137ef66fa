/**
 * The one runtime opener: what a process needs, in either mode, within its connection budget
 * (CONNECTION_BUDGET in src/db/connection.ts). Services mode: a pg pool on DATABASE_URL, one LISTEN
 * connection and one lease session (each opened on first use), Redis connections opened when first
 * asked for. Embedded mode: PGlite and the in-process store in the data directory (when no
 * `npm start` holds it: then the script says so and exits). The event store goes over the pool.
 * The server opens its runtime here too and hands it to the app (buildApp's `runtime`), whose
 * plugins decorate it (src/plugins/database.ts, redis.ts, ...); an app built without one (tests)
 * opens it here with the API's options (src/app.ts, apiRuntimeOptions).
 */
import { hostname } from 'node:os'
import { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import type pg from 'pg'
import type { Config } from '../config.ts'
import { CONNECTION_BUDGET, createDatabase, createPool, type PoolOptions } from '../db/connection.ts'
import { PostgresLeases } from '../db/postgres-leases.ts'
import { type NotificationListener, PostgresNotifications } from '../db/postgres-notifications.ts'
import type { Database } from '../db/schema.ts'
import type { EventCatalogue } from '../domain/event-catalogue.ts'
import { EmbeddedLockedError, type EmbeddedRuntime, openEmbedded } from '../embedded/runtime.ts'
import type { EventStore } from '../event-store/contract.ts'
import { createEventStore } from '../event-store/create-event-store.ts'
import type { KeyValueStore } from '../key-value/contract.ts'
import { RedisKeyValue } from '../key-value/redis.ts'
import type { RedisTarget } from '../projector/generations.ts'
import type { AcquireLease } from '../projector/lease.ts'
import { connectFailFast, type FailFastRedisOptions } from './fail-fast-redis.ts'

export type Runtime = {
  pool: pg.Pool
  db: Kysely<Database>
  /** The event store over the pool (or EventStoreDB when EVENTSTORE_URL is set). */
  store: EventStore
  embedded: EmbeddedRuntime | null
  /** The server's URL; null in embedded mode. */
  connectionString: string | null
  /** Leases: all on one session of their own (services), or in the process (embedded). */
  acquireLease: AcquireLease
  /** How subscriptions hear appends: one LISTEN connection (services), or PGlite's (embedded). */
  listen: NotificationListener
  /** The projection engine's counters (full keys): Redis on a connection of its own, opened on first use. */
  counters(): RedisTarget
  /**
   * The app-level store (keys under REDIS_KEY_PREFIX), and the Redis client itself for what only
   * Redis does (the revocation cache's scripts; null in embedded mode), opened on first use.
   */
  keyValue(): { store: KeyValueStore; redis: Redis | null }
  /** Closes all of it: the event store, Redis, the LISTEN and lease connections, the pool. */
  close(): Promise<void>
}

export type RuntimeOptions = PoolOptions & {
  /** Whose budget (default: a script's); `max` and `applicationName` override its pool. */
  budget?: keyof typeof CONNECTION_BUDGET
  onSubscriptionError?: (error: unknown) => void
  /** Redis connection errors (ioredis reconnects by itself); ignored when not given. */
  onRedisError?: (error: Error) => void
  /** LISTEN connection errors (it reconnects by itself, polling meanwhile). */
  onListenError?: (error: unknown) => void
  /** The event types, versions and upcasters the store reads through (a test may bring its own). */
  eventCatalogue?: EventCatalogue
  /**
   * The API's: keyValue()'s connection fails fast (src/runtime/fail-fast-redis.ts) and warns through
   * these, instead of waiting for Redis as a script's does.
   */
  failFastRedis?: FailFastRedisOptions
}

export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const onRedisError = options.onRedisError ?? (() => {})
  if (config.databaseUrl === null) {
    const embedded = await openEmbedded(config.dataDir ?? '.nexus-data')
    const db = createDatabase(embedded.pool)
    const store = await createEventStore(
      config,
      embedded.pool,
      options.onSubscriptionError,
      embedded.listen,
      options.eventCatalogue,
    )
    return {
      pool: embedded.pool,
      db,
      store,
      embedded,
      connectionString: null,
      acquireLease: embedded.acquireLease,
      listen: embedded.listen,
      counters: () => ({ redis: embedded.counters, keyPrefix: config.redisKeyPrefix }),
      keyValue: () => ({ store: embedded.counters.withPrefix(config.redisKeyPrefix), redis: null }),
      async close() {
        await store.close()
        await db.destroy()
        await embedded.release()
      },
    }
  }
  const budget = CONNECTION_BUDGET[options.budget ?? 'script']
  const name = options.applicationName ?? budget.name
  const max = options.max ?? budget.pool
  const pool = createPool(config.databaseUrl, {
    ...options,
    max,
    // The API's connections stay open once opened, with their statements prepared (src/db/warm-up.ts).
    min: options.min ?? (budget.name === CONNECTION_BUDGET.api.name ? max : 0),
    applicationName: name,
  })
  const db = createDatabase(pool)
  const notifications = new PostgresNotifications(config.databaseUrl, {
    applicationName: `${name}/listen`,
    ...(options.onListenError ? { onError: options.onListenError } : {}),
  })
  const leases = new PostgresLeases(config.databaseUrl, {
    owner: `${hostname()}/${process.pid}`,
    applicationName: `${name}/lease`,
  })
  const store = await createEventStore(
    config,
    pool,
    options.onSubscriptionError,
    notifications.listen,
    options.eventCatalogue,
  )
  const opened: Redis[] = []
  const connect = (keyPrefix?: string) => {
    const redis = new Redis(config.redisUrl ?? '', {
      ...(keyPrefix === undefined ? {} : { keyPrefix }),
      maxRetriesPerRequest: 1,
      connectTimeout: 5_000,
    })
    redis.on('error', onRedisError)
    opened.push(redis)
    return redis
  }
  let counters: RedisTarget | null = null
  let keyValue: { store: KeyValueStore; redis: Redis } | null = null
  return {
    pool,
    db,
    store,
    embedded: null,
    connectionString: config.databaseUrl,
    acquireLease: leases.acquire,
    listen: notifications.listen,
    counters() {
      counters ??= { redis: new RedisKeyValue(connect()), keyPrefix: config.redisKeyPrefix }
      return counters
    },
    keyValue() {
      if (keyValue === null) {
        let redis: Redis
        if (options.failFastRedis) {
          redis = connectFailFast(config.redisUrl ?? '', config.redisKeyPrefix, options.failFastRedis)
          opened.push(redis)
        } else redis = connect(config.redisKeyPrefix)
        keyValue = { store: new RedisKeyValue(redis), redis }
      }
      return keyValue
    },
    async close() {
      await store.close()
      for (const redis of opened) await redis.quit().catch(() => redis.disconnect())
      await leases.close()
      await notifications.close()
      await db.destroy()
    },
  }
}

/** openRuntime for a script: a data directory held by a running server ends it with one clear line. */
export async function openRuntimeOrExit(
  script: string,
  config: Config,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  try {
    return await openRuntime(config, options)
  } catch (error) {
    if (error instanceof EmbeddedLockedError) {
      process.stderr.write(`${script}: ${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
}

/** For scripts that only make sense against servers (benchmarks): refuses embedded mode clearly. */
export function requireServices(script: string, config: Config): { databaseUrl: string; redisUrl: string } {
  if (config.databaseUrl === null || config.redisUrl === null) {
    process.stderr.write(
      `${script}: needs PostgreSQL and Redis servers: set DATABASE_URL and REDIS_URL (embedded mode is not supported here)\n`,
    )
    process.exit(2)
  }
  return { databaseUrl: config.databaseUrl, redisUrl: config.redisUrl }
}
