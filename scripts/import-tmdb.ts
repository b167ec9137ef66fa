/**
 * `npm run import -- tmdb --trending day|week [--pages N] [--details]` or `... tmdb --ids 550,603`:
 * imports from TMDb in this process (no job, no reactor: for operators and scripts), with a
 * progress bar on stderr. Idempotent by TMDb id, so Ctrl-C and the same command again continues,
 * and TMDb's answers come from the Redis cache the second time. Exit codes: 0 done, 1 failed
 * (TMDb error), 2 bad arguments, 78 TMDb not configured, 130 interrupted.
 */
import { interruptions } from '../src/cli/command.ts'
import { createProgress, type Progress } from '../src/cli/progress.ts'
import { loadConfigOrExit } from '../src/config.ts'
import { ensureDatabaseExists, migrateToLatest } from '../src/db/migrate.ts'
import type { TmdbImportRequest } from '../src/domain/job/job.ts'
import { TmdbError } from '../src/ingest/tmdb/errors.ts'
import { tmdbClientFromConfig } from '../src/ingest/tmdb/from-config.ts'
import { importFromTmdb } from '../src/ingest/tmdb/import-from-tmdb.ts'
import { openRuntimeOrExit } from '../src/runtime/open-runtime.ts'

export const TMDB_USAGE =
  'usage: npm run import -- tmdb --trending day|week [--pages 1-500] [--details] | tmdb --ids <id,id,...>'

/** TMDb serves at most 500 pages of any list. */
const MAX_PAGES = 500
const MAX_IDS = 10_000

export type TmdbCliArgs = { trending?: string; pages?: string; details?: boolean; ids?: string }

class UsageError extends Error {}

/** The request the arguments describe; UsageError when they describe none. */
export function tmdbRequestFromArgs(args: TmdbCliArgs): TmdbImportRequest {
  if ((args.trending === undefined) === (args.ids === undefined)) {
    throw new UsageError('give either --trending day|week or --ids')
  }
  if (args.ids !== undefined) {
    if (args.pages !== undefined || args.details)
      throw new UsageError('--pages and --details go with --trending')
    const ids = args.ids.split(',').map((id) => id.trim())
    if (ids.length > MAX_IDS || !ids.every((id) => /^[1-9]\d{0,9}$/.test(id)))
      throw new UsageError(`--ids takes up to ${MAX_IDS} TMDb ids separated by commas`)
    return { kind: 'movie', tmdbIds: [...new Set(ids.map(Number))] }
  }
  if (args.trending !== 'day' && args.trending !== 'week')
    throw new UsageError('--trending takes day or week')
  const pages = Number(args.pages ?? '1')
  if (!/^\d+$/.test(args.pages ?? '1') || pages < 1 || pages > MAX_PAGES)
    throw new UsageError(`--pages must be an integer from 1 to ${MAX_PAGES}`)
  return { kind: 'trending', window: args.trending, pages, details: args.details ?? false }
}

const say = (line: string) => process.stderr.write(`${line}\n`)

/** Runs the import; answers the exit code. */
export async function runTmdbImportCli(args: TmdbCliArgs): Promise<number> {
  let request: TmdbImportRequest
  try {
    request = tmdbRequestFromArgs(args)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    say(`import: ${error.message}\n${TMDB_USAGE}`)
    return 2
  }
  const config = loadConfigOrExit()
  if (config.tmdbApiKey === null && config.tmdbReadToken === null) {
    say('import: set TMDB_READ_TOKEN or TMDB_API_KEY to import from TMDb')
    return 78
  }
  if (config.databaseUrl !== null) await ensureDatabaseExists(config.databaseUrl)
  // Embedded mode: works while no `npm start` holds the data directory (it says so otherwise),
  // caching TMDb's answers in the in-process store (kept in its snapshot) instead of Redis.
  const runtime = await openRuntimeOrExit('import', config, {
    max: 8,
    applicationName: 'nexus-import-tmdb',
    onSubscriptionError: () => {},
  })
  const { db, store } = runtime
  await migrateToLatest(db)
  const { redis } = runtime.counters()
  // Created on the first progress report, when the total is known.
  const shown: { bar: Progress | null } = { bar: null }
  const logger = {
    // Retries and stale answers, one line each; the client never puts credentials in them.
    warn: (fields: object, message: string) => say(`import: ${message} ${JSON.stringify(fields)}`),
    info: (fields: object, message: string) => say(`import: ${message} ${JSON.stringify(fields)}`),
  }
  const tmdb = tmdbClientFromConfig(config, redis, logger)
  const stop = interruptions('import')
  const refused: string[] = []
  const started = performance.now()
  const what =
    request.kind === 'trending'
      ? `trending ${request.window}, ${request.pages} page${request.pages === 1 ? '' : 's'}`
      : `${request.tmdbIds.length} movie${request.tmdbIds.length === 1 ? '' : 's'} by id`
  try {
    const counts = await importFromTmdb(tmdb, store, request, {
      jobId: null,
      signal: stop.signal,
      onProgress: (progress) => {
        const unit = request.kind === 'trending' ? 'pages' : 'movies'
        shown.bar ??= createProgress(unit, progress.total, 0, { unit })
        shown.bar.update(progress.done)
      },
      onSkippedMovie: ({ tmdbId, reason }) => refused.push(`  refused TMDb movie ${tmdbId}: ${reason}`),
    })
    shown.bar?.stop()
    const seconds = (performance.now() - started) / 1000
    say(
      `import: TMDb ${what}: ${counts.imported} imported, ${counts.skipped} already there, ${counts.failed} refused in ${seconds.toFixed(1)} s`,
    )
    for (const line of refused.slice(0, 20)) say(line)
    if (refused.length > 20) say(`  ... and ${refused.length - 20} more refused`)
    return 0
  } catch (error) {
    shown.bar?.stop()
    if (stop.signal.aborted) {
      say('import: interrupted; run the same command again to continue (movies imported so far stay)')
      return stop.exitCode
    }
    if (error instanceof TmdbError) {
      say(`import: TMDb ${what} failed: ${error.code}: ${error.message}`)
      return 1
    }
    throw error
  } finally {
    stop.dispose()
    tmdb.close()
    await runtime.close()
  }
}
