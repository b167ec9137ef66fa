/**
 * Append throughput of the PostgreSQL event store against a plain INSERT baseline, measured in the
 * same run on a scratch database: `npm run bench:append -- [--writers 16] [--seconds 10] [--warmup 2] [--json]`.
 */
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import pg from 'pg'
import { createProgram, integerValue, parseProgram, usageError } from '../../src/cli/command.ts'
import { loadConfigOrExit, redact } from '../../src/config.ts'
import { createDatabase, createPool } from '../../src/db/connection.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { interactionStream, type RatingGiven } from '../../src/domain/interaction/interaction.ts'
import type { NewEvent } from '../../src/event-store/contract.ts'
import { withEventCatalogue } from '../../src/event-store/create-event-store.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { requireServices } from '../../src/runtime/open-runtime.ts'

const TARGET_RATIO = 0.7
const PHASE_ORDER = ['baseline', 'store', 'baseline', 'store'] as const
const BASELINE_DESCRIPTION =
  'bench_events: same columns as events (no transaction_id), PRIMARY KEY (bigint identity), ' +
  'UNIQUE (id), UNIQUE (stream_id, revision); no streams table, no function, no NOTIFY'
const STORE_DESCRIPTION =
  "PostgresEventStore.append(stream, [event], 'no_stream') -> append_to_stream(): idempotency " +
  'lookup, streams insert, events insert, pg_notify'

type PhaseKind = (typeof PHASE_ORDER)[number]

type PhaseResult = {
  phase: PhaseKind
  run: number
  events: number
  seconds: number
  eventsPerSecond: number
  p50Ms: number
  p99Ms: number
}

const program = createProgram(
  'bench:append',
  'Append throughput of the PostgreSQL event store against a plain INSERT baseline, measured in the ' +
    'same run on a scratch database (PostgreSQL and Redis servers: DATABASE_URL, REDIS_URL). Ctrl-C ' +
    'stops and drops the scratch database (exit 130).',
  ['npm run bench:append', 'npm run bench:append -- --writers 32 --seconds 5 --json'],
)
  .option('--writers <n>', 'concurrent writers, each with its own pool connection', '16')
  .option('--seconds <n>', 'measured seconds per phase', '10')
  .option('--warmup <n>', 'unmeasured seconds before each phase', '2')
  .option('--json', 'print one JSON object instead of the table', false)

function secondsFlag(name: string, raw: string, allowZero: boolean): number {
  const value = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || (value === 0 && !allowZero)) {
    usageError(program, `--${name} must be a number of seconds ${allowZero ? '>= 0' : '> 0'}, got ${raw}`)
  }
  return value
}

function parseOptions() {
  parseProgram(program)
  const values = program.opts<{ writers: string; seconds: string; warmup: string; json: boolean }>()
  return {
    writers: integerValue(program, 'writers', values.writers, 1, 1_000),
    seconds: secondsFlag('seconds', values.seconds, false),
    warmup: secondsFlag('warmup', values.warmup, true),
    json: values.json,
  }
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

/** Runs `fn` on a connection to the `postgres` maintenance database (CREATE/DROP DATABASE). */
async function withMaintenance<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: databaseUrl(serverUrl, 'postgres'),
    connectionTimeoutMillis: 5_000,
    application_name: 'nexus-bench',
  })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

/** One RatingGiven command's event, as the write side would propose it, on a fresh stream. */
function ratingGiven(): { stream: string; event: NewEvent<RatingGiven['type'], RatingGiven['data']> } {
  const userId = randomUUID()
  const movieId = randomUUID()
  const stars = 1 + Math.floor(Math.random() * 5)
  return {
    stream: interactionStream(userId, movieId),
    event: {
      id: randomUUID(),
      type: 'RatingGiven',
      data: {
        userId,
        movieId,
        stars,
        review: Math.random() < 0.3 ? 'A quiet film that stays with you long after the credits.' : null,
        ratedAt: new Date().toISOString(),
        // A new stream: nothing to replace.
        previousStars: null,
      },
      metadata: { actorId: userId, correlationId: randomUUID() },
    },
  }
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] ?? Number.NaN
}

type Append = () => Promise<unknown>

/**
 * `writers` loops calling `append` back to back: first `warmup` seconds unrecorded, then `seconds`
 * recorded. A call started before the deadline is counted; throughput divides by the time until the
 * last writer finished. The first error stops every writer and is rethrown.
 */
