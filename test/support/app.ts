/**
 * Builds the real app on this file's own database and Redis key prefix; closes it in teardown.
 * Also signs tokens the way the identity stub does.
 */
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { projections } from '../../projections/index.ts'
import { type AppOptions, buildApp } from '../../src/app.ts'
import { type Config, loadConfig } from '../../src/config.ts'
import type { TmdbClientOptions } from '../../src/ingest/tmdb/client.ts'
import type { Role } from '../../src/plugins/auth.ts'
import { rebuildProjection } from '../../src/projector/operations.ts'
import type { Projection } from '../../src/projector/projection.ts'
import { runProjector } from '../../src/projector/run-projector.ts'
import { createReactorServices } from '../../src/runtime/reactor-services.ts'
import { runnable } from '../../src/runtime/registry.ts'
import { createTestDatabase, leasesFor, type TestDatabase } from './database.ts'
import { dropRedisPrefix, testServices } from './services.ts'

type Teardown = { teardown(fn: () => unknown): void }

export type TestApp = {
  app: FastifyInstance
  database: TestDatabase
  config: Config
  /** A signed-in user: a new id (or the given one) and the bearer header to send. */
  user(options?: { userId?: string; role?: Role }): { userId: string; headers: { authorization: string } }
  /** Adds a movie through the API, as an admin, and answers its id: interactions need one. */
  addMovie(details?: { title?: string; year?: number; genres?: string[] }): Promise<string>
  /**
   * Starts the projections in this process; they stop in teardown. With `reactors`, the reactors
   * too (TMDb calls go to config.tmdbBaseUrl; `tmdb` shortens backoff and breaker timings).
   */
  startProjectors(options?: {
    reactors?: boolean
    tmdb?: Partial<TmdbClientOptions>
    /** Only these projections (no reactor): what a file reads, not the twelve. */
    only?: readonly Projection[]
  }): void
  /**
   * A blue-green rebuild of one projection over this app's store and database (as the operators'
   * script runs it), in batches of `batchSize` events: what rebuilt-equals-live checks compare.
   */
  blueGreenRebuild(projection: Projection, batchSize?: number): Promise<'swapped' | 'interrupted'>
}

export async function buildTestApp(
  t: Teardown,
  overrides: Partial<Config> = {},
  database?: TestDatabase,
  options: Omit<AppOptions, 'config'> = {},
): Promise<TestApp> {
  const db = database ?? (await createTestDatabase(t))
  const config: Config = {
    // Services mode on the test servers, whatever of DATABASE_URL/REDIS_URL the shell has set.
    ...loadConfig({
      ...process.env,
      DATABASE_URL: db.url,
      REDIS_URL: testServices.redisUrl,
      EVENTSTORE_URL: '',
      NEXUS_DATA_DIR: '',
    }),
    nodeEnv: 'test',
    logLevel: 'silent',
    redisKeyPrefix: `test:${randomUUID()}:`,
    runProjectors: false,
    // Most tests build an app each: warming every connection (a few hundred statements) is tested apart.
    warmUpConnections: false,
    ...overrides,
  }
  const app = await buildApp(config, {}, options)
  const stop = new AbortController()
  let running: Promise<void> | null = null
  t.teardown(async () => {
    stop.abort()
    await running
    await app.close()
    await dropRedisPrefix(config.redisKeyPrefix)
    // Every error the tests made the app answer must be one its operation documents.
    const undocumented = app.contractCheck.undocumented
    if (undocumented.length > 0) {
      throw new Error(
        `answered errors the OpenAPI document does not list (add them to the route's errorResponses): ${undocumented.join('; ')}`,
      )
    }
  })
  const user: TestApp['user'] = (options = {}) => {
    const userId = options.userId ?? randomUUID()
    const token = app.signAccessToken({ sub: userId, role: options.role ?? 'user' })
    return { userId, headers: { authorization: `Bearer ${token}` } }
  }
  return {
    app,
    database: db,
    config,
    user,
    async addMovie(details = {}) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/movies',
        headers: user({ role: 'admin' }).headers,
        payload: { title: 'Test Movie', year: 2020, genres: ['Drama'], ...details },
      })
      if (response.statusCode !== 201) throw new Error(`adding a movie: ${response.body}`)
      return (response.json() as { id: string }).id
    },
    blueGreenRebuild(projection, batchSize) {
      return rebuildProjection(
        projection,
        {
          store: app.eventStore,
          db: app.db,
          redis: app.projectionRedis,
          logger: { info() {}, warn() {}, error() {} },
          owner: 'test-rebuild',
          acquireLease: leasesFor(t, config.databaseUrl),
        },
        { signal: new AbortController().signal, ...(batchSize === undefined ? {} : { batchSize }) },
      )
    },
    startProjectors(options = {}) {
      if (running) return
      const services = options.reactors
        ? createReactorServices({ config, redis: app.projectionRedis.redis, tmdb: options.tmdb })
        : null
      if (services) t.teardown(() => services.close())
      running = runProjector(options.only ?? (services ? runnable(services) : projections), {
        store: app.eventStore,
        db: app.db,
        redis: app.projectionRedis,
        logger: app.log,
        owner: `test/${process.pid}`,
        acquireLease: leasesFor(t, config.databaseUrl),
        signal: stop.signal,
        standbyRetryMs: 200,
      })
    },
  }
}
