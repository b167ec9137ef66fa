/**
 * Tags over HTTP on real PostgreSQL: a user's own tags and curated tags (rules, auth), the movie's
 * top tags and the viewer's own in its detail, GET /tags (popular, prefix), movies filtered by
 * every tag given (and its index), erasure dropping a user's tags, and a rebuild of the movies
 * projection that builds the same tag rows.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import t from 'tap'
import { movies as moviesProjection } from '../../projections/movies.ts'
import { interactionStream } from '../../src/domain/interaction/interaction.ts'
import { activeGeneration } from '../../src/projector/generations.ts'
import { generationSchema } from '../../src/projector/projection.ts'
import { movieListQuery } from '../../src/read/movies/queries.ts'
import { tagListQuery } from '../../src/read/tags/queries.ts'
import { erase, register } from '../support/analytics.ts'
import { buildTestApp } from '../support/app.ts'

const { app, user, addMovie, startProjectors, database, blueGreenRebuild } = await buildTestApp(t, {
  consistencyTimeoutMs: 5_000,
})
const admin = user({ role: 'admin' })
const _silent = { info() {}, warn() {}, error() {} }
startProjectors()

const send = (method: 'PUT' | 'DELETE', url: string, headers: object) =>
  app.inject({ method, url: `/api/v1${url}`, headers: { ...headers } })
const get = async (url: string, token: string | null, headers: object = {}) => {
  const reply = await app.inject({
    url: `/api/v1${url}`,
    headers: { ...headers, ...(token ? { 'x-consistency-token': token } : {}) },
  })
  t.equal(reply.statusCode, 200, `GET ${url}`)
  return reply.json()
}
const tagPath = (movieId: string, tag: string) => `/movies/${movieId}/tags/${encodeURIComponent(tag)}`
const curatedPath = (movieId: string, tag: string) =>
  `/movies/${movieId}/curated-tags/${encodeURIComponent(tag)}`

t.test('tag commands check who asks, the movie and the tag', async (t) => {
  const movieId = await addMovie({ title: 'Rules' })
  const someone = user()
  t.equal((await send('PUT', tagPath(movieId, 'x'), {})).statusCode, 401)
  t.equal(
    (await send('PUT', curatedPath(movieId, 'x'), someone.headers)).statusCode,
    403,
    'curation is for admins',
  )
  const unknown = await send('PUT', tagPath(randomUUID(), 'x'), someone.headers)
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.json().error.code, 'MOVIE_NOT_FOUND')
  const long = await send('PUT', tagPath(movieId, 'x'.repeat(51)), someone.headers)
  t.equal(long.statusCode, 422)
  t.equal(long.json().error.code, 'TAG_TOO_LONG')
  const blank = await send('PUT', curatedPath(movieId, '   '), admin.headers)
  t.equal(blank.json().error.code, 'TAG_REQUIRED')
  const nul = await send('PUT', `/movies/${movieId}/tags/a%00b`, someone.headers)
  t.equal(nul.statusCode, 400, 'NUL never reaches the domain')
  const first = await send('PUT', tagPath(movieId, ' Slow Burn '), someone.headers)
  t.same(first.json().changed, true)
  t.same(
    (await send('PUT', tagPath(movieId, 'slow burn'), someone.headers)).json().changed,
    false,
    'tagging twice changes nothing',
  )
  t.same((await send('DELETE', tagPath(movieId, 'never put'), someone.headers)).json().changed, false)
  t.equal((await send('DELETE', `/movies/${movieId}`, admin.headers)).statusCode, 200)
  const afterRemoval = await send('PUT', tagPath(movieId, 'late'), someone.headers)
  t.equal(afterRemoval.statusCode, 422)
  t.equal(afterRemoval.json().error.code, 'MOVIE_REMOVED')
  t.equal((await send('PUT', curatedPath(movieId, 'late'), admin.headers)).json().error.code, 'MOVIE_REMOVED')
  t.same(
    (await send('DELETE', tagPath(movieId, 'Slow Burn'), someone.headers)).json().changed,
    true,
    "a removed movie's tag may be taken back",
  )
})

t.test("a movie's tags in its detail, GET /tags and the tag filter", async (t) => {
  const suffix = randomUUID().slice(0, 8)
  const [noir, heist] = [`noir ${suffix}`, `heist ${suffix}`]
  const a = await addMovie({ title: 'Both' })
  const b = await addMovie({ title: 'Noir only' })
  const c = await addMovie({ title: 'Neither' })
  const [ann, ben, cat] = [user(), user(), user()]
  for (const who of [ann, ben, cat]) await send('PUT', tagPath(a, noir.toUpperCase()), who.headers)
  await send('PUT', tagPath(a, heist), ann.headers)
  await send('PUT', tagPath(b, noir), ben.headers)
  await send('PUT', curatedPath(b, heist), admin.headers)
  await send('DELETE', curatedPath(b, heist), admin.headers)
  await send('PUT', curatedPath(c, `curated ${suffix}`), admin.headers)
  const last = (await send('PUT', tagPath(c, `solo ${suffix}`), cat.headers)).json().position as string

  const detail = await get(`/movies/${a}`, last, ben.headers)
  t.same(detail.tags, [
    { tag: noir, curated: false, count: 3 },
    { tag: heist, curated: false, count: 1 },
  ])
  t.same(detail.me.tags, [noir], "the viewer's own tags")
  t.same((await get(`/movies/${c}`, last)).tags, [
    { tag: `curated ${suffix}`, curated: true, count: 0 },
    { tag: `solo ${suffix}`, curated: false, count: 1 },
  ])

  const popular = await get('/tags?limit=100', last)
  const mine = popular.items.filter((item: { tag: string }) => item.tag.endsWith(suffix))
  t.same(mine, [
    { tag: noir, movieCount: 2, uses: 4 },
    { tag: `curated ${suffix}`, movieCount: 1, uses: 1 },
    { tag: heist, movieCount: 1, uses: 1 },
    { tag: `solo ${suffix}`, movieCount: 1, uses: 1 },
  ])
  t.same((await get(`/tags?prefix=${encodeURIComponent(` NOIR ${suffix.slice(0, 3)}`)}`, last)).items, [
    { tag: noir, movieCount: 2, uses: 4 },
  ])
  t.same((await get('/tags?prefix=%25', last)).items, [], 'LIKE wildcards match literally')
  const suggested = await get(`/search/suggest?q=${encodeURIComponent(`Noir ${suffix.slice(0, 4)}`)}`, last)
  t.same(
    suggested.items.filter((item: { kind: string }) => item.kind === 'tag'),
    [{ kind: 'tag', label: noir, tag: noir, movieCount: 2 }],
    'tags in the as-you-type suggestions',
  )

  const titles = async (query: string, token = last) =>
    (await get(`/movies?${query}`, token)).items.map((item: { title: string }) => item.title).sort()
  t.same(await titles(`tag=${encodeURIComponent(noir)}`), ['Both', 'Noir only'])
  t.same(
    await titles(`tag=${encodeURIComponent(noir)}&tag=${encodeURIComponent(heist.toUpperCase())}`),
    ['Both'],
    'every tag given',
  )
  t.same(await titles(`tag=nothing-${suffix}`), [])

  const removed = (await send('DELETE', `/movies/${b}`, admin.headers)).json().position as string
  t.same(
    await titles(`tag=${encodeURIComponent(noir)}`, removed),
    ['Both'],
    'a removed movie leaves the list',
  )
  const afterRemoval = (await get(`/tags?prefix=${encodeURIComponent(noir)}`, removed)).items
  t.same(afterRemoval, [{ tag: noir, movieCount: 1, uses: 3 }], 'a removed movie leaves the tag counts')
})

t.test('before a model knows a movie, similar movies are those sharing the most of its tags', async (t) => {
  const s = randomUUID().slice(0, 8)
  const genre = `Genre ${s}`
  const [a, b, c, d] = [
    await addMovie({ title: 'A', genres: [genre] }),
    await addMovie({ title: 'B', genres: [`Other ${s}`] }),
    await addMovie({ title: 'C', genres: [`Other ${s}`] }),
    await addMovie({ title: 'D', genres: [genre] }),
  ]
  const who = user()
  for (const movie of [a, b]) {
    await send('PUT', tagPath(movie, `x ${s}`), who.headers)
    await send('PUT', tagPath(movie, `y ${s}`), who.headers)
  }
  const last = (await send('PUT', curatedPath(c, `x ${s}`), admin.headers)).json().position as string
  const similar = await get(`/movies/${a}/similar?limit=3`, last)
  t.same(
    similar.items.map((item: { movieId: string; reason: string }) => [item.movieId, item.reason]),
    [
      [b, `also tagged x ${s}, y ${s}`],
      [c, `also tagged x ${s}`],
      [d, `popular in ${genre}`],
    ],
    'two shared tags, then one, then the genre',
  )
})

t.test('erasing a user drops their tags everywhere; a rebuild builds the same tag rows', async (t) => {
  const suffix = randomUUID().slice(0, 8)
  const movieId = await addMovie({ title: 'Erasure' })
  const account = await register(app)
  const erased = user({ userId: account.userId })
  const stays = user()
  await send('PUT', tagPath(movieId, `gone ${suffix}`), erased.headers)
  await send('PUT', tagPath(movieId, `kept ${suffix}`), erased.headers)
  await send('PUT', tagPath(movieId, `kept ${suffix}`), stays.headers)
  await erase(app, account.userId, admin.headers)
  // A tag of theirs that reaches the log after the erasure (a command in flight) is not counted.
  await app.eventStore.append(
    interactionStream(account.userId, movieId),
    [
      {
        id: randomUUID(),
        type: 'MovieTaggedByUser',
        data: { userId: account.userId, movieId, tag: `late ${suffix}`, taggedAt: new Date().toISOString() },
        metadata: { actorId: account.userId },
      },
    ],
    'any',
  )
  const last = (await send('PUT', tagPath(movieId, `after ${suffix}`), stays.headers)).json()
    .position as string
  t.same((await get(`/movies/${movieId}`, last)).tags, [
    { tag: `after ${suffix}`, curated: false, count: 1 },
    { tag: `kept ${suffix}`, curated: false, count: 1 },
  ])
  t.same((await get(`/tags?prefix=gone ${suffix}`, last)).items, [], 'no trace in GET /tags')
  const left = await sql<{
    n: number
  }>`SELECT count(*)::int AS n FROM user_tags WHERE user_id = ${account.userId}`.execute(app.db)
  t.equal(left.rows[0]?.n, 0)

  const snapshot = async () => ({
    movieTags: (
      await sql`SELECT movie_id, tag, curated, user_count FROM movie_tags ORDER BY movie_id, tag`.execute(
        app.db,
      )
    ).rows,
    userTags: (
      await sql`SELECT user_id, movie_id, tag, tagged_at FROM user_tags ORDER BY user_id, movie_id, tag`.execute(
        app.db,
      )
    ).rows,
    tags: (await sql`SELECT tag, movie_count, uses FROM tags ORDER BY tag`.execute(app.db)).rows,
    movieTagArrays: (await sql`SELECT id, tags FROM movies ORDER BY id`.execute(app.db)).rows,
  })
  const live = await snapshot()
  t.ok(live.movieTags.length > 3, 'the earlier tests left tags to rebuild')
  const rebuilt = await blueGreenRebuild(moviesProjection, 3)
  t.equal(rebuilt, 'swapped')
  t.same(await snapshot(), live, 'a rebuild in batches of three builds the same tag rows')
})

t.test('the tag filter and GET /tags are served by indexes (EXPLAIN on 20,000 movies)', async (t) => {
  const generation = await activeGeneration(database.db, moviesProjection.name)
  const schema = generationSchema(moviesProjection.name, generation as number)
  const table = sql.id(schema, 'movies')
  await sql`
    INSERT INTO ${table} (id, title, year, genres, genre_names, overview, added_at, updated_at, tags)
    SELECT gen_random_uuid(), 'Film ' || i, 1925 + i % 100, ARRAY['drama'], ARRAY['Drama'],
           repeat('a quiet story of people and places ', 8) || i, now(), now(),
           ARRAY['common ' || (i % 5)] || CASE WHEN i % 400 = 0 THEN ARRAY['rare'] ELSE ARRAY[]::text[] END
    FROM generate_series(1, 20000) AS i`.execute(database.db)
  await sql`
    INSERT INTO ${sql.id(schema, 'tags')} (tag, movie_count, uses)
    SELECT 'tag ' || i, 1 + i % 50, 1 + i % 97 FROM generate_series(1, 20000) AS i`.execute(database.db)
  await sql`VACUUM ANALYZE ${table}`.execute(database.db)
  await sql`VACUUM ANALYZE ${sql.id(schema, 'tags')}`.execute(database.db)
  const none = { genres: [], yearFrom: null, yearTo: null, minRating: null, search: null }
  for (const [name, tags] of [
    ['one tag', ['rare']],
    ['two tags', ['rare', 'common 0']],
  ] as const) {
    const rows = await movieListQuery(
      database.db,
      { ...none, tags: [...tags] },
      'popularity',
      20,
      null,
    ).explain()
    const plan = rows.map((row) => String(Object.values(row)[0])).join('\n')
    t.match(plan, 'movies_by_tag', `${name} uses movies_by_tag`)
    t.notMatch(plan, /Seq Scan/, `${name} scans no table sequentially`)
  }
  // A selective prefix goes through tags_by_prefix; a broad one may walk tags_by_uses instead (its
  // order is the answer's, so LIMIT stops early): either way, no sequential scan.
  for (const [prefix, index] of [
    ['tag 1234', 'tags_by_prefix'],
    ['tag 1', 'tags_by_'],
  ] as const) {
    const rows = await tagListQuery(database.db, prefix, 20).explain()
    const plan = rows.map((row) => String(Object.values(row)[0])).join('\n')
    t.match(plan, index, `prefix ${prefix} uses ${index}`)
    t.notMatch(plan, /Seq Scan/, `prefix ${prefix} scans no table sequentially`)
  }
})
