/**
 * The projection engine on real PostgreSQL and Redis: exactly-once batches, poison events (the
 * projector holding a stopped projection shows in status), Redis atomicity.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import t from 'tap'
import { moviePopularity } from '../../projections/movie-popularity.ts'
import { recommendationFeedback } from '../../projections/recommendation-feedback.ts'
import { userRatings } from '../../projections/user-ratings.ts'
import { interactionStream } from '../../src/domain/interaction/interaction.ts'
import type { NewEvent } from '../../src/event-store/contract.ts'
import {
  activeGeneration,
  checkpointKey,
  createGeneration,
  ensureProjections,
  readGeneration,
} from '../../src/projector/generations.ts'
import { REBUILD_CONCURRENCY, rebuildProjections, skipTo } from '../../src/projector/operations.ts'
import {
  generationKeyPrefix,
  generationSchema,
  type PostgresProjection,
  type Projection,
} from '../../src/projector/projection.ts'
import { readCheckpoint, runGeneration } from '../../src/projector/run-generation.ts'
import { runProjector } from '../../src/projector/run-projector.ts'
import { projectionStatus } from '../../src/projector/status.ts'
import { projectionContext } from '../support/projection-context.ts'

const { db, store, redis, keyPrefix, context, operations } = await projectionContext(t)

function rating(
  userId: string,
  movieId: string,
  stars: number,
  previousStars: number | null = null,
): NewEvent {
  return {
    id: randomUUID(),
    type: 'RatingGiven',
    data: { userId, movieId, stars, review: null, ratedAt: new Date().toISOString(), previousStars },
  }
}

/** Waits until everything appended so far is visible to readers of the log. */
async function untilVisible(): Promise<void> {
  // Readers see the log only below the oldest transaction open in this database (VISIBLE_END):
  // while one is open, our last append may not be visible yet.
  const { rows } = await sql<{ last: string }>`
    SELECT transaction_id::text || '/' || global_position::text AS last FROM events
    ORDER BY transaction_id DESC, global_position DESC LIMIT 1`.execute(db)
  const [tx, seq] = (rows[0]?.last ?? '0/0').split('/')
  const appended =
    BigInt(tx ?? 0)
      .toString(16)
      .padStart(16, '0') +
    BigInt(seq ?? 0)
      .toString(16)
      .padStart(16, '0')
  for (let i = 0; i < 2_400 && (await store.headPosition()) < appended; i++) await sleep(50)
}

/** Runs the projection's active generation until it has caught up with the head of the log. */
async function catchUp(projection: Projection): Promise<void> {
  await untilVisible()
  await ensureProjections(db, [projection], context.redis)
  const generation = (await activeGeneration(db, projection.name)) as number
  await runGeneration(projection, generation, context, {
    signal: new AbortController().signal,
    untilCaughtUp: true,
    batchSize: 50,
  })
}

t.test('user_ratings applies ratings, replacements and removals, the last event winning', async (t) => {
  const alice = randomUUID()
  const [m1, m2, m3] = [randomUUID(), randomUUID(), randomUUID()]
  await store.append(
    interactionStream(alice, m1),
    [rating(alice, m1, 2), rating(alice, m1, 5, 2)],
    'no_stream',
  )
  await store.append(interactionStream(alice, m2), [rating(alice, m2, 3)], 'no_stream')
  await store.append(
    interactionStream(alice, m3),
    [
      rating(alice, m3, 4),
      {
        id: randomUUID(),
        type: 'RatingRemoved',
        data: { userId: alice, movieId: m3, stars: 4, removedAt: new Date().toISOString() },
      },
    ],
    'no_stream',
  )
  await store.append(
    `unrelated-${randomUUID()}`,
    [{ id: randomUUID(), type: 'Unrelated', data: {} }],
    'no_stream',
  )
  await catchUp(userRatings)
  const rows = await db
    .selectFrom('user_ratings')
    .select(['movie_id', 'stars'])
    .where('user_id', '=', alice)
    .execute()
  t.same(
    Object.fromEntries(rows.map((r) => [r.movie_id, Number(r.stars)])),
    { [m1]: 5, [m2]: 3 },
    'read through the public view',
  )
  const generation = (await activeGeneration(db, 'user_ratings')) as number
  t.equal(
    await readCheckpoint(userRatings, generation, context),
    await store.headPosition(),
    'the checkpoint passed unhandled events too',
  )
})

