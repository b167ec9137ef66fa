/**
 * Embedded mode's in-process counters against Redis: the trending and movie_popularity projections
 * run by the real engine over the same log, once into Redis and once into the memory store, end with
 * the same keys, types, values and expiries. Plus what the memory store promises on its own: a batch
 * already applied is recognised, a failing batch changes nothing, and the snapshot brings everything
 * back after a restart.
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import t from 'tap'
import { moviePopularity } from '../../projections/movie-popularity.ts'
import { trending } from '../../projections/trending.ts'
import type { NewEvent, StreamWrite } from '../../src/event-store/contract.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { syntheticLog } from '../../src/generate/synthetic-log.ts'
import { MemoryStore } from '../../src/key-value/memory-store.ts'
import { RedisKeyValue } from '../../src/key-value/redis.ts'
import { ensureProjections, type RedisTarget } from '../../src/projector/generations.ts'
import type { RedisCommand, RedisProjection } from '../../src/projector/projection.ts'
import { runGenerations } from '../../src/projector/run-generation.ts'
import { createTestDatabase } from '../support/database.ts'
import { dropRedisPrefix, testServices } from '../support/services.ts'

const redis = new Redis(testServices.redisUrl)
const keyPrefix = `test:${randomUUID()}:`
t.teardown(async () => {
  await dropRedisPrefix(keyPrefix, redis)
  await redis.quit()
})
const silent = { info() {}, warn() {}, error() {} }
const counted: RedisProjection[] = [trending, moviePopularity]
/** One clock for both logs: hour buckets must fall the same way in each. */
const NOW = Date.now()
const nowIso = new Date(NOW).toISOString()

/** The synthetic log, ending now (so hour buckets have live TTLs), plus a rename and a removal. */
function writes(): StreamWrite[][] {
  const chunks = [
    ...syntheticLog({
      seed: 11,
      events: 6_000,
      chunkSize: 500,
      movies: 120,
      startAt: new Date(NOW - 6 * 3600_000),
      maxGapMs: 6_000,
    }),
  ]
  const added = chunks
    .flat()
    .flatMap((write) => write.events)
    .filter((event) => event.type === 'MovieAdded')
  const event = (type: string, data: Record<string, unknown>): NewEvent => ({
    id: `00000000-0000-4000-8000-${String(chunks.length).padStart(6, '0')}${type.length.toString().padStart(6, '0')}`,
    type,
    data,
    metadata: { schemaVersion: 1, occurredAt: nowIso },
  })
  const [first, second] = added.map((e) => e.data as { movieId: string; genres: string[] })
  if (!first || !second) throw new Error('the log has no movies')
  chunks.push([
    {
      stream: `movie-${first.movieId}`,
      expectedRevision: 0n,
      events: [
        event('MovieDetailsUpdated', {
          movieId: first.movieId,
          changes: { genres: ['Musical'] },
          previous: { genres: first.genres },
          updatedAt: nowIso,
          updatedBy: null,
        }),
      ],
    },
    {
      stream: `movie-${second.movieId}`,
      expectedRevision: 0n,
      events: [
        event('MovieRemoved', {
          movieId: second.movieId,
          genres: second.genres,
          reason: null,
          removedAt: nowIso,
          removedBy: null,
        }),
      ],
    },
  ])
  return chunks
}

/** Runs both projections over the log into `target`, on a database of their own; answers the head. */
async function project(target: RedisTarget): Promise<string> {
  const database = await createTestDatabase(t)
  const store = new PostgresEventStore(database.pool, { connectionString: database.url })
  t.teardown(() => store.close())
  for (const chunk of writes()) await store.appendMany(chunk)
  await ensureProjections(database.db, counted, target)
  await runGenerations(
    counted.map((projection) => ({ projection, generation: 1 })),
    { store, db: database.db, redis: target, logger: silent, owner: 'test' },
    { signal: new AbortController().signal, batchSize: 400, untilCaughtUp: true },
  )
  return store.headPosition()
}

type Dumped = Record<string, unknown>

/** Every key under the prefix with its value by type (scores as numbers), and whether it expires. */
async function dumpRedis(): Promise<{ values: Dumped; expiring: string[] }> {
  const values: Dumped = {}
  const expiring: string[] = []
  for (const full of (await redis.keys(`${keyPrefix}*`)).sort()) {
    const key = full.slice(keyPrefix.length)
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
    if (Number(await redis.pttl(full)) > 0) expiring.push(key)
  }
  return { values, expiring }
}

