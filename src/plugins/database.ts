/**
 * Instance-wide PostgreSQL: the pg pool and the kysely read-model database over it. In embedded mode
 * the pool is PGlite's (src/embedded/runtime.ts), shared with the rest of the process.
 */
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type pg from 'pg'
import { createDatabase, createPool } from '../db/connection.ts'
import type { Database } from '../db/schema.ts'
import { type EmbeddedRuntime, openEmbedded } from '../embedded/runtime.ts'

declare module 'fastify' {
  interface FastifyInstance {
    pool: pg.Pool
    db: Kysely<Database>
    /** Embedded mode's PGlite and counters; null in services mode. */
    embedded: EmbeddedRuntime | null
  }
}

export default fp(
  async (app) => {
    const { databaseUrl, dataDir } = app.config
    const embedded = databaseUrl === null && dataDir !== null ? await openEmbedded(dataDir) : null
    const pool =
      embedded?.pool ??
      createPool(databaseUrl ?? '', {
        onIdleError: (error) => app.log.warn({ err: error }, 'idle PostgreSQL connection lost'),
      })
    const db = createDatabase(pool)
    app.decorate('pool', pool)
    app.decorate('db', db)
    app.decorate('embedded', embedded)
    // Runs after every plugin that uses the pool has closed (onClose hooks run in reverse order).
    app.addHook('onClose', async () => {
      await db.destroy()
      await embedded?.release()
    })
  },
  { name: 'database', dependencies: ['config'] },
)
