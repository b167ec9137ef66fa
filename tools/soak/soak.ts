/**
 * `npm run soak -- [--duration 150] [--workers 4] [--down 8]`: the API and a projector on a
 * PostgreSQL cluster and a redis-server of their own (free ports, a temporary directory), under a
 * bounded steady mixed load (registrations, ratings, catalogue and trending reads) while a fault
 * script restarts their PostgreSQL (immediate and fast) and Redis several times and wipes Redis
 * once (FLUSHALL). Then it prints what held: requests by status, commands acknowledged vs their
 * events in the log (must match), every read model vs a clean rebuild (must be identical), the
 * longest recovery, connections per process, and whether the processes ever exited.
 * Exit code 0 when everything held, 1 otherwise. Needs initdb, pg_ctl and redis-server on PATH.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import Fastify from 'fastify'
import { Redis } from 'ioredis'
import { sql } from 'kysely'
import pg from 'pg'
import { projections as readModels } from '../../projections/index.ts'
import { createProgram, integerValue, parseProgram } from '../../src/cli/command.ts'
import { loadConfig } from '../../src/config.ts'
import { createDatabase, createPool } from '../../src/db/connection.ts'
import { PostgresLeases } from '../../src/db/postgres-leases.ts'
import { interactionStream } from '../../src/domain/interaction/interaction.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { RedisKeyValue } from '../../src/key-value/redis.ts'
import auth from '../../src/plugins/auth.ts'
import configPlugin from '../../src/plugins/config.ts'
import { catchUpState, isCaughtUp } from '../../src/projector/catch-up.ts'
import { activeGeneration, activeGenerationKey } from '../../src/projector/generations.ts'
import { rebuildProjections } from '../../src/projector/operations.ts'
import { generationKeyPrefix, generationSchema } from '../../src/projector/projection.ts'
import { API_NODE_FLAGS } from '../../src/runtime/api-node-flags.ts'
import { idempotentEventId } from '../../src/write/handle-command.ts'

const program = createProgram(
  'soak',
  'Runs the API and a projector on their own PostgreSQL and Redis under a steady mixed load while ' +
    'a fault script restarts PostgreSQL and Redis and wipes Redis once; prints what held.',
  ['npm run soak', 'npm run soak -- --duration 180 --workers 6', 'npm run soak -- --pg-restarts 4 --down 20'],
)
  .option('--duration <seconds>', 'how long the load runs', '150')
  .option('--workers <n>', 'concurrent clients of the load', '4')
  .option('--pg-restarts <n>', 'PostgreSQL restarts (alternating -m immediate and -m fast)', '3')
  .option('--redis-restarts <n>', 'Redis restarts (its data kept on disk), besides the one FLUSHALL', '2')
  .option('--down <seconds>', 'how long each restart keeps the server down', '8')
  .option('--keep', 'keep the temporary directory (server logs) instead of removing it')
parseProgram(program)
const raw = program.opts<{
  duration: string
  workers: string
  pgRestarts: string
  redisRestarts: string
  down: string
  keep?: boolean
}>()
const options = {
  durationMs: integerValue(program, 'duration', raw.duration, 20, 3_600) * 1000,
  workers: integerValue(program, 'workers', raw.workers, 1, 64),
  pgRestarts: integerValue(program, 'pg-restarts', raw.pgRestarts, 0, 50),
  redisRestarts: integerValue(program, 'redis-restarts', raw.redisRestarts, 0, 50),
  downMs: integerValue(program, 'down', raw.down, 1, 120) * 1000,
  keep: raw.keep === true,
}

const run = promisify(execFile)
const root = new URL('../..', import.meta.url)
const say = (message: string) => process.stderr.write(`soak: ${message}\n`)
const started = Date.now()
const clock = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s`

async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  return typeof address === 'object' && address ? address.port : 0
}

// --- Servers of its own ---------------------------------------------------------------------

const dir = await mkdtemp(join(tmpdir(), 'nexus-soak-'))
const asRoot = process.getuid?.() === 0

/** initdb and postgres refuse root: run as the postgres user then. */
async function asOwner(command: string, args: string[]): Promise<void> {
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', command, ...args])
  else await run(command, args)
}

