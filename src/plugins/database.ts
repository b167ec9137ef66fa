/** Instance-wide PostgreSQL: the pg pool and the kysely read-model database over it. */
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type pg from 'pg'
import { createDatabase, createPool } from '../db/connection.ts'
import type { Database } from '../db/schema.ts'

declare module 'fastify' {
  interface FastifyInstance {
    pool: pg.Pool
    db: Kysely<Database>
  }
}

export default fp(
  async (app) => {
    const pool = createPool(app.config.databaseUrl, {
      onIdleError: (error) => app.log.warn({ err: error }, 'idle PostgreSQL connection lost'),
    })
    const db = createDatabase(pool)
    app.decorate('pool', pool)
    app.decorate('db', db)
    // Runs after every plugin that uses the pool has closed (onClose hooks run in reverse order).
    app.addHook('onClose', async () => {
      await db.destroy()
    })
  },
  { name: 'database', dependencies: ['config'] },
)
