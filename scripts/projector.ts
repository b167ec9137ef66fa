/**
 * `npm run projector [-- --only name,...] [--until-caught-up]`: runs the projections in their own
 * process (the docker-compose shape; `npm start` runs them inside the API instead). A second
 * projector is a hot standby: it takes over a projection within seconds of the first one dying.
 * Ctrl-C stops cleanly; every projection resumes from its checkpoint on the next start.
 * --until-caught-up (for scripts and CI, e.g. after an import): exits 0 once no projection lags
 * behind the head of the log (whichever process runs them), with progress on stderr; 1 when one
 * stopped on a poison event.
 */
import { hostname } from 'node:os'
import pino from 'pino'
import { createProgram, parseProgram, usageError } from '../src/cli/command.ts'
import { createProgress, type Progress } from '../src/cli/progress.ts'
import { loadConfigOrExit } from '../src/config.ts'
import { migrateWhenReachable } from '../src/db/migrate.ts'
import { errorSerializers } from '../src/errors.ts'
import { waitUntilCaughtUp } from '../src/projector/catch-up.ts'
import { runProjector } from '../src/projector/run-projector.ts'
import { openRuntime } from '../src/runtime/open-runtime.ts'
import { createReactorServices } from '../src/runtime/reactor-services.ts'
import { registered, runnable } from '../src/runtime/registry.ts'

const program = createProgram(
  'projector',
  'Runs the projections and reactors in their own process (the docker-compose shape; `npm start` ' +
    'runs them inside the API instead). A second projector is a hot standby. Without ' +
    '--until-caught-up it runs until Ctrl-C or SIGTERM; every projection resumes from its checkpoint.',
  [
    'npm run projector',
    'npm run projector -- --only user_ratings,movies',
    'npm run projector -- --until-caught-up',
  ],
)
  .usage('[--only <name,...>] [--until-caught-up]')
  .option('--only <names>', 'run only these projections and reactors (comma-separated)')
  .option(
    '--until-caught-up',
    'exit 0 once none lags behind the head of the log (progress on stderr); exit 1 if one stops on a poison event',
    false,
  )
parseProgram(program)
const values = program.opts<{ only?: string; untilCaughtUp: boolean }>()
const config = loadConfigOrExit()
if (config.mode === 'embedded') {
  console.error(
    'projector: in embedded mode `npm start` runs the projections in its own process (set DATABASE_URL and REDIS_URL to run them apart)',
  )
  process.exit(2)
}
const logger = pino({
  level: config.logLevel,
  base: { process: 'projector', pid: process.pid },
  serializers: errorSerializers,
})

// Reactors run here too: they are projections that cause work (imports) instead of read models.
const only = values.only?.split(',').map((name) => name.trim())
const unknown = only?.filter((name) => !registered.some((p) => p.name === name)) ?? []
if (unknown.length > 0) {
  usageError(
    program,
    `unknown projection ${unknown.join(', ')}; known: ${registered.map((p) => p.name).join(', ')}`,
  )
}

// The budget of a projector (CONNECTION_BUDGET.projector), whatever the number of projections:
// the pool, one LISTEN connection for every subscription, one session for every lease.
const owner = `${hostname()}/${process.pid}`
const runtime = await openRuntime(config, {
  budget: 'projector',
  onIdleError: (error) => logger.warn({ err: error }, 'idle PostgreSQL connection lost'),
  onListenError: (error) =>
    logger.warn({ err: error }, 'LISTEN connection lost or refused; polling until it is back'),
  onSubscriptionError: (error) => logger.warn({ err: error }, 'subscription error, retrying'),
  onRedisError: (error) => logger.warn({ err: error }, 'Redis unavailable, reconnecting'),
})
const { db, store } = runtime

// Stopping is bounded (SHUTDOWN_TIMEOUT_MS): whatever PostgreSQL and Redis do meanwhile, the process
// is gone by then (exit code 1 when closing did not finish).
const stop = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'stopping projector')
    stop.abort()
    setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'projector did not stop in time, exiting')
      process.exit(1)
    }, config.shutdownTimeoutMs).unref()
  })
}

// PostgreSQL unreachable at start (down, restarting): wait for it rather than exit.
try {
  await migrateWhenReachable(db, (message) => logger.info(message), stop.signal)
} catch (error) {
  if (!stop.signal.aborted) throw error
  await runtime.close().catch(() => {})
  process.exit(130)
}
const counters = runtime.counters()
const reactorServices = createReactorServices({ config, redis: counters.redis, logger })
const selected = runnable(reactorServices).filter((p) => !only || only.includes(p.name))

logger.info({ projections: selected.map((p) => p.name), eventStore: store.kind }, 'projector started')
let code = 0
const running = new AbortController()
if (values.untilCaughtUp) {
  // Watches the registry while this process (or another projector) runs them.
  let bar: Progress | null = null
  let first: number | null = null
  void waitUntilCaughtUp(db, store, selected, {
    signal: stop.signal,
    onState: (state) => {
      const lag = state.behind.reduce((sum, b) => sum + (b.events ?? 0), 0)
      if (state.behind.length === 0) return
      first ??= lag
      if (lag > first) {
        first = lag
        bar?.setTotal(first)
      }
      bar ??= createProgress(`catching up (${state.behind.length} behind)`, first, 0)
      bar.update(first - lag)
    },
  }).then(
    ({ caughtUp, state }) => {
      ;(bar as Progress | null)?.stop()
      if (caughtUp) console.error(`projector: caught up: ${selected.length} projections, no lag`)
      else {
        console.error(
          `projector: stopped on a poison event: ${state.stopped.join(', ')} (npm run projections -- status)`,
        )
        code = 1
      }
      running.abort()
    },
    () => running.abort(),
  )
}
try {
  await runProjector(selected, {
    store,
    db,
    redis: counters,
    logger,
    owner,
    acquireLease: runtime.acquireLease,
    signal: AbortSignal.any([stop.signal, running.signal]),
  })
} finally {
  reactorServices.close()
  await runtime.close()
}
if (values.untilCaughtUp) process.exit(stop.signal.aborted ? 130 : code)