t.test('movie_popularity counts in Redis, moving with replacements and removals', async (t) => {
  const movie = randomUUID()
  const [u1, u2, u3] = [randomUUID(), randomUUID(), randomUUID()]
  await store.append(
    interactionStream(u1, movie),
    [rating(u1, movie, 4), rating(u1, movie, 2, 4)],
    'no_stream',
  )
  await store.append(interactionStream(u2, movie), [rating(u2, movie, 5)], 'no_stream')
  await store.append(
    interactionStream(u3, movie),
    [
      rating(u3, movie, 1),
      {
        id: randomUUID(),
        type: 'RatingRemoved',
        data: { userId: u3, movieId: movie, stars: 1, removedAt: new Date().toISOString() },
      },
    ],
    'no_stream',
  )
  await catchUp(moviePopularity)
  const generation = (await activeGeneration(db, 'movie_popularity')) as number
  const prefix = `${keyPrefix}${generationKeyPrefix('movie_popularity', generation)}`
  t.same(await redis.hgetall(`${prefix}movie:${movie}`), { ratings: '2', stars: '7' })
  t.equal(await redis.zscore(`${prefix}popularity`, movie), '2')
  t.equal(
    await redis.get(`${keyPrefix}proj:movie_popularity:active`),
    String(generation),
    'the active generation is published',
  )
})

t.test('a Redis batch replayed after a crash is recognised and not counted twice', async (t) => {
  const movie = randomUUID()
  const user = randomUUID()
  const generation = (await activeGeneration(db, 'movie_popularity')) as number
  const before = await readCheckpoint(moviePopularity, generation, context)
  await store.append(interactionStream(user, movie), [rating(user, movie, 3)], 'no_stream')
  await catchUp(moviePopularity)
  const key = `${keyPrefix}${generationKeyPrefix('movie_popularity', generation)}movie:${movie}`
  t.equal(await redis.hget(key, 'ratings'), '1')
  // A process that crashed after the script but before recording progress elsewhere restarts from
  // the checkpoint it last saw: replaying the same batch must change nothing.
  await db
    .updateTable('projection_generations')
    .set({ position: before })
    .where('name', '=', 'movie_popularity')
    .execute()
  await catchUp(moviePopularity)
  t.equal(await redis.hget(key, 'ratings'), '1', 'still counted once')
  t.equal(
    await redis.get(checkpointKey(keyPrefix, 'movie_popularity', generation)),
    await store.headPosition(),
  )
})

/** A PostgreSQL projection that records how many times each event was applied. */
function countingProjection(handles: string[], poison?: string): PostgresProjection {
  return {
    kind: 'postgres',
    name: `counting_${randomUUID().slice(0, 8)}`,
    version: 1,
    handles,
    tables: [],
    async setup(db) {
      await sql`CREATE TABLE counted (id uuid PRIMARY KEY, times int NOT NULL)`.execute(db)
    },
    async apply(events, trx) {
      if (poison && events.some((e) => e.type === poison)) throw new Error(`cannot handle ${poison}`)
      await sql`INSERT INTO counted (id, times) SELECT unnest(${events.map((e) => e.id)}::uuid[]), 1
        ON CONFLICT (id) DO UPDATE SET times = counted.times + 1`.execute(trx)
    },
  }
}

async function counts(projection: Projection): Promise<{ events: number; max: number | null }> {
  const generation = (await activeGeneration(db, projection.name)) as number
  const { rows } = await sql<{
    events: string
    max: number | null
  }>`SELECT count(*) AS events, max(times) AS max
    FROM ${sql.id(`proj_${projection.name}_g${generation}`, 'counted')}`.execute(db)
  return { events: Number(rows[0]?.events), max: rows[0]?.max ?? null }
}

async function appendCounted(stream: string, n: number, type: string): Promise<void> {
  const revision = await store.streamRevision(stream)
  await store.append(
    stream,
    Array.from({ length: n }, () => ({ id: randomUUID(), type, data: {} })),
    revision === null ? 'no_stream' : revision,
  )
}

