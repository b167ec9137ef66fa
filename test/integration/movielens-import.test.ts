/**
 * The MovieLens import end to end on real PostgreSQL and Redis, on small directories the tests
 * write themselves: movies, users and half-star ratings reach the catalogue, the user read models
 * and trending; MovieLens users cannot sign in; running again adds nothing; an interrupted import
 * continues; importMovies (shared with the TMDb import) is idempotent and validates.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type pg from 'pg'
import t from 'tap'
import { importedMovieId } from '../../src/domain/movie/external-ids.ts'
import { movieStream } from '../../src/domain/movie/movie.ts'
import { userStream } from '../../src/domain/user/user.ts'
import type { StoredEvent } from '../../src/event-store/contract.ts'
import { importEventId, importMovies } from '../../src/ingest/import-movies.ts'
import {
  ImportInterruptedError,
  importMovieLens,
  movieLensUserId,
} from '../../src/ingest/movielens/import-movielens.ts'
import type { BadLine } from '../../src/ingest/movielens/read-movielens.ts'
import { buildTestApp } from '../support/app.ts'
import { testServices } from '../support/services.ts'

const PASSWORD = 'correct horse battery staple'
const now = new Date('2026-11-24T12:00:00.000Z')

async function directory(
  t: { teardown(fn: () => unknown): void },
  files: Record<string, string>,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nexus-ml-import-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content)
  return dir
}

type Row = Pick<StoredEvent, 'id' | 'type' | 'stream' | 'data' | 'metadata'>

/**
 * Every stored event, straight from the table: readAll only shows what is below the oldest running
 * transaction of the database, which its projectors may hold back for a moment.
 */
async function eventsIn(pool: pg.Pool): Promise<Row[]> {
  const { rows } = await pool.query<Row>(
    'SELECT id, type, stream_id AS stream, data, metadata FROM events ORDER BY transaction_id, global_position',
  )
  return rows
}

const SMALL = {
  'movies.csv': [
    'movieId,title,genres',
    '1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy',
    '6,Heat (1995),Action|Crime|Thriller',
    '11,"American President, The (1995)",Comedy|Drama|Romance',
    '99,"Broken "quote (1990),Drama',
    '176601,Black Mirror,(no genres listed)',
    '180000,Untitled Short (2017),(no genres listed)',
  ].join('\n'),
  'links.csv': 'movieId,imdbId,tmdbId\n1,0114709,862\n6,0113277,949\n11,0112346,\n176601,5465580,\n',
  'ratings.csv': [
    'userId,movieId,rating,timestamp',
    '1,1,4.0,964982703',
    '1,6,4.5,964982224',
    '2,6,3.5,1445714835',
    '2,11,0.5,1445714836',
    '2,180000,5.0,1445714837',
    '3,176601,4.0,1445714838',
    '3,6,seven,1445714839',
  ].join('\n'),
}

