/**
 * Starts Nexus: validates the configuration, opens the runtime (src/runtime/open-runtime.ts: every
 * connection of the process, within the API's budget), migrates the database, serves the API over
 * that runtime and (unless RUN_PROJECTORS=false) runs the projections in the same process.
 * SIGTERM/SIGINT drain requests, stop the projectors and close the runtime.
 *
 * Without DATABASE_URL, REDIS_URL and EVENTSTORE_URL it runs embedded (src/embedded/): PostgreSQL
 * in the process (PGlite) and in-process counters, kept in NEXUS_DATA_DIR, with demo data loaded on
 * the first start and the demo accounts printed.
 */
import { hostname } from 'node:os'
import closeWithGrace from 'close-with-grace'
import type { FastifyBaseLogger } from 'fastify'
import { buildApp } from './app.ts'
import { type Config, loadConfigOrExit, redact } from './config.ts'
import { ensureDatabaseExists, migrateToLatest, migrateWhenReachable } from './db/migrate.ts'
import { EmbeddedLockedError } from './embedded/runtime.ts'
import { type DemoOutcome, ensureDemoData, ensureDemoModel } from './ingest/demo/demo-data.ts'
import { apiRuntimeOptions } from './plugins/database.ts'
import { isCaughtUp, waitUntilCaughtUp } from './projector/catch-up.ts'
import { runProjector } from './projector/run-projector.ts'
import { openRuntime, type Runtime } from './runtime/open-runtime.ts'
import { createReactorServices } from './runtime/reactor-services.ts'
import { runnable } from './runtime/registry.ts'

const config = loadConfigOrExit()

/**
 * Opens the process's runtime (the one place its connections open, within the API's budget) and
 * migrates, in either mode. The runtime warns through the app's logger once the app exists.
 */
async function prepare(config: Config, log: () => FastifyBaseLogger | null): Promise<Runtime> {
  if (config.databaseUrl === null) {
    const dataDir = config.dataDir ?? '.nexus-data'
    let runtime: Runtime
    try {
      runtime = await openRuntime(config, apiRuntimeOptions(config, log))
    } catch (error) {
      console.error(
        `nexus: ${error instanceof EmbeddedLockedError ? error.message : `cannot open ${dataDir}: ${String(error)}`}`,
      )
      process.exit(1)
    }
    await migrateToLatest(runtime.db, (message) => console.log(message))
    return runtime
  }
  const runtime = await openRuntime(config, apiRuntimeOptions(config, log))
  try {
    await ensureDatabaseExists(config.databaseUrl, (message) => console.log(message))
    // PostgreSQL unreachable (down, restarting): wait for it, as the projector does, rather than exit.
    await migrateWhenReachable(runtime.db, (message) => console.log(message))
  } catch (error) {
    console.error(`nexus: cannot prepare the database at ${redact(config.databaseUrl)}: ${String(error)}`)
    await runtime.close().catch(() => {})
    process.exit(1)
  }
  return runtime
}

let logger: FastifyBaseLogger | null = null
const runtime = await prepare(config, () => logger)
const { embedded } = runtime
const app = await buildApp(config, {}, { runtime })
logger = app.log
if (config.jwtSecretIsDefault) app.log.warn('JWT_SECRET is not set: using the development secret')

const loading = new AbortController()
const projectors = new AbortController()
let projecting: Promise<unknown> = Promise.resolve()
const reactorServices = createReactorServices({
  config,
  redis: runtime.counters().redis,
  logger: app.log,
  embeddedPool: embedded?.pool ?? null,
})

closeWithGrace({ delay: config.shutdownTimeoutMs }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an uncaught error')
  else app.log.info({ signal }, 'shutting down')
  loading.abort()
  projectors.abort()
  await projecting
  reactorServices.close()
  // Keep-alive sockets of requests that were in flight go idle after their response: close them
  // as they do, or close() would wait for the keep-alive timeout.
  const sweep = setInterval(() => app.server.closeIdleConnections(), 100)
  await app.close()
  clearInterval(sweep)
  // The app has closed everything that used the runtime: its leases, LISTEN, Redis and pool go now.
  await runtime.close()
})

