/** Creates the pg pool and the kysely instance over it; the PostgreSQL event store shares the pool. */
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.ts'
import { sessionOptions } from './session-settings.ts'

// int8 (bigint) as JS bigint would break JSON; the few bigint columns we read are cast in SQL.
// numeric stays a string so no precision is lost silently.

/**
 * The PostgreSQL connections each kind of process may hold, whatever the number of projections
 * (docs/operations.md, "Connection budget"): its pool, plus outside it at most one LISTEN
 * connection (every subscription and the ETag positions), one lease connection (every projection
 * lease) and, while a retraining reads the feedback or writes the model's table, one connection
 * (`nexus-retrain`, opened by the training's worker thread to read, closed, then by the writer's to
 * COPY). `name` is the application_name
 * of the pool; the others add `/listen`, `/lease`. `limit` is the promise a test checks.
 */
export const CONNECTION_BUDGET = {
  /** The API alone (RUN_PROJECTORS=false): pool + LISTEN + the serving model's load = 12. */
  api: { name: 'nexus-api', pool: 10, limit: 12 },
  /** The API running the projections too: pool + LISTEN + lease + retrain + serving model's load = 16. */
  apiWithProjectors: { name: 'nexus-api', pool: 12, limit: 16 },
  /** `npm run projector`: pool + LISTEN + lease + retrain = 8. */
  projector: { name: 'nexus-projector', pool: 5, limit: 8 },
  /** Any other script (migrate, projections, events, import, ...): pool + LISTEN + lease = 4. */
  script: { name: 'nexus-script', pool: 2, limit: 4 },
} as const

export type PoolOptions = {
  max?: number
  /**
   * Connections kept open however long idle (default 0: an idle one closes after 30 s). The API keeps
   * all of them: a connection opened again has its prepared statements to plan again (warm-up.ts).
   */
  min?: number
  /** Called for errors of idle clients (e.g. a terminated backend); without a listener pg crashes the process. */
  onIdleError?: (error: Error) => void
  applicationName?: string
}

export function createPool(connectionString: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 20,
    min: options.min ?? 0,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'nexus',
    // Session settings in the startup packet (session-settings.ts): no round trip per connection.
    // An `options` parameter in the connection string would replace them (pg prefers the URL's).
    options: sessionOptions(),
  })
  keepClientsAlive(pool, options.onIdleError ?? (() => {}))
  return pool
}

/**
 * Every client of `pool` keeps an 'error' listener for its whole life. pg-pool listens only while
 * a client is idle: a checked-out client whose connection dies between two queries (in a
 * transaction, during a COPY, while the caller awaits something else) would emit 'error' with
 * nobody listening, and Node ends the process (issue 14: a PostgreSQL restart killed the projector).
 * With the listener the caller's next query fails (a connection error: 503, or a retry) and the
 * pool discards the client on release.
 */
export function keepClientsAlive(pool: pg.Pool, onError: (error: Error) => void): void {
  pool.on('error', onError)
  // Errors of idle clients reach onError through the pool; a checked-out client's error reaches its
  // caller's next query, so this one only keeps the process alive.
  pool.on('connect', (client) => {
    client.on('error', () => {})
  })
}

export function createDatabase(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}
