/**
 * `npm run bench:recommender -- [--users 610] [--movies 9000] [--seed 1] [--events 20000]`: what
 * the recommender's long work costs the process it runs in, measured both ways in one run.
 * - Training and the event loop: a seeded latent-factor dataset (the evaluation's, ~90k ratings by
 *   default) as a feedback matrix, trained with the production model on the event loop (trainModel)
 *   and on a worker thread (trainModelOffThread, what trainRecommender does). For each: the
 *   training's duration, the event loop's longest and p99 delay (perf_hooks monitorEventLoopDelay)
 *   and how many 10 ms timer ticks ran during it (of duration / 10 possible).
 * - The retrain reactor following interactions: `--events` RatingGiven events appended to a scratch
 *   database, then the reactor run from the start to the head of the log, once reacting event by
 *   event (one checkpoint move each: the engine's default) and once batch by batch (BatchReactor,
 *   what it does), with a threshold it never reaches (only the cost of following).
 */
import { randomUUID } from 'node:crypto'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import { recommendationFeedback } from '../../projections/recommendation-feedback.ts'
import { createProgram, integerValue, interruptions, parseProgram } from '../../src/cli/command.ts'
import { loadConfigOrExit } from '../../src/config.ts'
import { createDatabase, createPool } from '../../src/db/connection.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { requireServices } from '../../src/db/open-database.ts'
import { createScratchDatabase } from '../../src/db/scratch-database.ts'
import { interactionStream } from '../../src/domain/interaction/interaction.ts'
import { START, type StreamWrite } from '../../src/event-store/contract.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { generateLatentFactorDataset } from '../../src/generate/latent-factor-dataset.ts'
import { activeGeneration, ensureProjections } from '../../src/projector/generations.ts'
import type { Projection } from '../../src/projector/projection.ts'
import { type EngineContext, runGeneration } from '../../src/projector/run-generation.ts'
import type { Reactor } from '../../src/reactors/reactor.ts'
import { createReactorServices } from '../../src/reactors/services.ts'
import { feedbackWeight } from '../../src/recommend/feedback.ts'
import { createMatrixBuilder, type FeedbackMatrix } from '../../src/recommend/feedback-matrix.ts'
import { MODELS, trainModel } from '../../src/recommend/model.ts'
import { selectModelOffThread } from '../../src/recommend/off-thread.ts'
import { createRetrainReactor } from '../../src/recommend/retrain-reactor.ts'
import { formatSelectionReport } from '../../src/recommend/selection-report.ts'

const program = createProgram(
  'bench:recommender',
  "What the recommender's long work costs the process it runs in: training on the event loop and on " +
    'a worker thread (duration, event-loop delay), and the retrain reactor following --events ratings ' +
    'on a scratch database (PostgreSQL and Redis servers), event by event and batch by batch.',
  ['npm run bench:recommender', 'npm run bench:recommender -- --users 2000 --movies 20000 --events 50000'],
)
  .option('--users <n>', 'users in the dataset', '610')
  .option('--movies <n>', 'movies in the dataset', '9000')
  .option('--seed <n>', 'the seed', '1')
  .option('--events <n>', 'RatingGiven events the reactor follows', '20000')
parseProgram(program)
const values = program.opts<{ users: string; movies: string; seed: string; events: string }>()
const users = integerValue(program, 'users', values.users, 1, 10_000_000)
const movies = integerValue(program, 'movies', values.movies, 1, 10_000_000)
const seed = integerValue(program, 'seed', values.seed, 1, 2 ** 31 - 1)
const events = integerValue(program, 'events', values.events, 1, 100_000_000)
const say = (line: string) => process.stdout.write(`${line}\n`)
// Ctrl-C stops between phases (a benchmark starts over: nothing to resume); the scratch database is dropped.
const stop = interruptions('bench:recommender')
function leaveIfInterrupted(): void {
  if (!stop.signal.aborted) return
  process.stderr.write('bench:recommender: interrupted; a benchmark starts over: run it again\n')
  process.exit(stop.exitCode)
}

// --- Training and the event loop -------------------------------------------------------------
const dataset = generateLatentFactorDataset({
  seed: seed as number,
  users: users as number,
  movies: movies as number,
})
let positive = new Uint8Array(0)
function matrixOf(): FeedbackMatrix {
  const byUser = new Map<number, { movieId: string; weight: number; at: number; liked: boolean }[]>()
  for (const r of dataset.ratings) {
    const weight = feedbackWeight({ stars: r.rating, favorite: false, liked: false, watchProgress: null })
    let list = byUser.get(r.userId)
    if (!list) {
      list = []
      byUser.set(r.userId, list)
    }
    list.push({ movieId: String(r.movieId), weight, at: r.timestamp, liked: r.rating >= 4 })
  }
  const builder = createMatrixBuilder()
  const liked: number[] = []
  for (const items of byUser.values()) {
    builder.addUser(items)
    for (const item of items) liked.push(item.liked ? 1 : 0)
  }
  positive = Uint8Array.from(liked)
  return builder.build()
}

