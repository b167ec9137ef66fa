/**
 * `npm run bench:recommender -- [--users 610] [--movies 9000] [--seed 1] [--events 20000]
 * [--large-movies 10000]`: what the recommender costs and what it is worth, in one run. The machine's
 * load average is printed with every phase (a shared machine's figures move with it).
 * - Training and the event loop: a seeded latent-factor dataset (the generator's, ~90k ratings by
 *   default) as a feedback matrix, item-kNN trained on the event loop (trainModel) and on a worker
 *   thread (what trainRecommender does). For each: the training's duration, the event loop's longest
 *   and p99 delay (perf_hooks monitorEventLoopDelay) and how many 10 ms timer ticks ran during it.
 * - The API end to end on the same dataset: imported (`npm run import -- movielens`'s function) into
 *   a scratch database, every projection rebuilt, the API listening in this process. A first
 *   training (automatic selection: per candidate train time, peak memory, NDCG@10 and recall@10 on
 *   validation and test) publishes a model; then GET /me/recommendations over HTTP, each user once
 *   (cache misses), p50/p99. Then a second training runs in the API's process while requests keep
 *   coming: the event loop's longest stall over the whole training (reading, the worker, COPY,
 *   activation) and the serving model's reload into memory, per stage the longest lateness of a 5 ms
 *   timer and the main thread's CPU time between two of its turns (what held the loop, which a
 *   loaded machine does not stretch), and the requests' p50/p99 meanwhile.
 * - EASE at `--large-movies` movies: a dataset with that many movies, every movie someone rated in
 *   the Gram matrix (minSupport 1), one EASE training timed (Gram, inverse, top 200).
 * - The retrain reactor following interactions: `--events` RatingGiven events appended to a scratch
 *   database, then the reactor run from the start to the head of the log, once reacting event by
 *   event (one checkpoint move each: the engine's default) and once batch by batch (BatchReactor,
 *   what it does), with a threshold it never reaches (only the cost of following).
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { hostname, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import { projections } from '../../projections/index.ts'
import { recommendationFeedback } from '../../projections/recommendation-feedback.ts'
import { buildApp } from '../../src/app.ts'
import { createProgram, integerValue, interruptions, parseProgram } from '../../src/cli/command.ts'
import { loadConfigOrExit } from '../../src/config.ts'
import { createDatabase, createPool } from '../../src/db/connection.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { PostgresLeases } from '../../src/db/postgres-leases.ts'
import { createScratchDatabase } from '../../src/db/scratch-database.ts'
import { interactionStream } from '../../src/domain/interaction/interaction.ts'
import { START, type StreamWrite } from '../../src/event-store/contract.ts'
import { createEventStore } from '../../src/event-store/create-event-store.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { generateLatentFactorDataset, movieLensFiles } from '../../src/generate/latent-factor-dataset.ts'
import { importMovieLens } from '../../src/ingest/movielens/import-movielens.ts'
import { RedisKeyValue } from '../../src/key-value/redis.ts'
import { activeGeneration, ensureProjections } from '../../src/projector/generations.ts'
import { rebuildProjections } from '../../src/projector/operations.ts'
import type { Projection, Reactor } from '../../src/projector/projection.ts'
import { type EngineContext, runGeneration } from '../../src/projector/run-generation.ts'
import { feedbackWeight } from '../../src/recommend/feedback.ts'
import { createMatrixBuilder, type FeedbackMatrix } from '../../src/recommend/feedback-matrix.ts'
import { MODELS, trainCandidate, trainModel } from '../../src/recommend/model.ts'
import { selectModelOffThread } from '../../src/recommend/off-thread.ts'
import { createRetrainReactor } from '../../src/recommend/retrain-reactor.ts'
import { formatSelectionReport } from '../../src/recommend/selection-report.ts'
import { trainRecommender } from '../../src/recommend/train.ts'
import { requireServices } from '../../src/runtime/open-runtime.ts'
import { createReactorServices } from '../../src/runtime/reactor-services.ts'
import { measureRecommendations, signTokens, startLoadClient } from './recommendation-latency.ts'

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
  .option('--large-movies <n>', 'movies in the EASE-at-scale dataset (0: skip)', '10000')
  .option(
    '--model <name>',
    'what the end-to-end trainings train: auto (the selection) or a candidate',
    'auto',
  )
  .option('--only <phases>', 'some of loop,api,scale,reactor (comma-separated)', 'loop,api,scale,reactor')
parseProgram(program)
const values = program.opts<{
  users: string
  movies: string
  seed: string
  events: string
  largeMovies: string
  model: string
  only: string
}>()
const phases = new Set(values.only.split(','))
const trainAs = values.model === 'auto' ? undefined : (values.model as 'ease')
const users = integerValue(program, 'users', values.users, 1, 10_000_000)
const movies = integerValue(program, 'movies', values.movies, 1, 10_000_000)
const seed = integerValue(program, 'seed', values.seed, 1, 2 ** 31 - 1)
const events = integerValue(program, 'events', values.events, 1, 100_000_000)
const largeMovies = integerValue(program, 'large-movies', values.largeMovies, 0, 1_000_000)
const say = (line: string) => process.stdout.write(`${line}\n`)
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on this machine`
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`
const memory = () => {
  const m = process.memoryUsage()
  return `resident ${mb(m.rss)}, heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, array buffers ${mb(m.arrayBuffers)}`
}
/** Seconds on the clock `perf record -k mono` stamps its samples with. */
const monotonic = () => Number(process.hrtime.bigint()) / 1e9
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
/** A generated dataset's ratings as each user's feedback items (stars only, liked at 4 and up). */
function feedbackByUser(
  ratings: readonly { userId: number; movieId: number; rating: number; timestamp: number }[],
) {
  const byUser = new Map<number, { movieId: string; weight: number; at: number; liked: boolean }[]>()
  for (const r of ratings) {
    const weight = feedbackWeight({
      stars: r.rating,
      favorite: false,
      liked: false,
      watchProgress: null,
      watchlisted: false,
    })
    let list = byUser.get(r.userId)
    if (!list) {
      list = []
      byUser.set(r.userId, list)
    }
    list.push({ movieId: String(r.movieId), weight, at: r.timestamp, liked: r.rating >= 4 })
  }
  return byUser
}