t.test('a MovieLens directory becomes movies, users and half-star ratings in every read model', async (t) => {
  const { app, user, startProjectors, database } = await buildTestApp(t, {
    consistencyTimeoutMs: 5_000,
    authRateLimitMax: 1_000,
  })
  startProjectors()
  const admin = user({ role: 'admin' })
  // Someone already calls themselves ml-2: MovieLens user 2 must get another name.
  const taken = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { username: 'ml-2', email: 'ml2@example.com', password: PASSWORD },
  })
  t.equal(taken.statusCode, 201)
  const dir = await directory(t, SMALL)

  const problems: BadLine[] = []
  const result = await importMovieLens({
    eventStore: app.eventStore,
    db: app.db,
    dir,
    now,
    onBadLine: (p) => problems.push(p),
  })
  t.strictSame(
    problems.map((p) => `${p.file}:${p.line}`),
    ['movies.csv:5', 'ratings.csv:8'],
    'malformed lines reported with file and line',
  )
  t.match(result, {
    layout: 'csv',
    // Black Mirror has no year in its title: imported all the same, its year unknown (null).
    movies: { read: 5, imported: 5, skipped: 0, failed: [] },
    users: { registered: 3, existing: 0, renamed: 1 },
    ratings: { read: 6, appended: 6, existing: 0, unknownMovie: 0, duplicate: 0 },
    badLines: 2,
  })

  t.ok(result.position, 'the last appended position, a consistency token')
  const consistent = { 'x-consistency-token': result.position as string }
  const list = await app.inject({ url: '/api/v1/movies?sort=title&limit=50', headers: consistent })
  t.equal(list.statusCode, 200)
  t.equal(list.headers['x-consistency'], 'reached')
  const heat = importedMovieId({ tmdb: 949 })
  const president = importedMovieId({ movielens: 11 })
  const blackMirror = importedMovieId({ movielens: 176601 })
  t.match(
    list.json().items,
    [
      { title: 'Black Mirror', year: null, releaseDate: null, genres: [], id: blackMirror, ratingCount: 1 },
      { title: 'Heat', year: 1995, externalIds: { movielens: 6, imdb: 'tt0113277', tmdb: 949 }, id: heat },
      {
        title: 'The American President',
        externalIds: { movielens: 11, imdb: 'tt0112346' },
        id: president,
        averageRating: 0.5,
        ratingCount: 1,
      },
      { title: 'Toy Story', genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'] },
      { title: 'Untitled Short', genres: [], year: 2017 },
    ],
    'imported movies are listed with their external ids',
  )
  t.equal(list.json().items.length, 5)
  const titles = async (query: string) => {
    const reply = await app.inject({ url: `/api/v1/movies?${query}&limit=50`, headers: consistent })
    t.equal(reply.statusCode, 200, query)
    return reply.json().items.map((item: { title: string }) => item.title)
  }
  const byRelease = await titles('sort=release')
  t.strictSame(
    [byRelease[0], byRelease.at(-1)],
    ['Untitled Short', 'Black Mirror'],
    'newest first, unknown year last',
  )
  const firstPage = await app.inject({ url: '/api/v1/movies?sort=release&limit=4', headers: consistent })
  const rest = await app.inject({
    url: `/api/v1/movies?sort=release&limit=4&cursor=${firstPage.json().nextCursor}`,
    headers: consistent,
  })
  t.match(rest.json(), { items: [{ title: 'Black Mirror', year: null }], nextCursor: null }, 'paged past it')
  t.notOk((await titles('yearFrom=1900')).includes('Black Mirror'), 'a year filter leaves the unknown out')
  t.notOk((await titles('yearTo=2100')).includes('Black Mirror'))
  t.ok((await titles('q=black')).includes('Black Mirror'), 'found by title')
  const mirror = await app.inject({ url: `/api/v1/movies/${blackMirror}`, headers: consistent })
  t.equal(mirror.statusCode, 200)
  t.match(mirror.json(), { title: 'Black Mirror', year: null, averageRating: 4, ratingCount: 1 })
  const detail = await app.inject({ url: `/api/v1/movies/${heat}`, headers: consistent })
  t.match(detail.json(), {
    averageRating: 4,
    ratingCount: 2,
    // 3.5 counts with the 4s, 4.5 with the 5s.
    ratingHistogram: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 },
    externalIds: { tmdb: 949 },
  })
  const genres = await app.inject({ url: '/api/v1/genres', headers: consistent })
  t.match(genres.json().items, [{ slug: 'action', movieCount: 1 }], 'genres counted')

  // MovieLens user 1: a user like any other in the read models, with their half stars and dates.
  const ml1 = movieLensUserId('csv', 1)
  const ml2 = movieLensUserId('csv', 2)
  const ratings = await app.inject({
    url: '/api/v1/me/ratings',
    headers: { ...user({ userId: ml1 }).headers, ...consistent },
  })
  t.match(ratings.json().items, [
    { movieId: importedMovieId({ tmdb: 862 }), stars: 4, ratedAt: '2000-07-30T18:45:03.000Z' },
    { movieId: heat, stars: 4.5, ratedAt: '2000-07-30T18:37:04.000Z' },
  ])
  const account = await app.inject({
    url: `/api/v1/admin/users/${ml1}`,
    headers: { ...admin.headers, ...consistent },
  })
  t.match(account.json(), { id: ml1, username: 'ml-1', email: null, role: 'user' })
  const renamed = await app.inject({
    url: `/api/v1/admin/users/${ml2}`,
    headers: { ...admin.headers, ...consistent },
  })
  t.match(renamed.json(), { username: 'ml-2-x2' }, 'the taken name was not taken over')

  // No password: a MovieLens user cannot sign in, under any name.
  for (const login of ['ml-1', 'ml-2-x2']) {
    const reply = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login, password: PASSWORD },
    })
    t.equal(reply.statusCode, 401, `${login} cannot sign in`)
    t.equal(reply.json().error.code, 'INVALID_CREDENTIALS')
  }
  const credentials = await database.db
    .selectFrom('credentials')
    .select('user_id')
    .where('user_id', 'in', [ml1, ml2])
    .execute()
  t.strictSame(credentials, [], 'no password hash stored')

  // Personal data: the username is sealed in the log like any registration's.
  const events = await eventsIn(database.pool)
  const registered = events.find((e) => e.stream === userStream(ml1))
  t.match(registered?.data, { username: /^sealed:v1:/, email: null, emailReservation: null })
  t.notMatch(JSON.stringify(events.map((e) => e.data)), /"ml-1"/, 'ml-1 never in clear in the log')
  t.match(
    events.find((e) => e.stream === movieStream(blackMirror)),
    { type: 'MovieImported', data: { title: 'Black Mirror', year: null }, metadata: { schemaVersion: 3 } },
    'stored with its year unknown, at the current version (v2 allowed it; v3 adds media)',
  )

  // Trending counts a 4.5 as a high rating (3) and a 3.5 not; the 2000s ratings only count all time.
  const trending = await app.inject({ url: '/api/v1/movies/trending?window=all', headers: consistent })
  const scores = Object.fromEntries(
    trending.json().items.map((i: { movieId: string; score: number }) => [i.movieId, i.score]),
  )
  t.strictSame(
    scores,
    {
      [heat]: 3,
      [importedMovieId({ tmdb: 862 })]: 3,
      [importedMovieId({ movielens: 180000 })]: 3,
      [blackMirror]: 3,
    },
    'Heat (4.5 and 3.5), Toy Story (4), the short (5) and Black Mirror (4); not The American President (0.5)',
  )
  t.match(
    trending.json().items.find((i: { movieId: string }) => i.movieId === blackMirror),
    { title: 'Black Mirror', year: null },
    'trending answers an unknown year as null',
  )
  // Recommendations (popularity while there is no model) may hold the movie of unknown year.
  const recommended = await app.inject({
    url: '/api/v1/me/recommendations?limit=10',
    headers: { ...user({ userId: movieLensUserId('csv', 1) }).headers, ...consistent },
  })
  t.equal(recommended.statusCode, 200, recommended.body)
  t.match(
    recommended.json().items.find((i: { movieId: string }) => i.movieId === blackMirror),
    { title: 'Black Mirror', year: null },
    'recommended with its year unknown',
  )
  const week = await app.inject({ url: '/api/v1/movies/trending?window=week', headers: consistent })
  t.strictSame(week.json().items, [], 'ratings from years ago are not trending this week')

  // The same import again adds nothing.
  const again = await importMovieLens({ eventStore: app.eventStore, db: app.db, dir, now: new Date() })
  t.match(again, {
    movies: { imported: 0, skipped: 5 },
    users: { registered: 0 },
    ratings: { appended: 0, existing: 6 },
  })
  t.equal((await eventsIn(database.pool)).length, events.length, 'the same event count')

  // An erased MovieLens user stays erased: importing again neither re-registers nor re-keys them.
  const erase = await app.inject({
    method: 'DELETE',
    url: `/api/v1/admin/users/${ml1}`,
    headers: admin.headers,
  })
  t.equal(erase.statusCode, 200)
  const afterErase = (await eventsIn(database.pool)).length
  await importMovieLens({ eventStore: app.eventStore, db: app.db, dir, now: new Date() })
  t.equal((await eventsIn(database.pool)).length, afterErase, 'nothing appended after the erasure')
  const key = await database.db.selectFrom('user_keys').select('user_id').where('user_id', '=', ml1).execute()
  t.strictSame(key, [], 'no new key for the erased user')
})

