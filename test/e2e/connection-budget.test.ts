/**
 * The PostgreSQL connection budget of each kind of process (CONNECTION_BUDGET, docs/operations.md),
 * counted in pg_stat_activity by application_name while the processes work under load: the API
 * alone <= 12, the API running the projections <= 16, the projector <= 8, a script <= 4, whatever
 * the number of projections (every lease on one session, every subscription on one LISTEN).
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { projections } from '../../projections/index.ts'
import { CONNECTION_BUDGET } from '../../src/db/connection.ts'
import { finished } from '../support/child-process.ts'
import { createTestDatabase } from '../support/database.ts'
import { startProjector, startServer, uniqueRedisPrefix } from '../support/server-process.ts'
import { testServices } from '../support/services.ts'

const database = await createTestDatabase(t)
const redisKeyPrefix = uniqueRedisPrefix()
const limits = { RATE_LIMIT_MAX: '1000000', AUTH_RATE_LIMIT_MAX: '1000000' }

type Kind = 'api' | 'projector' | 'script'
const kindOf = (applicationName: string): Kind | null =>
  applicationName.startsWith('nexus-api')
    ? 'api'
    : applicationName.startsWith('nexus-projector') || applicationName === 'nexus-retrain'
      ? 'projector'
      : applicationName.startsWith('nexus-projections')
        ? 'script'
        : null

/** Counts the connections of each kind every 25 ms until stopped; answers the highest counts seen. */
function sampleConnections() {
  const highest: Record<Kind, number> = { api: 0, projector: 0, script: 0 }
  const names = new Map<string, number>()
  let running = true
  const done = (async () => {
    while (running) {
      const { rows } = await database.pool.query<{ application_name: string; n: string }>(
        `SELECT application_name, count(*) AS n FROM pg_stat_activity
         WHERE datname = $1 AND pid <> pg_backend_pid() GROUP BY application_name`,
        [database.name],
      )
      const now: Record<Kind, number> = { api: 0, projector: 0, script: 0 }
      for (const row of rows) {
        const kind = kindOf(row.application_name)
        if (kind) now[kind] += Number(row.n)
        names.set(row.application_name, Math.max(names.get(row.application_name) ?? 0, Number(row.n)))
      }
      for (const kind of Object.keys(now) as Kind[]) highest[kind] = Math.max(highest[kind], now[kind])
      await sleep(25)
    }
  })()
  return {
    async stop() {
      running = false
      await done
      return { highest, names: Object.fromEntries(names) }
    },
  }
}

const WORKERS = 40
const REQUESTS_PER_WORKER = 8

/**
 * Concurrent reads and registrations (event store appends, projections at work): WORKERS clients
 * sending REQUESTS_PER_WORKER requests each. Answers how many were answered below 500.
 */
async function load(base: string): Promise<number> {
  let answered = 0
  const worker = async (i: number) => {
    for (let n = 0; n < REQUESTS_PER_WORKER; n++) {
      const response =
        i % 5 === 0
          ? await fetch(`${base}/api/v1/auth/register`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                username: `u${randomUUID().slice(0, 12).replaceAll('-', '')}`,
                email: `${randomUUID()}@example.com`,
                password: 'correct horse battery',
              }),
            })
          : await fetch(
              `${base}${['/api/v1/movies?limit=5', '/api/v1/genres', '/api/v1/movies/trending?window=week', '/health/ready'][i % 4]}`,
            )
      await response.arrayBuffer()
      if (response.status < 500) answered++
    }
  }
  await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(i)))
  return answered
}

async function untilHolding(name: string, leases: number): Promise<void> {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    const { rows } = await database.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM projection_leases WHERE owner LIKE $1`,
      [`%/${name}`],
    )
    if (Number(rows[0]?.n) >= leases) return
    await sleep(100)
  }
  throw new Error(`no process took ${leases} leases`)
}

t.test('the API and a projector apart (the docker-compose shape) stay within 12 and 8', async (t) => {
  const api = await startServer(t, {
    databaseUrl: database.url,
    redisKeyPrefix,
    env: { ...limits, RUN_PROJECTORS: 'false' },
  })
  const projector = startProjector(t, { databaseUrl: database.url, redisKeyPrefix })
  await untilHolding(String(projector.child.pid), projections.length)
  const sampler = sampleConnections()
  const answered = await load(api.base)
  await sleep(500)
  const { highest, names } = await sampler.stop()
  t.equal(answered, WORKERS * REQUESTS_PER_WORKER, 'every request answered without a 5xx')
  t.comment(`highest counts: ${JSON.stringify(highest)}, by name: ${JSON.stringify(names)}`)
  t.ok(highest.api > 0 && highest.projector > 0, 'both were counted')
  t.ok(highest.api <= CONNECTION_BUDGET.api.limit, `API alone: ${highest.api} <= 12`)
  t.ok(highest.projector <= CONNECTION_BUDGET.projector.limit, `projector: ${highest.projector} <= 8`)
  t.equal(names['nexus-projector/lease'], 1, 'every lease of the projector on one session')
  t.equal(names['nexus-projector/listen'], 1, 'every subscription of the projector on one LISTEN connection')
  t.equal(await projector.stop(), 0, 'the projector stops cleanly')
  t.equal(await api.stop(), 0)
})

t.test('the API running the projections stays within 16, and a script within 4', async (t) => {
  const api = await startServer(t, { databaseUrl: database.url, redisKeyPrefix, env: limits })
  const sampler = sampleConnections()
  const loading = load(api.base)
  // An operator's script meanwhile: a blue-green rebuild (leases, a subscription, its pool).
  const script = spawn(process.execPath, ['scripts/projections.ts', 'rebuild', 'users'], {
    cwd: new URL('../..', import.meta.url),
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL: testServices.redisUrl,
      REDIS_KEY_PREFIX: redisKeyPrefix,
      EVENTSTORE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const rebuilt = await finished(script)
  const answered = await loading
  await sleep(500)
  const { highest, names } = await sampler.stop()
  t.equal(rebuilt.code, 0, `the rebuild ran: ${rebuilt.stderr.slice(-300)}`)
  t.equal(answered, WORKERS * REQUESTS_PER_WORKER, 'every request answered without a 5xx')
  t.comment(`highest counts: ${JSON.stringify(highest)}, by name: ${JSON.stringify(names)}`)
  t.ok(highest.api > 0 && highest.script > 0, 'both were counted')
  t.ok(highest.api <= CONNECTION_BUDGET.apiWithProjectors.limit, `API with projectors: ${highest.api} <= 16`)
  t.ok(highest.script <= CONNECTION_BUDGET.script.limit, `script: ${highest.script} <= 4`)
  t.equal(names['nexus-api/lease'], 1, 'every lease of the API on one session')
  t.equal(names['nexus-api/listen'], 1, 'subscriptions and ETag positions on one LISTEN connection')
  t.equal(await api.stop(), 0)
})
