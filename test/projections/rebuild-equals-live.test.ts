/**
 * Every projection, built live (the projector's path: its active generation, batches of a few
 * events, so every rule also runs across batch boundaries) and rebuilt blue-green in one pass with
 * the rebuild's large batches, ends with exactly the same rows and Redis keys. The log is the
 * benchmarks' synthetic one plus what it lacks: watchlists ended every way, dismissals, erasures
 * and events of an erased user.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import t from 'tap'
import { projections } from '../../projections/index.ts'
import type { NewEvent, StreamWrite } from '../../src/event-store/contract.ts'
import { withEventCatalogue } from '../../src/event-store/create-event-store.ts'
import { seededRandom, syntheticLog } from '../../src/generate/synthetic-log.ts'
import { activeGeneration, ensureProjections } from '../../src/projector/generations.ts'
import { rebuildProjections } from '../../src/projector/operations.ts'
import { generationKeyPrefix, generationSchema } from '../../src/projector/projection.ts'
import { runGenerations } from '../../src/projector/run-generation.ts'
import { projectionContext } from '../support/projection-context.ts'

const {
  db,
  store,
  redis,
  keyPrefix,
  operations: context,
} = await projectionContext(t, (postgres) => withEventCatalogue(postgres))

/** The synthetic log (ending now, so trending's hour buckets hold data), then what it lacks. */
async function appendLog(): Promise<void> {
  const pairs: { userId: string; movieId: string }[] = []
  for (const chunk of syntheticLog({
    seed: 11,
    events: 1_500,
    chunkSize: 400,
    startAt: new Date(Date.now() - 3_600_000),
    maxGapMs: 4_000,
  })) {
    await store.appendMany(chunk)
    for (const write of chunk) {
      const data = write.events[0]?.data as { userId?: string; movieId: string }
      if (data.userId) pairs.push({ userId: data.userId, movieId: data.movieId })
    }
  }
  const random = seededRandom(5)
  const pick = () => pairs[Math.floor(random() * pairs.length)] as { userId: string; movieId: string }
  const at = () => new Date().toISOString()
  const event = (type: string, data: object): NewEvent => ({ id: randomUUID(), type, data })
  const erased = [pick().userId, pick().userId]
  const writes: StreamWrite[] = []
  for (let i = 0; i < 300; i++) {
    const { userId, movieId } = pick()
    const roll = random()
    const next =
      roll < 0.45
        ? event('MovieWatchlisted', { userId, movieId, watchlistedAt: at() })
        : roll < 0.6
          ? event('MovieUnwatchlisted', { userId, movieId, unwatchlistedAt: at() })
          : roll < 0.75
            ? event('MovieWatched', { userId, movieId, progress: random() < 0.5 ? 0.3 : 1, watchedAt: at() })
            : roll < 0.9
              ? event('MovieDismissed', { userId, movieId, dismissedAt: at() })
              : event('MovieLiked', { userId, movieId, likedAt: at() })
    writes.push({ stream: `interaction-${userId}-${movieId}`, events: [next], expectedRevision: 'any' })
    if (i === 150 || i === 250) {
      const userId = erased[i === 150 ? 0 : 1] as string
      writes.push({
        stream: `user-${userId}`,
        events: [event('UserErased', { userId, erasedBy: userId, erasedAt: at() })],
        expectedRevision: 'any',
      })
    }
  }
  // A watchlist of an erased user that reaches the log after the erasure (a command in flight).
  const late = pairs.find((pair) => pair.userId === erased[0]) ?? pick()
  writes.push({
    stream: `interaction-${late.userId}-${late.movieId}`,
    events: [event('MovieWatchlisted', { ...late, watchlistedAt: at() })],
    expectedRevision: 'any',
  })
  for (const write of writes) await store.append(write.stream, write.events, write.expectedRevision)
}

/** Waits until readers see the whole log (another file's open transaction may hold the snapshot back). */
async function untilVisible(): Promise<void> {
  const { rows } = await sql<{ tx: string; pos: string }>`
    SELECT transaction_id::text AS tx, global_position::text AS pos FROM events
    ORDER BY transaction_id DESC, global_position DESC LIMIT 1`.execute(db)
  const last =
    BigInt(rows[0]?.tx ?? 0)
      .toString(16)
      .padStart(16, '0') +
    BigInt(rows[0]?.pos ?? 0)
      .toString(16)
      .padStart(16, '0')
  for (let i = 0; i < 2_400 && (await store.headPosition()) < last; i++) await sleep(50)
}

/** Every table's rows (as text, sorted) and every Redis key's value, per projection. */
async function contents(): Promise<Record<string, unknown>> {
  const all: Record<string, unknown> = {}
  for (const projection of projections) {
    const generation = (await activeGeneration(db, projection.name)) as number
    if (projection.kind === 'postgres') {
      for (const table of projection.tables) {
        const { rows } = await sql<{ line: string }>`
          SELECT t::text AS line FROM ${sql.id(generationSchema(projection.name, generation), table)} AS t
          ORDER BY 1`.execute(db)
        all[`${projection.name}.${table}`] = rows.map((row) => row.line)
      }
    } else if (projection.kind === 'redis') {
      const prefix = `${keyPrefix}${generationKeyPrefix(projection.name, generation)}`
      const keys = (await redis.keys(`${prefix}*`)).filter((key) => !key.endsWith('checkpoint')).sort()
      const values: Record<string, unknown> = {}
      for (const key of keys) {
        const type = await redis.type(key)
        values[key.slice(prefix.length)] =
          type === 'hash'
            ? Object.entries(await redis.hgetall(key)).sort()
            : type === 'set'
              ? (await redis.smembers(key)).sort()
              : await redis.zrange(key, '0', '-1', 'WITHSCORES')
      }
      all[projection.name] = values
    }
  }
  return all
}

t.test('every projection rebuilt in large batches equals the one built live in small ones', async (t) => {
  await appendLog()
  await untilVisible()
  await ensureProjections(db, projections, context.redis)
  const targets = []
  for (const projection of projections) {
    targets.push({ projection, generation: (await activeGeneration(db, projection.name)) as number })
  }
  const outcome = await runGenerations(targets, context, {
    signal: new AbortController().signal,
    untilCaughtUp: true,
    batchSize: 7,
  })
  t.equal(outcome, 'caught_up')
  const live = await contents()
  t.ok((live['user_ratings.user_ratings'] as string[]).length > 100, 'a non-trivial model')
  t.ok((live['user_watchlist.user_watchlist'] as string[]).length > 10, 'watchlists left on')
  t.ok((live['recommendation_feedback.user_dismissals'] as string[]).length > 10, 'dismissals')
  t.ok(
    Object.keys(live.trending as object).some((key) => key.startsWith('h:')),
    'hour buckets',
  )

  const rebuilt = await rebuildProjections(projections, context, { signal: new AbortController().signal })
  t.same(rebuilt, { result: 'swapped', poisoned: [] })
  const fresh = await contents()
  for (const [name, rows] of Object.entries(live)) t.same(fresh[name], rows, `${name} rebuilt equals live`)

  // Small batches: the quick projections run batches ahead of the slow ones (REBUILD_LOOKAHEAD).
  const again = await rebuildProjections(projections, context, {
    signal: new AbortController().signal,
    batchSize: 50,
  })
  t.same(again, { result: 'swapped', poisoned: [] })
  const pipelined = await contents()
  for (const [name, rows] of Object.entries(live)) {
    t.same(pipelined[name], rows, `${name} rebuilt in batches of 50, some ahead of others, equals live`)
  }
})