const pgData = join(dir, 'pg')
const pgPort = await freePort()
if (asRoot) {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim())
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim())
  await chown(dir, uid, gid)
}
await chmod(dir, 0o700)
await asOwner('initdb', ['-D', pgData, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'])
// Durable commits as in production (an immediate stop must lose nothing acknowledged); fsync off
// only spares the disk: the operating system keeps what PostgreSQL wrote.
const pgFlags = [
  `-c port=${pgPort}`,
  "-c listen_addresses='127.0.0.1'",
  `-c unix_socket_directories='${dir}'`,
  '-c fsync=off',
  '-c synchronous_commit=on',
  '-c shared_buffers=64MB',
  '-c max_connections=100',
].join(' ')
const postgres = {
  up: true,
  start: () =>
    asOwner('pg_ctl', ['-D', pgData, '-l', join(dir, 'pg.log'), '-o', pgFlags, '-w', '-t', '60', 'start']),
  halt: (mode: 'immediate' | 'fast') =>
    asOwner('pg_ctl', ['-D', pgData, '-m', mode, '-w', '-t', '60', 'stop']),
}
await postgres.start()
const adminUrl = `postgres://postgres@127.0.0.1:${pgPort}/postgres`
const databaseUrl = `postgres://postgres@127.0.0.1:${pgPort}/nexus`
{
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  await client.query('CREATE DATABASE nexus')
  await client.end()
}

const redisPort = await freePort()
const redisUrl = `redis://127.0.0.1:${redisPort}`
let redisServer: ChildProcess | null = null
/** A redis-server that saves on shutdown: a restart keeps the data, FLUSHALL is the data loss. */
async function startRedis(): Promise<void> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(redisPort),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '3600 1',
      '--appendonly',
      'no',
    ],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  )
  redisServer = child
  const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  probe.on('error', () => {})
  for (let i = 0; i < 100; i++) {
    if (
      await probe.connect().then(
        () => true,
        () => false,
      )
    )
      break
    await sleep(100)
  }
  probe.disconnect()
}
async function stopRedis(): Promise<void> {
  const child = redisServer
  if (!child || child.exitCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  await exited
}
await startRedis()

// --- The API and the projector ----------------------------------------------------------------

const apiPort = await freePort()
const base = `http://127.0.0.1:${apiPort}`
const keyPrefix = 'soak:'
const serviceEnv: Record<string, string> = {
  NODE_ENV: 'development',
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: keyPrefix,
  JWT_SECRET: randomUUID() + randomUUID(),
  LOG_LEVEL: 'warn',
  RATE_LIMIT_MAX: '1000000',
  AUTH_RATE_LIMIT_MAX: '1000000',
  RECOMMENDER_RETRAIN_AFTER: '0',
}
const config = loadConfig(serviceEnv)

type Child = { name: string; child: ChildProcess; unexpectedExit: string | null }
function startChild(name: string, args: string[], env: Record<string, string>): Child {
  const log = createWriteStream(join(dir, `${name}.log`))
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  const handle: Child = { name, child, unexpectedExit: null }
  child.once('exit', (code, signal) => {
    if (!stopping)
      handle.unexpectedExit = `exited with ${code ?? signal} during the soak (see ${join(dir, `${name}.log`)})`
  })
  return handle
}
let stopping = false
const api = startChild('api', [...API_NODE_FLAGS, 'src/server.ts'], {
  ...serviceEnv,
  HOST: '127.0.0.1',
  PORT: String(apiPort),
  RUN_PROJECTORS: 'false',
})

async function isReady(): Promise<boolean> {
  return fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(5_000) }).then(
    (r) => r.ok,
    () => false,
  )
}
async function waitReady(timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await isReady()) return true
    await sleep(100)
  }
  return false
}
if (!(await waitReady(120_000))) throw new Error(`the API did not get ready (${join(dir, 'api.log')})`)
const projector = startChild('projector', ['scripts/projector.ts'], serviceEnv)
say(`PostgreSQL :${pgPort}, Redis :${redisPort}, API ${base}, logs in ${dir}`)

