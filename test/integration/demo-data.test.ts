/**
 * The demo data of embedded mode, on PGlite in a temporary directory: an interrupted load resumes
 * to exactly the events of one uninterrupted load (nothing twice, nothing missing), a finished
 * one is not loaded again, a store that already holds events gets no demo, and the catalogue is
 * clean (titles, years in range, genres, overviews, unique ids derived from the demo key). The
 * films are MovieImported from the `demo` source; the interactions come from the latent-factor
 * generator (one rating per user and film, taste-driven), and the demo account rates science
 * fiction.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import t, { type Test } from 'tap'
import { createDatabase } from '../../src/db/connection.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { importedMovieId } from '../../src/domain/movie/external-ids.ts'
import { openEmbedded } from '../../src/embedded/runtime.ts'
import type { EventStore } from '../../src/event-store/contract.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { demoMovies, ensureDemoData, uuidOf } from '../../src/ingest/demo/demo-data.ts'

async function embeddedStore(t: Test) {
  const dir = await mkdtemp(join(tmpdir(), 'nexus-demo-'))
  const runtime = await openEmbedded(dir)
  const db = createDatabase(runtime.pool)
  await migrateToLatest(db)
  const store = new PostgresEventStore(runtime.pool, { listen: runtime.listen })
  t.teardown(async () => {
    await store.close()
    await runtime.release()
    await rm(dir, { recursive: true, force: true })
  })
  return { dir, db, store }
}

async function countsByType(db: ReturnType<typeof createDatabase>): Promise<Record<string, number>> {
  const { rows } = await sql<{ type: string; n: number }>`
    SELECT type, count(*)::int AS n FROM events GROUP BY type ORDER BY type`.execute(db)
  return Object.fromEntries(rows.map((row) => [row.type, row.n]))
}

const quiet = () => {}

t.test('an interrupted load resumes to exactly the events of one load', async (t) => {
  const { dir, db, store } = await embeddedStore(t)
  const stop = new AbortController()
  let calls = 0
  // Interrupted after a few bulk appends, in the middle of the interactions.
  const appendMany: EventStore['appendMany'] = async (writes) => {
    const result = await store.appendMany(writes)
    if (++calls === 8) stop.abort()
    return result
  }
  const interrupting = new Proxy(store, {
    get(target, name) {
      if (name === 'appendMany') return appendMany
      const value = Reflect.get(target, name, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  const now = new Date('2026-11-20T12:00:00Z')
  await t.rejects(
    ensureDemoData({ store: interrupting, db, dataDir: dir, log: quiet, signal: stop.signal }, now),
    /interrupted/,
  )
  const plan = JSON.parse(await readFile(join(dir, 'demo.json'), 'utf8')) as { state: string }
  t.equal(plan.state, 'loading', 'the plan says the load is unfinished')
  const partial = await countsByType(db)
  t.ok((partial.MovieImported ?? 0) > 0, 'movies were written before the interruption')

  const resumed = await ensureDemoData(
    { store, db, dataDir: dir, log: quiet },
    new Date('2026-11-21T00:00:00Z'),
  )
  t.equal(resumed.kind, 'loaded')
  if (resumed.kind !== 'loaded') return
  const counts = await countsByType(db)
  t.equal(counts.MovieImported, resumed.movies, 'every movie once')
  t.notOk(counts.MovieAdded, 'imported, not added')
  const interactions = ['RatingGiven', 'MovieFavorited', 'MovieLiked', 'MovieWatched'].reduce(
    (n, type) => n + (counts[type] ?? 0),
    0,
  )
  t.equal(interactions, resumed.interactions, 'every interaction once')
  t.ok(interactions > 30_000, `tens of thousands of interactions (${interactions})`)
  t.equal(counts.UserRegistered, 3, 'three demo accounts')
  const { rows: sources } = await sql<{ source: string; demo: string | null; n: number }>`
    SELECT data->>'source' AS source, count(*)::int AS n, min(data->'externalIds'->>'demo') AS demo
    FROM events WHERE type = 'MovieImported' GROUP BY 1`.execute(db)
  t.match(sources, [{ source: 'demo', n: resumed.movies, demo: /^[a-z0-9-]+$/ }], 'from the demo source')

  // One rating per user and film, as the generator draws them; the demo account rates five films.
  const { rows: pairs } = await sql<{ ratings: number; streams: number }>`
    SELECT count(*)::int AS ratings, count(DISTINCT stream_id)::int AS streams
    FROM events WHERE type = 'RatingGiven'`.execute(db)
  t.equal(pairs[0]?.ratings, pairs[0]?.streams, 'one rating per user and film')
  const synthetic = new Set(Array.from({ length: 700 }, (_, i) => uuidOf(`nexus-demo-user:7:${i + 1}`)))
  const { rows: imported } = await sql<{ movie_id: string; genres: string[] }>`
    SELECT data->>'movieId' AS movie_id, ARRAY(SELECT jsonb_array_elements_text(data->'genres')) AS genres
    FROM events WHERE type = 'MovieImported'`.execute(db)
  const genresOf = new Map(imported.map((row) => [row.movie_id, row.genres]))
  const { rows: ratings } = await sql<{ user_id: string; movie_id: string }>`
    SELECT data->>'userId' AS user_id, data->>'movieId' AS movie_id
    FROM events WHERE type = 'RatingGiven'`.execute(db)
  const byUser = new Map<string, string[]>()
  for (const row of ratings) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.movie_id])
  const raters = [...byUser].map(([user_id, movies]) => ({
    user_id,
    genres: movies.flatMap((movie) => genresOf.get(movie) ?? []),
  }))
  const own = raters.filter((row) => !synthetic.has(row.user_id))
  t.equal(own.length, 1, 'one rater besides the synthetic users: the demo account')
  t.ok(
    own[0]?.genres.filter((genre) => genre === 'Science Fiction').length === 5,
    'who rated five science fiction films',
  )
  const rated = raters.filter((row) => synthetic.has(row.user_id)).length
  t.ok(rated > 600, `most synthetic users rated (${rated} of 700)`)
  const { rows } = await sql<{ n: number }>`SELECT count(DISTINCT id)::int AS n FROM events`.execute(db)
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  t.equal(rows[0]?.n, total, 'no event id twice')

  // The resumed load kept the plan of the first start (its clock), not the second call's.
  const { rows: latest } = await sql<{ at: string }>`
    SELECT max(metadata->>'occurredAt') AS at FROM events WHERE type = 'MovieWatched'`.execute(db)
  t.ok((latest[0]?.at ?? '') <= now.toISOString(), 'the interactions end by the first start')
  t.ok(
    (latest[0]?.at ?? '') > new Date(now.getTime() - 24 * 3600_000).toISOString(),
    'and reach its last day',
  )

  const again = await ensureDemoData({ store, db, dataDir: dir, log: quiet })
  t.match(again, { kind: 'present', accounts: [{ role: 'user' }, { role: 'analyst' }, { role: 'admin' }] })
  t.same(await countsByType(db), counts, 'a finished load is not loaded again')
})

t.test('a store that already holds events gets no demo data', async (t) => {
  const { dir, db, store } = await embeddedStore(t)
  await store.append(
    'something-1',
    [{ id: crypto.randomUUID(), type: 'SomethingHappened', data: {} }],
    'no_stream',
  )
  t.same(await ensureDemoData({ store, db, dataDir: dir, log: quiet }), { kind: 'skipped' })
  t.same(await countsByType(db), { SomethingHappened: 1 })
})

t.test('the catalogue is clean', async (t) => {
  const file = new URL('../data/movies.json', import.meta.resolve('vega-datasets'))
  const movies = demoMovies(JSON.parse(await readFile(file, 'utf8')))
  t.ok(movies.length > 2_500, `a few thousand films (${movies.length})`)
  t.equal(new Set(movies.map((m) => m.movieId)).size, movies.length, 'unique ids')
  t.ok(
    movies.every((m) => m.movieId === importedMovieId({ demo: m.key })),
    'each id derives from its demo key, as an imported movie’s does',
  )
  t.ok(
    movies.every((m) => m.year >= 1900 && m.year <= 2012 && m.releaseDate.startsWith(String(m.year))),
    'years in range and matching the release date',
  )
  t.ok(
    movies.every((m) => m.genres.length > 0 && m.title.trim() === m.title && m.overview.includes(m.title)),
    'every film has genres, a trimmed title and an overview',
  )
  const big = movies.find((m) => m.title === 'The Big Parade')
  t.equal(big?.year, 1925, 'a two-digit year the source moved to 2025 is put back')
})
