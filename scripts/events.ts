/**
 * `npm run events -- <command>`: the analysts' tools over the event log (`--help` for each).
 *
 *   export [--format ndjson|csv] [--types A,B] [--stream-prefix p] [--after position]
 *          [--since ISO] [--until ISO] [--limit n] [--out file [--force]]
 *   replay <module> --schema <name> [--batch-size n]
 *
 * export streams the log in bounded memory (stdout by default) as the export view shows it: personal
 * data of erased users and anything secret never appear. It ends with the last position on stderr
 * and the command that continues from it. With --out, a file already holding exported events is
 * never overwritten: `--after <its last position>` appends to it, anything else is refused unless
 * --force (src/analytics/export-file.ts). replay runs an analyst's projection module into their own
 * schema (see projections/examples/ratings-per-day.ts); Ctrl-C stops either cleanly, and the same
 * replay command continues from its checkpoint. Exit codes: 0 done, 1 failed, 2 bad arguments,
 * 130 interrupted.
 */
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { truncate } from 'node:fs/promises'
import type { Writable } from 'node:stream'
import { exportTarget } from '../src/analytics/export-file.ts'
import {
  csvHeader,
  csvRows,
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
import {
  type Command,
  createProgram,
  EXIT,
  integerValue,
  interruptions,
  parseProgram,
  usageError,
  usageLine,
  withExamples,
} from '../src/cli/command.ts'
import { createProgress, type Progress } from '../src/cli/progress.ts'
import { loadConfigOrExit } from '../src/config.ts'
import {
  decodePosition,
  type EventStore,
  isPosition,
  type Position,
  START,
} from '../src/event-store/contract.ts'
import { takeLease } from '../src/projector/lease.ts'
import { openRuntimeOrExit } from '../src/runtime/open-runtime.ts'

const FORMATS = ['ndjson', 'csv'] as const
type Format = (typeof FORMATS)[number]

const say = (message: string) => process.stderr.write(`${message}\n`)

type ExportOptions = {
  format: string
  types?: string
  streamPrefix?: string
  after?: string
  since?: string
  until?: string
  limit?: string
  out?: string
  force: boolean
}
type ReplayOptions = { schema?: string; batchSize?: string }

const program = createProgram(
  'events',
  "The analysts' tools over the event log: export it (NDJSON or CSV, as the export view shows it: " +
    'no personal data of erased users, nothing secret), or replay a projection of your own over it ' +
    'into a schema of your own. Exit codes: 0 done, 1 failed, 2 bad arguments, 130 interrupted.',
  [
    'npm run -s events -- export --types RatingChanged --since 2026-01-01 > ratings.ndjson',
    'npm run -s events -- export --format csv --out log.csv',
    'npm run -s events -- replay projections/examples/ratings-per-day.ts --schema analyst_daily',
  ],
)
let chosen:
  | { name: 'export'; command: Command; options: ExportOptions }
  | { name: 'replay'; command: Command; module: string; options: ReplayOptions }
  | null = null
withExamples(
  program
    .command('export')
    .description(
      'Streams the log in position order to stdout or a file, in bounded memory; ends with the last ' +
        'position on stderr and the command that continues from it. Ctrl-C stops cleanly (exit 130).',
    )
    .option('--format <format>', 'ndjson or csv (RFC 4180, CRLF)', 'ndjson')
    .option('--types <A,B>', 'only these event types')
    .option('--stream-prefix <prefix>', 'only streams whose name starts with this')
    .option('--after <position>', 'only events after this position (exclusive): continues an export')
    .option(
      '--since <ISO>',
      'only events stored at or after this instant (2026-01-31 or with a time and zone)',
    )
    .option('--until <ISO>', 'only events stored before this instant')
    .option('--limit <n>', 'at most this many events')
    .option(
      '--out <file>',
      'write to this file (with progress on stderr); a file already holding exported events is continued ' +
        'with --after <its last position> (appends) and otherwise refused',
    )
    .option('--force', 'overwrite the --out file whatever it holds', false)
    .action((options: ExportOptions, command: Command) => {
      chosen = { name: 'export', command, options }
    }),
  [
    'npm run -s events -- export --out log.ndjson',
    'npm run -s events -- export --out log.ndjson --after 000000000000002a0000000000000400',
  ],
)
program
  .command('replay')
  .description(
    'Runs a projection module (exporting a PostgreSQL `projection`) over the log into a schema of your own, with progress; Ctrl-C, then the same command, continues from its checkpoint.',
  )
  .argument('<module>', 'the projection module, a file path')
  .option('--schema <name>', 'the schema its tables go into (not public, pg_*, proj_*); required')
  .option('--batch-size <n>', `events per transaction, 1 to 100000 (default ${DEFAULT_REPLAY_BATCH})`)
  .action((module: string, options: ReplayOptions, command: Command) => {
    chosen = { name: 'replay', command, module, options }
  })

async function connect() {
  const config = loadConfigOrExit()
  // Embedded mode: works while no `npm start` holds the data directory (it says so otherwise).
  const database = await openRuntimeOrExit('events', config, { applicationName: 'nexus-events' })
  const { pool, db, store } = database
  return {
    config,
    database,
    db,
    store,
    async close() {
      await database.close()
      // kysely ends the pool only if it used it; the event store may have been its only user.
      if (!pool.ended) await pool.end()
    },
  }
}

/** The log's global sequence (PostgreSQL store), to show progress in events; null for other stores. */
const sequence = (store: EventStore, position: Position): number | null =>
  store.kind === 'postgres' ? Number(decodePosition(position).low) : null

function instantFlag(command: Command, name: string, text: string | undefined): Date | undefined {
  if (text === undefined) return undefined
  const at = parseInstant(text)
  if (!at) {
    usageError(
      command,
      `--${name} must be an ISO 8601 date (2026-01-31) or date-time with a zone (2026-01-31T12:00:00Z), got ${JSON.stringify(text)}`,
    )
  }
  return at
}

function exportFilter(command: Command, values: ExportOptions): { format: Format; filter: ExportFilter } {
  const format = values.format as Format
  if (!FORMATS.includes(format)) {
    usageError(command, `--format must be ndjson or csv (got ${JSON.stringify(values.format)})`)
  }
  const types = values.types
    ?.split(',')
    .map((type) => type.trim())
    .filter(Boolean)
  if (values.types !== undefined && types?.length === 0) usageError(command, '--types names no event type')
  if (values.after !== undefined && !isPosition(values.after)) {
    usageError(
      command,
      `--after must be a position token (32 lower-case hex digits, as a previous export printed), got ${JSON.stringify(values.after)}`,
    )
  }
  const since = instantFlag(command, 'since', values.since)
  const until = instantFlag(command, 'until', values.until)
  if (since && until && since >= until) usageError(command, '--since must be before --until')
  const limit =
    values.limit === undefined
      ? undefined
      : integerValue(command, 'limit', values.limit, 1, Number.MAX_SAFE_INTEGER)
  if (values.force && values.out === undefined) usageError(command, '--force goes with --out')
  return {
    format,
    filter: {
      ...(types ? { types } : {}),
      ...(values.streamPrefix ? { streamPrefix: values.streamPrefix } : {}),
      ...(values.after ? { after: values.after } : {}),
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
      ...(limit ? { limit } : {}),
    },
  }
}

const shellWord = (word: string) =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`

/** The command that continues this export after `last`: the same arguments, --after replaced. */
function continueCommand(last: Position, toFile: boolean): string {
  const args: string[] = []
  const given = process.argv.slice(2)
  for (let i = 0; i < given.length; i++) {
    const arg = given[i] as string
    if (arg === '--after') i++
    else if (arg.startsWith('--after=') || arg === '--force') continue
    else args.push(arg)
  }
  const line = `npm run -s events -- ${[...args, '--after', last].map(shellWord).join(' ')}`
  return toFile ? line : `${line} >> <the same file>`
}

async function exportCommand(command: Command, values: ExportOptions): Promise<number> {
  const { format, filter } = exportFilter(command, values)
  const out = values.out
  let appendAt: number | null = null
  if (out !== undefined) {
    const target = await exportTarget(out, format, filter.after, values.force)
    if (target.mode === 'refuse') {
      say(`events: ${target.message}`)
      return EXIT.usage
    }
    if (target.mode === 'append') appendAt = target.completeBytes
  }
  if (out !== undefined && appendAt !== null) {
    // A half-written last line (a process killed in the middle of a write) goes: its event comes again.
    await truncate(out, appendAt)
  }
  const output: Writable =
    out === undefined ? process.stdout : createWriteStream(out, { flags: appendAt === null ? 'w' : 'a' })
  // A file that cannot be written fails here, before anything is read.
  if (out !== undefined) await once(output, 'open')
  let failure: Error | null = null
  let closedByReader = false
  output.on('error', (error: NodeJS.ErrnoException) => {
    // The reader went away (`| head`): stop quietly, as Unix tools do.
    if (out === undefined && error.code === 'EPIPE') closedByReader = true
    else failure ??= error
  })
  const stop = interruptions('events')
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
    // Progress on stderr unless stdout is the terminal the rows go to.
    if (out !== undefined || !process.stdout.isTTY) {
      const from = sequence(store, filter.after ?? START)
      const head = sequence(store, await store.headPosition())
      if (from !== null && head !== null) {
        total = Math.max(head - from, 0)
        bar = createProgress('export', total)
      }
    }
    if (format === 'csv' && appendAt === null) await write(csvHeader())
    const view = createExportView(db)
    for await (const page of exportPages(store, view, filter, { pageSize: DEFAULT_PAGE_SIZE })) {
      if (stop.signal.aborted) break
      let chunk = ''
      if (format === 'csv') chunk = csvRows(page)
      else for (const event of page) chunk += ndjsonLine(event)
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
    }
    bar?.stop()
    if (out !== undefined) {
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
  const next = last
    ? `last position ${last}; continue with --after ${last}: ${continueCommand(last, out !== undefined)}`
    : 'last position none'
  const where = out === undefined ? '' : ` ${appendAt === null ? 'to' : 'appended to'} ${out}`
  if (stop.signal.aborted) {
    say(`export: interrupted after ${count} events${where} in ${seconds.toFixed(1)} s; ${next}`)
    return stop.exitCode
  }
  say(`export: done: ${count} events${where} in ${seconds.toFixed(1)} s (${rate} events/s); ${next}`)
  return 0
}

async function replayCommand(command: Command, modulePath: string, values: ReplayOptions): Promise<number> {
  // Checked here rather than by commander, so that an unknown option is the first mistake named.
  if (values.schema === undefined) usageError(command, 'replay needs --schema <name>')
  const schema = values.schema
  const problem = schemaProblem(schema)
  if (problem) usageError(command, problem)
  const batchSize =
    values.batchSize === undefined
      ? DEFAULT_REPLAY_BATCH
      : integerValue(command, 'batch-size', values.batchSize, 1, 100_000)
  const projection = await loadReplayProjection(modulePath)

  const stop = interruptions('events')
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
      signal: AbortSignal.any([stop.signal, lease.lost]),
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
      say(
        `replay: interrupted at ${outcome.position} after ${pace}; run the same command again to continue: ` +
          `npm run -s events -- ${process.argv.slice(2).map(shellWord).join(' ')}`,
      )
      return stop.received ? stop.exitCode : 1
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

async function main(): Promise<number> {
  parseProgram(program)
  const run = chosen as typeof chosen
  if (run === null) return EXIT.usage
  try {
    if (run.name === 'export') return await exportCommand(run.command, run.options)
    return await replayCommand(run.command, run.module, run.options)
  } catch (error) {
    if (error instanceof ReplayRefusedError) {
      say(`events: ${error.message}\n${usageLine(run.command)}`)
      return EXIT.usage
    }
    say(`events: failed: ${error instanceof Error ? error.message : String(error)}`)
    return EXIT.failed
  }
}

process.exitCode = await main()