// Listen at once: liveness answers from the start, readiness stays false (app.startup) while demo
// data loads and the projections this process runs catch up with the log (issue 14: an embedded
// restart after 64,000 appended events used to be silent for minutes before it listened).
const runs = runnable(reactorServices)
if (config.runProjectors || (embedded && config.demoData)) app.startup.pending = 'starting'
await app.listen({ host: config.host, port: config.port })
const origin = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`
app.log.info(
  {
    mode: config.mode,
    ...(embedded ? { dataDir: embedded.dataDir } : {}),
    eventStore: app.eventStore.kind,
    projectors: config.runProjectors ? runs.map((p) => p.name) : 'separate process',
  },
  `Nexus API at ${origin}/api/v1, docs at ${origin}/api/docs`,
)

/**
 * Waits until every projection this process runs has caught up with the log (true), logging the
 * progress every 5 s (events behind, rate, ETA) and keeping app.startup.pending up to date; false
 * when one stopped on a poison event or the process stops.
 */
async function catchUp(): Promise<boolean> {
  const started = performance.now()
  let last: { at: number; behind: number } | null = null
  let first: number | null = null
  try {
    const { caughtUp, state } = await waitUntilCaughtUp(app.db, app.eventStore, runs, {
      signal: projectors.signal,
      pollMs: 1_000,
      onState: (state) => {
        // The slowest projection's lag: they catch up side by side.
        const behind = Math.max(0, ...state.behind.map((b) => b.events ?? 0))
        if (isCaughtUp(state)) return
        app.startup.pending = `catching up: ${behind} events behind in ${state.behind.length + state.unbuilt.length} projections`
        const now = performance.now()
        if (last !== null && now - last.at < 5_000) return
        first ??= behind
        const rate = last === null ? null : ((last.behind - behind) * 1000) / (now - last.at)
        app.log.info(
          {
            behind,
            projections: state.behind.map((b) => b.name),
            eventsPerSecond: rate === null ? null : Math.round(rate),
            etaSeconds: rate !== null && rate > 0 ? Math.round(behind / rate) : null,
          },
          'projections catching up',
        )
        last = { at: now, behind }
      },
    })
    if (caughtUp) {
      const seconds = (performance.now() - started) / 1000
      app.log.info({ events: first ?? 0, seconds: Number(seconds.toFixed(1)) }, 'projections caught up')
    } else
      app.log.error(
        { stopped: state.stopped },
        'a projection stopped on a poison event (npm run projections -- status); ready without it',
      )
    return caughtUp
  } catch {
    return false
  }
}

// Loaded before the projectors start: on the one embedded connection, appending alongside seven
// projections took 20 s, alone 4 s (the projections then catch up in one go).
let demo: DemoOutcome = { kind: 'skipped' }
if (embedded && config.demoData) {
  app.startup.pending = 'loading demo data'
  try {
    demo = await ensureDemoData({
      store: app.eventStore,
      db: app.db,
      dataDir: embedded.dataDir,
      log: (message) => console.log(message),
      signal: loading.signal,
    })
  } catch (error) {
    // The next start resumes it; the API serves whatever is there meanwhile.
    if (loading.signal.aborted) console.log('demo data: interrupted; the next start resumes it')
    else app.log.error({ err: error }, 'demo data could not be loaded; the next start resumes it')
  }
}
// Ctrl-C while loading: the shutdown above closes everything; start nothing more.
if (loading.signal.aborted) await new Promise(() => {})

// A first start trains on the demo once it is projected: no retrain on part of it before that.
if (embedded && demo.kind !== 'skipped' && !demo.trained) reactorServices.retrainHold.held = true
if (config.runProjectors) {
  projecting = runProjector(runs, {
    store: app.eventStore,
    db: app.db,
    redis: runtime.counters(),
    logger: app.log,
    owner: `${hostname()}/${process.pid}`,
    acquireLease: runtime.acquireLease,
    signal: projectors.signal,
  }).catch((error: unknown) => app.log.error({ err: error }, 'projector stopped'))
}

const projected = performance.now()
const caughtUp = config.runProjectors ? await catchUp() : false
// The first start (or one after a start stopped before it) trains the recommender on the projected
// demo, so the demo account's recommendations are personal from the start.
if (embedded && demo.kind !== 'skipped' && !demo.trained && caughtUp) {
  const projectedIn = (performance.now() - projected) / 1000
  if (demo.kind === 'loaded')
    console.log(
      `demo data: ${demo.movies} movies and ${demo.interactions} interactions appended in ${demo.seconds.toFixed(1)} s, projected in ${projectedIn.toFixed(1)} s`,
    )
  app.startup.pending = 'training the recommender on the demo data'
  try {
    const outcome = await ensureDemoModel({
      db: app.db,
      pool: embedded.pool,
      store: app.eventStore,
      dataDir: embedded.dataDir,
      signal: loading.signal,
    })
    if (outcome)
      console.log(
        `demo data: recommender trained (${outcome.model}) on ${outcome.users} users and ${outcome.items} movies in ${(outcome.durationMs / 1000).toFixed(1)} s`,
      )
  } catch (error) {
    if (loading.signal.aborted) console.log('demo data: training interrupted; the next start trains')
    else app.log.error({ err: error }, 'demo data: training failed; the next start tries again')
  }
}
reactorServices.retrainHold.held = false
if (loading.signal.aborted) await new Promise(() => {})
app.startup.pending = null

if (embedded) {
  const lines = [
    '',
    `Nexus runs embedded: PostgreSQL (PGlite) and counters in this process, data in ${embedded.dataDir}`,
    `  API   ${origin}/api/v1`,
    `  docs  ${origin}/api/docs`,
    `  ready ${origin}/health/ready`,
  ]
  if (demo.kind !== 'skipped') {
    lines.push('  demo accounts (embedded mode only; POST /api/v1/auth/login {"login","password"}):')
    for (const account of demo.accounts) {
      lines.push(`    ${account.role.padEnd(8)} ${account.username.padEnd(8)} password ${account.password}`)
    }
  }
  lines.push('Set DATABASE_URL and REDIS_URL to use PostgreSQL and Redis servers instead.', '')
  console.log(lines.join('\n'))
}
