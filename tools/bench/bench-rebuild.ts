/**
 * `npm run bench:rebuild -- [--events 1000000] [--seed 42] [--rounds 1] [--against <checkout>]
 * [--lag-seconds 10] [--json]`: on a scratch database, generates a seeded log through the bulk path,
 * rebuilds every projection (blue-green, as operators do) and compares with the floor measured in
 * the same round: COPY of as many rows into one table. `--against` also rebuilds with another
 * checkout's projections, engine and event store (e.g. main's), alternating with this one round by
 * round over the same log, so a change is measured against its baseline under the same load. Each
 * rebuild also reports the CPU seconds it cost (this process and the scratch database's PostgreSQL
 * backends), less sensitive to a loaded machine than the wall clock. Then measures projection lag
 * (append to read model, p50/p99) while append load runs.
 */
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { cpus, hostname, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Redis } from 'ioredis'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { projections } from '../../projections/index.ts'
import {
  createProgram,
  integerValue,
  interruptions,
  parseProgram,
  usageError,
} from '../../src/cli/command.ts'
import { createProgress, type Progress } from '../../src/cli/progress.ts'
import { loadConfigOrExit } from '../../src/config.ts'
import { createDatabase, createPool } from '../../src/db/connection.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { PostgresLeases } from '../../src/db/postgres-leases.ts'
import { createScratchDatabase } from '../../src/db/scratch-database.ts'
import { decodePosition, type EventStore } from '../../src/event-store/contract.ts'
import { withEventCatalogue } from '../../src/event-store/create-event-store.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { appendSyntheticLog } from '../../src/generate/synthetic-log.ts'
import { RedisKeyValue } from '../../src/key-value/redis.ts'
import { activeGeneration, readGeneration } from '../../src/projector/generations.ts'
import { rebuildProjections } from '../../src/projector/operations.ts'
import type { Projection } from '../../src/projector/projection.ts'
import { runProjector } from '../../src/projector/run-projector.ts'
import { requireServices } from '../../src/runtime/open-runtime.ts'

const program = createProgram(
  'bench:rebuild',
  'On a scratch database (PostgreSQL and Redis servers): generates a seeded log through the bulk ' +
    'path, rebuilds every projection blue-green and compares with the floor measured in the same ' +
    'run (COPY of as many rows into one table); then measures projection lag under append load. ' +
    'Ctrl-C stops and drops the scratch database (exit 130).',
  [
    'npm run bench:rebuild',
    'npm run bench:rebuild -- --events 200000 --lag-seconds 5 --json',
    'npm run bench:rebuild -- --events 300000 --rounds 2 --against /tmp/main-checkout',
  ],
)
  .option('--events <n>', 'events in the log', '1000000')
  .option('--seed <n>', 'the seed of the log', '42')
  .option('--rounds <n>', 'rebuilds (and COPY floors) in turn over the same log', '1')
  .option(
    '--against <checkout>',
    "another checkout (its node_modules installed) whose projections and engine rebuild first in each round, e.g. main's",
  )
  .option('--lag-seconds <n>', 'seconds of the lag measurement under load', '10')
  .option('--writers <n>', 'concurrent writers during the lag measurement', '16')
  .option('--json', 'print one JSON object', false)
parseProgram(program)
const values = program.opts<{
  events: string
  seed: string
  lagSeconds: string
  writers: string
  rounds: string
  against?: string
  json: boolean
}>()
const total = integerValue(program, 'events', values.events, 1, 1_000_000_000)
const seed = integerValue(program, 'seed', values.seed, 1, 2 ** 31 - 1)
const lagSeconds = integerValue(program, 'lag-seconds', values.lagSeconds, 1, 3_600)
const writers = integerValue(program, 'writers', values.writers, 1, 1_000)
const rounds = integerValue(program, 'rounds', values.rounds, 1, 100)

