/**
 * The movie detail sent as text joined from pieces the movies projection keeps (movie_details,
 * src/read/movies/detail-document.ts): every answer is byte for byte what the response schema's
 * serialiser writes for the same object, and holds what the tables behind it tell, read the way the
 * detail was read before the pieces (movies, movie_credits' movie_media, movie_tags, the viewer's
 * tables, serialised through MovieDetail): imported movies with images and people, a movie with
 * quotes, backslashes, control characters and non-Latin text, ratings, tags, a renamed genre and
 * updated details; anonymous, signed in and a stranger; and again after a rebuild of the movies
 * projection.
 */
import Fastify from 'fastify'
import { sql } from 'kysely'
import t, { type Test } from 'tap'
import { movies } from '../../projections/movies.ts'
import { importedMovieId } from '../../src/domain/movie/external-ids.ts'
import { createTmdbClient } from '../../src/ingest/tmdb/client.ts'
import { importFromTmdb } from '../../src/ingest/tmdb/import-from-tmdb.ts'
import { NO_MEDIA, personRef } from '../../src/read/movies/detail-document.ts'
import { imageUrls } from '../../src/read/movies/images.ts'
import { MovieDetail } from '../../src/read/movies/schemas.ts'
import { TOP_TAGS } from '../../src/read/tags/queries.ts'
import { buildTestApp } from '../support/app.ts'
import { fakeMovies, startFakeTmdb } from '../support/fake-tmdb.ts'

const fake = await startFakeTmdb(t, { movies: fakeMovies(4) })
const { app, startProjectors, user, blueGreenRebuild } = await buildTestApp(t, {
  consistencyTimeoutMs: 5_000,
})
startProjectors()
const tmdb = createTmdbClient({ baseUrl: fake.baseUrl, apiKey: fake.apiKey, readToken: null, cache: null })
t.teardown(() => tmdb.close())
const admin = user({ role: 'admin' })

// The response schema's serialiser, as Fastify compiles it for the route.
let answer: unknown = null
const schemaApp = Fastify()
schemaApp.get('/', { schema: { response: { 200: MovieDetail } } }, async () => answer)
await schemaApp.ready()
t.teardown(() => schemaApp.close())
const serialised = async (value: unknown): Promise<string> => {
  answer = value
  return (await schemaApp.inject('/')).body
}

let position = ''
const send = async (method: 'POST' | 'PUT' | 'PATCH', url: string, headers: object, payload?: object) => {
  const reply = await app.inject({ method, url: `/api/v1${url}`, headers: { ...headers }, payload })
  if (reply.statusCode >= 300) throw new Error(`${method} ${url}: ${reply.statusCode} ${reply.body}`)
  if (reply.json().position) position = reply.json().position
  return reply.json()
}

const imported = [1001, 1002, 1003].map((tmdbId) => importedMovieId({ tmdb: tmdbId }))
let odd = ''
const all: string[] = []
const viewer = user()

/** The catalogue and interactions the answers are read over (commands; before any test asserts). */
async function setUp(): Promise<void> {
  await importFromTmdb(tmdb, app.eventStore, { kind: 'movie', tmdbIds: [1001, 1002, 1003] }, { jobId: null })
  odd = (
    await send('POST', '/movies', admin.headers, {
      title: 'Les "Quatre" Cents Coups \\ 大人は判ってくれない',
      year: 1959,
      releaseDate: '1959-05-04',
      overview: 'Line one\nline two\ttabbed \u0001 control, emoji 🎬, </script>',
      genres: ['Drama', `Nouvelle Vague`],
    })
  ).id as string
  all.push(...imported, odd)
  for (const [index, movieId] of all.entries()) {
    for (let i = 0; i < 3; i++)
      await send('PUT', `/movies/${movieId}/rating`, user().headers, { stars: 1 + ((index + i * 2) % 5) })
    await send('PUT', `/movies/${movieId}/favorite`, user().headers)
    await send('PUT', `/movies/${movieId}/like`, user().headers)
    await send('POST', `/movies/${movieId}/watches`, user().headers, { progress: 1 })
    await send('POST', `/movies/${movieId}/comments`, user().headers, { text: 'A comment.' })
  }
  await send('PUT', `/movies/${odd}/rating`, viewer.headers, {
    stars: 3.5,
    review: 'Slow "start", great end.',
  })
  await send('PUT', `/movies/${odd}/favorite`, viewer.headers)
  await send('PUT', `/movies/${odd}/watchlist`, viewer.headers)
  for (const tag of ['noir', 'a "quoted" \\ tag', 'été']) {
    await send('PUT', `/movies/${odd}/tags/${encodeURIComponent(tag)}`, viewer.headers)
    await send('PUT', `/movies/${odd}/tags/${encodeURIComponent(tag)}`, user().headers)
  }
  await send('PUT', `/movies/${odd}/curated-tags/${encodeURIComponent('classic')}`, admin.headers)
  await send('PUT', `/movies/${imported[0]}/curated-tags/${encodeURIComponent('imported')}`, admin.headers)
  await send('PATCH', `/movies/${imported[1]}`, admin.headers, {
    title: 'Renamed After Import',
    overview: null,
    releaseDate: null,
  })
  // The genre is known to the command once the catalogue lists it (the movies projection).
  await app.inject({ url: '/api/v1/genres', headers: { 'x-consistency-token': position } })
  await send('PATCH', '/genres/nouvelle-vague', admin.headers, { name: 'French New Wave' })
}

