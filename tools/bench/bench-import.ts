/**
 * `npm run bench:import -- [--ratings 100000] [--users 700] [--movies 9000] [--seed 7]`: the
 * MovieLens import's speed on a scratch database. Writes a seeded MovieLens-layout directory (titles
 * with commas, half stars, links.csv), then measures in one run:
 * - read: the reader alone (parsing, no writes);
 * - baseline: the same number of events (movies, 2 per user, ratings) appended through the bulk
 *   path in chunks of 5,000 from memory (the synthetic log of bench:rebuild): the ceiling;
 * - import: `importMovieLens` end to end (read, validate, register users, append);
 * - again: the same import once more, which must append nothing.
 * Prints events/s, ratings/s, the ratio import/baseline and the target (100,000 ratings
 * in well under a minute).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createProgram, integerValue, parseProgram, usageError } from '../../src/cli/command.ts'
import { csvRecord } from '../../src/cli/csv.ts'
import { loadConfigOrExit } from '../../src/config.ts'
import { createDatabase, createPool } from '../../src/db/connection.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { createScratchDatabase } from '../../src/db/scratch-database.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { appendSyntheticLog, seededRandom } from '../../src/generate/synthetic-log.ts'
import { importMovieLens } from '../../src/ingest/movielens/import-movielens.ts'
import { readMovieLensMovies, readMovieLensRatings } from '../../src/ingest/movielens/read-movielens.ts'
import { requireServices } from '../../src/runtime/open-runtime.ts'

const TARGET_SECONDS = 60
const GENRES = ['Action', 'Comedy', 'Drama', 'Horror', 'Romance', 'Sci-Fi', 'Thriller', 'Documentary']

const program = createProgram(
  'bench:import',
  "The MovieLens import's speed on a scratch database (PostgreSQL and Redis servers): the reader " +
    'alone, a bulk-path baseline, the import end to end, and the same import again (which must append ' +
    'nothing). Prints events/s, ratings/s and the ratio import/baseline.',
  ['npm run bench:import', 'npm run bench:import -- --ratings 1000000 --users 7000 --movies 20000'],
)
  .option('--ratings <n>', 'ratings in the dataset', '100000')
  .option('--users <n>', 'users in the dataset', '700')
  .option('--movies <n>', 'movies in the dataset', '9000')
  .option('--seed <n>', 'the seed', '7')
parseProgram(program)
const values = program.opts<{ ratings: string; users: string; movies: string; seed: string }>()
const ratings = integerValue(program, 'ratings', values.ratings, 1, 100_000_000)
const users = integerValue(program, 'users', values.users, 1, 10_000_000)
const movies = integerValue(program, 'movies', values.movies, 1, 10_000_000)
const seed = integerValue(program, 'seed', values.seed, 1, 2 ** 31 - 1)
if (ratings > users * movies) usageError(program, '--ratings must be at most --users times --movies')

/** A MovieLens-layout directory: every user rates distinct movies, popular ones more often. */
async function writeDataset(dir: string): Promise<void> {
  const random = seededRandom(seed)
  // RFC 4180 records through csv-stringify, each ending with CRLF.
  const movieLines = [csvRecord(['movieId', 'title', 'genres'])]
  const linkLines = [csvRecord(['movieId', 'imdbId', 'tmdbId'])]
  for (let m = 1; m <= movies; m++) {
    const genres = [...new Set([GENRES[m % GENRES.length], GENRES[Math.floor(random() * GENRES.length)]])]
    const title = m % 7 === 0 ? `Film ${m}, The (${1950 + (m % 70)})` : `Film ${m} (${1950 + (m % 70)})`
    movieLines.push(csvRecord([m, title, m % 50 === 0 ? '(no genres listed)' : genres.join('|')]))
    linkLines.push(csvRecord([m, String(100000 + m).padStart(7, '0'), m % 10 === 0 ? '' : 500000 + m]))
  }
  const ratingLines = [csvRecord(['userId', 'movieId', 'rating', 'timestamp'])]
  const perUser = Math.floor(ratings / users)
  let written = 0
  for (let u = 1; u <= users && written < ratings; u++) {
    const count = u === users ? ratings - written : Math.min(perUser, ratings - written)
    const seen = new Set<number>()
    while (seen.size < count) seen.add(1 + Math.floor(movies * random() ** 2))
    for (const m of [...seen].sort((a, b) => a - b)) {
      const stars = (1 + Math.floor(random() * 10)) / 2
      ratingLines.push(
        csvRecord([u, m, stars.toFixed(1), 1_000_000_000 + Math.floor(random() * 500_000_000)]),
      )
    }
    written += count
  }
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'movies.csv'), movieLines.join(''))
  await writeFile(join(dir, 'links.csv'), linkLines.join(''))
  await writeFile(join(dir, 'ratings.csv'), ratingLines.join(''))
}