type Rebuild = (
  projections: readonly Projection[],
  context: typeof rebuildContext,
  options: Parameters<typeof rebuildProjections>[2],
) => ReturnType<typeof rebuildProjections>
/** A checkout's PostgreSQL event store read through its catalogue, on the bench's pool. */
type OpenStore = (pool: pg.Pool, connectionString: string) => EventStore
type Contender = { label: string; projections: readonly Projection[]; rebuild: Rebuild; openStore: OpenStore }
const contenders: Contender[] = []
if (values.against !== undefined) {
  const checkout = resolve(values.against)
  try {
    // Its event store too: how a rebuild reads the log is part of what it costs.
    const { withEventCatalogue: withItsCatalogue } = await import(
      `${checkout}/src/event-store/create-event-store.ts`
    )
    const { PostgresEventStore: ItsStore } = await import(
      `${checkout}/src/event-store/postgres/postgres-event-store.ts`
    )
    const other = {
      projections: (await import(`${checkout}/projections/index.ts`)).projections as readonly Projection[],
      rebuild: (await import(`${checkout}/src/projector/operations.ts`)).rebuildProjections as Rebuild,
      openStore: ((pool, connectionString) =>
        withItsCatalogue(new ItsStore(pool, { connectionString }))) as OpenStore,
    }
    contenders.push({ label: `against (${values.against})`, ...other })
  } catch (error) {
    usageError(program, `--against ${values.against}: ${(error as Error).message}`)
  }
}
contenders.push({
  label: 'this checkout',
  projections,
  rebuild: rebuildProjections,
  openStore: (pool, connectionString) =>
    withEventCatalogue(new PostgresEventStore(pool, { connectionString })),
})
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
const rebuildContext = {
  store,
  db,
  redis: { redis: new RedisKeyValue(redis), keyPrefix },
  logger: silent,
  owner: `${hostname()}/${process.pid}`,
  acquireLease: leases.acquire,
}
const stop = interruptions('bench:rebuild')

/**
 * CPU seconds spent so far by this process and by each of the scratch database's PostgreSQL
 * backends (read from /proc where the server runs on this machine; this process alone elsewhere).
 */
async function cpuSnapshot(): Promise<{ own: number; backends: Map<number, number> }> {
  const own = process.cpuUsage()
  const backends = new Map<number, number>()
  const { rows } = await pool.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  )
  for (const { pid } of rows) {
    // Fields 14 and 15 of /proc/<pid>/stat: user and system time in clock ticks (100 per second).
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null)
    const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (fields) backends.set(pid, (Number(fields[11]) + Number(fields[12])) / 100)
  }
  return { own: (own.user + own.system) / 1e6, backends }
}

/**
 * The CPU seconds spent between two snapshots, per backend (a backend that ended meanwhile, idle
 * for the pool's 30 s, spent nothing since: its time is left out rather than subtracted).
 */
function cpuSpent(
  before: Awaited<ReturnType<typeof cpuSnapshot>>,
  after: Awaited<ReturnType<typeof cpuSnapshot>>,
): number {
  let seconds = after.own - before.own
  for (const [pid, used] of after.backends) seconds += used - (before.backends.get(pid) ?? 0)
  return seconds
}

