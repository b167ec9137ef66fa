/**
 * `npm run bench:rebuild -- [--events 1000000] [--seed 42] [--lag-seconds 10] [--json]`: on a scratch
 * database, generates a seeded log through the bulk path, rebuilds every projection (blue-green, as
 * operators do) and compares with the floor measured in the same run: COPY of as many rows into one
 * table. Then measures projection lag (append to read model, p50/p99) while append load runs.
 */
import { randomUUID } from 'node:crypto'
import { cpus, hostname } from 'node:os'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Redis } from 'ioredis'
import { from as copyFrom } from 'pg-copy-streams'
import { projections } from '../../projections/index.ts'
import { createProgram, integerValue, interruptions, parseProgram } from '../../src/cli/command.ts'
import { createProgress, type Progress } from '../../src/cli/progress.ts'
import { loadConfigOrExit } from '../../src/config.ts'
import { createDatabase, createPool } from '../../src/db/connection.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { PostgresLeases } from '../../src/db/postgres-leases.ts'
import { createScratchDatabase } from '../../src/db/scratch-database.ts'
import { decodePosition } from '../../src/event-store/contract.ts'
import { withEventCatalogue } from '../../src/event-store/create-event-store.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { appendSyntheticLog } from '../../src/generate/synthetic-log.ts'
import { RedisKeyValue } from '../../src/key-value/redis.ts'
import { activeGeneration, readGeneration } from '../../src/projector/generations.ts'
import { rebuildProjections } from '../../src/projector/operations.ts'
import { runProjector } from '../../src/projector/run-projector.ts'
import { requireServices } from '../../src/runtime/open-runtime.ts'

const program = createProgram(
  'bench:rebuild',
  'On a scratch database (PostgreSQL and Redis servers): generates a seeded log through the bulk ' +
    'path, rebuilds every projection blue-green and compares with the floor measured in the same ' +
    'run (COPY of as many rows into one table); then measures projection lag under append load. ' +
    'Ctrl-C stops and drops the scratch database (exit 130).',
  ['npm run bench:rebuild', 'npm run bench:rebuild -- --events 200000 --lag-seconds 5 --json'],
)
  .option('--events <n>', 'events in the log', '1000000')
  .option('--seed <n>', 'the seed of the log', '42')
  .option('--lag-seconds <n>', 'seconds of the lag measurement under load', '10')
  .option('--writers <n>', 'concurrent writers during the lag measurement', '16')
  .option('--json', 'print one JSON object', false)
parseProgram(program)
const values = program.opts<{
  events: string
  seed: string
  lagSeconds: string
  writers: string
  json: boolean
}>()
const total = integerValue(program, 'events', values.events, 1, 1_000_000_000)
const seed = integerValue(program, 'seed', values.seed, 1, 2 ** 31 - 1)
const lagSeconds = integerValue(program, 'lag-seconds', values.lagSeconds, 1, 3_600)
const writers = integerValue(program, 'writers', values.writers, 1, 1_000)
const config = loadConfigOrExit()
const services = requireServices('bench:rebuild', config)

const scratchDatabase = await createScratchDatabase(services.databaseUrl, 'nexus_bench_rebuild')
const scratch = scratchDatabase.name
const scratchUrl = scratchDatabase.url

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
const silent = { info() {}, warn() {}, error() {} }

const pool = createPool(scratchUrl, { max: writers + 8 })
const db = createDatabase(pool)
const store = withEventCatalogue(new PostgresEventStore(pool, { connectionString: scratchUrl }))
const redis = new Redis(services.redisUrl)
const keyPrefix = `bench:${scratch}:`
const leases = new PostgresLeases(scratchUrl, { owner: `${hostname()}/${process.pid}` })
const context = {
  store,
  db,
  redis: { redis: new RedisKeyValue(redis), keyPrefix },
  logger: silent,
  owner: `${hostname()}/${process.pid}`,
  acquireLease: leases.acquire,
}
const stop = interruptions('bench:rebuild')

