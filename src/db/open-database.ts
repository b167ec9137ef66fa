/**
 * What scripts open to reach the database, in either mode: a pg pool on DATABASE_URL, or embedded
 * mode's PGlite in the data directory (when no `npm start` holds it: then the script says so and
 * exits). Also the counters target of the projection engine for that mode.
 */
import { hostname } from 'node:os'
import { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import type pg from 'pg'
import type { Config } from '../config.ts'
import { EmbeddedLockedError, type EmbeddedRuntime, openEmbedded } from '../embedded/runtime.ts'
import type { KeyValueStore } from '../key-value/contract.ts'
import { RedisKeyValue } from '../key-value/redis.ts'
import type { RedisTarget } from '../projector/generations.ts'
import type { AcquireLease } from '../projector/lease.ts'
import { CONNECTION_BUDGET, createDatabase, createPool, type PoolOptions } from './connection.ts'
import { PostgresLeases } from './postgres-leases.ts'
import { type NotificationListener, PostgresNotifications } from './postgres-notifications.ts'
import type { Database } from './schema.ts'

export type OpenDatabase = {
  pool: pg.Pool
  db: Kysely<Database>
  embedded: EmbeddedRuntime | null
  /** The server's URL; null in embedded mode. */
  connectionString: string | null
  /** Leases: all on one session of their own (services), or in the process (embedded). */
  acquireLease: AcquireLease
  /** How subscriptions hear appends: one LISTEN connection (services), or PGlite's (embedded). */
  listen: NotificationListener
  close(): Promise<void>
}

/**
 * A script's connections (CONNECTION_BUDGET.script): its pool (2 unless asked otherwise), and the
 * LISTEN and lease connections, each opened only when first used.
 */

export async function openDatabase(config: Config, options: PoolOptions = {}): Promise<OpenDatabase> {
  if (config.databaseUrl === null) {
    const embedded = await openEmbedded(config.dataDir ?? '.nexus-data')
    const db = createDatabase(embedded.pool)
    return {
      pool: embedded.pool,
      db,
      embedded,
      connectionString: null,
      acquireLease: embedded.acquireLease,
      listen: embedded.listen,
      async close() {
        await db.destroy()
        await embedded.release()
      },
    }
  }
  const name = options.applicationName ?? CONNECTION_BUDGET.script.name
  const pool = createPool(config.databaseUrl, {
    ...options,
    max: options.max ?? CONNECTION_BUDGET.script.pool,
    applicationName: name,
  })
  const db = createDatabase(pool)
  const notifications = new PostgresNotifications(config.databaseUrl, { applicationName: `${name}/listen` })
  const leases = new PostgresLeases(config.databaseUrl, {
    owner: `${hostname()}/${process.pid}`,
    applicationName: `${name}/lease`,
  })
  return {
    pool,
    db,
    embedded: null,
    connectionString: config.databaseUrl,
    acquireLease: leases.acquire,
    listen: notifications.listen,
    async close() {
      await leases.close()
      await notifications.close()
      await db.destroy()
    },
  }
}

/** openDatabase for a script: a data directory held by a running server ends it with one clear line. */
export async function openDatabaseOrExit(
  script: string,
  config: Config,
  options: PoolOptions = {},
): Promise<OpenDatabase> {
  try {
    return await openDatabase(config, options)
  } catch (error) {
    if (error instanceof EmbeddedLockedError) {
      process.stderr.write(`${script}: ${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
}

/** The counters of the projection engine: Redis (its own connection) or the embedded store. */
export function openCounters(
  config: Config,
  database: OpenDatabase,
  /** Redis connection errors (ioredis reconnects by itself); ignored when not given. */
  onError: (error: Error) => void = () => {},
): RedisTarget & { close(): Promise<void> } {
  if (database.embedded) {
    return { redis: database.embedded.counters, keyPrefix: config.redisKeyPrefix, close: async () => {} }
  }
  const redis = new Redis(config.redisUrl ?? '', { maxRetriesPerRequest: 1, connectTimeout: 5_000 })
  redis.on('error', onError)
  return {
    redis: new RedisKeyValue(redis),
    keyPrefix: config.redisKeyPrefix,
    close: async () => {
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}

/**
 * The app-level store (keys under REDIS_KEY_PREFIX), and the Redis client itself for what only
 * Redis does (the revocation cache's scripts): null in embedded mode.
 */
export function openKeyStore(
  config: Config,
  database: OpenDatabase,
): { store: KeyValueStore; redis: Redis | null; close(): Promise<void> } {
  if (database.embedded)
    return {
      store: database.embedded.counters.withPrefix(config.redisKeyPrefix),
      redis: null,
      close: async () => {},
    }
  const redis = new Redis(config.redisUrl ?? '', {
    keyPrefix: config.redisKeyPrefix,
    maxRetriesPerRequest: 1,
  })
  return {
    store: new RedisKeyValue(redis),
    redis,
    close: async () => {
      await redis.quit().catch(() => redis.disconnect())
    },
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