t.test('a restarted projection resumes at its checkpoint: nothing applied twice or skipped', async (t) => {
  const type = `Counted${randomUUID()}`
  const counting = countingProjection([type])
  const stream = `counted-${randomUUID()}`
  await appendCounted(stream, 120, type)
  await catchUp(counting)
  await appendCounted(stream, 80, type)
  await catchUp(counting)
  await catchUp(counting)
  t.same(await counts(counting), { events: 200, max: 1 })
})

t.test(
  'two runners on one generation at once never apply an event twice (checkpoint compare-and-set)',
  async (t) => {
    const type = `Counted${randomUUID()}`
    const counting = countingProjection([type])
    const stream = `counted-${randomUUID()}`
    for (let i = 0; i < 4; i++) await appendCounted(stream, 100, type)
    await ensureProjections(db, [counting])
    const generation = (await activeGeneration(db, counting.name)) as number
    const run = () =>
      runGeneration(counting, generation, context, {
        signal: new AbortController().signal,
        untilCaughtUp: true,
        batchSize: 25,
      })
    const outcomes = await Promise.allSettled([run(), run(), run()])
    const lost = outcomes.filter((o) => o.status === 'rejected')
    t.ok(
      lost.every((o) => (o.reason as Error).name === 'LostCheckpointError'),
      `losers stop with LostCheckpointError (${lost.length} of 3 lost)`,
    )
    await catchUp(counting)
    t.same(await counts(counting), { events: 400, max: 1 })
  },
)

t.test(
  'a batch with nothing for the projection moves its checkpoint under the lease, and not once fenced out',
  async (t) => {
    const counting = countingProjection([`Counted${randomUUID()}`])
    await appendCounted(`ignored-${randomUUID()}`, 30, `Ignored${randomUUID()}`)
    await catchUp(counting)
    await ensureProjections(db, [counting])
    const generation = (await activeGeneration(db, counting.name)) as number
    const key = `projection:${counting.name}`
    const lease = await operations.acquireLease(key)
    if (!lease) throw new Error('lease not taken')
    t.teardown(() => lease.release())
    const run = () =>
      runGeneration(counting, generation, context, {
        signal: new AbortController().signal,
        untilCaughtUp: true,
        batchSize: 10,
        fence: lease.fence,
      })

    const before = await readCheckpoint(counting, generation, context)
    await appendCounted(`ignored-${randomUUID()}`, 25, `Ignored${randomUUID()}`)
    await untilVisible()
    await run()
    const moved = await readCheckpoint(counting, generation, context)
    t.ok(moved > before, 'the holder moves the checkpoint past events the projection ignores')

    // Another holder takes the lease (its epoch bump, as PostgresLeases does on taking it).
    await sql`UPDATE projection_leases SET epoch = epoch + 1 WHERE key = ${key}`.execute(db)
    await appendCounted(`ignored-${randomUUID()}`, 25, `Ignored${randomUUID()}`)
    await untilVisible()
    const fencedOut = await run().catch((error: unknown) => error)
    t.equal((fencedOut as Error).name, 'LeaseLostError', 'the old holder finds itself fenced out')
    t.equal(await readCheckpoint(counting, generation, context), moved, 'and moved nothing')
    t.ok(lease.lost.aborted, 'its lease is lost')
  },
)