/** The detail as the tables tell it, read and put together as the API did before the kept pieces. */
async function reference(movieId: string, viewerId: string | null): Promise<string | null> {
  const row = await app.db
    .selectFrom('movies as m')
    .leftJoin('movie_media as mm', 'mm.movie_id', 'm.id')
    .selectAll('m')
    .select([
      sql<string | null>`to_char(m.release_date, 'YYYY-MM-DD')`.as('release_text'),
      'mm.poster_path',
      'mm.backdrop_path',
      'mm.image_config',
      'mm.runtime',
      'mm.original_language',
      'mm.tagline',
      'mm.cast',
      'mm.crew',
    ])
    .where('m.id', '=', movieId)
    .where('m.removed_at', 'is', null)
    .executeTakeFirst()
  if (row === undefined) return null
  const tags = await app.db
    .selectFrom('movie_tags')
    .select(['tag', 'curated', 'user_count'])
    .where('movie_id', '=', movieId)
    .orderBy('curated', 'desc')
    .orderBy('user_count', 'desc')
    .orderBy('tag')
    .limit(TOP_TAGS)
    .execute()
  let me = null
  if (viewerId !== null) {
    const own = (table: 'user_favorites' | 'user_likes' | 'user_watchlist') =>
      app.db
        .selectFrom(table)
        .select('movie_id')
        .where('user_id', '=', viewerId)
        .where('movie_id', '=', movieId)
        .executeTakeFirst()
    const rating = await app.db
      .selectFrom('user_ratings')
      .select(['stars', 'review', 'rated_at'])
      .where('user_id', '=', viewerId)
      .where('movie_id', '=', movieId)
      .executeTakeFirst()
    const mine = await app.db
      .selectFrom('user_tags')
      .select('tag')
      .where('user_id', '=', viewerId)
      .where('movie_id', '=', movieId)
      .orderBy('tag')
      .execute()
    me = {
      rating:
        rating === undefined
          ? null
          : { stars: Number(rating.stars), review: rating.review, ratedAt: rating.rated_at.toISOString() },
      favorite: (await own('user_favorites')) !== undefined,
      liked: (await own('user_likes')) !== undefined,
      tags: mine.map((tag) => tag.tag),
      watchlisted: (await own('user_watchlist')) !== undefined,
    }
  }
  const config = row.image_config
  return serialised({
    id: row.id,
    title: row.title,
    year: row.year,
    releaseDate: row.release_text,
    overview: row.overview,
    genres: row.genre_names,
    addedAt: row.added_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    averageRating: Number(row.rating_avg),
    ratingCount: row.rating_count,
    ratingHistogram: { 1: row.stars_1, 2: row.stars_2, 3: row.stars_3, 4: row.stars_4, 5: row.stars_5 },
    favorites: row.favorites_count,
    likes: row.likes_count,
    comments: row.comments_count,
    watches: row.watches_count,
    popularity: row.popularity,
    externalIds: row.external_ids,
    tags: tags.map((tag) => ({ tag: tag.tag, curated: tag.curated, count: tag.user_count })),
    runtime: row.runtime,
    originalLanguage: row.original_language,
    tagline: row.tagline,
    images: {
      poster: imageUrls('poster', row.poster_path, config),
      backdrop: imageUrls('backdrop', row.backdrop_path, config),
    },
    cast: (row.cast ?? []).map((member) => ({
      person: personRef(member, config),
      character: member.character,
      order: member.order,
    })),
    crew: (row.crew ?? []).map((member) => ({
      person: personRef(member, config),
      role: member.role,
      job: member.job,
    })),
    me,
  })
}

