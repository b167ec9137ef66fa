/**
 * `npm run import -- movielens <dir> [--on-bad-line skip|abort] [--chunk 5000]`: imports a MovieLens
 * directory (ml-latest-small / ml-25m CSV layout, or ml-100k) through the event store's bulk path:
 * movies, a user per MovieLens user, their ratings (src/ingest/movielens/import-movielens.ts).
 * Progress on stderr; malformed lines are reported with file and line number and skipped, or stop
 * the import with `--on-bad-line abort`. Ctrl-C stops after the current chunk; running the same
 * command again continues, and running it on a finished import adds nothing.
 * Exit codes: 0 done, 1 failed (or aborted on a bad line), 2 bad arguments, 130 interrupted.
 * `npm run import -- tmdb --trending day|week [--pages N] [--details] | --ids 550,603`: imports from
 * TMDb (import-tmdb.ts).
 */
import {
  type Command,
  createProgram,
  EXIT,
  integerValue,
  interruptions,
  parseProgram,
  usageError,
} from '../src/cli/command.ts'
import { createProgress, type Progress } from '../src/cli/progress.ts'
import { loadConfigOrExit } from '../src/config.ts'
import { ensureDatabaseExists, migrateToLatest } from '../src/db/migrate.ts'
import { ImportInterruptedError, importMovieLens } from '../src/ingest/movielens/import-movielens.ts'
import { type BadLine, MovieLensFormatError } from '../src/ingest/movielens/read-movielens.ts'
import { openRuntimeOrExit } from '../src/runtime/open-runtime.ts'
import { runTmdbImportCli, TMDB_USAGE } from './import-tmdb.ts'

/** Bad lines printed one by one; beyond that only counted. */
const PRINTED_BAD_LINES = 100

type MovieLensOptions = { onBadLine: string; chunk: string }
type TmdbOptions = { trending?: string; pages?: string; details?: boolean; ids?: string }

const program = createProgram(
  'import',
  'Imports movies and ratings: a MovieLens directory through the bulk path, or movies from TMDb. ' +
    'Progress on stderr; Ctrl-C stops cleanly (exit 130) and the same command again continues. ' +
    'Exit codes: 0 done, 1 failed, 2 bad arguments, 130 interrupted.',
  [
    'npm run import -- movielens ~/data/ml-latest-small',
    'npm run import -- movielens ~/data/ml-25m --on-bad-line abort',
    'npm run import -- tmdb --trending week --pages 3',
  ],
)
// Set by the chosen command's action (an object: TypeScript does not follow assignments in callbacks).
const picked: {
  run:
    | null
    | { name: 'movielens'; dir: string; options: MovieLensOptions; command: Command }
    | { name: 'tmdb'; options: TmdbOptions }
} = { run: null }
program
  .command('movielens')
  .description(
    'Imports a MovieLens directory (ml-latest-small / ml-25m CSV layout, or ml-100k): movies, a user ' +
      'per MovieLens user, their ratings and tags (tags.csv). Malformed lines are reported with file and line and skipped ' +
      '(or stop the import with --on-bad-line abort); running it again adds nothing twice.',
  )
  .argument('<dir>', 'the MovieLens directory')
  .option('--on-bad-line <mode>', 'skip or abort', 'skip')
  .option('--chunk <n>', 'events per bulk append, 1 to 50000', '5000')
  .action((dir: string, options: MovieLensOptions, command: Command) => {
    picked.run = { name: 'movielens', dir, options, command }
  })
program
  .command('tmdb')
  .description(
    'Imports from TMDb in this process (TMDB_READ_TOKEN or TMDB_API_KEY), idempotent by TMDb id. ' +
      `Give either --trending or --ids. ${TMDB_USAGE}`,
  )
  .option('--trending <window>', 'day or week: the trending list')
  .option('--pages <n>', 'pages of the list, 1 to 500 (20 movies each; default 1)')
  .option('--details', "also fetch each movie's details")
  .option('--ids <ids>', 'these TMDb ids, comma-separated')
  .action((options: TmdbOptions) => {
    picked.run = { name: 'tmdb', options }
  })

class BadLineAbort extends Error {
  constructor(problem: BadLine) {
    super(`${problem.file}:${problem.line}: ${problem.reason} (--on-bad-line abort)`)
    this.name = 'BadLineAbort'
  }
}

async function movielens(command: Command, dir: string, values: MovieLensOptions): Promise<void> {
  const onBadLine = values.onBadLine
  if (onBadLine !== 'skip' && onBadLine !== 'abort')
    usageError(command, '--on-bad-line must be skip or abort')
  const chunkSize = integerValue(command, 'chunk', values.chunk, 1, 50_000)

  const config = loadConfigOrExit()
  if (config.databaseUrl !== null) await ensureDatabaseExists(config.databaseUrl)
  // Embedded mode: works while no `npm start` holds the data directory (it says so otherwise);
  // the server's projectors pick the events up at its next start.
  const database = await openRuntimeOrExit('import', config, {
    applicationName: 'nexus-import',
    onSubscriptionError: () => {},
  })
  const { db, store } = database
  await migrateToLatest(db)

  const stop = interruptions('import')

  let printed = 0
  const bars: Partial<Record<'movies' | 'ratings' | 'tags', Progress>> = {}
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
    const ratingSeconds =
      ((phaseStarted.tags ?? performance.now()) - (phaseStarted.ratings ?? started)) / 1000
    const { movies, users, ratings, tags } = result
    const lines = [
      `import: ${result.layout === 'csv' ? 'MovieLens CSV' : 'MovieLens 100k'} directory ${dir}`,
      `  movies:  ${movies.read} read, ${movies.imported} imported, ${movies.skipped} already there, ${movies.failed.length} refused`,
      `  users:   ${users.registered} registered (${users.renamed} under another name: ml-<id> was taken), ${users.existing} already there`,
      `  ratings: ${ratings.read} read, ${ratings.appended} appended, ${ratings.existing} already there, ${ratings.unknownMovie} of movies not imported, ${ratings.duplicate} repeated`,
      `  tags:    ${tags.read} read, ${tags.imported} imported (or already there), ${tags.unknownMovie} of movies not imported, ${tags.refused} refused by the tag rules, ${tags.duplicate} repeated or over the limit`,
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
      process.stderr.write(
        `import: interrupted; what was imported stays: run the same command again to continue: npm run import -- ${process.argv.slice(2).join(' ')}\n`,
      )
      process.exitCode = stop.exitCode
    } else if (error instanceof BadLineAbort || error instanceof MovieLensFormatError) {
      process.stderr.write(`import: ${error.message}; nothing after it was imported\n`)
      process.exitCode = 1
    } else {
      process.stderr.write(`import: failed: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = 1
    }
  } finally {
    await database.close()
  }
}

parseProgram(program)
const run = picked.run
if (run === null) process.exit(EXIT.usage)
if (run.name === 'movielens') await movielens(run.command, run.dir, run.options)
else process.exitCode = await runTmdbImportCli(run.options)
