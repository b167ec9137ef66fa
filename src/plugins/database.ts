/**
 * Instance-wide PostgreSQL: the pg pool, the kysely read-model database over it, and the process's
 * one LISTEN connection (event store subscriptions and ETag positions share it). In embedded mode
 * the pool is PGlite's (src/embedded/runtime.ts), shared with the rest of the process.
 */
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type pg from 'pg'
import { CONNECTION_BUDGET, createDatabase, createPool } from '../db/connection.ts'
import { PostgresNotifications } from '../db/postgres-notifications.ts'
import type { Database } from '../db/schema.ts'
import { type EmbeddedRuntime, openEmbedded } from '../embedded/runtime.ts'

declare module 'fastify' {
  interface FastifyInstance {
    pool: pg.Pool
    db: Kysely<Database>
    /** Embedded mode's PGlite and counters; null in services mode. */
    embedded: EmbeddedRuntime | null
    /** The process's LISTEN connection (services mode; null embedded, where PGlite notifies in-process). */
    notifications: PostgresNotifications | null
  }
}

export default fp(
  async (app) => {
    const { databaseUrl, dataDir } = app.config
    const embedded = databaseUrl === null && dataDir !== null ? await openEmbedded(dataDir) : null
    const kind = app.config.runProjectors ? CONNECTION_BUDGET.apiWithProjectors : CONNECTION_BUDGET.api
    const pool =
      embedded?.pool ??
      createPool(databaseUrl ?? '', {
        max: kind.pool,
        applicationName: kind.name,
        onIdleError: (error) => app.log.warn({ err: error }, 'idle PostgreSQL connection lost'),
      })
    const notifications =
      embedded || databaseUrl === null
        ? null
        : new PostgresNotifications(databaseUrl, {
            applicationName: `${kind.name}/listen`,
            onError: (error) =>
              app.log.warn({ err: error }, 'LISTEN connection lost or refused; polling until it is back'),
          })
    const db = createDatabase(pool)
    app.decorate('pool', pool)
    app.decorate('db', db)
    app.decorate('embedded', embedded)
    app.decorate('notifications', notifications)
    // Runs after every plugin that uses the pool has closed (onClose hooks run in reverse order).
    app.addHook('onClose', async () => {
      await notifications?.close()
      await db.destroy()
      await embedded?.release()
    })
  },
  { name: 'database', dependencies: ['config'] },
)
