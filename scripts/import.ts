/**
 * `npm run import -- movielens <dir> [--on-bad-line skip|abort] [--chunk 5000]`: imports a MovieLens
 * directory (ml-latest-small / ml-25m CSV layout, or ml-100k) through the event store's bulk path:
 * movies, a user per MovieLens user, their ratings (src/ingest/movielens/import-movielens.ts).
 * Progress on stderr; malformed lines are reported with file and line number and skipped, or stop
 * the import with `--on-bad-line abort`. Ctrl-C stops after the current chunk; running the same
 * command again continues, and running it on a finished import adds nothing.
 * Exit codes: 0 done, 1 failed (or aborted on a bad line), 2 bad arguments, 130 interrupted.
 * `npm run import -- tmdb --trending day|week [--pages N] [--details] | --ids 550,603`: imports from
 * TMDb (src/ingest/tmdb/import-cli.ts).
 */
import { parseArgs } from 'node:util'
import { createProgress, type Progress } from '../src/cli/progress.ts'
import { loadConfigOrExit } from '../src/config.ts'
import { ensureDatabaseExists, migrateToLatest } from '../src/db/migrate.ts'
import { openDatabaseOrExit } from '../src/db/open-database.ts'
import { createEventStore } from '../src/event-store/create-event-store.ts'
import { ImportInterruptedError, importMovieLens } from '../src/ingest/movielens/import-movielens.ts'
import { type BadLine, MovieLensFormatError } from '../src/ingest/movielens/read-movielens.ts'
import { runTmdbImportCli, TMDB_USAGE } from '../src/ingest/tmdb/import-cli.ts'

const USAGE = 'usage: npm run import -- movielens <dir> [--on-bad-line skip|abort] [--chunk 5000]'
/** Bad lines printed one by one; beyond that only counted. */
const PRINTED_BAD_LINES = 100

function fail(code: number, message: string): never {
  process.stderr.write(`import: ${message}\n`)
  process.exit(code)
}

const OPTIONS = {
  'on-bad-line': { type: 'string', default: 'skip' },
  chunk: { type: 'string', default: '5000' },
  // tmdb (src/ingest/tmdb/import-cli.ts)
  trending: { type: 'string' },
  pages: { type: 'string' },
  details: { type: 'boolean' },
  ids: { type: 'string' },
} as const

function parse() {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS })
  } catch (error) {
    return fail(2, `${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
  }
}

class BadLineAbort extends Error {
  constructor(problem: BadLine) {
    super(`${problem.file}:${problem.line}: ${problem.reason} (--on-bad-line abort)`)
    this.name = 'BadLineAbort'
  }
}

async function movielens(dir: string, values: ReturnType<typeof parse>['values']): Promise<void> {
  const onBadLine = values['on-bad-line']
  if (onBadLine !== 'skip' && onBadLine !== 'abort') fail(2, `--on-bad-line must be skip or abort\n${USAGE}`)
  const chunkSize = Number(values.chunk)
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 50_000)
    fail(2, `--chunk must be an integer from 1 to 50000\n${USAGE}`)

  const config = loadConfigOrExit()
  if (config.databaseUrl !== null) await ensureDatabaseExists(config.databaseUrl)
  // Embedded mode: works while no `npm start` holds the data directory (it says so otherwise);
  // the server's projectors pick the events up at its next start.
  const database = await openDatabaseOrExit('import', config, { applicationName: 'nexus-import' })
  const { pool, db } = database
  await migrateToLatest(db)
  const store = createEventStore(config, pool, () => {}, database.listen)

  const stop = new AbortController()
  process.once('SIGINT', () => stop.abort())
  process.once('SIGTERM', () => stop.abort())

  let printed = 0
  const bars: Partial<Record<'movies' | 'ratings', Progress>> = {}
  const started = performance.now()
  const phaseStarted: Record<string, number> = {}
  try {
    const result = await importMovieLens({
      eventStore: store,
      db,
      dir,
      now: new Date(),
      chunkSize,
      signal: stop.signal,
      onBadLine: (problem) => {
        if (onBadLine === 'abort') throw new BadLineAbort(problem)
        if (printed++ < PRINTED_BAD_LINES)
          process.stderr.write(`import: ${problem.file}:${problem.line}: ${problem.reason} (skipped)\n`)
      },
      onProgress: (phase, done, total) => {
        phaseStarted[phase] ??= performance.now()
        let bar = bars[phase]
        if (!bar) {
          bar = createProgress(phase, total, 0, { unit: phase })
          bars[phase] = bar
        }
        bar.setTotal(total)
        bar.update(done)
      },
      onPhaseEnd: (phase) => bars[phase]?.stop(),
    })
    const seconds = (performance.now() - started) / 1000
    const ratingSeconds = (performance.now() - (phaseStarted.ratings ?? started)) / 1000
    const { movies, users, ratings } = result
    const lines = [
      `import: ${result.layout === 'csv' ? 'MovieLens CSV' : 'MovieLens 100k'} directory ${dir}`,
      `  movies:  ${movies.read} read, ${movies.imported} imported, ${movies.skipped} already there, ${movies.failed.length} refused`,
      `  users:   ${users.registered} registered (${users.renamed} under another name: ml-<id> was taken), ${users.existing} already there`,
      `  ratings: ${ratings.read} read, ${ratings.appended} appended, ${ratings.existing} already there, ${ratings.unknownMovie} of movies not imported, ${ratings.duplicate} repeated`,
      `  ${result.badLines} malformed lines skipped${result.sharedTmdbIds > 0 ? `, ${result.sharedTmdbIds} movies naming a tmdbId another movie had (imported without it)` : ''}`,
      `  ${seconds.toFixed(1)} s in all; ratings phase ${ratingSeconds.toFixed(1)} s, ${Math.round(ratings.read / Math.max(ratingSeconds, 0.001))} ratings/s`,
    ]
    for (const failure of movies.failed.slice(0, 20)) {
      lines.push(
        `  refused movie ${JSON.stringify(failure.externalIds)}: ${failure.code}: ${failure.message}`,
      )
    }
    if (movies.failed.length > 20) lines.push(`  ... and ${movies.failed.length - 20} more refused movies`)
    process.stderr.write(`${lines.join('\n')}\n`)
  } catch (error) {
    for (const bar of Object.values(bars)) bar.stop()
    if (error instanceof ImportInterruptedError) {
      process.stderr.write('import: interrupted; run the same command again to continue\n')
      process.exitCode = 130
    } else if (error instanceof BadLineAbort || error instanceof MovieLensFormatError) {
      process.stderr.write(`import: ${error.message}; nothing after it was imported\n`)
      process.exitCode = 1
    } else {
      process.stderr.write(`import: failed: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = 1
    }
  } finally {
    await store.close()
    await database.close()
  }
}

const { positionals, values } = parse()
const [command, ...args] = positionals
switch (command) {
  case 'movielens': {
    const dir = args[0]
    if (!dir || args.length !== 1) fail(2, `movielens needs one directory\n${USAGE}`)
    await movielens(dir, values)
    break
  }
  case 'tmdb': {
    if (args.length !== 0) fail(2, TMDB_USAGE)
    const { trending, pages, details, ids } = values
    process.exitCode = await runTmdbImportCli({ trending, pages, details, ids })
    break
  }
  default:
    fail(2, `${USAGE}\n${TMDB_USAGE}`)
}