async function runPhase(
  label: string,
  append: Append,
  options: { writers: number; seconds: number; warmup: number },
  signal: AbortSignal,
): Promise<{ events: number; seconds: number; latencies: Float64Array }> {
  const stop = new AbortController()
  const onAbort = () => stop.abort()
  signal.addEventListener('abort', onAbort, { once: true })
  let failure: unknown
  let recording = false
  let deadline = performance.now() + options.warmup * 1_000
  let warmupCalls = 0
  const latencies: number[] = []

  const progress = (): string => {
    const now = performance.now()
    if (!recording) {
      const elapsed = options.warmup - Math.max(0, deadline - now) / 1_000
      return `${label}: warm-up ${elapsed.toFixed(1)}/${options.warmup} s, ${warmupCalls} events`
    }
    const elapsed = Math.min(options.seconds, options.seconds - (deadline - now) / 1_000)
    return `${label}: ${elapsed.toFixed(1)}/${options.seconds} s, ${latencies.length} events`
  }
  // Updated in place on a terminal; a log file gets only each phase's final line.
  const ticker = process.stderr.isTTY
    ? setInterval(() => process.stderr.write(`\r${progress()}   `), 250)
    : undefined

  const writer = async (until: () => number, record: boolean) => {
    while (!stop.signal.aborted && performance.now() < until()) {
      const started = performance.now()
      try {
        await append()
      } catch (error) {
        failure ??= error
        stop.abort()
        return
      }
      if (record) latencies.push(performance.now() - started)
      else warmupCalls += 1
    }
  }
  const all = (record: boolean) =>
    Promise.all(Array.from({ length: options.writers }, () => writer(() => deadline, record)))

  try {
    if (options.warmup > 0) await all(false)
    recording = true
    const started = performance.now()
    deadline = started + options.seconds * 1_000
    await all(true)
    const seconds = (performance.now() - started) / 1_000
    if (failure !== undefined) throw failure
    process.stderr.write(`\r${progress()}   \n`)
    return { events: latencies.length, seconds, latencies: Float64Array.from(latencies).sort() }
  } finally {
    clearInterval(ticker)
    signal.removeEventListener('abort', onAbort)
  }
}

function summarize(phase: PhaseKind, run: number, measured: Awaited<ReturnType<typeof runPhase>>) {
  return {
    phase,
    run,
    events: measured.events,
    seconds: measured.seconds,
    eventsPerSecond: measured.events / measured.seconds,
    p50Ms: percentile(measured.latencies, 50),
    p99Ms: percentile(measured.latencies, 99),
  } satisfies PhaseResult
}

function best(results: PhaseResult[], phase: PhaseKind): PhaseResult {
  const runs = results.filter((r) => r.phase === phase)
  const top = runs.reduce<PhaseResult | undefined>(
    (a, b) => (a === undefined || b.eventsPerSecond > a.eventsPerSecond ? b : a),
    undefined,
  )
  if (!top) throw new Error(`no ${phase} run completed`)
  return top
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
  return rows
    .map((r) =>
      r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '),
    )
    .join('\n')
}

const fmt = (value: number, digits: number) => value.toFixed(digits)

