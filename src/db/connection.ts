/** Creates the pg pool and the kysely instance over it; the PostgreSQL event store shares the pool. */
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.ts'

// int8 (bigint) as JS bigint would break JSON; the few bigint columns we read are cast in SQL.
// numeric stays a string so no precision is lost silently.

export type PoolOptions = {
  max?: number
  /** Called for errors of idle clients (e.g. a terminated backend); without a listener pg crashes the process. */
  onIdleError?: (error: Error) => void
  applicationName?: string
}

export function createPool(connectionString: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 20,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'nexus',
  })
  pool.on('error', options.onIdleError ?? (() => {}))
  return pool
}

export function createDatabase(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}