t.test('an interrupted import continues where it stopped; chunks commit on their own', async (t) => {
  const { app, database } = await buildTestApp(t)
  const movieLines = ['movieId,title,genres']
  for (let m = 1; m <= 40; m++) movieLines.push(`${m},"Film ${m}, The (${1950 + m})",Drama|Comedy`)
  const ratingLines = ['userId,movieId,rating,timestamp']
  for (let u = 1; u <= 30; u++) {
    for (let m = 1; m <= 40; m += 2)
      ratingLines.push(`${u},${m},${((u + m) % 10) / 2 + 0.5},${1_500_000_000 + u * 100 + m}`)
  }
  const dir = await directory(t, {
    'movies.csv': movieLines.join('\n'),
    'ratings.csv': ratingLines.join('\n'),
  })
  const expected = 40 + 30 * 2 + 30 * 20

  const stop = new AbortController()
  let chunks = 0
  await t.rejects(
    importMovieLens({
      eventStore: app.eventStore,
      db: app.db,
      dir,
      now,
      chunkSize: 50,
      signal: stop.signal,
      onProgress: (phase) => {
        if (phase === 'ratings' && ++chunks === 3) stop.abort()
      },
    }),
    ImportInterruptedError,
  )
  const partial = (await eventsIn(database.pool)).length
  t.ok(
    partial > 40 && partial < expected,
    `three chunks of ratings committed (${partial} of ${expected} events)`,
  )

  const resumed = await importMovieLens({ eventStore: app.eventStore, db: app.db, dir, now, chunkSize: 50 })
  t.equal(resumed.movies.skipped, 40)
  t.ok(resumed.ratings.existing > 0, 'the committed chunks are recognised')
  t.equal(resumed.ratings.existing + resumed.ratings.appended, 600)
  const events = await eventsIn(database.pool)
  t.equal(events.length, expected, 'every movie, user and rating exactly once')
  t.equal(new Set(events.map((e) => e.stream)).size, 40 + 30 * 2 + 600, 'one event per stream')
  const halves = events.filter(
    (e) => e.type === 'RatingGiven' && !Number.isInteger((e.data as { stars: number }).stars),
  )
  t.ok(halves.length > 0, 'half stars kept in the events')
})

