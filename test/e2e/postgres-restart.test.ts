/**
 * PostgreSQL restarts under load, on a cluster of the test's own (the shared server is never
 * touched): `pg_ctl stop -m immediate` and `-m fast`, a few seconds down, started again. Three
 * processes on it: an API without projectors, an API running the projections, and a projector.
 * None of them exits; during each outage commands answer 503 SERVICE_UNAVAILABLE with Retry-After
 * and readiness is false; after it readiness comes back by itself; at the end every acknowledged
 * registration is in the log exactly once and projected. (npm run soak restarts more often.)
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import t from 'tap'
import { startOwnPostgres } from '../support/own-postgres.ts'
import {
  type ServerProcess,
  startProjector,
  startServer,
  uniqueRedisPrefix,
} from '../support/server-process.ts'

const DOWN_MS = 8_000

// Commits durable as in production: an immediate stop loses what synchronous_commit=off had not written.
const cluster = await startOwnPostgres(t, { synchronous_commit: 'on' })
const url = await cluster.createDatabase('nexus')
const redisKeyPrefix = uniqueRedisPrefix()
// Registrations are the load: lift the per-IP limits of the auth routes for it.
const env = { AUTH_RATE_LIMIT_MAX: '1000000', RATE_LIMIT_MAX: '1000000' }

type Outcome = { status: number; code?: string; retryAfter: string | null; userId?: string }

async function register(base: string): Promise<Outcome> {
  try {
    const response = await fetch(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: `u${randomUUID().replaceAll('-', '').slice(0, 12)}`,
        email: `${randomUUID()}@example.com`,
        password: 'correct horse battery',
      }),
      // Far above what a refused command should take: a hung request fails the test.
      signal: AbortSignal.timeout(30_000),
    })
    const body = (await response.json()) as { userId?: string; error?: { code: string } }
    return {
      status: response.status,
      code: body.error?.code,
      retryAfter: response.headers.get('retry-after'),
      userId: body.userId,
    }
  } catch (error) {
    return { status: 0, code: String(error), retryAfter: null }
  }
}

async function ready(server: ServerProcess): Promise<boolean> {
  return fetch(`${server.base}/health/ready`, { signal: AbortSignal.timeout(10_000) }).then(
    (r) => r.ok,
    () => false,
  )
}

async function live(server: ServerProcess): Promise<boolean> {
  return fetch(`${server.base}/health/live`, { signal: AbortSignal.timeout(10_000) }).then(
    (r) => r.ok,
    () => false,
  )
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await condition()) return true
    await sleep(100)
  }
  return false
}

t.test('API, API with projectors and projector ride out PostgreSQL restarts', async (t) => {
  const admin = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url, application_name: 'test-admin' })
    client.on('error', () => {})
    await client.connect()
    try {
      return (await client.query<T>(text, values)).rows
    } finally {
      await client.end()
    }
  }

  // The first API migrates the new database; the second and the projector then start side by side.
  const api = await startServer(t, {
    databaseUrl: url,
    redisKeyPrefix,
    env: { ...env, RUN_PROJECTORS: 'false' },
  })
  const projector = startProjector(t, { databaseUrl: url, redisKeyPrefix })
  const apiWithProjectors = await startServer(t, { databaseUrl: url, redisKeyPrefix, env })
  const apis = [api, apiWithProjectors]
  // The projector is up (past its migrations) once it tries for leases on its lease session.
  t.ok(
    await waitFor(
      async () =>
        (
          await admin(
            "SELECT 1 FROM pg_stat_activity WHERE application_name = 'nexus-projector/lease'",
          ).catch(() => [])
        ).length > 0,
      60_000,
    ),
    'the projector runs',
  )

  // A steady trickle of registrations on both APIs for the whole test.
  const outcomes: Outcome[] = []
  let loading = true
  const load = apis.map(async (server) => {
    while (loading) {
      outcomes.push(await register(server.base))
      await sleep(200)
    }
  })

  for (const mode of ['immediate', 'fast', 'immediate'] as const) {
    await t.test(`pg_ctl stop -m ${mode}, ${DOWN_MS / 1000} s down`, async (t) => {
      const before = outcomes.length
      await cluster.halt(mode)
      const haltedAt = Date.now()
      t.ok(
        await waitFor(async () => !(await ready(api)) && !(await ready(apiWithProjectors)), 10_000),
        'readiness turns false on both APIs',
      )
      for (const server of apis) {
        t.ok(await live(server), 'liveness stays true')
        const during = await register(server.base)
        t.equal(during.status, 503, `a command during the outage answers 503 (${during.code})`)
        t.equal(during.code, 'SERVICE_UNAVAILABLE', 'with its code')
        t.ok(during.retryAfter, `and Retry-After: ${during.retryAfter}`)
      }
      await sleep(Math.max(0, DOWN_MS - (Date.now() - haltedAt)))
      await cluster.start()
      const back = Date.now()
      // The promise (issue 14): ready again by itself within 5 s of PostgreSQL's return.
      const readyAgain = await Promise.all(apis.map((server) => waitFor(() => ready(server), 5_000)))
      const recoveredIn = (Date.now() - back) / 1000
      t.ok(
        readyAgain.every(Boolean),
        `readiness true again by itself on both, ${recoveredIn.toFixed(1)} s after PostgreSQL came back`,
      )
      for (const [name, child] of [
        ['API', api],
        ['API with projectors', apiWithProjectors],
      ] as const)
        t.ok(await live(child), `${name} still runs`)
      if (!t.equal(projector.child.exitCode, null, 'the projector still runs'))
        t.comment(projector.output().slice(-3000))

      // Commands are accepted and projected again.
      let userId: string | undefined
      await waitFor(async () => {
        userId = (await register(api.base)).userId
        return userId !== undefined
      }, 30_000)
      t.ok(userId, 'a command is accepted again')
      t.ok(
        await waitFor(
          async () =>
            (await admin('SELECT 1 FROM users WHERE id = $1', [userId]).catch(() => [])).length === 1,
          60_000,
        ),
        'and projected',
      )
      const during = outcomes.slice(before)
      const statuses = Object.entries(
        Object.groupBy(during, (o) => String(o.status === 503 ? `503 ${o.code}` : o.status)),
      ).map(([status, list]) => `${status}: ${list?.length}`)
      t.comment(`load during this cycle: ${statuses.join(', ')}`)
      t.notOk(
        during.some((o) => o.status === 0 || (o.status >= 500 && o.status !== 503)),
        'no request hung or failed with another 5xx',
      )
      t.ok(
        during.filter((o) => o.status === 503).every((o) => o.code === 'SERVICE_UNAVAILABLE' && o.retryAfter),
        'every 503 carries its code and Retry-After',
      )
    })
  }

  loading = false
  await Promise.all(load)
  const acknowledged = outcomes.flatMap((o) => (o.status === 201 && o.userId ? [o.userId] : []))
  t.ok(acknowledged.length > 0, `${acknowledged.length} registrations acknowledged of ${outcomes.length}`)
  const counts = await admin<{ stream_id: string; n: string }>(
    `SELECT stream_id, count(*) AS n FROM events
     WHERE stream_id = ANY($1) AND type = 'UserRegistered' GROUP BY stream_id`,
    [acknowledged.map((id) => `user-${id}`)],
  )
  t.equal(counts.length, acknowledged.length, 'every acknowledged registration is in the log')
  t.ok(
    counts.every((row) => Number(row.n) === 1),
    'each exactly once',
  )
  t.ok(
    await waitFor(async () => {
      const [row] = await admin<{ n: string }>('SELECT count(*) AS n FROM users WHERE id = ANY($1)', [
        acknowledged,
      ])
      return Number(row?.n) === acknowledged.length
    }, 60_000),
    'and every one is projected',
  )
  t.equal(projector.child.exitCode, null, 'the projector never exited')
  if (!t.equal(await projector.stop(), 0, 'the projector stops cleanly'))
    t.comment(projector.output().slice(-3000))
  t.equal(await api.stop(), 0, 'the API stops cleanly')
  t.equal(await apiWithProjectors.stop(), 0, 'the API with projectors stops cleanly')
})