// Tokens signed with the soak's JWT_SECRET, as dev-token does: an admin adds the catalogue, and
// each rating comes from a user of its own (so every accepted rating appends exactly one event).
const signer = Fastify()
await signer.register(configPlugin, { config })
await signer.register(auth)
await signer.ready()
const adminId = randomUUID()
const adminToken = signer.signAccessToken({ sub: adminId, role: 'admin' })

// --- Load -------------------------------------------------------------------------------------

type Kind = 'register' | 'rate' | 'addMovie' | 'query'
const counts = new Map<string, number>()
const count = (kind: Kind, status: number) => {
  const key = `${kind} ${status}`
  counts.set(key, (counts.get(key) ?? 0) + 1)
}
const registered: string[] = []
/** Ratings accepted: the id of the one event each appended. */
const ratedEventIds: string[] = []
/** Ratings sent but never accepted (503, no answer): their event may or may not be in the log. */
const unsureRatingIds: string[] = []
const movies: string[] = []

async function call(
  kind: Kind,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; key?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {}
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.key) headers['idempotency-key'] = options.key
  let status = 0
  let body: Record<string, unknown> = {}
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(30_000),
    })
    status = response.status
    body = (await response.json().catch(() => ({}))) as Record<string, unknown>
  } catch {
    status = 0
  }
  count(kind, status)
  return { status, body }
}

async function addMovie(index: number): Promise<void> {
  const key = `soak-movie-${index}`
  for (;;) {
    const { status, body } = await call('addMovie', 'POST', '/api/v1/movies', {
      token: adminToken,
      key,
      body: { title: `Soak ${index}`, year: 1990 + (index % 30), genres: [index % 2 ? 'Drama' : 'Comedy'] },
    })
    if (status === 201) {
      movies.push(String(body.id))
      return
    }
    if (status >= 400 && status < 500)
      throw new Error(`adding a movie answered ${status}: ${JSON.stringify(body)}`)
    await sleep(500)
  }
}
for (let i = 0; i < 20; i++) await addMovie(i)

async function rate(): Promise<void> {
  const userId = randomUUID()
  const movieId = movies[Math.floor(Math.random() * movies.length)] as string
  const token = signer.signAccessToken({ sub: userId, role: 'user' })
  const key = randomUUID()
  const eventId = idempotentEventId(userId, key, interactionStream(userId, movieId), 0)
  // A client that retries with the same Idempotency-Key until it gets an answer: at most one event.
  for (let attempt = 0; attempt < 20 && !loadOver; attempt++) {
    const { status } = await call('rate', 'PUT', `/api/v1/movies/${movieId}/rating`, {
      token,
      key,
      body: { stars: 1 + Math.floor(Math.random() * 5) },
    })
    if (status >= 200 && status < 300) {
      ratedEventIds.push(eventId)
      return
    }
    if (status >= 400 && status < 500) return
    await sleep(250)
  }
  unsureRatingIds.push(eventId)
}

async function register(): Promise<void> {
  const name = randomUUID().replaceAll('-', '').slice(0, 12)
  const { status, body } = await call('register', 'POST', '/api/v1/auth/register', {
    body: { username: `s${name}`, email: `${name}@soak.example`, password: 'correct horse battery staple' },
  })
  if (status === 201) registered.push(String(body.userId))
}

async function query(): Promise<void> {
  const pick = Math.random()
  const movie = movies[Math.floor(Math.random() * movies.length)]
  const path =
    pick < 0.4
      ? '/api/v1/movies?limit=20'
      : pick < 0.7
        ? '/api/v1/movies/trending'
        : `/api/v1/movies/${movie}`
  await call('query', 'GET', path)
}

let loadOver = false
async function worker(): Promise<void> {
  while (!loadOver) {
    const pick = Math.random()
    if (pick < 0.1) await register()
    else if (pick < 0.45) await rate()
    else await query()
    // Steady, bounded: about 20 requests per second per worker at most.
    await sleep(50)
  }
}

