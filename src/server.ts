/**
 * Starts Nexus: validates the configuration, migrates the database, serves the API and (unless
 * RUN_PROJECTORS=false) runs the projections in the same process. SIGTERM/SIGINT drain requests,
 * stop the projectors and close every pool.
 */
import { hostname } from 'node:os'
import closeWithGrace from 'close-with-grace'
import { projections } from '../projections/index.ts'
import { buildApp } from './app.ts'
import { loadConfigOrExit, redact } from './config.ts'
import { createDatabase, createPool } from './db/connection.ts'
import { ensureDatabaseExists, migrateToLatest } from './db/migrate.ts'
import { runProjector } from './projection/run-projector.ts'
import { reactors } from './reactors/index.ts'
import { createReactorServices } from './reactors/services.ts'

const config = loadConfigOrExit()

const migrationPool = createPool(config.databaseUrl, { max: 1 })
try {
  await ensureDatabaseExists(config.databaseUrl, (message) => console.log(message))
  await migrateToLatest(createDatabase(migrationPool), (message) => console.log(message))
} catch (error) {
  console.error(`nexus: cannot prepare the database at ${redact(config.databaseUrl)}: ${String(error)}`)
  process.exit(1)
} finally {
  await migrationPool.end()
}

const app = await buildApp(config)
if (config.jwtSecretIsDefault) app.log.warn('JWT_SECRET is not set: using the development secret')

const projectors = new AbortController()
const reactorServices = createReactorServices({ config, redis: app.projectionRedis.redis, logger: app.log })
const projecting = config.runProjectors
  ? runProjector([...projections, ...reactors], {
      store: app.eventStore,
      db: app.db,
      redis: app.projectionRedis,
      reactorServices,
      logger: app.log,
      owner: `${hostname()}/${process.pid}`,
      connectionString: config.databaseUrl,
      signal: projectors.signal,
    }).catch((error: unknown) => app.log.error({ err: error }, 'projector stopped'))
  : Promise.resolve()

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an uncaught error')
  else app.log.info({ signal }, 'shutting down')
  projectors.abort()
  await projecting
  reactorServices.close()
  // Keep-alive sockets of requests that were in flight go idle after their response: close them
  // as they do, or close() would wait for the keep-alive timeout.
  const sweep = setInterval(() => app.server.closeIdleConnections(), 100)
  await app.close()
  clearInterval(sweep)
})

await app.listen({ host: config.host, port: config.port })
app.log.info(
  {
    eventStore: app.eventStore.kind,
    projectors: config.runProjectors ? [...projections, ...reactors].map((p) => p.name) : 'separate process',
  },
  `Nexus API at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/api/v1, docs at /api/docs`,
)