let positive = new Uint8Array(0)
function matrixOf(): FeedbackMatrix {
  const byUser = feedbackByUser(dataset.ratings)
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

say(`${dataset.ratings.length} ratings (${users} users, ${movies} movies, seed ${seed}); ${load()}`)
if (phases.has('loop')) {
  // item-kNN trained on the event loop, then selected (validation, then all) on a worker thread as every training runs.
  const inline = await measure((matrix) => trainModel(matrix, MODELS['item-knn']))
  const worker = await measure(async (matrix) => {
    await selectModelOffThread({ matrix, positive }, 'item-knn')
  })
  for (const [name, m] of [
    ['item-knn on the event loop', inline],
    // Selection with one candidate: trained on the validation split, then on everything.
    ['item-knn (twice) on a worker', worker],
  ] as const) {
    say(
      `  ${name.padEnd(28)} ${(m.ms / 1000).toFixed(2)} s; event loop delay max ${m.maxMs.toFixed(0)} ms, p99 ${m.p99Ms.toFixed(0)} ms; ${m.ticks} of ${Math.floor(m.ms / 10)} 10-ms ticks ran`,
    )
  }
  say(`  longest event-loop stall: worker/inline ${(worker.maxMs / inline.maxMs).toFixed(3)}`)
  leaveIfInterrupted()
}

/**
 * The event loop's longest lateness per stage: a 5 ms timer's delay, charged to the stage it ends in;
 * and the main thread's CPU time between two of its turns (process.threadCpuUsage), which a loaded
 * machine does not stretch: the work that held the loop, whatever the scheduler added to it.
 */
function stageLag() {
  let stage = 'start'
  const worst = new Map<string, number>()
  const busiest = new Map<string, number>()
  // The kernel's share of the busiest interval (page faults, munmap): not JavaScript's, not the GC's.
  const kernel = new Map<string, number>()
  // The resident set's peak, read every 20th turn (~0.1 s).
  let rssPeak = process.memoryUsage.rss()
  let turns = 0
  let expected = performance.now() + 5
  let cpu = process.threadCpuUsage()
  const timer = setInterval(() => {
    const now = performance.now()
    if (++turns % 20 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage.rss())
    const used = process.threadCpuUsage(cpu)
    cpu = process.threadCpuUsage()
    worst.set(stage, Math.max(worst.get(stage) ?? 0, now - expected))
    const total = (used.user + used.system) / 1000
    if (total > (busiest.get(stage) ?? 0)) {
      busiest.set(stage, total)
      kernel.set(stage, used.system / 1000)
    }
    expected = now + 5
  }, 5)
  const list = (per: Map<string, number>) =>
    [...per].map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ')
  return {
    set: (next: string) => {
      stage = next
    },
    stop: () => {
      clearInterval(timer)
      const busy = [...busiest]
        .map(([name, ms]) => `${name} ${ms.toFixed(0)} ms (kernel ${(kernel.get(name) ?? 0).toFixed(0)})`)
        .join(', ')
      return { lateness: list(worst), busy, busiest: Math.max(0, ...busiest.values()), rssPeak }
    },
  }
}

const config = loadConfigOrExit()
const servers = requireServices('bench:recommender', config)

// --- The API end to end: serving latency, and the event loop while a training runs in it ------
if (phases.has('api')) {
  const e2e = await createScratchDatabase(servers.databaseUrl, 'nexus_bench_recommender_api')
  const dir = await mkdtemp(join(tmpdir(), 'nexus-bench-recommender-'))
  const keyPrefix = `bench-recommender-${randomUUID().slice(0, 8)}:`
  const pool = createPool(e2e.url, { max: 8 })
  const db = createDatabase(pool)
  const redis = new Redis(servers.redisUrl)
  const store = await createEventStore({ eventStoreUrl: null, databaseUrl: e2e.url }, pool)
  let api: Awaited<ReturnType<typeof buildApp>> | null = null
  try {
    await migrateToLatest(db, () => {})
    const lines = new Map<string, string[]>()
    for (const { file, line } of movieLensFiles(dataset)) {
      let list = lines.get(file)
      if (!list) {
        list = []
        lines.set(file, list)
      }
      list.push(line)
    }
    for (const [file, list] of lines) await writeFile(join(dir, file), `${list.join('\r\n')}\r\n`)
    let started = performance.now()
    await importMovieLens({ eventStore: store, db, dir, now: new Date(), signal: stop.signal })
    const importS = (performance.now() - started) / 1000
    leaveIfInterrupted()
    started = performance.now()
    const leases = new PostgresLeases(e2e.url, { owner: `${hostname()}/${process.pid}` })
    const rebuilt = await rebuildProjections(
      projections,
      {
        store,
        db,
        redis: { redis: new RedisKeyValue(redis), keyPrefix },
        logger: { info() {}, warn() {}, error() {} },
        owner: `${hostname()}/${process.pid}`,
        acquireLease: leases.acquire,
      },
      { signal: stop.signal },
    )
    await leases.close()
    leaveIfInterrupted()
    if (rebuilt.result !== 'swapped') throw new Error(`rebuild ${rebuilt.result}`)
    say(
      `end to end: imported in ${importS.toFixed(1)} s, projections rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
    api = await buildApp(
      {
        ...config,
        databaseUrl: e2e.url,
        eventStoreUrl: null,
        redisKeyPrefix: keyPrefix,
        runProjectors: false,
        rateLimitMax: 1_000_000,
        logLevel: 'silent',
      },
      { logger: false },
    )
    const address = await api.listen({ host: '127.0.0.1', port: 0 })
    // As the retrain reactor in the API's process: the neighbour table written from a worker thread.
    const deps = {
      db: api.db,
      store: api.eventStore,
      writer: { databaseUrl: e2e.url, applicationName: 'nexus-retrain' },
    }
    started = performance.now()
    const first = await trainRecommender(deps, { jobId: randomUUID(), model: trainAs })
    say(
      `first training (automatic selection) ${((performance.now() - started) / 1000).toFixed(1)} s; ${load()}`,
    )
    say(formatSelectionReport(first.report))
    leaveIfInterrupted()

    const userIds = (await db.selectFrom('users').select('id').orderBy('id').execute()).map((u) => u.id)
    const tokens = await signTokens(config, userIds)
    // The first request finds the model not in memory, answers from PostgreSQL and starts its load.
    await measureRecommendations(address, tokens.slice(0, 1))
    await api.servingModel.idle()
    const cold = await measureRecommendations(address, tokens.slice(1, 301))
    say(
      `GET /me/recommendations, ${cold.requests} users once each (${cold.misses} cache misses), one at a time: ` +
        `p50 ${cold.p50Ms.toFixed(0)} ms, p99 ${cold.p99Ms.toFixed(0)} ms, max ${cold.maxMs.toFixed(0)} ms; ${load()}`,
    )

    // A training in the API's process, twice: alone (the stall it causes: reading, the worker, COPY,
    // activation and the serving model's reload), then with requests all along (their latency; each
    // request's own ranking holds the loop too, so the stall is not the training's there).
    const duringTraining = async (withRequests: boolean) => {
      const delay = monitorEventLoopDelay({ resolution: 5 })
      delay.enable()
      await sleep(20)
      // The misses come from another process (other limits each round: every request misses the
      // cache), so the stalls measured here are the API's and the training's, not the client's.
      const client = withRequests ? await startLoadClient(address, tokens, 2) : null
      const lag = stageLag()
      const began = performance.now()
      const clockStart = monotonic()
      const trained = await trainRecommender(deps, {
        jobId: randomUUID(),
        model: trainAs,
        onStage: (stage) => lag.set(stage),
      })
      const seconds = (performance.now() - began) / 1000
      // The new model's reload into memory is part of what the process does for a training.
      lag.set('reload')
      const reloading = performance.now()
      await measureRecommendations(address, tokens.slice(0, 1))
      await api?.servingModel.idle()
      const reloadMs = performance.now() - reloading
      lag.set('after')
      const during = client === null ? [] : await client.stop()
      await sleep(20)
      delay.disable()
      const stages = lag.stop()
      say(
        `training in the API's process ${withRequests ? 'with' : 'without'} requests: ${seconds.toFixed(1)} s ` +
          `(model ${trained.modelId}, ${trained.model}, ${trained.neighbours} neighbours), reload into memory ` +
          `included: event loop longest stall ${(delay.max / 1e6).toFixed(0)} ms (target < 50 ms), p99 ` +
          `${(delay.percentile(99) / 1e6).toFixed(0)} ms; longest main-thread CPU between two turns ` +
          `${stages.busiest.toFixed(0)} ms; reload ${reloadMs.toFixed(0)} ms; ${load()}`,
      )
      say(`  longest lateness of a 5 ms timer per stage: ${stages.lateness}`)
      say(`  longest main-thread CPU between two of its turns per stage: ${stages.busy}`)
      say(
        `  resident set peak ${mb(stages.rssPeak)}; ${memory()}; CLOCK_MONOTONIC ${clockStart.toFixed(3)}-${monotonic().toFixed(3)} s (perf -k mono)`,
      )
      if (!withRequests) return
      const p50s = during.map((d) => d.p50Ms)
      say(
        `  meanwhile ${during.reduce((n, d) => n + d.requests, 0)} requests (cache misses), 2 in flight from another process: ` +
          `p50 ${Math.min(...p50s).toFixed(0)}-${Math.max(...p50s).toFixed(0)} ms per round of ${tokens.length}, ` +
          `worst p99 ${Math.max(...during.map((d) => d.p99Ms)).toFixed(0)} ms`,
      )
    }
    await duringTraining(false)
    await duringTraining(true)
    // What the process keeps once the trainings are over and it is idle (V8's memory reducer, when
    // on, collects 8 s after the allocation rate falls): the resident set every 15 s for a minute.
    const settling: string[] = []
    for (let s = 15; s <= 60; s += 15) {
      await sleep(15_000)
      settling.push(`${s} s ${mb(process.memoryUsage.rss())}`)
    }
    say(
      `idle after the trainings: resident ${settling.join(', ')}; then ${memory()}; resident set peak of the process ${mb(process.resourceUsage().maxRSS * 1024)}`,
    )
  } catch (error) {
    if (!stop.signal.aborted) throw error
  } finally {
    await api?.close()
    await store.close?.()
    await db.destroy()
    // The projections' and the cache's keys of this run.
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1_000)
      cursor = next
      if (keys.length > 0) await redis.unlink(...keys)
    } while (cursor !== '0')
    redis.disconnect()
    await rm(dir, { recursive: true, force: true })
    await e2e.drop()
  }
  leaveIfInterrupted()
}

