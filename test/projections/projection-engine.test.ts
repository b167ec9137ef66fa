/** The projection engine and the user_ratings projection on real PostgreSQL, and the projector process. */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import t from 'tap'
import { userRatings } from '../../projections/user-ratings.ts'
import { interactionStream } from '../../src/domain/interaction/interaction.ts'
import type { NewEvent } from '../../src/event-store/contract.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { type PostgresProjection, readCheckpoint } from '../../src/projection/projection.ts'
import { PoisonEventError, runProjection } from '../../src/projection/run-projection.ts'
import { createTestDatabase } from '../support/database.ts'

const database = await createTestDatabase(t)
const { db } = database
const store = new PostgresEventStore(database.pool, { connectionString: database.url, pollIntervalMs: 100 })
t.teardown(() => store.close())
const silent = { info() {}, warn() {}, error() {} }

function rating(userId: string, movieId: string, stars: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'RatingGiven',
    data: { userId, movieId, stars, review: null, ratedAt: new Date().toISOString() },
  }
}

/** Runs the projection until its checkpoint reaches the log's head, then stops it. */
async function runUntilCaughtUp(projection: PostgresProjection): Promise<void> {
  const head = await store.headPosition()
  const stop = new AbortController()
  const running = runProjection(projection, { store, db, signal: stop.signal, logger: silent, batchSize: 50 })
  const deadline = Date.now() + 15_000
  while (((await readCheckpoint(db, projection)) ?? '') < head && Date.now() < deadline) await sleep(20)
  stop.abort()
  await running
}

t.test('user_ratings applies ratings, replacements and removals, the last event winning', async (t) => {
  const alice = randomUUID()
  const [m1, m2, m3] = [randomUUID(), randomUUID(), randomUUID()]
  await store.append(interactionStream(alice, m1), [rating(alice, m1, 2), rating(alice, m1, 5)], 'no_stream')
  await store.append(interactionStream(alice, m2), [rating(alice, m2, 3)], 'no_stream')
  await store.append(
    interactionStream(alice, m3),
    [
      rating(alice, m3, 4),
      {
        id: randomUUID(),
        type: 'RatingRemoved',
        data: { userId: alice, movieId: m3, removedAt: new Date().toISOString() },
      },
    ],
    'no_stream',
  )
  await store.append(
    `unrelated-${randomUUID()}`,
    [{ id: randomUUID(), type: 'Unrelated', data: {} }],
    'no_stream',
  )
  await runUntilCaughtUp(userRatings)
  const rows = await db
    .selectFrom('user_ratings')
    .select(['movie_id', 'stars'])
    .where('user_id', '=', alice)
    .execute()
  t.same(Object.fromEntries(rows.map((r) => [r.movie_id, Number(r.stars)])), { [m1]: 5, [m2]: 3 })
  t.equal(
    await readCheckpoint(db, userRatings),
    await store.headPosition(),
    'the checkpoint passed unhandled events too',
  )
})

t.test('a restarted projection resumes at its checkpoint: nothing applied twice or skipped', async (t) => {
  await sql`CREATE TABLE counted (id uuid PRIMARY KEY, times int NOT NULL)`.execute(db)
  const counting: PostgresProjection = {
    name: `counting_${randomUUID().slice(0, 8)}`,
    version: 1,
    handles: ['Counted'],
    async apply(events, trx) {
      // Counts applications per event id: a second application shows up as times = 2.
      await sql`INSERT INTO counted (id, times)
        SELECT unnest(${events.map((e) => e.id)}::uuid[]), 1
        ON CONFLICT (id) DO UPDATE SET times = counted.times + 1`.execute(trx)
    },
  }
  const stream = `counted-${randomUUID()}`
  const append = async (n: number) => {
    const revision = await store.streamRevision(stream)
    await store.append(
      stream,
      Array.from({ length: n }, () => ({ id: randomUUID(), type: 'Counted', data: {} })),
      revision === null ? 'no_stream' : revision,
    )
  }
  await append(120)
  await runUntilCaughtUp(counting)
  await append(80)
  await runUntilCaughtUp(counting)
  await runUntilCaughtUp(counting)
  const { rows } = await sql<{
    events: string
    max: number
  }>`SELECT count(*) AS events, max(times) AS max FROM counted`.execute(db)
  t.equal(Number(rows[0]?.events), 200, 'every event applied')
  t.equal(rows[0]?.max, 1, 'none applied twice')
})

t.test('a poison event stops its projection, named, with the checkpoint before it', async (t) => {
  const poisonId = randomUUID()
  const poisoned: PostgresProjection = {
    name: `poisoned_${randomUUID().slice(0, 8)}`,
    version: 1,
    handles: ['Fine', 'Poison'],
    async apply(events) {
      if (events.some((e) => e.type === 'Poison')) throw new Error('cannot handle this one')
    },
  }
  const stream = `poison-${randomUUID()}`
  await store.append(stream, [{ id: randomUUID(), type: 'Fine', data: {} }], 'no_stream')
  const { position: poisonPosition } = await store.append(
    stream,
    [{ id: poisonId, type: 'Poison', data: {} }],
    0n,
  )
  const stop = new AbortController()
  const outcome = await Promise.race([
    runProjection(poisoned, { store, db, signal: stop.signal, logger: silent }).then(
      () => 'returned',
      (error: unknown) => error,
    ),
    sleep(15_000).then(() => 'still running'),
  ])
  stop.abort()
  t.ok(outcome instanceof PoisonEventError, 'it stops with a PoisonEventError')
  if (outcome instanceof PoisonEventError) {
    t.equal(outcome.event.id, poisonId)
    t.match(outcome.message, /Poison/)
  }
  const checkpoint = await readCheckpoint(db, poisoned)
  t.ok(checkpoint === null || checkpoint < poisonPosition, 'the checkpoint did not pass the poison event')
})

t.test('npm run projector projects live events and stops cleanly on SIGTERM', async (t) => {
  const child = spawn(process.execPath, ['scripts/projector.ts', '--only', 'user_ratings'], {
    cwd: new URL('../..', import.meta.url),
    env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'info', EVENTSTORE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  child.stderr.on('data', (chunk) => {
    output += chunk
  })
  const user = randomUUID()
  const movie = randomUUID()
  const started = Date.now()
  await store.append(interactionStream(user, movie), [rating(user, movie, 4)], 'no_stream')
  let found = false
  while (!found && Date.now() - started < 20_000) {
    const row = await db
      .selectFrom('user_ratings')
      .select('stars')
      .where('user_id', '=', user)
      .executeTakeFirst()
    found = row !== undefined
    if (!found) await sleep(25)
  }
  t.ok(
    found,
    `the rating reached user_ratings (${Date.now() - started} ms after the append, start-up included)`,
  )
  child.kill('SIGTERM')
  const [code] = await once(child, 'exit')
  t.equal(code, 0, 'exit code 0 after SIGTERM')
  t.match(output, /stopping projector/)
})