/** The floor: COPY of as many rows as the log has events into a new table; answers the seconds. */
async function copyFloor(table: string): Promise<number> {
  await pool.query(
    `CREATE TABLE ${table} (user_id uuid, movie_id uuid, stars numeric(2,1), rated_at timestamptz)`,
  )
  const client = await pool.connect()
  const started = performance.now()
  try {
    const rows = (function* () {
      const movie = randomUUID()
      for (let i = 0; i < total; i++)
        yield `${randomUUID()}\t${movie}\t${(i % 5) + 1}\t2026-01-01T00:00:00Z\n`
    })()
    await pipeline(Readable.from(rows), client.query(copyFrom(`COPY ${table} FROM STDIN`)))
  } finally {
    client.release()
  }
  const seconds = (performance.now() - started) / 1000
  await pool.query(`DROP TABLE ${table}`)
  return seconds
}

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

  // 2 and 3, per round: each contender rebuilds every projection blue-green in one pass over the
  // log (rebuildProjections), then the floor: COPY as many rows into one table.
  const head = Number(decodePosition(await store.headPosition()).low)
  const measured: {
    round: number
    label: string
    seconds: number
    cpuSeconds: number
    copySeconds: number
  }[] = []
  for (let round = 1; round <= rounds; round++) {
    const times: { label: string; seconds: number; cpuSeconds: number }[] = []
    for (const contender of contenders) {
      const cpuBefore = await cpuSnapshot()
      const started = performance.now()
      let bar: Progress | null = null
      const contenderStore = contender.openStore(pool, scratchUrl)
      const rebuilt = await contender.rebuild(
        contender.projections,
        { ...rebuildContext, store: contenderStore },
        {
          signal: stop.signal,
          onProgress: (progress) => {
            bar ??= createProgress(contenders.length > 1 ? `rebuild ${contender.label}` : 'rebuild', head)
            bar.update(Math.min(Number(decodePosition(progress.position).low), head))
          },
        },
      )
      ;(bar as Progress | null)?.stop()
      await contenderStore.close()
      if (stop.signal.aborted) throw new Error('interrupted')
      if (rebuilt.result !== 'swapped' || rebuilt.poisoned.length > 0)
        throw new Error(`rebuild ${rebuilt.result}`)
      const seconds = (performance.now() - started) / 1000
      times.push({ label: contender.label, seconds, cpuSeconds: cpuSpent(cpuBefore, await cpuSnapshot()) })
    }
    const copySeconds = await copyFloor(`copy_floor_${round}`)
    for (const time of times) measured.push({ round, ...time, copySeconds })
    if (!values.json) {
      for (const time of times) {
        console.log(
          `round ${round}, ${time.label}: rebuild ${Math.round(total / time.seconds)} events/s, ` +
            `${time.cpuSeconds.toFixed(1)} CPU s, ratio to COPY ${(copySeconds / time.seconds).toFixed(3)} ` +
            `(COPY ${Math.round(total / copySeconds)} rows/s; load ${loadavg()[0]?.toFixed(1)})`,
        )
      }
    }
  }
  const ours = measured.filter((m) => m.label === 'this checkout')
  const best = ours.reduce((a, b) => (b.seconds < a.seconds ? b : a))
  const rebuildSeconds = best.seconds
  const copySeconds = best.copySeconds

  // 4. Lag under append load: time from an append to its projection passing it.
  const live = new AbortController()
  const projector = runProjector(projections, { ...rebuildContext, signal: live.signal })
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
    rebuild: {
      seconds: rebuildSeconds,
      eventsPerSecond: Math.round(rebuildRate),
      cpuSeconds: best.cpuSeconds,
    },
    copyFloor: { seconds: copySeconds, rowsPerSecond: Math.round(copyRate) },
    ratioToCopy: Number((rebuildRate / copyRate).toFixed(3)),
    rounds: measured.map((m) => ({
      round: m.round,
      label: m.label,
      seconds: Number(m.seconds.toFixed(2)),
      eventsPerSecond: Math.round(total / m.seconds),
      cpuSeconds: Number(m.cpuSeconds.toFixed(1)),
      copyRowsPerSecond: Math.round(total / m.copySeconds),
      ratioToCopy: Number((m.copySeconds / m.seconds).toFixed(3)),
    })),
    target: { rebuildEventsPerSecond: 50_000, met: rebuildRate >= 50_000 },
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
      `rebuild of ${result.projections.join(', ')}: ${rebuildSeconds.toFixed(1)} s, ${result.rebuild.eventsPerSecond} events/s${rounds > 1 ? ` (best of ${rounds})` : ''}`,
    )
    console.log(
      `floor, COPY of ${total} rows into one table: ${copySeconds.toFixed(1)} s, ${result.copyFloor.rowsPerSecond} rows/s`,
    )
    console.log(`ratio rebuild/COPY: ${result.ratioToCopy}`)
    console.log(`target: rebuild >= 50000 events/s  ${result.target.met ? 'PASS' : 'BELOW'}`)
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