t.test('importMovies: validation, idempotency, one movie per TMDb id whatever the source', async (t) => {
  const { app, database } = await buildTestApp(t)
  const store = app.eventStore
  const heat = { title: 'Heat', year: 1995, genres: ['Crime'], externalIds: { movielens: 6, tmdb: 949 } }
  const first = await importMovies(
    store,
    [
      heat,
      { title: 'Too Old', year: 1200, genres: ['Drama'], externalIds: { movielens: 7 } },
      { title: 'No Ids', year: 2000, genres: ['Drama'], externalIds: {} },
      { title: '   ', year: 2000, genres: ['Drama'], externalIds: { tmdb: 1 } },
      {
        title: 'Wrong Date',
        year: 2000,
        genres: ['Drama'],
        releaseDate: '2001-01-01',
        externalIds: { tmdb: 2 },
      },
      { ...heat, title: 'Heat again in the same call' },
    ],
    { source: 'movielens', jobId: null, now },
  )
  const heatId = importedMovieId({ tmdb: 949 })
  t.match(first, {
    imported: 1,
    skipped: 1,
    movieIds: [heatId, heatId],
    failed: [
      { index: 1, code: 'YEAR_OUT_OF_RANGE' },
      { index: 2, code: 'INVALID_EXTERNAL_IDS' },
      { index: 3, code: 'TITLE_REQUIRED' },
      { index: 4, code: 'RELEASE_DATE_NOT_IN_YEAR' },
    ],
  })
  const stored = await eventsIn(database.pool)
  t.equal(stored.length, 1, 'nothing appended for refused movies')
  t.match(stored[0], {
    id: importEventId(movieStream(heatId)),
    type: 'MovieImported',
    stream: movieStream(heatId),
    data: {
      movieId: heatId,
      externalIds: { movielens: 6, tmdb: 949 },
      source: 'movielens',
      importedAt: now.toISOString(),
    },
  })

  // TMDb brings the same film (by its TMDb id) and a new one: only the new one is appended.
  const jobId = '0b6f8a4e-2f3c-4d5e-8a9b-1c2d3e4f5a6b'
  const fromTmdb = await importMovies(
    store,
    [
      {
        title: 'Heat',
        year: 1995,
        genres: ['Action'],
        overview: 'A thief.',
        releaseDate: '1995-12-15',
        externalIds: { tmdb: 949, imdb: 'tt0113277' },
      },
      { title: 'Se7en', year: 1995, genres: ['Crime'], externalIds: { tmdb: 807 } },
    ],
    { source: 'tmdb', jobId, now, metadata: { causationId: jobId } },
  )
  t.match(fromTmdb, { imported: 1, skipped: 1, failed: [] })
  const after = await eventsIn(database.pool)
  t.equal(after.length, 2)
  t.match(after[1], { data: { source: 'tmdb', jobId, title: 'Se7en' }, metadata: { causationId: jobId } })

  // Again, both sources: nothing new.
  const repeat = await importMovies(
    store,
    [heat, { title: 'Se7en', year: 1995, genres: ['Crime'], externalIds: { tmdb: 807 } }],
    {
      source: 'movielens',
      jobId: null,
      now,
    },
  )
  t.match(repeat, { imported: 0, skipped: 2 })
  t.equal((await eventsIn(database.pool)).length, 2, 'the same event count')

  // A racing import of the same movie (after the existence check) adds nothing either.
  const race = await Promise.all(
    [1, 2, 3].map(() =>
      importMovies(store, [{ title: 'Alien', year: 1979, genres: ['Horror'], externalIds: { tmdb: 348 } }], {
        source: 'tmdb',
        jobId: null,
        now,
      }),
    ),
  )
  t.equal(
    race.reduce((n, r) => n + r.failed.length, 0),
    0,
  )
  const alien = (await eventsIn(database.pool)).filter(
    (e) => e.stream === movieStream(importedMovieId({ tmdb: 348 })),
  )
  t.equal(alien.length, 1, 'one MovieImported however many imports race')

  await t.rejects(
    importMovies(store, [], { source: 'imdb' as 'tmdb', jobId: null, now }),
    TypeError,
    'an unknown source is a programming error',
  )
})