const stranger = user()
const readers = [
  { name: 'anonymous', viewerId: null, headers: {} },
  { name: 'the viewer', viewerId: viewer.userId, headers: viewer.headers },
  { name: 'a stranger', viewerId: stranger.userId, headers: stranger.headers },
]

/** Every movie read by every reader: the answer is its schema's text and what the tables tell. */
async function checkAnswers(t: Test) {
  for (const movieId of all) {
    for (const reader of readers) {
      const reply = await app.inject({
        url: `/api/v1/movies/${movieId}`,
        headers: { ...reader.headers, 'x-consistency-token': position },
      })
      t.equal(reply.statusCode, 200)
      t.equal(reply.headers['content-type'], 'application/json; charset=utf-8')
      t.equal(reply.body, await serialised(reply.json()), `${reader.name}: the schema's own text`)
      t.equal(reply.body, await reference(movieId, reader.viewerId), `${reader.name}: what the tables tell`)
    }
  }
}

t.test('every answer is the schema serialiser text of what the tables tell', async (t) => {
  await setUp()
  await checkAnswers(t)
  const movie = (
    await app.inject({
      url: `/api/v1/movies/${odd}`,
      headers: { ...viewer.headers, 'x-consistency-token': position },
    })
  ).json()
  // The cases the comparison covers are there.
  t.equal(movie.title, 'Les "Quatre" Cents Coups \\ 大人は判ってくれない')
  t.same(movie.genres, ['Drama', 'French New Wave'], 'the renamed genre')
  t.equal(movie.tags[0].tag, 'classic', 'curated first')
  t.ok(movie.tags.some((tag: { tag: string }) => tag.tag === 'a "quoted" \\ tag'))
  t.same(movie.me.rating.stars, 3.5)
  t.same(movie.me.tags.length, 3)
  t.same([movie.me.favorite, movie.me.liked, movie.me.watchlisted], [true, false, true])
  t.same([movie.runtime, movie.images, movie.cast], [NO_MEDIA.runtime, { poster: null, backdrop: null }, []])
  const importedMovie = (
    await app.inject({ url: `/api/v1/movies/${imported[2]}`, headers: { 'x-consistency-token': position } })
  ).json()
  t.equal(importedMovie.cast.length, 10)
  t.match(importedMovie.images.poster.small, /\/w185\/poster1003\.jpg$/)
  const renamed = (
    await app.inject({ url: `/api/v1/movies/${imported[1]}`, headers: { 'x-consistency-token': position } })
  ).json()
  t.same([renamed.title, renamed.overview, renamed.releaseDate], ['Renamed After Import', null, null])
  t.not(renamed.updatedAt, renamed.addedAt, 'updated after it was added')
})

t.test('a removed movie answers 404', async (t) => {
  const removed = await send('POST', '/movies', admin.headers, {
    title: 'Gone',
    year: 2000,
    genres: ['Drama'],
  })
  const reply = await app.inject({
    method: 'DELETE',
    url: `/api/v1/movies/${removed.id}`,
    headers: admin.headers,
  })
  t.equal(reply.statusCode, 200)
  const read = await app.inject({
    url: `/api/v1/movies/${removed.id}`,
    headers: { 'x-consistency-token': reply.json().position },
  })
  t.equal(read.statusCode, 404)
})

t.test('a rebuild of the movies projection writes the same pieces', async (t) => {
  const pieces = async () => (await sql`SELECT * FROM movie_details ORDER BY movie_id`.execute(app.db)).rows
  const live = await pieces()
  t.ok(live.length >= all.length, 'pieces to compare')
  const rebuilt = await blueGreenRebuild(movies)
  t.equal(rebuilt, 'swapped')
  t.same(await pieces(), live)
  await checkAnswers(t)
})
