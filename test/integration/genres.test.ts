/**
 * First-class genres over HTTP on real PostgreSQL: admin create, rename, merge and remove with their
 * rules, movies keeping their genres through a rename or merge (also movies added later under an
 * old name), genre counts, and a rebuild of the movies projection that builds the same rows.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import t from 'tap'
import { movies as moviesProjection } from '../../projections/movies.ts'
import { buildTestApp } from '../support/app.ts'

const { app, user, startProjectors, blueGreenRebuild } = await buildTestApp(t, {
  consistencyTimeoutMs: 5_000,
})
const admin = user({ role: 'admin' })
const _silent = { info() {}, warn() {}, error() {} }
startProjectors()

const send = (
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  headers: object = admin.headers,
) => app.inject({ method, url: `/api/v1${url}`, headers: { ...headers }, ...(payload ? { payload } : {}) })
const addMovie = async (title: string, genres: string[]) => {
  const reply = await send('POST', '/movies', { title, year: 2001, genres })
  t.equal(reply.statusCode, 201, `added ${title}`)
  return reply.json() as { id: string; position: string }
}
const read = async (url: string, token: string) => {
  const reply = await app.inject({ url: `/api/v1${url}`, headers: { 'x-consistency-token': token } })
  t.equal(reply.statusCode, 200, `GET ${url}`)
  return reply.json()
}
const genreList = async (token: string, suffix: string) =>
  (await read('/genres', token)).items.filter((g: { slug: string }) => g.slug.endsWith(suffix))

t.test('only admins manage genres; each command answers its rules', async (t) => {
  const s = randomUUID().slice(0, 6)
  t.equal((await send('POST', '/genres', { name: `Mystery ${s}` }, {})).statusCode, 401)
  t.equal((await send('POST', '/genres', { name: `Mystery ${s}` }, user().headers)).statusCode, 403)
  const created = await send('POST', '/genres', { name: `  Mystery   ${s} ` })
  t.equal(created.statusCode, 201)
  t.equal(created.json().slug, `mystery-${s}`)
  t.same(
    await genreList(created.json().position, s),
    [{ slug: `mystery-${s}`, name: `Mystery ${s}`, movieCount: 0 }],
    'listed before any movie has it',
  )
  const again = await send('POST', '/genres', { name: `mystery ${s}` })
  t.equal(again.statusCode, 409)
  t.equal(again.json().error.code, 'GENRE_EXISTS')
  t.equal((await send('POST', '/genres', { name: '***' })).json().error.code, 'GENRE_NAME_REQUIRED')
  t.equal((await send('PATCH', `/genres/nope-${s}`, { name: 'X' })).json().error.code, 'GENRE_NOT_FOUND')
  t.equal(
    (await send('POST', `/genres/mystery-${s}/merge`, { sources: [`mystery-${s}`] })).json().error.code,
    'GENRE_MERGE_INVALID',
  )
  t.equal((await send('POST', `/genres/mystery-${s}/merge`, { sources: [`nope-${s}`] })).statusCode, 404)
  const { position } = await addMovie('Whodunit', [`Mystery ${s}`])
  await read('/genres', position)
  const inUse = await send('DELETE', `/genres/mystery-${s}`)
  t.equal(inUse.statusCode, 409)
  t.equal(inUse.json().error.code, 'GENRE_IN_USE')
  const empty = await send('POST', '/genres', { name: `Empty ${s}` })
  const removed = await send('DELETE', `/genres/empty-${s}`)
  t.equal(removed.statusCode, 200)
  t.same(removed.json().changed, true)
  t.same(await genreList(removed.json().position, s), [
    { slug: `mystery-${s}`, name: `Mystery ${s}`, movieCount: 1 },
  ])
  t.ok(empty.json().position)
  t.equal((await send('DELETE', `/genres/empty-${s}`)).statusCode, 404, 'a removed genre is gone')
})

t.test('movies keep their genres through a rename and a merge, also under old names later', async (t) => {
  const s = randomUUID().slice(0, 6)
  const a = await addMovie('Alpha', [`Sci-Fi ${s}`, 'Drama'])
  const b = await addMovie('Beta', [`SciFi ${s}`, `Sci-Fi ${s}`])
  const gamma = await addMovie('Gamma', [`Space ${s}`])
  // A genre only movies brought in is known to genre commands once the catalogue lists it.
  t.equal((await genreList(gamma.position, s)).length, 3)
  const renamed = await send('PATCH', `/genres/sci-fi-${s}`, { name: `Science Fiction ${s}` })
  t.equal(renamed.statusCode, 200, 'a genre only movies brought in can be renamed')
  const detail = await read(`/movies/${a.id}`, renamed.json().position)
  t.same(detail.genres, [`Science Fiction ${s}`, 'Drama'], 'the movie has the new name, in place')
  const taken = await send('PATCH', `/genres/scifi-${s}`, { name: `science fiction ${s}` })
  t.equal(taken.statusCode, 409, 'renaming onto another genre is refused: merge instead')
  const merged = await send('POST', `/genres/science-fiction-${s}/merge`, {
    sources: [`scifi-${s}`, `space-${s}`],
  })
  t.equal(merged.statusCode, 200)
  t.same(
    (await read(`/movies/${b.id}`, merged.json().position)).genres,
    [`Science Fiction ${s}`],
    'once, where the first was',
  )
  t.same(await genreList(merged.json().position, s), [
    { slug: `science-fiction-${s}`, name: `Science Fiction ${s}`, movieCount: 3 },
  ])
  const late = await addMovie('Delta', [`sci-fi ${s}`, `Space ${s}`])
  t.same(
    (await read(`/movies/${late.id}`, late.position)).genres,
    [`Science Fiction ${s}`],
    'old names mean the genre they became',
  )
  const filtered = await read(`/movies?genre=science-fiction-${s}&sort=title`, late.position)
  t.same(
    filtered.items.map((m: { title: string }) => m.title),
    ['Alpha', 'Beta', 'Delta', 'Gamma'],
  )
  const removedMovie = await send('DELETE', `/movies/${late.id}`)
  t.same(
    await genreList(removedMovie.json().position, s),
    [{ slug: `science-fiction-${s}`, name: `Science Fiction ${s}`, movieCount: 3 }],
    'a removed movie under an old name leaves the genre it became',
  )
  const again = await send('PATCH', `/genres/science-fiction-${s}`, { name: `SF ${s}` })
  t.same((await read(`/movies/${a.id}`, again.json().position)).genres, [`SF ${s}`, 'Drama'])
  const older = await addMovie('Epsilon', [`SciFi ${s}`])
  t.same(
    (await read(`/movies/${older.id}`, older.position)).genres,
    [`SF ${s}`],
    'a chain of renames resolves to the last',
  )
})

t.test('a rebuild of the movies projection builds the same genre rows', async (t) => {
  const snapshot = async () => ({
    movies: (await sql`SELECT id, genres, genre_names FROM movies ORDER BY id`.execute(app.db)).rows,
    genres: (await sql`SELECT slug, name, movie_count, created FROM genres ORDER BY slug`.execute(app.db))
      .rows,
    aliases: (await sql`SELECT * FROM genre_aliases ORDER BY slug`.execute(app.db)).rows,
  })
  const live = await snapshot()
  t.ok(live.aliases.length >= 3, 'the earlier tests left renames and merges to rebuild')
  const rebuilt = await blueGreenRebuild(moviesProjection, 2)
  t.equal(rebuilt, 'swapped')
  t.same(await snapshot(), live, 'a rebuild in batches of two builds the same rows')
})