async function main(): Promise<number> {
  const options = parseOptions()
  const config = loadConfigOrExit()
  const serverUrl = requireServices('bench:append', config).databaseUrl
  const name = `nexus_bench_${randomUUID().replaceAll('-', '').slice(0, 16)}`

  const interrupted = new AbortController()
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted.signal.aborted) {
      process.stderr.write(`\nbench-append: ${signal} again, exiting without dropping ${name}\n`)
      process.exit(130)
    }
    process.stderr.write(`\nbench-append: ${signal}, stopping and dropping ${name} (again to force)\n`)
    interrupted.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  try {
    await withMaintenance(serverUrl, (client) =>
      client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`),
    )
  } catch (error) {
    process.stderr.write(
      `bench-append: cannot create a scratch database on ${redact(serverUrl)}: ${String(error)}\n`,
    )
    return 1
  }
  process.stderr.write(`bench-append: scratch database ${name}\n`)

  const url = databaseUrl(serverUrl, name)
  const pool = createPool(url, { max: options.writers, applicationName: 'nexus-bench' })
  const store = withEventCatalogue(new PostgresEventStore(pool, { connectionString: url }))
  try {
    const db = createDatabase(pool)
    await migrateToLatest(db)
    await db.schema
      .createTable('bench_events')
      .addColumn('global_position', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
      .addColumn('id', 'uuid', (c) => c.notNull().unique())
      .addColumn('stream_id', 'text', (c) => c.notNull())
      .addColumn('revision', 'bigint', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('data', 'jsonb', (c) => c.notNull())
      .addColumn('metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('bench_events_stream_revision_unique', ['stream_id', 'revision'])
      .execute()

    const server = await pool.query<{ server_version: string; synchronous_commit: string }>(
      "SELECT current_setting('server_version') AS server_version, current_setting('synchronous_commit') AS synchronous_commit",
    )
    const cpus = os.cpus()
    const machine = {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      node: process.version,
      postgres: server.rows[0]?.server_version ?? 'unknown',
      synchronousCommit: server.rows[0]?.synchronous_commit ?? 'unknown',
      // Other work on a shared machine skews the figures: worth seeing next to them.
      loadAverage1m: Number(os.loadavg()[0]?.toFixed(2)),
    }

    const appends: Record<PhaseKind, Append> = {
      // The same driver path as the store (one parameterised pg query per call, JSON serialised the
      // same way), so the difference measured is the store's SQL and adapter logic only.
      baseline: () => {
        const { stream, event } = ratingGiven()
        // A named (prepared) statement, as the store's append uses: the comparison is of the work done.
        return pool.query({
          name: 'bench-insert',
          text: 'INSERT INTO bench_events (id, stream_id, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)',
          values: [
            event.id,
            stream,
            0,
            event.type,
            JSON.stringify(event.data),
            JSON.stringify(event.metadata),
          ],
        })
      },
      store: () => {
        const { stream, event } = ratingGiven()
        return store.append(stream, [event], 'no_stream')
      },
    }

    const results: PhaseResult[] = []
    const runs: Record<PhaseKind, number> = { baseline: 0, store: 0 }
    for (const [index, phase] of PHASE_ORDER.entries()) {
      if (interrupted.signal.aborted) break
      runs[phase] += 1
      const label = `[${index + 1}/${PHASE_ORDER.length}] ${phase} run ${runs[phase]}`
      const measured = await runPhase(label, appends[phase], options, interrupted.signal)
      if (interrupted.signal.aborted) break
      results.push(summarize(phase, runs[phase], measured))
    }
    if (interrupted.signal.aborted) return 130

    const baseline = best(results, 'baseline')
    const appended = best(results, 'store')
    const ratio = appended.eventsPerSecond / baseline.eventsPerSecond
    const pass = ratio >= TARGET_RATIO

    if (options.json) {
      const report = {
        machine,
        setup: {
          writers: options.writers,
          poolSize: options.writers,
          secondsPerPhase: options.seconds,
          warmupSeconds: options.warmup,
          phases: PHASE_ORDER,
          reported: 'best run (highest events/s) of each phase',
          baseline: BASELINE_DESCRIPTION,
          store: STORE_DESCRIPTION,
        },
        runs: results,
        best: { baseline, store: appended },
        ratio,
        target: TARGET_RATIO,
        result: pass ? 'PASS' : 'BELOW',
      }
      process.stdout.write(`${JSON.stringify(report)}\n`)
    } else {
      const header = ['phase', 'run', 'events', 'seconds', 'events/s', 'p50 ms', 'p99 ms']
      const row = (r: PhaseResult) => [
        r.phase,
        String(r.run),
        String(r.events),
        fmt(r.seconds, 2),
        fmt(r.eventsPerSecond, 0),
        fmt(r.p50Ms, 2),
        fmt(r.p99Ms, 2),
      ]
      process.stdout.write(
        [
          'Nexus append benchmark',
          `machine:  ${machine.cpus} CPUs (${machine.cpuModel}), node ${machine.node}, ` +
            `PostgreSQL ${machine.postgres} (synchronous_commit=${machine.synchronousCommit}), ` +
            `load average ${machine.loadAverage1m} at start`,
          `setup:    ${options.writers} writers, pool of ${options.writers}, ${options.seconds} s per phase ` +
            `after ${options.warmup} s warm-up, order ${PHASE_ORDER.join(' -> ')}`,
          `          one single-event RatingGiven append per call, each to a new interaction-<uuid>-<uuid> stream`,
          `baseline: ${BASELINE_DESCRIPTION}`,
          `store:    ${STORE_DESCRIPTION}`,
          '',
          table([header, ...results.map(row)]),
          '',
          'best run of each phase (highest events/s):',
          table([header, row(baseline), row(appended)]),
          '',
          `ratio store/baseline: ${fmt(ratio, 2)}`,
          `target: ratio >= ${fmt(TARGET_RATIO, 2)}  ${pass ? 'PASS' : 'BELOW'}`,
          '',
        ].join('\n'),
      )
    }
    return 0
  } catch (error) {
    process.stderr.write(
      `\nbench-append: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    return 1
  } finally {
    await store.close().catch(() => {})
    await pool.end().catch(() => {})
    try {
      await withMaintenance(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
      )
      process.stderr.write(`bench-append: dropped ${name}\n`)
    } catch (error) {
      process.stderr.write(`bench-append: could not drop ${name}, drop it by hand: ${String(error)}\n`)
    }
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

process.exitCode = await main()
