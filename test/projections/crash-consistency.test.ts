/**
 * Projector processes SIGKILLed at random moments, and a standby taking over from a killed active
 * one, end with exactly the read models and Redis counters of one clean uninterrupted rebuild.
 * Both run over one database and log (writing 50,000 events cost ~2 CPU s here and ~10 s of
 * PostgreSQL's work): the second starts from a reset, new generations at the start of the log.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import { sql } from 'kysely'
import t, { type Test } from 'tap'
import { moviePopularity } from '../../projections/movie-popularity.ts'
import { userRatings } from '../../projections/user-ratings.ts'
import { START } from '../../src/event-store/contract.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { syntheticLog } from '../../src/generate/synthetic-log.ts'
import { RedisKeyValue } from '../../src/key-value/redis.ts'
import { activeGeneration, readGeneration } from '../../src/projector/generations.ts'
import { rebuildProjections, resetProjection } from '../../src/projector/operations.ts'
import { generationKeyPrefix } from '../../src/projector/projection.ts'
import { createTestDatabase, leasesFor, type TestDatabase } from '../support/database.ts'
import { dropRedisPrefix, testServices } from '../support/services.ts'

// Seconds of work for a projector: kills land mid-work (they wait for its first commit), and the
// standby takes over long before the first one could finish.
const EVENTS = 50_000
const redis = new Redis(testServices.redisUrl)
t.teardown(() => redis.quit())
const silent = { info() {}, warn() {}, error() {} }
const checked = [userRatings, moviePopularity]

type Setup = { database: TestDatabase; store: PostgresEventStore; keyPrefix: string }

async function setup(t: Test): Promise<Setup> {
  const database = await createTestDatabase(t)
  const store = new PostgresEventStore(database.pool, { connectionString: database.url })
  const keyPrefix = `test:${randomUUID()}:`
  t.teardown(async () => {
    await store.close()
    await dropRedisPrefix(keyPrefix, redis)
  })
  for (const chunk of syntheticLog({ seed: 7, events: EVENTS, chunkSize: 5_000 }))
    await store.appendMany(chunk)
  return { database, store, keyPrefix }
}

function projector(s: Setup): ChildProcess {
  return spawn(process.execPath, ['scripts/projector.ts', '--only', checked.map((p) => p.name).join(',')], {
    cwd: new URL('../..', import.meta.url),
    env: {
      ...process.env,
      DATABASE_URL: s.database.url,
      REDIS_URL: testServices.redisUrl,
      REDIS_KEY_PREFIX: s.keyPrefix,
      EVENTSTORE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

async function caughtUp(s: Setup): Promise<boolean> {
  const head = await s.store.headPosition()
  for (const projection of checked) {
    const generation = await activeGeneration(s.database.db, projection.name)
    const row =
      generation === null ? undefined : await readGeneration(s.database.db, projection.name, generation)
    if (!row || row.position < head) return false
  }
  return true
}

/** Where the active generations stand: it changes whenever a projector commits a batch. */
async function checkpoints(s: Setup): Promise<string> {
  const positions: string[] = []
  for (const projection of checked) {
    const generation = await activeGeneration(s.database.db, projection.name)
    const row =
      generation === null ? undefined : await readGeneration(s.database.db, projection.name, generation)
    positions.push(row?.position ?? START)
  }
  return positions.join(' ')
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await condition()) return true
    await sleep(100)
  }
  return false
}

/** A digest of the active generations: every user_ratings row and every movie_popularity key. */
async function checksum(s: Setup): Promise<{ rows: number; keys: number; digest: string }> {
  const hash = createHash('sha256')
  const { rows } = await sql<{ line: string }>`
    SELECT concat_ws('|', user_id, movie_id, stars, review, rated_at) AS line FROM user_ratings ORDER BY user_id, movie_id`.execute(
    s.database.db,
  )
  for (const row of rows) hash.update(`${row.line}\n`)
  const generation = (await activeGeneration(s.database.db, moviePopularity.name)) as number
  const prefix = `${s.keyPrefix}${generationKeyPrefix(moviePopularity.name, generation)}`
  const keys = (await redis.keys(`${prefix}*`)).filter((key) => !key.endsWith(':checkpoint')).sort()
  for (const key of keys) {
    const type = await redis.type(key)
    const value: unknown =
      type === 'hash'
        ? Object.entries(await redis.hgetall(key)).sort()
        : await redis.zrange(key, '0', '-1', 'WITHSCORES')
    hash.update(`${key.slice(prefix.length)}=${JSON.stringify(value)}\n`)
  }
  return { rows: rows.length, keys: keys.length, digest: hash.digest('hex') }
}