t.test('npm run import -- movielens: bad lines skipped and listed, or --on-bad-line abort', async (t) => {
  const { database } = await buildTestApp(t)
  const dir = await directory(t, SMALL)
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['scripts/import.ts', ...args], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          REDIS_URL: testServices.redisUrl,
          EVENTSTORE_URL: '',
          LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 180_000,
      })
      let stderr = ''
      child.stderr.on('data', (chunk) => {
        stderr += chunk
      })
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, stderr }))
    })
  const count = async () =>
    Number((await database.pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]?.n)

  const usage = await run(['movielens', dir, '--on-bad-line', 'maybe'])
  t.equal(usage.code, 2, 'a bad flag is a usage error')
  t.equal(await count(), 0)

  const aborted = await run(['movielens', dir, '--on-bad-line', 'abort'])
  t.equal(aborted.code, 1)
  t.match(aborted.stderr, /movies\.csv:5: malformed CSV.*--on-bad-line abort/)
  t.equal(await count(), 0, 'the bad line comes before anything is appended')

  const skipped = await run(['movielens', dir])
  t.equal(skipped.code, 0, skipped.stderr)
  t.match(skipped.stderr, /movies\.csv:5: malformed CSV.*\(skipped\)/)
  t.match(skipped.stderr, /ratings\.csv:8: rating "seven" is not 0\.5 to 5 in half stars \(skipped\)/)
  t.match(skipped.stderr, /movies: +5 read, 5 imported/)
  t.match(skipped.stderr, /ratings: 6 read, 6 appended/)
  t.notMatch(skipped.stderr, /refused movie/, 'the movie without a year is not refused')
  const stored = await count()
  t.equal(stored, 5 + 3 * 2 + 6, 'movies, three users (reservation + registration each) and ratings')

  const again = await run(['movielens', dir])
  t.equal(again.code, 0)
  t.match(again.stderr, /ratings: 6 read, 0 appended, 6 already there/)
  t.equal(await count(), stored, 'running it again adds nothing')
})

