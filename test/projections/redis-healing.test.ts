/**
 * Redis projections heal themselves after Redis loses its data, with no operator: the projector
 * (real engine, real PostgreSQL, a redis-server of this file's own) runs trending and
 * movie_popularity while events keep coming; Redis is flushed three times mid-way, then restarted empty while
 * the projector is idle. Each time the active generation key comes back and the counters are
 * refilled from the log, key for key equal to a clean rebuild of the same log.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import t from 'tap'
import { moviePopularity } from '../../projections/movie-popularity.ts'
import { trending } from '../../projections/trending.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { syntheticLog } from '../../src/generate/synthetic-log.ts'
import { MemoryStore } from '../../src/key-value/memory-store.ts'
import { RedisKeyValue } from '../../src/key-value/redis.ts'
import { ensureProjections } from '../../src/projector/generations.ts'
import type { RedisProjection } from '../../src/projector/projection.ts'
import { runGenerations } from '../../src/projector/run-generation.ts'
import { runProjector } from '../../src/projector/run-projector.ts'
import { createTestDatabase, leasesFor } from '../support/database.ts'
import { startOwnRedis } from '../support/own-redis.ts'

const silent = { info() {}, warn() {}, error() {} }
const counted: RedisProjection[] = [trending, moviePopularity]
const keyPrefix = `test:${randomUUID()}:`
const NOW = Date.now()

const own = await startOwnRedis(t)
const redis = new Redis(own.url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 })
redis.on('error', () => {})
t.teardown(() => redis.disconnect())

const database = await createTestDatabase(t)
const store = new PostgresEventStore(database.pool, { connectionString: database.url })
t.teardown(() => store.close())

const chunks = [
  ...syntheticLog({
    seed: 7,
    events: 3_000,
    chunkSize: 250,
    movies: 60,
    startAt: new Date(NOW - 4 * 3600_000),
    maxGapMs: 4_000,
  }),
]

const stop = new AbortController()
const warnings: string[] = []
const running = runProjector(counted, {
  store,
  db: database.db,
  redis: { redis: new RedisKeyValue(redis), keyPrefix },
  logger: {
    ...silent,
    warn: (object: object, message: string) => warnings.push(`${message} ${JSON.stringify(object)}`),
    error: (object: object, message: string) =>
      warnings.push(`${message} ${String((object as { err?: unknown }).err)}`),
  },
  owner: 'test/healing',
  acquireLease: leasesFor(t, database.url),
  signal: stop.signal,
  standbyRetryMs: 200,
  batchSize: 200,
})
t.teardown(async () => {
  stop.abort()
  await running
})

/** Position of the last event appended here (the head the server shows may lag: other transactions). */
let head = '0'.repeat(32)
async function append(chunk: Parameters<typeof store.appendMany>[0]): Promise<void> {
  for (const { position } of await store.appendMany(chunk)) if (position > head) head = position
}

/** Waits until every counted projection's Redis checkpoint has passed the head and its active key is set. */
async function caughtUp(what: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const values = await redis
      .mget(
        ...counted.flatMap((projection) => [
          `${keyPrefix}proj:${projection.name}:active`,
          `${keyPrefix}proj:${projection.name}:g1:checkpoint`,
        ]),
      )
      .catch(() => [])
    if (values.length > 0 && values.every((value, i) => (i % 2 === 0 ? value === '1' : value === head)))
      return
    await sleep(100)
  }
  const seen = await redis.mget(
    ...counted.flatMap((projection) => [
      `${keyPrefix}proj:${projection.name}:active`,
      `${keyPrefix}proj:${projection.name}:g1:checkpoint`,
    ]),
  )
  throw new Error(
    `the projections did not catch up ${what}: head ${head}, seen ${seen.join(' ')}; ${warnings.join('; ')}`,
  )
}

type Dumped = Record<string, unknown>

