/**
 * Instance-wide stores from the process's runtime (src/runtime/open-runtime.ts): the pg pool, the
 * kysely read-model database over it, embedded mode's PGlite and counters. The server opens the
 * runtime and hands it over (it closes it after the app); an app built without one opens its own
 * with the API's options and closes it last, after every plugin that uses it.
 */
import type { FastifyBaseLogger } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type pg from 'pg'
import type { Config } from '../config.ts'
import type { Database } from '../db/schema.ts'
import type { EventCatalogue } from '../domain/event-catalogue.ts'
import type { EmbeddedRuntime } from '../embedded/runtime.ts'
import { openRuntime, type Runtime, type RuntimeOptions } from '../runtime/open-runtime.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** What the process opened: the pool, the event store, leases, LISTEN, the key-value stores. */
    runtime: Runtime
    pool: pg.Pool
    db: Kysely<Database>
    /** Embedded mode's PGlite and counters; null in services mode. */
    embedded: EmbeddedRuntime | null
  }
}

/**
 * The API's runtime: its connection budget (with or without the projections), Redis failing fast
 * for requests, and warnings through `log` (a function: the server opens the runtime before the app
 * and its logger exist; what fails meanwhile is the migration's business and reaches it as errors).
 */
export function apiRuntimeOptions(
  config: Config,
  log: () => FastifyBaseLogger | null,
  eventCatalogue?: EventCatalogue,
): RuntimeOptions {
  const warn = (message: string, error?: unknown) =>
    log()?.warn(error === undefined ? {} : { err: error }, message)
  return {
    budget: config.runProjectors ? 'apiWithProjectors' : 'api',
    onIdleError: (error) => warn('idle PostgreSQL connection lost', error),
    onListenError: (error) => warn('LISTEN connection lost or refused; polling until it is back', error),
    onSubscriptionError: (error) => warn('event store subscription error, retrying', error),
    failFastRedis: { warn },
    ...(eventCatalogue ? { eventCatalogue } : {}),
  }
}

export default fp(
  async (app, options: { runtime?: Runtime; eventCatalogue?: EventCatalogue }) => {
    let runtime = options.runtime
    if (runtime === undefined) {
      const opened = await openRuntime(
        app.config,
        apiRuntimeOptions(app.config, () => app.log, options.eventCatalogue),
      )
      // Runs after every plugin that uses it has closed (onClose hooks run in reverse order).
      app.addHook('onClose', () => opened.close())
      runtime = opened
    }
    app.decorate('runtime', runtime)
    app.decorate('pool', runtime.pool)
    app.decorate('db', runtime.db)
    app.decorate('embedded', runtime.embedded)
  },
  { name: 'database', dependencies: ['config'] },
)
