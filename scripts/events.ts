/**
 * `npm run events -- <command>`: the analysts' tools over the event log.
 *
 *   export [--format ndjson|csv] [--types A,B] [--stream-prefix p] [--after position]
 *          [--since ISO] [--until ISO] [--limit n] [--out file]
 *   replay <module> --schema <name> [--batch-size n]
 *
 * export streams the log in bounded memory (stdout by default) as the export view shows it: personal
 * data of erased users and anything secret never appear. It ends with the last position on stderr;
 * pass it as --after to continue. replay runs an analyst's projection module into their own schema
 * (see projections/examples/ratings-per-day.ts); Ctrl-C stops either cleanly, and the same replay
 * command continues from its checkpoint. Exit codes: 0 done, 1 failed, 2 bad arguments, 130 interrupted.
 */
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import {
  csvHeader,
  csvRow,
  DEFAULT_PAGE_SIZE,
  type ExportFilter,
  exportPages,
  ndjsonLine,
  parseInstant,
} from '../src/analytics/export-log.ts'
import { createExportView } from '../src/analytics/export-view.ts'
import {
  DEFAULT_REPLAY_BATCH,
  loadReplayProjection,
  prepareReplay,
  ReplayRefusedError,
  runReplay,
  schemaProblem,
} from '../src/analytics/replay.ts'
import { createProgress, type Progress } from '../src/cli/progress.ts'
import { loadConfigOrExit } from '../src/config.ts'
import { openDatabaseOrExit } from '../src/db/open-database.ts'
import {
  decodePosition,
  type EventStore,
  isPosition,
  type Position,
  START,
} from '../src/event-store/contract.ts'
import { createEventStore } from '../src/event-store/create-event-store.ts'
import { takeLease } from '../src/projector/lease.ts'

const USAGE = `usage: npm run events -- export [--format ndjson|csv] [--types A,B] [--stream-prefix p] [--after position]
                               [--since ISO] [--until ISO] [--limit n] [--out file]
       npm run events -- replay <module> --schema <name> [--batch-size n]`
const FORMATS = ['ndjson', 'csv'] as const
type Format = (typeof FORMATS)[number]

const say = (message: string) => process.stderr.write(`${message}\n`)

class UsageError extends Error {}

/** Ctrl-C (or SIGTERM) aborts the signal once; a second one leaves at once. */
function interruptions(): AbortSignal {
  const stop = new AbortController()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stop.signal.aborted) process.exit(130)
      stop.abort()
    })
  }
  return stop.signal
}

async function connect() {
  const config = loadConfigOrExit()
  // Embedded mode: works while no `npm start` holds the data directory (it says so otherwise).
  const database = await openDatabaseOrExit('events', config, { applicationName: 'nexus-events' })
  const { pool, db } = database
  const store = createEventStore(config, pool, undefined, database.listen)
  return {
    config,
    database,
    db,
    store,
    async close() {
      await store.close()
      await database.close()
      // kysely ends the pool only if it used it; the event store may have been its only user.
      if (!pool.ended) await pool.end()
    },
  }
}

/** The log's global sequence (PostgreSQL store), to show progress in events; null for other stores. */
const sequence = (store: EventStore, position: Position): number | null =>
  store.kind === 'postgres' ? Number(decodePosition(position).low) : null

function integerFlag(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(text)})`)
  }
  return value
}

function instantFlag(name: string, text: string | undefined): Date | undefined {
  if (text === undefined) return undefined
  const at = parseInstant(text)
  if (!at) {
    throw new UsageError(
      `--${name} must be an ISO 8601 date (2026-01-31) or date-time with a zone (2026-01-31T12:00:00Z), got ${JSON.stringify(text)}`,
    )
  }
  return at
}

function exportFilter(values: Record<string, string | undefined>): { format: Format; filter: ExportFilter } {
  const format = (values.format ?? 'ndjson') as Format
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format must be ndjson or csv (got ${JSON.stringify(values.format)})`)
  }
  const types = values.types
    ?.split(',')
    .map((type) => type.trim())
    .filter(Boolean)
  if (values.types !== undefined && types?.length === 0) throw new UsageError('--types names no event type')
  if (values.after !== undefined && !isPosition(values.after)) {
    throw new UsageError(
      `--after must be a position token (32 lower-case hex digits, as a previous export printed), got ${JSON.stringify(values.after)}`,
    )
  }
  const since = instantFlag('since', values.since)
  const until = instantFlag('until', values.until)
  if (since && until && since >= until) throw new UsageError('--since must be before --until')
  const limit = integerFlag('limit', values.limit, 1, Number.MAX_SAFE_INTEGER)
  return {
    format,
    filter: {
      ...(types ? { types } : {}),
      ...(values['stream-prefix'] ? { streamPrefix: values['stream-prefix'] } : {}),
      ...(values.after ? { after: values.after } : {}),
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
      ...(limit ? { limit } : {}),
    },
  }
}

