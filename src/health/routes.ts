/**
 * /health/live (the process answers) and /health/ready (PostgreSQL, Redis and the event store answer,
 * and the start-up work is done). The API listens as soon as it starts (src/server.ts): while it
 * loads demo data or its projections catch up with the log, liveness is true and readiness false.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'
import { Type } from 'typebox'

/** Start-up work still under way, e.g. "catching up: 12000 events behind"; null once done. */
export type Startup = { pending: string | null }

declare module 'fastify' {
  interface FastifyInstance {
    /** What start-up still does (src/server.ts sets it); readiness is false while it is pending. */
    startup: Startup
  }
}

const CHECK_TIMEOUT_MS = 2_000

const Check = Type.Object({
  status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  error: Type.Optional(Type.String()),
})
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  mode: Type.Union([Type.Literal('embedded'), Type.Literal('services')], {
    description:
      'embedded: PostgreSQL (PGlite) and the counters run in this process, kept in NEXUS_DATA_DIR; services: DATABASE_URL, REDIS_URL (and EVENTSTORE_URL)',
  }),
  eventStore: Type.String({ description: 'postgres or eventstoredb' }),
  checks: Type.Object(
    {
      postgres: Check,
      redis: Check,
      eventStore: Check,
      startup: Type.Optional(Check),
    },
    {
      description:
        'In embedded mode `postgres` is PGlite and `redis` the in-process counters. `startup` is there while start-up work (demo data, projections catching up with the log) is pending.',
    },
  ),
})

async function probe(check: () => Promise<unknown>): Promise<{ status: 'up' | 'down'; error?: string }> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        )
      }),
    ])
    return { status: 'up' }
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) }
  } finally {
    clearTimeout(timer)
  }
}

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health/live',
    {
      // Left out of the OpenAPI document, which is the contract of /api/v1 for clients: probes are
      // for orchestrators (README, Operations), and readiness answers its own body, not the error one.
      schema: {
        hide: true,
        summary: 'Liveness',
        description: 'Answers 200 while the process can serve HTTP. It checks no dependency.',
        response: { 200: Type.Object({ status: Type.Literal('ok') }, { examples: [{ status: 'ok' }] }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/health/ready',
    {
      schema: {
        hide: true,
        summary: 'Readiness',
        description:
          'Answers 200 when PostgreSQL, Redis and the event store all answer and start-up work is done, 503 otherwise.',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const [postgres, redis, eventStore] = await Promise.all([
        probe(() => sql`SELECT 1`.execute(app.db)),
        probe(() => app.keyValue.ping()),
        probe(() => app.eventStore.ping()),
      ])
      const pending = app.startup.pending
      const ready =
        postgres.status === 'up' && redis.status === 'up' && eventStore.status === 'up' && pending === null
      if (!ready) reply.header('retry-after', '5')
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'unavailable',
        mode: app.config.mode,
        eventStore: app.eventStore.kind,
        checks: {
          postgres,
          redis,
          eventStore,
          ...(pending === null ? {} : { startup: { status: 'down' as const, error: pending } }),
        },
      })
    },
  )
}

export default healthRoutes