t.test('a poison event stops only its projection, named in status; skip lets it go on', async (t) => {
  const fine = `Fine${randomUUID()}`
  const poison = `Poison${randomUUID()}`
  const poisoned = countingProjection([fine, poison], poison)
  const healthy = countingProjection([fine, poison])
  const stream = `poison-${randomUUID()}`
  await appendCounted(stream, 3, fine)
  const poisonId = randomUUID()
  const { position: poisonPosition } = await store.append(
    stream,
    [{ id: poisonId, type: poison, data: {} }],
    2n,
  )
  await appendCounted(stream, 2, fine)

  const stop = new AbortController()
  const running = runProjector([poisoned, healthy], {
    ...operations,
    signal: stop.signal,
    standbyRetryMs: 100,
  })
  const deadline = Date.now() + 120_000
  let stopped: Awaited<ReturnType<typeof readGeneration>>
  do {
    await sleep(50)
    const generation = await activeGeneration(db, poisoned.name)
    stopped = generation === null ? undefined : await readGeneration(db, poisoned.name, generation)
  } while (stopped?.state !== 'stopped' && Date.now() < deadline)
  t.equal(stopped?.state, 'stopped', 'the poisoned projection stopped')
  t.match(stopped?.error, {
    eventId: poisonId,
    type: poison,
    position: poisonPosition,
    message: /cannot handle Poison/,
  })
  t.ok((stopped?.position ?? '') < poisonPosition, 'its checkpoint is before the poison event')
  t.same(await counts(poisoned), { events: 3, max: 1 }, 'the events before the poison event were applied')

  // The projector keeps its lease while it waits for an operator, and beats: status names it.
  const stoppedAt = stopped?.updated_at as Date
  let held: Awaited<ReturnType<typeof readGeneration>>
  do {
    await sleep(50)
    held = await readGeneration(db, poisoned.name, stopped?.generation as number)
  } while ((held?.heartbeat_at ?? stoppedAt) <= stoppedAt && Date.now() < deadline)
  t.ok((held?.heartbeat_at ?? stoppedAt) > stoppedAt, 'the holder beats while stopped')
  const report = await projectionStatus(db, store, [poisoned])
  t.match(
    report.projections[0]?.generations[0],
    { state: 'stopped', owner: 'test', ownerAlive: true, error: { eventId: poisonId } },
    'status: stopped, held by the projector',
  )

  while ((await counts(healthy)).events < 6 && Date.now() < deadline) await sleep(50)
  t.same(await counts(healthy), { events: 6, max: 1 }, 'the other projection went on')

  await skipTo(poisoned, poisonPosition, operations)
  while ((await counts(poisoned)).events < 5 && Date.now() < deadline) await sleep(50)
  t.same(
    await counts(poisoned),
    { events: 5, max: 1 },
    'after the skip it applied the rest, not the poison event',
  )
  stop.abort()
  await running
})

t.test(
  'a rebuild lets quick projections run batches ahead of a slow one; a poison event stops only its own; nothing applied twice',
  async (t) => {
    const counted = `Counted${randomUUID()}`
    const poison = `Poison${randomUUID()}`
    /** Each projection's name once per batch it committed, in the order they did. */
    const applied: string[] = []
    const tracked = (projection: PostgresProjection, delayMs: number): PostgresProjection => ({
      ...projection,
      async apply(events, trx) {
        await sleep(delayMs)
        await projection.apply(events, trx)
        applied.push(projection.name)
      },
    })
    const quick = tracked(countingProjection([counted]), 0)
    const slow = tracked(countingProjection([counted]), 40)
    const poisoned = tracked(countingProjection([counted, poison], poison), 0)
    const stream = `lookahead-${randomUUID()}`
    await appendCounted(stream, 60, counted)
    const { position: poisonPosition } = await store.append(
      stream,
      [{ id: randomUUID(), type: poison, data: {} }],
      59n,
    )
    await appendCounted(stream, 60, counted)
    await untilVisible()
    const targets = [quick, slow, poisoned]
    await ensureProjections(db, targets)

    const outcome = await rebuildProjections(targets, operations, {
      signal: new AbortController().signal,
      batchSize: 10,
    })
    t.same(outcome, { result: 'swapped', poisoned: [poisoned.name] })
    t.same(await counts(quick), { events: 120, max: 1 }, 'the quick one applied every event once')
    t.same(await counts(slow), { events: 120, max: 1 }, 'and so did the slow one')
    let lead = 0
    let quickBatches = 0
    let slowBatches = 0
    for (const name of applied) {
      if (name === quick.name) quickBatches++
      if (name === slow.name) slowBatches++
      lead = Math.max(lead, quickBatches - slowBatches)
    }
    t.ok(lead >= 2, `the quick one ran ${lead} batches ahead of the slow one (lock-step allows 1)`)

    const stopped = await db
      .selectFrom('projection_generations')
      .selectAll()
      .where('name', '=', poisoned.name)
      .where('state', '=', 'stopped')
      .executeTakeFirstOrThrow()
    t.ok(stopped.position < poisonPosition, 'the poisoned one stopped before its poison event')
    const { rows } = await sql<{ events: string; max: number | null }>`
      SELECT count(*) AS events, max(times) AS max
      FROM ${sql.id(`proj_${poisoned.name}_g${stopped.generation}`, 'counted')}`.execute(db)
    t.same(
      { events: Number(rows[0]?.events), max: rows[0]?.max },
      { events: 60, max: 1 },
      'with the events before it applied once, and none after it',
    )
  },
)

