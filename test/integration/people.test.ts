/**
 * Images and people end to end on real PostgreSQL and Redis: movies imported from the fake TMDb
 * (details with credits, /configuration) show runtime, language, tagline, image URLs, cast and crew
 * in their detail; GET /people/:id lists a person's movies; GET /movies?person= filters by person;
 * a movie imported before v2 (MovieImported v1, stored as such) still reads, with no media; and a
 * rebuild of movie_credits builds the rows the live projection built.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import t from 'tap'
import { movieCredits } from '../../projections/movie-credits.ts'
import { importedMovieId } from '../../src/domain/movie/external-ids.ts'
import { movieStream } from '../../src/domain/movie/movie.ts'
import { createTmdbClient } from '../../src/ingest/tmdb/client.ts'
import { importFromTmdb } from '../../src/ingest/tmdb/import-from-tmdb.ts'
import { activeGeneration } from '../../src/projector/generations.ts'
import { generationSchema } from '../../src/projector/projection.ts'
import { suggestQuery } from '../../src/read/search/queries.ts'
import { searchWords } from '../../src/read/search/terms.ts'
import { buildTestApp } from '../support/app.ts'
import { fakeMovies, fakePersonName, startFakeTmdb } from '../support/fake-tmdb.ts'

const fake = await startFakeTmdb(t, { movies: fakeMovies(10) })
const { app, startProjectors, user, blueGreenRebuild } = await buildTestApp(t, {
  consistencyTimeoutMs: 5_000,
})
startProjectors()
const tmdb = createTmdbClient({ baseUrl: fake.baseUrl, apiKey: fake.apiKey, readToken: null, cache: null })
t.teardown(() => tmdb.close())

const ids = [1001, 1002, 1003, 1006]
const counts = await importFromTmdb(tmdb, app.eventStore, { kind: 'movie', tmdbIds: ids }, { jobId: null })
const movieId = (tmdb: number) => importedMovieId({ tmdb })

/** The global position of the last event of these streams: a consistency token. */
async function headOf(streams: string[]): Promise<string> {
  let last = ''
  for (const stream of streams)
    for await (const event of app.eventStore.readStream(stream))
      if (event.position > last) last = event.position
  return last
}
const token = await headOf(ids.map((id) => movieStream(movieId(id))))
const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ url: `/api/v1${url}`, headers: { 'x-consistency-token': token, ...headers } })

t.test('the import fetched details with credits and the configuration', async (t) => {
  t.same(counts, { imported: 4, skipped: 0, failed: 0 })
  t.equal(fake.count('/configuration'), 1, 'the image configuration once per import')
  t.ok(
    fake.requests
      .filter((r) => r.path.startsWith('/movie/'))
      .every((r) => r.query.append_to_response === 'credits'),
    'credits in the same request as the details',
  )
})

t.test('a movie detail shows runtime, language, tagline, image URLs, cast and crew', async (t) => {
  const reply = await get(`/movies/${movieId(1003)}`)
  t.equal(reply.statusCode, 200)
  const movie = reply.json()
  t.equal(movie.runtime, 100 + (1003 % 40))
  t.equal(movie.originalLanguage, 'en')
  t.match(movie.tagline, /^Tagline of /)
  t.same(movie.images.poster, {
    small: 'https://image.tmdb.org/t/p/w185/poster1003.jpg',
    medium: 'https://image.tmdb.org/t/p/w500/poster1003.jpg',
    original: 'https://image.tmdb.org/t/p/original/poster1003.jpg',
  })
  t.equal(movie.images.backdrop?.medium, 'https://image.tmdb.org/t/p/w1280/backdrop1003.jpg')
  const other = (await get(`/movies/${movieId(1002)}`)).json()
  t.equal(other.images.backdrop, null, 'TMDb has no backdrop for this one')
  t.equal(movie.cast.length, 10, 'the top-billed ten')
  t.same(movie.cast[0], {
    person: {
      id: String(5001 + (1003 % 30)),
      name: fakePersonName(5001 + (1003 % 30)),
      image: {
        small: `https://image.tmdb.org/t/p/w45/p${5001 + (1003 % 30)}.jpg`,
        medium: `https://image.tmdb.org/t/p/w185/p${5001 + (1003 % 30)}.jpg`,
        original: `https://image.tmdb.org/t/p/original/p${5001 + (1003 % 30)}.jpg`,
      },
    },
    character: 'Role 1',
    order: 0,
  })
  t.same(
    movie.crew.map((c: { person: { id: string }; role: string; job: string }) => [
      c.person.id,
      c.role,
      c.job,
    ]),
    [
      [String(9001 + (1003 % 5)), 'director', 'Director'],
      [String(9101 + (1003 % 7)), 'writer', 'Screenplay'],
      ['9201', 'writer', 'Novel'],
    ],
  )
})