function dumpMemory(store: MemoryStore): Dumped {
  const values: Dumped = {}
  for (const [full, value] of Object.entries(store.dump())) {
    if (!full.startsWith(keyPrefix)) continue
    values[full.slice(keyPrefix.length)] = value
  }
  return values
}

t.test('the same projection batches give the same counters in Redis and in memory', async (t) => {
  const memory = MemoryStore.open({ snapshotFile: null })
  const redisHead = await project({ redis: new RedisKeyValue(redis), keyPrefix })
  const memoryHead = await project({ redis: memory, keyPrefix })

  const fromRedis = await dumpRedis()
  const fromMemory = dumpMemory(memory)
  // Each log lives in its own database, so positions differ: each checkpoint is its own head.
  for (const projection of counted) {
    const checkpoint = `proj:${projection.name}:g1:checkpoint`
    t.equal(fromRedis.values[checkpoint], redisHead, `${projection.name}: Redis checkpoint at its head`)
    t.equal(fromMemory[checkpoint], memoryHead, `${projection.name}: memory checkpoint at its head`)
    delete fromRedis.values[checkpoint]
    delete fromMemory[checkpoint]
  }
  const keys = Object.keys(fromRedis.values)
  t.ok(
    keys.some((key) => key.startsWith('proj:trending:g1:h:')),
    'hour buckets were written',
  )
  t.ok(
    keys.some((key) => key.startsWith('proj:trending:g1:genre:')),
    'genre sets were written',
  )
  t.ok(
    keys.some((key) => key.startsWith('proj:movie_popularity:g1:movie:')),
    'rating hashes were written',
  )
  t.strictSame(Object.keys(fromMemory), keys, 'the same keys')
  t.strictSame(fromMemory, fromRedis.values, 'the same values, key by key')

  const expiring = Object.keys(fromMemory).filter((key) => key.includes(':h:'))
  t.strictSame(expiring, fromRedis.expiring, 'the same keys expire (the hour buckets)')
  const top = await memory.topOfUnion(['x'], null, 1)
  t.strictSame(top, [], 'an absent key sums to nothing')
})

t.test('the memory store recognises an applied batch and undoes a failing one', async (t) => {
  const memory = MemoryStore.open({ snapshotFile: null })
  const commands: RedisCommand[] = [['ZINCRBY', 'z', 2, 'm']]
  t.equal(await memory.applyBatch('cp', '', 'p1', 'd:', commands), 'OK')
  t.equal(await memory.applyBatch('cp', '', 'p1', 'd:', commands), 'p1', 'a replay answers the checkpoint')
  t.strictSame(memory.dump(), { cp: 'p1', 'd:z': { m: 2 } }, 'applied once')

  const failing = await memory
    .applyBatch('cp', 'p1', 'p2', 'd:', [
      ['ZINCRBY', 'z', 5, 'm'],
      ['SADD', 's', 'a'],
      ['HINCRBY', 'z', 'field', 1],
    ])
    .catch((error: unknown) => error)
  t.match(String(failing), /WRONGTYPE/, 'a command on the wrong kind of key fails')
  t.strictSame(memory.dump(), { cp: 'p1', 'd:z': { m: 2 } }, 'nothing of the failed batch stayed')
})

t.test('the snapshot brings the counters and their checkpoint back after a restart', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'nexus-counters-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const file = join(dir, 'counters.json')
  const first = MemoryStore.open({ snapshotFile: file, flushDelayMs: 60_000 })
  await first.applyBatch('cp', '', 'p1', 'd:', [
    ['ZINCRBY', 'z', 1.5, 'm'],
    ['SADD', 's', 'a', 'b'],
    ['HINCRBYFLOAT', 'h', 'stars', 4.5],
    ['HSET', 'h', 'name', 'x'],
    ['ZINCRBY', 'gone', 1, 'm'],
    ['EXPIRE', 'gone', 3600],
  ])
  await first.withPrefix('app:').set('short', 'lived', 3600)
  const before = first.dump()
  await first.quit()
  const second = MemoryStore.open({ snapshotFile: file })
  t.strictSame(second.dump(), before, 'the same keys and values')
  t.equal(await second.withPrefix('app:').get('short'), 'lived', 'values with a TTL come back too')
  t.equal(
    await second.applyBatch('cp', '', 'p1', 'd:', [['ZINCRBY', 'z', 1.5, 'm']]),
    'p1',
    'the restored checkpoint still refuses the batch it covers',
  )
})