/** Every key under the prefix, by type (scores as numbers), checkpoints left out. */
async function dumpRedis(): Promise<Dumped> {
  const values: Dumped = {}
  for (const full of (await redis.keys(`${keyPrefix}*`)).sort()) {
    const key = full.slice(keyPrefix.length)
    if (key.endsWith(':checkpoint')) continue
    const type = await redis.type(full)
    if (type === 'string') values[key] = await redis.get(full)
    else if (type === 'set') values[key] = (await redis.smembers(full)).sort()
    else if (type === 'hash')
      values[key] = Object.fromEntries(Object.entries(await redis.hgetall(full)).sort())
    else if (type === 'zset') {
      const flat = await redis.zrange(full, '0', '-1', 'WITHSCORES')
      const pairs: [string, number][] = []
      for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i] as string, Number(flat[i + 1])])
      values[key] = Object.fromEntries(pairs.sort(([a], [b]) => (a < b ? -1 : 1)))
    } else values[key] = `unexpected type ${type}`
  }
  return values
}

/** A clean rebuild of the same log into the in-process store (Redis's semantics), same key layout. */
async function cleanRebuild(): Promise<Dumped> {
  const memory = MemoryStore.open({ snapshotFile: null })
  const target = { redis: memory, keyPrefix }
  // A scratch database for the registry rows: the projector's own stay untouched.
  const scratch = await createTestDatabase(t)
  await ensureProjections(scratch.db, counted, target)
  // Until past the head: a run "caught up" may stop short while another transaction hides the end.
  for (let round = 0; round < 600; round++) {
    await runGenerations(
      counted.map((projection) => ({ projection, generation: 1 })),
      { store, db: scratch.db, redis: target, logger: silent, owner: 'test/clean' },
      { signal: new AbortController().signal, batchSize: 500, untilCaughtUp: true },
    )
    const checkpoints = await memory.mget(...counted.map((p) => `${keyPrefix}proj:${p.name}:g1:checkpoint`))
    if (checkpoints.every((checkpoint) => (checkpoint ?? '') >= head)) break
    await sleep(100)
  }
  const values: Dumped = {}
  for (const [full, value] of Object.entries(memory.dump())) {
    if (!full.startsWith(keyPrefix) || full.endsWith(':checkpoint')) continue
    values[full.slice(keyPrefix.length)] = value
  }
  return values
}

t.test(
  'Redis flushed while events are projected: the projections heal and equal a clean rebuild',
  async (t) => {
    const half = Math.floor(chunks.length / 2)
    for (const chunk of chunks.slice(0, half)) await append(chunk)
    await caughtUp('before the flush')
    const before = await dumpRedis()
    t.ok(
      Object.keys(before).some((key) => key.startsWith('proj:trending:g1:h:')),
      'trending has hour buckets',
    )

    for (const [i, chunk] of chunks.slice(half).entries()) {
      await append(chunk)
      // Three losses while the events keep coming (the last chunks follow the last one).
      if (i % 2 === 1 && i < 6) await own.flushAll()
    }
    await caughtUp('after the flush')
    const healed = await dumpRedis()
    t.equal(healed['proj:trending:active'], '1', 'the active generation key is back')
    t.equal(healed['proj:movie_popularity:active'], '1')
    const clean = await cleanRebuild()
    const differing = Object.keys({ ...healed, ...clean }).filter(
      (key) => JSON.stringify(healed[key]) !== JSON.stringify(clean[key]),
    )
    t.strictSame(differing, [], 'no key differs')
    for (const key of differing.slice(0, 3))
      t.comment(key, JSON.stringify(healed[key]), JSON.stringify(clean[key]))
    t.strictSame(healed, clean, 'every key equals a clean rebuild')
    const refills = warnings.filter((message) => /refilling it from the log/.test(message)).length
    t.ok(refills >= 2, `the projector says it refilled (${refills} times over both projections)`)
  },
)

t.test('Redis restarted empty while the projector is idle: healed with no new event', async (t) => {
  await caughtUp('before the restart')
  const before = await dumpRedis()
  // A key no projection writes: gone after the restart, whatever the projector has restored by the
  // time it is asked (its reconnection can beat this test's: DBSIZE was 1 once in CI).
  const marker = `restart-marker:${randomUUID()}`
  await own.command('SET', marker, 'before')
  await own.stop()
  await own.start()
  t.equal(await own.command('EXISTS', marker), 0, 'Redis came back empty: the key set before is gone')
  await caughtUp('after the restart')
  const healed = await dumpRedis()
  t.strictSame(healed, before, 'the same keys and values as before the loss')
  t.strictSame(healed, await cleanRebuild(), 'and as a clean rebuild')
})