t.test('a rebuild writes at most REBUILD_CONCURRENCY batches at once, whatever the pool', async (t) => {
  const counted = `Counted${randomUUID()}`
  let writing = 0
  let most = 0
  const targets = Array.from({ length: REBUILD_CONCURRENCY + 3 }, (): PostgresProjection => {
    const projection = countingProjection([counted])
    return {
      ...projection,
      async apply(events, trx) {
        writing++
        most = Math.max(most, writing)
        try {
          await sleep(20)
          await projection.apply(events, trx)
        } finally {
          writing--
        }
      },
    }
  })
  await appendCounted(`concurrency-${randomUUID()}`, 40, counted)
  await untilVisible()
  await ensureProjections(db, targets)
  const outcome = await rebuildProjections(targets, operations, {
    signal: new AbortController().signal,
    batchSize: 10,
  })
  t.same(outcome, { result: 'swapped', poisoned: [] })
  for (const target of targets)
    t.same(await counts(target), { events: 40, max: 1 }, `${target.name} complete`)
  t.equal(most, REBUILD_CONCURRENCY, `at most ${REBUILD_CONCURRENCY} batches written at once`)
})

t.test('a rebuild stages merged rows while it builds and folds them once before it serves', async (t) => {
  const users = [randomUUID(), randomUUID()]
  for (let i = 0; i < 30; i++) {
    const userId = users[i % 2] as string
    const movieId = randomUUID()
    await store.append(
      interactionStream(userId, movieId),
      [rating(userId, movieId, 1 + (i % 5))],
      'no_stream',
    )
  }
  await catchUp(recommendationFeedback)
  const activity = async (generation: number) =>
    (
      await sql<{ line: string }>`
        SELECT t::text AS line FROM ${sql.id(generationSchema('recommendation_feedback', generation), 'user_activity')} AS t
        ORDER BY 1`.execute(db)
    ).rows.map((row) => row.line)
  const active = (await activeGeneration(db, recommendationFeedback.name)) as number
  const live = await activity(active)
  t.ok(live.length >= 2, 'the live generation has the users')

  // A rebuild's generation, run but not finished (as when a rebuild is interrupted after catching up).
  const building = active + 1
  await createGeneration(db, recommendationFeedback, building, 'building')
  await runGeneration(recommendationFeedback, building, context, {
    signal: new AbortController().signal,
    untilCaughtUp: true,
    caughtUpState: 'building',
    batchSize: 5,
  })
  const staged = await sql<{ user_id: string; rows: number }>`
    SELECT user_id, count(*)::int AS rows
    FROM ${sql.id(generationSchema('recommendation_feedback', building), 'user_activity_staged')}
    WHERE user_id = ANY(${users}::uuid[]) GROUP BY user_id`.execute(db)
  t.same(
    staged.rows.map((row) => row.rows > 1),
    [true, true],
    'each user staged once per batch that had their events',
  )
  t.same(await activity(building), [], 'nothing merged while it builds')

  const outcome = await rebuildProjections([recommendationFeedback], operations, {
    signal: new AbortController().signal,
  })
  t.same(outcome, { result: 'swapped', poisoned: [] })
  t.equal(await activeGeneration(db, recommendationFeedback.name), building, 'the staged generation resumed')
  t.same(await activity(building), live, 'folded, it equals the live generation')
  const { rows } = await sql<{ tables: number }>`
    SELECT count(*)::int AS tables FROM pg_tables
    WHERE schemaname = ${generationSchema('recommendation_feedback', building)} AND tablename LIKE '%staged'`.execute(
    db,
  )
  t.equal(rows[0]?.tables, 0, 'the staging tables are dropped')
})
