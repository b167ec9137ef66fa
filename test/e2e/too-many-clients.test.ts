/**
 * A "too many clients" episode on a PostgreSQL cluster of the test's own (max_connections 40): the
 * API and a projector lose every connection, the slots are taken by others for a while, then freed.
 * Within 30 s both are back within their connection budget, holding one lease session and one
 * LISTEN connection each, and a command is projected again. The shared server is never touched.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import t from 'tap'
import { CONNECTION_BUDGET } from '../../src/db/connection.ts'
import { startOwnPostgres } from '../support/own-postgres.ts'
import { startProjector, startServer, uniqueRedisPrefix } from '../support/server-process.ts'

const cluster = await startOwnPostgres(t, { max_connections: 40, superuser_reserved_connections: 0 })
const url = await cluster.createDatabase('nexus')
const redisKeyPrefix = uniqueRedisPrefix()
const admin = new pg.Client({ connectionString: url, application_name: 'test-admin' })
await admin.connect()
t.teardown(() => admin.end().catch(() => {}))

async function countsByKind(): Promise<{ api: number; projector: number; names: Record<string, number> }> {
  const { rows } = await admin.query<{ application_name: string; n: string }>(
    `SELECT application_name, count(*) AS n FROM pg_stat_activity
     WHERE datname = 'nexus' AND application_name LIKE 'nexus-%' GROUP BY application_name`,
  )
  const names = Object.fromEntries(rows.map((row) => [row.application_name, Number(row.n)]))
  const sum = (prefix: string) =>
    rows.filter((row) => row.application_name.startsWith(prefix)).reduce((n, row) => n + Number(row.n), 0)
  return { api: sum('nexus-api'), projector: sum('nexus-projector'), names }
}

/** Opens connections until the cluster refuses one with "too many clients"; answers them. */
async function fillUp(): Promise<pg.Client[]> {
  const fillers: pg.Client[] = []
  for (;;) {
    const client = new pg.Client({ connectionString: url, application_name: 'test-filler' })
    client.on('error', () => {})
    try {
      await client.connect()
      fillers.push(client)
    } catch (error) {
      if ((error as { code?: string }).code === '53300') return fillers
      throw error
    }
  }
}

async function register(base: string): Promise<Response> {
  return fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: `u${randomUUID().replaceAll('-', '').slice(0, 12)}`,
      email: `${randomUUID()}@example.com`,
      password: 'correct horse battery',
    }),
  })
}

t.test('after a "too many clients" episode both processes are back within budget in 30 s', async (t) => {
  const api = await startServer(t, { databaseUrl: url, redisKeyPrefix, env: { RUN_PROJECTORS: 'false' } })
  const projector = startProjector(t, { databaseUrl: url, redisKeyPrefix })
  const deadline = Date.now() + 120_000
  while ((await countsByKind()).names['nexus-projector/lease'] !== 1 && Date.now() < deadline)
    await sleep(100)
  t.equal((await countsByKind()).names['nexus-projector/lease'], 1, 'the projector holds its leases')

  // The episode: every connection of both processes killed, the freed slots taken by others.
  const fillers = await fillUp()
  await admin.query(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'nexus' AND application_name LIKE 'nexus-%'",
  )
  fillers.push(...(await fillUp()))
  t.ok(fillers.length > 20, `${fillers.length} connections taken by others`)
  const during = await register(api.base)
  t.not(during.status, 201, `a command during the episode is refused (${during.status})`)
  await sleep(3_000)
  const squeezed = await countsByKind()
  t.comment(`during the episode: ${JSON.stringify(squeezed.names)}`)

  await Promise.all(fillers.map((client) => client.end().catch(() => {})))
  const freedAt = Date.now()

  // Back to work: a registration is appended and projected (the users read model has it).
  let userId: string | null = null
  while (userId === null && Date.now() - freedAt < 30_000) {
    const response = await register(api.base)
    if (response.status === 201) userId = ((await response.json()) as { userId: string }).userId
    else await sleep(500)
  }
  t.ok(userId, 'a command is accepted again')
  let projected = false
  while (!projected && Date.now() - freedAt < 30_000) {
    const { rows } = await admin
      .query('SELECT 1 FROM users WHERE id = $1', [userId])
      .catch(() => ({ rows: [] }))
    projected = rows.length === 1
    if (!projected) await sleep(250)
  }
  t.ok(projected, 'and projected by the projector')
  const recoveredIn = (Date.now() - freedAt) / 1000
  t.ok(recoveredIn < 30, `recovered ${recoveredIn.toFixed(1)} s after the slots were freed`)

  // Within budget from then on (sampled for a few seconds), one lease session and one LISTEN each.
  let highest = { api: 0, projector: 0 }
  let names: Record<string, number> = {}
  for (let i = 0; i < 20; i++) {
    const now = await countsByKind()
    highest = { api: Math.max(highest.api, now.api), projector: Math.max(highest.projector, now.projector) }
    names = now.names
    await sleep(100)
  }
  t.comment(`after: ${JSON.stringify(names)}`)
  t.ok(highest.api <= CONNECTION_BUDGET.api.limit, `API ${highest.api} <= 12`)
  t.ok(highest.projector <= CONNECTION_BUDGET.projector.limit, `projector ${highest.projector} <= 8`)
  t.equal(names['nexus-projector/lease'], 1, 'one lease session')
  t.equal(names['nexus-projector/listen'], 1, 'one LISTEN connection (projector)')
  t.equal(names['nexus-api/listen'], 1, 'one LISTEN connection (API)')
  t.equal(projector.child.exitCode, null, 'the projector never exited')
  t.equal(await projector.stop(), 0)
  t.equal(await api.stop(), 0, 'the API never exited and stops cleanly')
})