try {
  await migrateToLatest(db)

  // 1. The log, through the bulk path.
  const generateSeconds = await appendSyntheticLog(store, {
    label: 'generate',
    seed,
    events: total,
    chunkSize: 5_000,
    signal: stop.signal,
  })

  // 2. Rebuild every projection blue-green in one pass over the log (rebuildProjections).
  let started = performance.now()
  let bar: Progress | null = null
  const head = Number(decodePosition(await store.headPosition()).low)
  const rebuilt = await rebuildProjections(projections, context, {
    signal: stop.signal,
    onProgress: (progress) => {
      bar ??= createProgress('rebuild', head)
      bar.update(Math.min(Number(decodePosition(progress.position).low), head))
    },
  })
  ;(bar as Progress | null)?.stop()
  if (stop.signal.aborted) throw new Error('interrupted')
  if (rebuilt.result !== 'swapped' || rebuilt.poisoned.length > 0)
    throw new Error(`rebuild ${rebuilt.result}`)
  const rebuildSeconds = (performance.now() - started) / 1000

  // 3. The floor: COPY as many rows into one table.
  await pool.query(
    'CREATE TABLE copy_floor (user_id uuid, movie_id uuid, stars numeric(2,1), rated_at timestamptz)',
  )
  const client = await pool.connect()
  started = performance.now()
  try {
    const rows = (function* () {
      const movie = randomUUID()
      for (let i = 0; i < total; i++)
        yield `${randomUUID()}\t${movie}\t${(i % 5) + 1}\t2026-01-01T00:00:00Z\n`
    })()
    await pipeline(Readable.from(rows), client.query(copyFrom('COPY copy_floor FROM STDIN')))
  } finally {
    client.release()
  }
  const copySeconds = (performance.now() - started) / 1000

  // 4. Lag under append load: time from an append to its projection passing it.
  const live = new AbortController()
  const projector = runProjector(projections, { ...context, signal: live.signal })
  const lags: number[] = []
  const deadline = Date.now() + lagSeconds * 1000
  const load = Array.from({ length: writers }, async () => {
    while (Date.now() < deadline) {
      const userId = randomUUID()
      const movieId = randomUUID()
      await store.append(
        `interaction-${userId}-${movieId}`,
        [
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
        'no_stream',
      )
    }
  })
  const sampler = (async () => {
    while (Date.now() < deadline) {
      const { position } = await store.append(
        `probe-${randomUUID()}`,
        [{ id: randomUUID(), type: 'Probe', data: {} }],
        'no_stream',
      )
      const appended = performance.now()
      // Every projection must pass it: the slowest one is the lag a reader sees.
      for (;;) {
        const rows = await Promise.all(
          projections.map(async (p) => {
            const generation = await activeGeneration(db, p.name)
            return generation === null ? undefined : readGeneration(db, p.name, generation)
          }),
        )
        if (rows.every((row) => row && row.position >= position)) break
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
      lags.push(performance.now() - appended)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()
  await Promise.all([...load, sampler])
  live.abort()
  await projector
  lags.sort((a, b) => a - b)

  const rebuildRate = total / rebuildSeconds
  const copyRate = total / copySeconds
  const result = {
    machine: { cpus: cpus().length, node: process.version },
    events: total,
    projections: projections.map((p) => p.name),
    generate: { seconds: generateSeconds, eventsPerSecond: Math.round(total / generateSeconds) },
    rebuild: { seconds: rebuildSeconds, eventsPerSecond: Math.round(rebuildRate) },
    copyFloor: { seconds: copySeconds, rowsPerSecond: Math.round(copyRate) },
    ratioToCopy: Number((rebuildRate / copyRate).toFixed(3)),
    target: { rebuildEventsPerSecond: 25_000, met: rebuildRate >= 25_000 },
    lagUnderLoad: {
      writers,
      seconds: lagSeconds,
      samples: lags.length,
      p50ms: Number(percentile(lags, 50).toFixed(1)),
      p99ms: Number(percentile(lags, 99).toFixed(1)),
    },
  }
  if (values.json) {
    console.log(JSON.stringify(result))
  } else {
    console.log(`machine: ${result.machine.cpus} cpus, node ${result.machine.node}`)
    console.log(
      `log: ${total} events generated through appendMany in ${generateSeconds.toFixed(1)} s (${result.generate.eventsPerSecond} events/s)`,
    )
    console.log(
      `rebuild of ${result.projections.join(', ')}: ${rebuildSeconds.toFixed(1)} s, ${result.rebuild.eventsPerSecond} events/s`,
    )
    console.log(
      `floor, COPY of ${total} rows into one table: ${copySeconds.toFixed(1)} s, ${result.copyFloor.rowsPerSecond} rows/s`,
    )
    console.log(`ratio rebuild/COPY: ${result.ratioToCopy}`)
    console.log(`target: rebuild >= 25000 events/s  ${result.target.met ? 'PASS' : 'BELOW'}`)
    console.log(
      `lag append -> all projections under ${writers} writers for ${lagSeconds} s: p50 ${result.lagUnderLoad.p50ms} ms, p99 ${result.lagUnderLoad.p99ms} ms (${lags.length} samples)`,
    )
  }
} catch (error) {
  if (!stop.signal.aborted) throw error
  process.stderr.write(
    'bench:rebuild: interrupted; the scratch database is dropped (a benchmark starts over)\n',
  )
  process.exitCode = stop.exitCode
} finally {
  await store.close()
  await leases.close()
  await db.destroy()
  const keys = await redis.keys(`${keyPrefix}*`)
  if (keys.length > 0) await redis.del(...keys)
  await redis.quit()
  await scratchDatabase.drop()
}