// --- Connections sampled ----------------------------------------------------------------------

const connections = { api: 0, projector: 0, apiLast: 0, projectorLast: 0 }
let sampling = true
const sampler = (async () => {
  let client: pg.Client | null = null
  while (sampling) {
    try {
      if (client === null) {
        client = new pg.Client({ connectionString: adminUrl, application_name: 'soak-sampler' })
        client.on('error', () => {})
        await client.connect()
      }
      const { rows } = await client.query<{ name: string; n: string }>(
        `SELECT application_name AS name, count(*) AS n FROM pg_stat_activity
         WHERE datname = 'nexus' AND application_name LIKE 'nexus-%' GROUP BY 1`,
      )
      const sum = (prefix: string) =>
        rows.filter((row) => row.name.startsWith(prefix)).reduce((n, row) => n + Number(row.n), 0)
      connections.apiLast = sum('nexus-api')
      connections.projectorLast = sum('nexus-projector')
      connections.api = Math.max(connections.api, connections.apiLast)
      connections.projector = Math.max(connections.projector, connections.projectorLast)
    } catch {
      await client?.end().catch(() => {})
      client = null
    }
    await sleep(1_000)
  }
  await client?.end().catch(() => {})
})()

// --- Faults -----------------------------------------------------------------------------------

type Fault = { name: string; apply(): Promise<void>; restore(): Promise<void> }
const faults: Fault[] = []
for (let i = 0; i < options.pgRestarts; i++) {
  const mode = i % 2 === 0 ? 'immediate' : 'fast'
  faults.push({
    name: `PostgreSQL stop -m ${mode}`,
    apply: () => postgres.halt(mode),
    restore: () => postgres.start(),
  })
}
for (let i = 0; i < options.redisRestarts; i++)
  faults.push({ name: 'Redis restart', apply: stopRedis, restore: startRedis })
faults.push({
  name: 'Redis FLUSHALL',
  apply: async () => {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
    await redis.flushall()
    redis.disconnect()
  },
  restore: async () => {},
})
// Interleaved: PostgreSQL, Redis, PostgreSQL, FLUSHALL...
const order: Fault[] = []
const pgFaults = faults.filter((f) => f.name.startsWith('PostgreSQL'))
const redisFaults = faults.filter((f) => !f.name.startsWith('PostgreSQL'))
while (pgFaults.length + redisFaults.length > 0) {
  const a = pgFaults.shift()
  if (a) order.push(a)
  const b = redisFaults.shift()
  if (b) order.push(b)
}

const recoveries: { name: string; seconds: number | null }[] = []
const faultScript = (async () => {
  const gap = options.durationMs / (order.length + 1)
  for (const fault of order) {
    await sleep(Math.max(0, gap - options.downMs))
    if (loadOver) break
    say(`${clock()}  ${fault.name}`)
    await fault.apply()
    if (fault.name !== 'Redis FLUSHALL') await sleep(options.downMs)
    await fault.restore()
    const back = Date.now()
    const recovered = await waitReady(60_000)
    const seconds = recovered ? (Date.now() - back) / 1000 : null
    recoveries.push({ name: fault.name, seconds })
    say(
      `${clock()}  back; ready again ${seconds === null ? 'NOT within 60 s' : `after ${seconds.toFixed(1)} s`}`,
    )
  }
})()

say(`${clock()}  load: ${options.workers} workers for ${options.durationMs / 1000} s`)
const workers = Array.from({ length: options.workers }, worker)
await sleep(options.durationMs)
loadOver = true
await Promise.all(workers)
await faultScript
say(`${clock()}  load over`)

// --- Verification -----------------------------------------------------------------------------

const pool = createPool(databaseUrl, { max: 4, applicationName: 'soak-check' })
const db = createDatabase(pool)
const store = new PostgresEventStore(pool, { connectionString: databaseUrl })
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 })

