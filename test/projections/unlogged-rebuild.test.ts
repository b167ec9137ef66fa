/**
 * A rebuild fills its generation's tables UNLOGGED and makes them logged before they serve
 * (src/projector/generations.ts): a PostgreSQL crash meanwhile empties them while their checkpoint
 * survives, and the rebuild must then start over instead of resuming on empty tables. Proved with a
 * real crash (`pg_ctl stop -m immediate` on a cluster of the test's own) and, on the shared server,
 * with the tables emptied as a crash empties them, between two runs and in the middle of one.
 */
import { createHash, randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { type Kysely, sql } from 'kysely'
import type pg from 'pg'
import t, { type Test } from 'tap'
import { userLibrary } from '../../projections/user-library.ts'
import { userRatings } from '../../projections/user-ratings.ts'
import { createDatabase, createPool } from '../../src/db/connection.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import type { Database } from '../../src/db/schema.ts'
import {
  type EventStore,
  START,
  type SubscribeOptions,
  type Subscription,
} from '../../src/event-store/contract.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { syntheticLog } from '../../src/generate/synthetic-log.ts'
import { RedisKeyValue } from '../../src/key-value/redis.ts'
import {
  activeGeneration,
  INTACT_TABLE,
  UnloggedDataLostError,
  unloggedIntact,
} from '../../src/projector/generations.ts'
import { rebuildProjections } from '../../src/projector/operations.ts'
import { generationSchema } from '../../src/projector/projection.ts'
import { createTestDatabase, leasesFor } from '../support/database.ts'
import { startOwnPostgres } from '../support/own-postgres.ts'
import { dropRedisPrefix, testServices } from '../support/services.ts'

const redis = new Redis(testServices.redisUrl)
t.teardown(() => redis.quit())
/** Warnings the rebuilds logged. */
const warnings: string[] = []
const logger = { info() {}, warn: (_: object, message: string) => void warnings.push(message), error() {} }
const startedOver = () => warnings.filter((message) => message.startsWith('starting over')).length
const rebuilt = [userRatings, userLibrary]

type Setup = {
  db: Kysely<Database>
  store: PostgresEventStore
  url: string
  keyPrefix: string
}

function open(t: Test, pool: pg.Pool, url: string): Setup {
  const db = createDatabase(pool)
  const store = new PostgresEventStore(pool, { connectionString: url })
  const keyPrefix = `test:${randomUUID()}:`
  t.teardown(async () => {
    await store.close()
    await dropRedisPrefix(keyPrefix, redis)
  })
  return { db, store, url, keyPrefix }
}

async function appendLog(s: Setup, events: number): Promise<void> {
  for (const chunk of syntheticLog({ seed: 7, events, chunkSize: 500 })) await s.store.appendMany(chunk)
}

/**
 * Rebuilds `rebuilt` in batches of 100; `onBatch` runs after each batch settled (its number given),
 * `store` replaces the store.
 */
function rebuild(
  t: Test,
  s: Setup,
  onBatch: (batch: number, stop: () => void) => Promise<void> | void = () => {},
  store: EventStore = s.store,
) {
  const controller = new AbortController()
  let batch = 0
  let work = Promise.resolve()
  return rebuildProjections(
    rebuilt,
    {
      store,
      db: s.db,
      redis: { redis: new RedisKeyValue(redis), keyPrefix: s.keyPrefix },
      logger,
      owner: 'test',
      acquireLease: leasesFor(t, s.url),
    },
    {
      signal: controller.signal,
      batchSize: 100,
      onProgress: () => {
        batch++
        work = work.then(() => onBatch(batch, () => controller.abort()))
      },
    },
  ).then(async (outcome) => {
    await work
    return outcome
  })
}

/** Every row of the active generations, as one digest per projection. */
async function digest(s: Setup): Promise<string> {
  const hash = createHash('sha256')
  for (const table of ['user_ratings', 'user_favorites', 'user_likes', 'watch_history']) {
    const { rows } = await sql<{ line: string }>`
      SELECT t::text AS line FROM ${sql.table(table)} AS t ORDER BY 1`.execute(s.db)
    hash.update(`${table}:${rows.length}\n`)
    for (const row of rows) hash.update(`${row.line}\n`)
  }
  return hash.digest('hex')
}

/** The generation being built (the highest one not active). */
async function building(s: Setup, name: string): Promise<number> {
  const row = await s.db
    .selectFrom('projection_generations')
    .select((eb) => eb.fn.max('generation').as('generation'))
    .where('name', '=', name)
    .where('state', '=', 'building')
    .executeTakeFirst()
  return Number(row?.generation)
}

/** 'u' (unlogged) or 'p' (permanent) for a table of a generation. */
async function persistence(s: Setup, name: string, generation: number, table: string): Promise<string> {
  const { rows } = await sql<{ p: string }>`
    SELECT c.relpersistence AS p FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${generationSchema(name, generation)} AND c.relname = ${table}`.execute(s.db)
  return rows[0]?.p ?? 'missing'
}

/** What a crash does to a generation built unlogged: every unlogged table empty, the marker too. */
async function emptyAsACrashWould(s: Setup, generation: (name: string) => Promise<number>): Promise<void> {
  for (const projection of rebuilt) {
    const schema = generationSchema(projection.name, await generation(projection.name))
    for (const table of [...projection.tables, INTACT_TABLE])
      await sql`TRUNCATE ${sql.id(schema, table)}`.execute(s.db)
  }
}

t.test('a rebuild fills its tables unlogged, resumes them, and serves them logged', async (t) => {
  const database = await createTestDatabase(t)
  const s = open(t, database.pool, database.url)
  await appendLog(s, 2_000)
  const first = await rebuild(t, s, (batch, stop) => {
    if (batch === 3) stop()
  })
  t.equal(first.result, 'interrupted')
  const generation = await building(s, userRatings.name)
  t.equal(await persistence(s, userRatings.name, generation, 'user_ratings'), 'u', 'filled unlogged')
  t.equal(await unloggedIntact(s.db, userRatings, generation), true, 'with its marker')
  const resumed = await rebuild(t, s)
  t.equal(resumed.result, 'swapped')
  t.equal(await activeGeneration(s.db, userRatings.name), generation, 'the same generation resumed')
  for (const projection of rebuilt) {
    const active = (await activeGeneration(s.db, projection.name)) as number
    for (const table of projection.tables)
      t.equal(await persistence(s, projection.name, active, table), 'p', `${table} serves logged`)
    t.equal(await unloggedIntact(s.db, projection, active), null, `${projection.name}: no marker left`)
  }
  const served = await digest(s)
  t.equal((await rebuild(t, s)).result, 'swapped')
  t.equal(await digest(s), served, 'the same rows as a rebuild in one run')
})

t.test('emptied between two runs as a crash empties them, the rebuild starts over', async (t) => {
  const database = await createTestDatabase(t)
  const s = open(t, database.pool, database.url)
  await appendLog(s, 2_000)
  t.equal((await rebuild(t, s)).result, 'swapped')
  const clean = await digest(s)
  const first = await rebuild(t, s, (batch, stop) => {
    if (batch === 5) stop()
  })
  t.equal(first.result, 'interrupted')
  const lost = await building(s, userRatings.name)
  const checkpoint = await s.db
    .selectFrom('projection_generations')
    .select('position')
    .where('name', '=', userRatings.name)
    .where('generation', '=', lost)
    .executeTakeFirstOrThrow()
  t.ok(checkpoint.position > START, 'its checkpoint moved')
  await emptyAsACrashWould(s, (name) => building(s, name))
  t.equal(await unloggedIntact(s.db, userRatings, lost), false, 'the marker tells')
  const before = startedOver()
  t.equal((await rebuild(t, s)).result, 'swapped')
  t.equal(startedOver() - before, rebuilt.length, 'each generation started over')
  t.equal(await digest(s), clean, 'the same rows as a clean rebuild')
})

t.test('emptied in the middle of a run, the next batch stops it; the next run starts over', async (t) => {
  const database = await createTestDatabase(t)
  const s = open(t, database.pool, database.url)
  await appendLog(s, 2_000)
  t.equal((await rebuild(t, s)).result, 'swapped')
  const clean = await digest(s)
  // The log's fourth page waits until the tables are emptied: batches before it may be in flight.
  const pausing = {
    kind: s.store.kind,
    headPosition: () => s.store.headPosition(),
    subscribe(options: SubscribeOptions): Subscription {
      const subscription = s.store.subscribe(options)
      return {
        [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
        close: () => subscription.close(),
        async *chunks() {
          let page = 0
          for await (const chunk of subscription.chunks()) {
            if (++page === 4) await emptyAsACrashWould(s, (name) => building(s, name))
            yield chunk
          }
        },
      }
    },
  } as EventStore
  await t.rejects(
    rebuild(t, s, undefined, pausing),
    UnloggedDataLostError,
    'no batch applied on emptied tables',
  )
  const before = startedOver()
  t.equal((await rebuild(t, s)).result, 'swapped')
  t.equal(startedOver() - before, rebuilt.length, 'each generation started over')
  t.equal(await digest(s), clean, 'the same rows as a clean rebuild')
})

t.test('a real PostgreSQL crash empties them: the rebuild starts over', async (t) => {
  const cluster = await startOwnPostgres(t)
  const url = await cluster.createDatabase('nexus')
  const connect = async () => {
    const pool = createPool(url, { max: 6 })
    t.teardown(() => pool.end().catch(() => {}))
    const s = open(t, pool, url)
    return { pool, s }
  }
  let { pool, s } = await connect()
  await migrateToLatest(s.db)
  await appendLog(s, 2_000)
  t.equal((await rebuild(t, s)).result, 'swapped')
  const clean = await digest(s)
  const first = await rebuild(t, s, (batch, stop) => {
    if (batch === 5) stop()
  })
  t.equal(first.result, 'interrupted')
  const lost = await building(s, userRatings.name)
  // Written to disk, so only crash recovery can take the rows away.
  await sql`CHECKPOINT`.execute(s.db)
  await s.store.close()
  await pool.end()
  await cluster.halt('immediate')
  await cluster.start()
  ;({ pool, s } = await connect())
  const left = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${sql.id(generationSchema(userRatings.name, lost), 'user_ratings')}`.execute(
    s.db,
  )
  t.equal(left.rows[0]?.n, 0, 'the crash emptied the unlogged table')
  t.equal(await unloggedIntact(s.db, userRatings, lost), false, 'and its marker')
  const before = startedOver()
  t.equal((await rebuild(t, s)).result, 'swapped')
  t.equal(startedOver() - before, rebuilt.length, 'each generation started over')
  t.equal(await digest(s), clean, 'the same rows as a clean rebuild')
})