// --- EASE at catalogue scale ---------------------------------------------------------------------
if (phases.has('scale') && (largeMovies as number) > 0) {
  const large = generateLatentFactorDataset({
    seed: seed as number,
    users: users as number,
    movies: largeMovies as number,
  })
  const byUser = feedbackByUser(large.ratings)
  const builder = createMatrixBuilder()
  for (const items of byUser.values()) builder.addUser(items)
  const matrix = builder.build()
  const rssBefore = process.memoryUsage().rss
  const started = performance.now()
  const trained = trainCandidate(matrix, {
    ...(MODELS.ease as Extract<typeof MODELS.ease, { algorithm: 'ease' }>),
    minSupport: 1,
  })
  const s = (performance.now() - started) / 1000
  say(
    `EASE at scale: ${large.ratings.length} ratings, ${matrix.itemIds.length} movies rated, ${trained.gramItems} in the Gram matrix ` +
      `(${((trained.gramBytes ?? 0) / 2 ** 20).toFixed(0)} MB): one training ${s.toFixed(1)} s (target < 180 s on 2 cores), ` +
      `resident memory ${((process.memoryUsage().rss - rssBefore) / 2 ** 20).toFixed(0)} MB above before; ${load()}`,
  )
  leaveIfInterrupted()
}

// --- The retrain reactor following interactions -----------------------------------------------
if (phases.has('reactor')) {
  const scratch = await createScratchDatabase(servers.databaseUrl, 'nexus_bench_recommender')
  const pool = createPool(scratch.url, { max: 8 })
  const db = createDatabase(pool)
  const redis = new Redis(servers.redisUrl)
  const store = new PostgresEventStore(pool, { connectionString: scratch.url, pollIntervalMs: 50 })
  const services = createReactorServices({
    config: { ...config, databaseUrl: scratch.url, recommenderRetrainAfter: 100_000_000 },
    redis: new RedisKeyValue(redis),
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
    const batched = createRetrainReactor(services)
    const { reactToBatch: _, ...perEvent } = createRetrainReactor(services)
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
}
leaveIfInterrupted()