t.test('a person page lists their movies; the catalogue filters by person', async (t) => {
  // 9201 wrote (Novel) all four; director 9001 + id % 5: 1001 and 1006 share 9002.
  const writer = (await get('/people/9201')).json()
  t.equal(writer.name, fakePersonName(9201))
  t.equal(writer.tmdbId, 9201)
  t.equal(writer.credits.length, 4)
  t.same(writer.credits[0].roles, ['writer'])
  t.same(writer.credits[0].jobs, ['Novel'])
  t.equal(writer.truncated, false)
  const director = (await get('/people/9002')).json()
  t.same(
    director.credits.map((c: { movie: { id: string } }) => c.movie.id).sort(),
    [movieId(1001), movieId(1006)].sort(),
  )
  t.match(director.image?.small, /\/w45\/d9002\.jpg$/)
  const filtered = (await get('/movies?person=9002&sort=title')).json()
  t.same(filtered.items.map((m: { id: string }) => m.id).sort(), [movieId(1001), movieId(1006)].sort())
  const paged = (await get('/movies?person=9201&sort=title&limit=3')).json()
  t.equal(paged.items.length, 3)
  const rest = (await get(`/movies?person=9201&sort=title&limit=3&cursor=${paged.nextCursor}`)).json()
  t.equal(rest.items.length, 1, 'keyset pages over a person filter')

  const missing = await get('/people/424242')
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().error.code, 'PERSON_NOT_FOUND')
  const bad = await get('/people/drop%20table')
  t.equal(bad.statusCode, 400)
  t.equal((await get('/movies?person=not%20an%20id')).statusCode, 400)
})

t.test("search matches people's names too", async (t) => {
  const found = (await get('/movies?q=person%209002')).json()
  t.same(
    found.items.map((m: { id: string }) => m.id).sort(),
    [movieId(1001), movieId(1006)].sort(),
    "the director's name finds the movies they directed",
  )
  const byTitle = (await get(`/movies?q=${encodeURIComponent(fake.movies[2]?.title ?? '')}`)).json()
  t.equal(byTitle.items[0]?.id, movieId(1003), 'a title still ranks first for its own words')
})

t.test('people are suggested as you type, by the words of their names', async (t) => {
  const reply = await get('/search/suggest?q=PERSON%20920')
  t.equal(reply.statusCode, 200)
  const people = reply.json().items.filter((item: { kind: string }) => item.kind === 'person')
  t.same(people, [{ kind: 'person', label: 'Person 9201', id: '9201', name: 'Person 9201', movieCount: 4 }])
  const none = (await get('/search/suggest?q=nobody%20here')).json()
  t.same(
    none.items.filter((item: { kind: string }) => item.kind === 'person'),
    [],
  )
})

t.test('a removed movie leaves the filmography', async (t) => {
  const admin = user({ role: 'admin' })
  const removed = await app.inject({
    method: 'DELETE',
    url: `/api/v1/movies/${movieId(1006)}`,
    headers: admin.headers,
  })
  t.equal(removed.statusCode, 200)
  const director = (await get('/people/9002', { 'x-consistency-token': removed.json().position })).json()
  t.same(
    director.credits.map((c: { movie: { id: string } }) => c.movie.id),
    [movieId(1001)],
  )
})

t.test('a MovieImported stored as schema version 1 reads with no media', async (t) => {
  const id = randomUUID()
  const appended = await app.eventStore.append(
    movieStream(id),
    [
      {
        id: randomUUID(),
        type: 'MovieImported',
        data: {
          movieId: id,
          title: 'Old Import',
          year: 1999,
          genres: ['Drama'],
          overview: null,
          releaseDate: null,
          externalIds: { movielens: 999_999 },
          source: 'movielens',
          importedAt: new Date().toISOString(),
          jobId: null,
        },
        metadata: { schemaVersion: 1 },
      },
    ],
    'no_stream',
  )
  const reply = await get(`/movies/${id}`, { 'x-consistency-token': appended.position })
  t.equal(reply.statusCode, 200)
  const movie = reply.json()
  t.same(
    [movie.title, movie.runtime, movie.tagline, movie.images, movie.cast, movie.crew],
    ['Old Import', null, null, { poster: null, backdrop: null }, [], []],
  )
})

t.test('a rebuild of movie_credits builds the rows the live projection built', async (t) => {
  const snapshot = async () => ({
    media: (await sql`SELECT * FROM movie_media ORDER BY movie_id`.execute(app.db)).rows,
    credits: (await sql`SELECT * FROM movie_people ORDER BY person_id, movie_id, role`.execute(app.db)).rows,
    people: (await sql`SELECT * FROM people ORDER BY person_id`.execute(app.db)).rows,
  })
  const live = await snapshot()
  t.ok(live.credits.length > 40, 'rows to compare')
  const rebuilt = await blueGreenRebuild(movieCredits, 2)
  t.equal(rebuilt, 'swapped')
  t.same(await snapshot(), live)
})

t.test('people suggestions read the name index (EXPLAIN on 20,000 people)', async (t) => {
  const generation = await activeGeneration(app.db, movieCredits.name)
  const people = sql.id(generationSchema(movieCredits.name, generation as number), 'people')
  await sql`
    INSERT INTO ${people} (person_id, name, movie_count)
    SELECT 'name-x' || i, 'Actor ' || md5(i::text), i % 50 FROM generate_series(1, 20000) AS i`.execute(
    app.db,
  )
  await sql`VACUUM ANALYZE ${people}`.execute(app.db)
  const plan = (
    await suggestQuery(app.db, { typed: searchWords('person 920'), tagPrefix: null, limit: 8 }).explain()
  )
    .map((row) => String(Object.values(row)[0]))
    .join('\n')
  t.match(plan, /people_name_words/)
  // The lexicon here is a handful of words (the whole statement's plan: catalogue.test.ts).
  t.notMatch(plan, /Seq Scan on people/)
})