async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: 'string' },
      types: { type: 'string' },
      'stream-prefix': { type: 'string' },
      after: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      limit: { type: 'string' },
      out: { type: 'string' },
    },
  })
  const { format, filter } = exportFilter(values)
  const toFile = values.out !== undefined
  const output: Writable = toFile ? createWriteStream(values.out as string) : process.stdout
  // A file that cannot be written fails here, before anything is read.
  if (toFile) await once(output, 'open')
  let failure: Error | null = null
  let closedByReader = false
  output.on('error', (error: NodeJS.ErrnoException) => {
    // The reader went away (`| head`): stop quietly, as Unix tools do.
    if (!toFile && error.code === 'EPIPE') closedByReader = true
    else failure ??= error
  })
  const signal = interruptions()
  const { db, store, close } = await connect()
  const write = async (chunk: string) => {
    if (failure || closedByReader) return
    // once() rejects on 'error', which the listener above has already recorded.
    if (!output.write(chunk)) await once(output, 'drain').catch(() => {})
  }

  const started = performance.now()
  let count = 0
  let last: Position | null = filter.after ?? null
  let bar: Progress | null = null
  let total = 0
  try {
    if (toFile) {
      const from = sequence(store, filter.after ?? START)
      const head = sequence(store, await store.headPosition())
      if (from !== null && head !== null) {
        total = Math.max(head - from, 0)
        bar = createProgress('export', total)
      }
    }
    if (format === 'csv') await write(csvHeader())
    const line = format === 'csv' ? csvRow : ndjsonLine
    const view = createExportView(db)
    for await (const page of exportPages(store, view, filter, { pageSize: DEFAULT_PAGE_SIZE })) {
      let chunk = ''
      for (const event of page) chunk += line(event)
      await write(chunk)
      if (failure || closedByReader) break
      count += page.length
      last = page.at(-1)?.position ?? last
      if (bar && last) {
        const done = (sequence(store, last) ?? 0) - (sequence(store, filter.after ?? START) ?? 0)
        // Appends go on meanwhile: when the log outgrows the estimate, follow it.
        if (done > total) {
          total = done
          bar.setTotal(total)
        }
        bar.update(done)
      }
      if (signal.aborted) break
    }
    bar?.stop()
    if (toFile) {
      output.end()
      if (!failure) await once(output, 'finish').catch(() => {})
    }
  } finally {
    bar?.stop()
    await close()
  }
  if (failure) throw failure
  if (closedByReader) {
    say('export: stopped: the reader closed the output')
    return 0
  }
  const seconds = (performance.now() - started) / 1000
  const rate = Math.round(count / Math.max(seconds, 0.001))
  const next = last ? `last position ${last}; continue with --after ${last}` : 'last position none'
  if (signal.aborted) {
    say(`export: interrupted after ${count} events in ${seconds.toFixed(1)} s; ${next}`)
    return 130
  }
  say(
    `export: done: ${count} events${toFile ? ` to ${values.out}` : ''} in ${seconds.toFixed(1)} s (${rate} events/s); ${next}`,
  )
  return 0
}

async function replayCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { schema: { type: 'string' }, 'batch-size': { type: 'string' } },
  })
  const [modulePath, ...extra] = positionals
  if (modulePath === undefined || extra.length > 0) {
    throw new UsageError('replay takes one projection module (a file path)')
  }
  if (values.schema === undefined) throw new UsageError('replay needs --schema <name>')
  const problem = schemaProblem(values.schema)
  if (problem) throw new UsageError(problem)
  const schema = values.schema
  const batchSize = integerFlag('batch-size', values['batch-size'], 1, 100_000) ?? DEFAULT_REPLAY_BATCH
  const projection = await loadReplayProjection(modulePath)

  const stop = interruptions()
  const { database, db, store, close } = await connect()
  const lease = await takeLease(database, `replay:${schema}`)
  if (!lease) {
    await close()
    say(`replay: another replay is running into schema ${schema}; wait for it or stop it`)
    return 1
  }
  // Written by the progress callback (TypeScript does not follow assignments made in callbacks).
  const seen: { bar: Progress | null } = { bar: null }
  try {
    const start = await prepareReplay(db, projection, schema, modulePath)
    say(
      start.resumed
        ? `replay: resuming ${projection.name} in schema ${schema} from its checkpoint ${start.position} (${start.applied} events applied before)`
        : `replay: ${projection.name} version ${projection.version} into the new schema ${schema}, from the start of the log`,
    )
    const head = sequence(store, await store.headPosition())
    const from = sequence(store, start.position)
    const started = performance.now()
    let lastLine = 0
    const outcome = await runReplay(projection, schema, {
      store,
      db,
      batchSize,
      signal: AbortSignal.any([stop, lease.lost]),
      onProgress: (progress) => {
        const done = sequence(store, progress.position)
        if (done !== null && head !== null && from !== null) {
          seen.bar ??= createProgress(`replay ${projection.name}`, head, from)
          // Appends go on meanwhile: when the head overtakes the estimate, follow it.
          if (done > head) seen.bar.setTotal(done)
          seen.bar.update(done)
        } else if (performance.now() - lastLine > 2_000) {
          lastLine = performance.now()
          say(`replay ${projection.name}: ${progress.applied} events applied`)
        }
      },
    })
    if (outcome.outcome === 'caught_up' && head !== null) seen.bar?.update(Math.max(head, from ?? 0))
    seen.bar?.stop()
    const seconds = (performance.now() - started) / 1000
    const thisRun = outcome.applied - start.applied
    const pace = `${thisRun} events this run in ${seconds.toFixed(1)} s (${Math.round(thisRun / Math.max(seconds, 0.001))} events/s)`
    if (outcome.outcome === 'stopped') {
      say(`replay: interrupted at ${outcome.position} after ${pace}; run the same command again to continue`)
      return 130
    }
    say(
      `replay: caught up: ${outcome.applied} events applied in all, ${pace}; checkpoint ${outcome.position}; ` +
        `the tables are in schema ${schema}`,
    )
    return 0
  } finally {
    seen.bar?.stop()
    await lease.release()
    await close()
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv
  try {
    if (command === 'export') return await exportCommand(args)
    if (command === 'replay') return await replayCommand(args)
    throw new UsageError(command === undefined ? 'which command?' : `unknown command ${command}`)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    const badArguments =
      error instanceof UsageError ||
      error instanceof ReplayRefusedError ||
      (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
    if (badArguments) {
      say(`events: ${(error as Error).message}\n${USAGE}`)
      return 2
    }
    say(`events: failed: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
}

process.exitCode = await main(process.argv.slice(2))