const operations = (s: Setup) => ({
  store: s.store,
  db: s.database.db,
  redis: { redis: new RedisKeyValue(redis), keyPrefix: s.keyPrefix },
  logger: silent,
  owner: 'reference',
  acquireLease: leasesFor(t, s.database.url),
})

/** The reference: a clean, uninterrupted rebuild of the same log into new generations, in one pass. */
async function cleanRebuild(s: Setup): Promise<void> {
  // One pass over the log for both projections: also proves the shared-pass rebuild.
  const outcome = await rebuildProjections(checked, operations(s), { signal: new AbortController().signal })
  if (outcome.result !== 'swapped' || outcome.poisoned.length > 0)
    throw new Error(`reference rebuild ${outcome.result}`)
}

const s = await setup(t)

t.test('SIGKILLed at random moments and restarted, the projector ends as a clean run would', async (t) => {
  let kills = 0
  for (let round = 0; round < 5; round++) {
    const from = await checkpoints(s)
    const child = projector(s)
    // Killed at a random moment once it has committed work: a loaded machine may take seconds
    // just to start it, and a kill before then would prove nothing.
    await waitUntil(async () => (await checkpoints(s)) !== from || (await caughtUp(s)), 120_000)
    await sleep(Math.floor(Math.random() * 500))
    if (await caughtUp(s)) {
      child.kill('SIGTERM')
      await once(child, 'exit')
      break
    }
    child.kill('SIGKILL')
    await once(child, 'exit')
    kills++
  }
  t.ok(kills >= 2, `killed mid-work ${kills} times`)
  const last = projector(s)
  t.ok(await waitUntil(() => caughtUp(s), 120_000), 'a final run catches up')
  last.kill('SIGTERM')
  await once(last, 'exit')

  const interrupted = await checksum(s)
  t.ok(
    interrupted.rows > 1_000 && interrupted.keys > 100,
    `non-trivial models (${interrupted.rows} rows, ${interrupted.keys} keys)`,
  )
  await cleanRebuild(s)
  const clean = await checksum(s)
  t.same(interrupted, clean, 'same rows and counters as one clean run')
})

t.test('a standby projector takes over when the active one is killed; nothing applied twice', async (t) => {
  // The log of the test above, its projections started over (as `npm run projections -- reset`).
  for (const projection of checked) await resetProjection(projection, operations(s))
  t.equal(await checkpoints(s), `${START} ${START}`, 'reset: new generations at the start of the log')
  const owners = async () => {
    const generation = await activeGeneration(s.database.db, moviePopularity.name)
    const row =
      generation === null ? undefined : await readGeneration(s.database.db, moviePopularity.name, generation)
    return row?.owner ?? ''
  }
  // Generous bounds, polled: a loaded machine may take many seconds to start a node process.
  const a = projector(s)
  t.ok(
    await waitUntil(async () => (await owners()).endsWith(`/${a.pid}`), 120_000),
    'the first process is active',
  )
  // Started once the first one holds the projections, the second can only wait as the standby:
  // its lease session, trying for the lock the first one holds, shows it is up.
  const b = projector(s)
  t.teardown(() => {
    a.kill('SIGKILL')
    b.kill('SIGKILL')
  })
  const leaseSessions = async () =>
    (
      await s.database.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND application_name LIKE '%/lease'`,
      )
    ).rows[0]?.n ?? 0
  t.ok(await waitUntil(async () => (await leaseSessions()) >= 2, 120_000), 'the second process stands by')
  a.kill('SIGKILL')
  await once(a, 'exit')
  const killedAt = Date.now()
  t.ok(await waitUntil(async () => (await owners()).endsWith(`/${b.pid}`), 120_000), 'the standby took over')
  t.comment(`takeover ${Date.now() - killedAt} ms after the kill`)
  t.ok(await waitUntil(() => caughtUp(s), 120_000), 'the standby catches up')
  b.kill('SIGTERM')
  await once(b, 'exit')

  const takenOver = await checksum(s)
  await cleanRebuild(s)
  t.same(takenOver, await checksum(s), 'same rows and counters as one clean run')
})