t.test('an ml-100k directory imports too, under ids of its own', async (t) => {
  const { app, database } = await buildTestApp(t)
  const flags = (...on: number[]) =>
    Array.from({ length: 19 }, (_, i) => (on.includes(i) ? '1' : '0')).join('|')
  const dir = await directory(t, {
    'u.item': [
      `1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|${flags(3, 4, 5)}`,
      `2|GoldenEye (1995)|01-Jan-1995||http://us.imdb.com/x|${flags(1, 2, 16)}`,
    ].join('\n'),
    'u.data': '196\t1\t3\t881250949\n196\t2\t5\t881250950\n186\t2\t4\t891717742\n',
  })
  const result = await importMovieLens({ eventStore: app.eventStore, db: app.db, dir, now })
  t.match(result, {
    layout: 'ml-100k',
    movies: { imported: 2 },
    users: { registered: 2 },
    ratings: { appended: 3 },
  })
  const goldenEye = importedMovieId({ movielens100k: 2 })
  t.not(goldenEye, importedMovieId({ movielens: 2 }), 'not the ml-latest movie 2 (Jumanji)')
  const events = await eventsIn(database.pool)
  t.match(
    events.find((e) => e.stream === movieStream(goldenEye)),
    {
      data: {
        title: 'GoldenEye',
        year: 1995,
        genres: ['Action', 'Adventure', 'Thriller'],
        externalIds: { movielens100k: 2 },
      },
    },
  )
  t.ok(
    events.some((e) => e.stream === userStream(movieLensUserId('ml-100k', 196))),
    'users of ml-100k are their own too',
  )
  t.not(movieLensUserId('ml-100k', 196), movieLensUserId('csv', 196))
})

t.test('a directory with a missing or wrongly headed file writes nothing', async (t) => {
  const { app, database } = await buildTestApp(t)
  const attempt = (files: Record<string, string>) =>
    directory(t, files).then((dir) => importMovieLens({ eventStore: app.eventStore, db: app.db, dir, now }))
  const movies = SMALL['movies.csv']
  await t.rejects(attempt({ 'movies.csv': movies }), {
    name: 'MovieLensFormatError',
    message: /ratings\.csv/,
  })
  await t.rejects(
    attempt({ 'movies.csv': movies, 'ratings.csv': 'userId,movieId,stars,when\n1,1,4,964982703\n' }),
    { name: 'MovieLensFormatError', message: /ratings\.csv: the header lacks rating, timestamp/ },
  )
  await t.rejects(
    attempt({
      'movies.csv': movies,
      'ratings.csv': SMALL['ratings.csv'],
      'links.csv': 'movieId,imdb\n1,1\n',
    }),
    { name: 'MovieLensFormatError', message: /links\.csv: the header lacks imdbId, tmdbId/ },
  )
  await t.rejects(attempt({ 'movies.csv': '', 'ratings.csv': SMALL['ratings.csv'] }), {
    name: 'MovieLensFormatError',
    message: /movies\.csv is empty/,
  })
  await t.rejects(
    attempt({ 'u.item': '1|Toy Story (1995)|01-Jan-1995||url|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0' }),
    {
      name: 'MovieLensFormatError',
      message: /u\.data/,
    },
  )
  t.equal((await eventsIn(database.pool)).length, 0, 'no movie was written for any of them')
})

t.test(
  'Ctrl-C during the movies phase is an interruption too (ImportInterruptedError: the CLI exits 130)',
  async (t) => {
    const { app, database } = await buildTestApp(t)
    const movieLines = ['movieId,title,genres']
    for (let m = 1; m <= 40; m++) movieLines.push(`${m},Film ${m} (${1950 + m}),Drama`)
    const dir = await directory(t, {
      'movies.csv': movieLines.join('\n'),
      'ratings.csv': 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n',
    })
    const stop = new AbortController()
    await t.rejects(
      importMovieLens({
        eventStore: app.eventStore,
        db: app.db,
        dir,
        now,
        chunkSize: 10,
        signal: stop.signal,
        onProgress: (phase, done) => {
          if (phase === 'movies' && done === 20) stop.abort()
        },
      }),
      ImportInterruptedError,
    )
    t.equal((await eventsIn(database.pool)).length, 20, 'the two chunks committed before Ctrl-C stay')
    const resumed = await importMovieLens({ eventStore: app.eventStore, db: app.db, dir, now, chunkSize: 10 })
    t.equal(resumed.movies.skipped, 20)
    t.equal(resumed.movies.imported, 20)
    t.equal((await eventsIn(database.pool)).length, 40 + 2 + 1, 'the rest, exactly once')
  },
)