async function measure(train: (matrix: FeedbackMatrix) => unknown) {
  const matrix = matrixOf()
  const delay = monitorEventLoopDelay({ resolution: 5 })
  let ticks = 0
  const timer = setInterval(() => ticks++, 10)
  delay.enable()
  // Let the monitor take its first samples: it measures between two of its timer's runs.
  await sleep(20)
  const started = performance.now()
  await train(matrix)
  const ms = performance.now() - started
  // A blocked loop's delay is recorded when its timer can fire again.
  await sleep(20)
  delay.disable()
  clearInterval(timer)
  return { ms, maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6, ticks }
}

say(`${dataset.ratings.length} ratings (${users} users, ${movies} movies, seed ${seed})`)
// Baseline: item-kNN trained on the event loop; then the whole selection on a worker thread.
const inline = await measure((matrix) => trainModel(matrix, MODELS['item-knn']))
let report: Awaited<ReturnType<typeof selectModelOffThread>>['report'] | null = null
const worker = await measure(async (matrix) => {
  report = (await selectModelOffThread({ matrix, positive }, null)).report
})
if (report) say(formatSelectionReport(report))
for (const [name, m] of [
  ['item-knn on the event loop', inline],
  ['selection on a worker thread', worker],
] as const) {
  say(
    `  ${name.padEnd(28)} ${(m.ms / 1000).toFixed(2)} s; event loop delay max ${m.maxMs.toFixed(0)} ms, p99 ${m.p99Ms.toFixed(0)} ms; ${m.ticks} of ${Math.floor(m.ms / 10)} 10-ms ticks ran`,
  )
}
say(`  longest event-loop stall: worker/inline ${(worker.maxMs / inline.maxMs).toFixed(3)}`)
leaveIfInterrupted()

// --- The retrain reactor following interactions -----------------------------------------------
const config = loadConfigOrExit()
const servers = requireServices('bench:recommender', config)
const scratch = await createScratchDatabase(servers.databaseUrl, 'nexus_bench_recommender')
const pool = createPool(scratch.url, { max: 8 })
const db = createDatabase(pool)
const redis = new Redis(servers.redisUrl)
const store = new PostgresEventStore(pool, { connectionString: scratch.url, pollIntervalMs: 50 })
const services = createReactorServices({
  config: { ...config, databaseUrl: scratch.url, recommenderRetrainAfter: 100_000_000 },
  redis,
})
try {
  await migrateToLatest(db, () => {})
  const userIds = Array.from({ length: 500 }, () => randomUUID())
  const movieIds = Array.from({ length: 2_000 }, () => randomUUID())
  const writes: StreamWrite[] = []
  for (let i = 0; i < (events as number); i++) {
    const userId = userIds[i % userIds.length] as string
    const movieId = movieIds[Math.floor(i / userIds.length) % movieIds.length] as string
    writes.push({
      stream: interactionStream(userId, movieId),
      expectedRevision: 'any',
      events: [
        {
          id: randomUUID(),
          type: 'RatingGiven',
          data: {
            userId,
            movieId,
            stars: 4,
            review: null,
            ratedAt: new Date().toISOString(),
            previousStars: null,
          },
        },
      ],
    })
  }
  for (let i = 0; i < writes.length && !stop.signal.aborted; i += 5_000)
    await store.appendMany(writes.slice(i, i + 5_000))
  const context: EngineContext = {
    store,
    db,
    logger: { info() {}, warn() {}, error() {} },
    owner: 'bench',
    reactorServices: services,
  }
  const follow = async (projection: Projection) => {
    await ensureProjections(db, [projection])
    const generation = (await activeGeneration(db, projection.name)) as number
    await db
      .updateTable('projection_generations')
      .set({ position: START })
      .where('name', '=', projection.name)
      .execute()
    const started = performance.now()
    await runGeneration(projection, generation, context, {
      signal: stop.signal,
      untilCaughtUp: true,
    })
    return performance.now() - started
  }
  // The count the reactor reads comes from this projection: it runs first.
  await follow(recommendationFeedback)
  const batched = createRetrainReactor()
  const { reactToBatch: _, ...perEvent } = createRetrainReactor()
  const eventMs = await follow(perEvent as Reactor)
  const batchMs = await follow(batched)
  if (stop.signal.aborted) throw new Error('interrupted')
  say(`retrain reactor following ${events} interaction events (threshold not reached)`)
  say(
    `  event by event    ${(eventMs / 1000).toFixed(2)} s, ${Math.round((events as number) / (eventMs / 1000))} events/s`,
  )
  say(
    `  batch by batch    ${(batchMs / 1000).toFixed(2)} s, ${Math.round((events as number) / (batchMs / 1000))} events/s`,
  )
  say(`  speed-up batch/event ${(eventMs / batchMs).toFixed(1)}x`)
} catch (error) {
  if (!stop.signal.aborted) throw error
} finally {
  services.close()
  await store.close()
  await db.destroy()
  redis.disconnect()
  await scratch.drop()
}
leaveIfInterrupted()