const config = loadConfigOrExit()
const services = requireServices('bench:import', config)
const dir = await mkdtemp(join(tmpdir(), 'nexus-bench-import-'))
const databases = await Promise.all([
  createScratchDatabase(services.databaseUrl, 'bench_import'),
  createScratchDatabase(services.databaseUrl, 'bench_import_baseline'),
])
const pools = databases.map((database) =>
  createPool(database.url, { max: 20, applicationName: 'bench-import' }),
)
const dbs = pools.map(createDatabase)
const importDb = dbs[0] as (typeof dbs)[0]
const [importPool, baselinePool] = pools as [(typeof pools)[0], (typeof pools)[0]]
const [importDatabase, baselineDatabase] = databases as [(typeof databases)[0], (typeof databases)[0]]
try {
  await writeDataset(dir)
  for (const db of dbs) await migrateToLatest(db)

  let started = performance.now()
  let read = 0
  for await (const _ of readMovieLensMovies(dir)) read++
  for await (const _ of readMovieLensRatings(dir)) read++
  const readSeconds = (performance.now() - started) / 1000

  const store = new PostgresEventStore(importPool, { connectionString: importDatabase.url })
  started = performance.now()
  const first = await importMovieLens({ eventStore: store, db: importDb, dir, now: new Date() })
  const importSeconds = (performance.now() - started) / 1000
  const events = first.movies.imported + 2 * first.users.registered + first.ratings.appended

  started = performance.now()
  const again = await importMovieLens({ eventStore: store, db: importDb, dir, now: new Date() })
  const againSeconds = (performance.now() - started) / 1000
  const againAppended = again.movies.imported + again.users.registered + again.ratings.appended
  await store.close()

  // The ceiling: as many events through appendMany, generated in memory (no file, no lookups).
  const baselineStore = new PostgresEventStore(baselinePool, { connectionString: baselineDatabase.url })
  const baselineSeconds = await appendSyntheticLog(baselineStore, {
    label: 'baseline',
    seed,
    events,
    chunkSize: 5_000,
    movies,
    users,
  })
  await baselineStore.close()

  const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US')
  const lines = [
    `bench-import: ${ratings.toLocaleString('en-US')} ratings of ${users} users on ${movies.toLocaleString('en-US')} movies (seed ${seed}), chunks of 5,000 events`,
    `  read only        ${readSeconds.toFixed(2)} s   ${rate(read, readSeconds)} lines/s`,
    `  baseline         ${baselineSeconds.toFixed(2)} s   ${rate(events, baselineSeconds)} events/s (appendMany of ${events.toLocaleString('en-US')} generated events)`,
    `  import           ${importSeconds.toFixed(2)} s   ${rate(events, importSeconds)} events/s, ${rate(first.ratings.appended, importSeconds)} ratings/s; ratio to baseline ${(baselineSeconds / importSeconds).toFixed(2)}`,
    `                   (${first.movies.imported} movies, ${first.users.registered} users, ${first.ratings.appended} ratings, ${first.movies.failed.length} movies refused)`,
    `  import again     ${againSeconds.toFixed(2)} s   ${againAppended} events appended (must be 0)`,
    `  target           ${ratings.toLocaleString('en-US')} ratings in well under ${TARGET_SECONDS} s: ${importSeconds < TARGET_SECONDS / 2 ? 'MET' : importSeconds < TARGET_SECONDS ? 'under a minute, not well under' : 'BELOW'}`,
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  if (againAppended !== 0) process.exitCode = 1
} finally {
  for (const db of dbs) await db.destroy()
  await Promise.all(databases.map((database) => database.drop()))
  await rm(dir, { recursive: true, force: true })
}