t.test('a chunk whose two ends repeat earlier ratings is still appended (no rating lost)', async (t) => {
  const { app, database } = await buildTestApp(t)
  const dir = await directory(t, {
    'movies.csv': ['movieId,title,genres', ...[1, 2, 3, 4].map((m) => `${m},Film ${m} (199${m}),Drama`)].join(
      '\n',
    ),
    // With chunks of 4 (a new user counts 2): [1-1, 1-2] then [1-1 again, 1-3, 1-4, 1-2 again].
    'ratings.csv': [
      'userId,movieId,rating,timestamp',
      '1,1,4.0,964982701',
      '1,2,3.0,964982702',
      '1,1,2.0,964982703',
      '1,3,4.5,964982704',
      '1,4,1.0,964982705',
      '1,2,5.0,964982706',
    ].join('\n'),
  })
  await importMovieLens({ eventStore: app.eventStore, db: app.db, dir, now, chunkSize: 4 })
  const ratings = (await eventsIn(database.pool)).filter((e) => e.type === 'RatingGiven')
  t.same(
    ratings.map((e) => (e.data as { stars: number }).stars).sort(),
    [1, 3, 4, 4.5],
    'one rating per movie: the first of each pair, and the two between the repeats',
  )
})

t.test("tags.csv: a user's tags on the imported movies, normalised, once each, idempotently", async (t) => {
  const { app, startProjectors, database } = await buildTestApp(t, { consistencyTimeoutMs: 5_000 })
  startProjectors()
  const dir = await directory(t, {
    'movies.csv': 'movieId,title,genres\n1,Toy Story (1995),Animation\n6,Heat (1995),Crime\n',
    'ratings.csv': 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n',
    'tags.csv': [
      'userId,movieId,tag,timestamp',
      '1,1,pixar,1139045764',
      '1,1, Pixar ,1139045765',
      '1,6,"heist, slow burn",1139045766',
      '4,6,Heist  ,1139045767',
      '4,6,"  ",1139045768',
      '4,999,orphan,1139045769',
      'x,6,bad line,1139045770',
    ].join('\n'),
  })
  const problems: BadLine[] = []
  const result = await importMovieLens({
    eventStore: app.eventStore,
    db: app.db,
    dir,
    now,
    onBadLine: (p) => problems.push(p),
  })
  t.strictSame(
    problems.map((p) => `${p.file}:${p.line}`),
    ['tags.csv:8'],
  )
  t.match(result, {
    // User 4 only tagged: registered for their tags.
    users: { registered: 2 },
    tags: { read: 6, imported: 3, unknownMovie: 1, refused: 1, duplicate: 1 },
  })
  const consistent = { 'x-consistency-token': result.position as string }
  const heat = importedMovieId({ movielens: 6 })
  const detail = await app.inject({ url: `/api/v1/movies/${heat}`, headers: consistent })
  t.same(detail.json().tags, [
    { tag: 'heist', curated: false, count: 1 },
    { tag: 'heist, slow burn', curated: false, count: 1 },
  ])
  const ml4 = movieLensUserId('csv', 4)
  const tagged = (await eventsIn(database.pool)).filter((e) => e.type === 'MovieTaggedByUser')
  t.match(
    tagged.find((e) => e.stream === `interaction-${ml4}-${heat}`),
    { data: { userId: ml4, movieId: heat, tag: 'heist', taggedAt: '2006-02-04T09:36:07.000Z' } },
    "the MovieLens timestamp as taggedAt, on the user's interaction stream",
  )
  const before = (await eventsIn(database.pool)).length
  const again = await importMovieLens({ eventStore: app.eventStore, db: app.db, dir, now: new Date() })
  t.match(again, { users: { registered: 0 }, tags: { imported: 3 } })
  t.equal((await eventsIn(database.pool)).length, before, 'running it again appends nothing')
})