// Caught up, then both processes stopped: the comparison runs on a still log.
const caughtUpBy = Date.now() + 180_000
let caughtUp = false
while (!caughtUp && Date.now() < caughtUpBy) {
  caughtUp = isCaughtUp(await catchUpState(db, store, readModels))
  if (!caughtUp) await sleep(500)
}
sampling = false
await sampler
stopping = true
const stops: string[] = []
for (const handle of [api, projector]) {
  const began = Date.now()
  if (handle.child.exitCode === null && handle.child.signalCode === null) {
    const exited = once(handle.child, 'exit')
    handle.child.kill('SIGTERM')
    const [code] = (await exited) as [number | null]
    stops.push(`${handle.name} exit ${code} in ${((Date.now() - began) / 1000).toFixed(1)} s`)
  }
}

const [{ rows: registrations }, { rows: ratings }, { rows: unsure }] = await Promise.all([
  sql<{ n: number; streams: number }>`
    SELECT count(*)::int AS n, count(DISTINCT stream_id)::int AS streams FROM events
    WHERE type = 'UserRegistered' AND stream_id = ANY(${registered.map((id) => `user-${id}`)})`.execute(db),
  sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE id = ANY(${ratedEventIds}::uuid[])`.execute(
    db,
  ),
  sql<{
    n: number
  }>`SELECT count(*)::int AS n FROM events WHERE id = ANY(${unsureRatingIds}::uuid[])`.execute(db),
])
const registeredInLog = registrations[0]?.n ?? 0
const ratedInLog = ratings[0]?.n ?? 0

/** A digest of every read model's active generation: its tables' rows, or its Redis keys. */
async function digests(): Promise<Map<string, string>> {
  const result = new Map<string, string>()
  for (const projection of readModels) {
    const generation = await activeGeneration(db, projection.name)
    const hash = createHash('sha256')
    if (generation === null) {
      result.set(projection.name, 'none')
      continue
    }
    if (projection.kind === 'postgres') {
      for (const table of projection.tables) {
        const qualified = `${pg.escapeIdentifier(generationSchema(projection.name, generation))}.${pg.escapeIdentifier(table)}`
        const { rows } = await pool.query<{ line: string }>(
          `SELECT to_jsonb(t)::text AS line FROM ${qualified} t`,
        )
        const lines = rows.map((row) => row.line).sort()
        hash.update(`${table}:${lines.length}\n${lines.join('\n')}\n`)
      }
    } else {
      const prefix = `${keyPrefix}${generationKeyPrefix(projection.name, generation)}`
      const keys = (await redis.keys(`${prefix}*`)).filter((key) => !key.endsWith(':checkpoint')).sort()
      for (const key of keys) {
        const type = await redis.type(key)
        const value =
          type === 'hash'
            ? Object.entries(await redis.hgetall(key)).sort()
            : type === 'zset'
              ? await redis.zrange(key, '0', '-1', 'WITHSCORES')
              : type === 'set'
                ? (await redis.smembers(key)).sort()
                : type === 'list'
                  ? await redis.lrange(key, 0, -1)
                  : await redis.get(key)
        hash.update(`${key.slice(prefix.length)}=${JSON.stringify(value)}\n`)
      }
      hash.update(`keys:${keys.length}`)
      // What the API reads first: the key naming the active generation (lost with a FLUSHALL).
      const named = await redis.get(activeGenerationKey(keyPrefix, projection.name))
      if (named !== String(generation)) activeKeyWrong.add(projection.name)
    }
    result.set(projection.name, hash.digest('hex').slice(0, 16))
  }
  return result
}
/** Redis projections whose key naming the active generation does not name it (after the soak). */
const activeKeyWrong = new Set<string>()
const afterSoak = await digests()
const activeKeyLost = [...activeKeyWrong]
activeKeyWrong.clear()
const leases = new PostgresLeases(databaseUrl, { owner: 'soak/reference' })
const silent = { info() {}, warn() {}, error() {} }
const rebuilt = await rebuildProjections(
  readModels,
  {
    store,
    db,
    redis: { redis: new RedisKeyValue(redis), keyPrefix },
    logger: silent,
    owner: 'soak/reference',
    acquireLease: leases.acquire,
  },
  { signal: new AbortController().signal },
)
const clean = await digests()
const differing = readModels
  .map((p) => p.name)
  .filter((name) => afterSoak.get(name) !== clean.get(name) || activeKeyLost.includes(name))
const describe = (name: string) =>
  afterSoak.get(name) === clean.get(name)
    ? `${name} (same data; the key naming its active generation is lost)`
    : name

await leases.close()
await store.close()
await db.destroy()
redis.disconnect()
await signer.close()

// --- Report -----------------------------------------------------------------------------------

const byStatus = (predicate: (status: number) => boolean) =>
  [...counts].filter(([key]) => predicate(Number(key.split(' ')[1]))).reduce((n, [, c]) => n + c, 0)
const total = byStatus(() => true)
const longest = recoveries.reduce<number | null>(
  (max, r) => (r.seconds === null || max === null ? null : Math.max(max, r.seconds)),
  0,
)
const exits = [api, projector].flatMap((h) => (h.unexpectedExit ? [`${h.name} ${h.unexpectedExit}`] : []))
const held = {
  registrations:
    registeredInLog === registered.length && (registrations[0]?.streams ?? 0) === registered.length,
  ratings: ratedInLog === ratedEventIds.length,
  readModels: differing.length === 0 && rebuilt.result === 'swapped',
  recovered: longest !== null,
  caughtUp,
  neverExited: exits.length === 0,
  no5xx: byStatus((s) => s >= 500 && s !== 503) === 0,
}
const lines = [
  '',
  `soak: ${(options.durationMs / 1000).toFixed(0)} s, ${options.workers} workers; faults: ${order.map((f) => f.name).join(', ')}`,
  `requests        ${total}: 2xx ${byStatus((s) => s >= 200 && s < 300)}, 4xx ${byStatus((s) => s >= 400 && s < 500)}, 503 ${byStatus((s) => s === 503)}, other 5xx ${byStatus((s) => s >= 500 && s !== 503)}, no answer ${byStatus((s) => s === 0)}`,
  `  by kind       ${[...counts]
    .sort()
    .map(([key, n]) => `${key}: ${n}`)
    .join(', ')}`,
  `registrations   acknowledged ${registered.length}, in the log ${registeredInLog} (${registrations[0]?.streams ?? 0} streams)  ${held.registrations ? 'match' : 'MISMATCH'}`,
  `ratings         acknowledged ${ratedEventIds.length}, in the log ${ratedInLog}  ${held.ratings ? 'match' : 'MISMATCH'}; never acknowledged ${unsureRatingIds.length} (${unsure[0]?.n ?? 0} of them in the log)`,
  `read models     ${held.readModels ? `all ${readModels.length} identical to a clean rebuild` : `DIFFER from a clean rebuild: ${differing.map(describe).join(', ') || rebuilt.result}`}${caughtUp ? '' : ' (projector had NOT caught up)'}`,
  `recovery        ${recoveries.map((r) => `${r.name} ${r.seconds === null ? 'never' : `${r.seconds.toFixed(1)} s`}`).join(', ')}; longest ${longest === null ? 'never' : `${longest.toFixed(1)} s`} (ready again after the server came back)`,
  `connections     highest: API ${connections.api}, projector ${connections.projector}; at the end: API ${connections.apiLast}, projector ${connections.projectorLast}`,
  `processes       ${exits.length === 0 ? 'never exited' : exits.join('; ')}; stopped: ${stops.join(', ')}`,
  '',
]
process.stdout.write(lines.join('\n'))

await stopRedis()
await postgres.halt('immediate').catch(() => {})
if (!options.keep) await rm(dir, { recursive: true, force: true })
const ok = Object.values(held).every(Boolean)
if (!ok)
  say(
    `something did not hold: ${JSON.stringify(held)}${options.keep ? '' : ' (rerun with --keep for the logs)'}`,
  )
process.exit(ok ? 0 : 1)
