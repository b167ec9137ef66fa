/** Conditional GETs: a weak ETag from the read models' positions, 304 while it matches, a new tag after a projected event. */
import t from 'tap'
import { matchesIfNoneMatch } from '../../src/read/serving/etag.ts'
import { buildTestApp } from '../support/app.ts'

const { app, user, startProjectors } = await buildTestApp(t, { consistencyTimeoutMs: 10_000 })
const admin = user({ role: 'admin' })
const me = user()
startProjectors()

type Headers = Record<string, string>
const send = async (method: 'POST' | 'PUT', url: string, headers: Headers, payload?: object) => {
  const reply = await app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) })
  if (reply.statusCode >= 300) throw new Error(`${method} ${url}: ${reply.body}`)
  return reply.json() as { id?: string; position: string }
}

const added = await send('POST', '/movies', admin.headers, {
  title: 'Tagged Tides',
  year: 2020,
  genres: ['Drama'],
})
const movieId = added.id as string
await send('PUT', `/movies/${movieId}/favorite`, me.headers)
await send('POST', `/movies/${movieId}/watches`, me.headers, { progress: 0.5 })
await send('PUT', `/movies/${movieId}/rating`, me.headers, { stars: 4 })
let head = (await send('POST', `/movies/${movieId}/comments`, me.headers, { text: 'Tagged.' })).position

t.test('If-None-Match is compared weakly and accepts a list or *', async (t) => {
  t.ok(matchesIfNoneMatch('W/"1-a"', 'W/"1-a"'))
  t.ok(matchesIfNoneMatch('"1-a"', 'W/"1-a"'), 'weak comparison ignores W/')
  t.ok(matchesIfNoneMatch('W/"0-0", W/"1-a"', 'W/"1-a"'))
  t.ok(matchesIfNoneMatch('*', 'W/"1-a"'))
  t.notOk(matchesIfNoneMatch('W/"1-b"', 'W/"1-a"'))
  t.notOk(matchesIfNoneMatch(undefined, 'W/"1-a"'))
})

const routes: { name: string; url: string; headers: Headers; change: () => Promise<string> }[] = [
  {
    name: 'catalogue list',
    url: '/movies?genre=drama&sort=rating',
    headers: {},
    change: async () => (await send('PUT', `/movies/${movieId}/like`, user().headers)).position,
  },
  {
    name: 'movie detail',
    url: `/movies/${movieId}`,
    headers: me.headers,
    change: async () => (await send('PUT', `/movies/${movieId}/rating`, me.headers, { stars: 5 })).position,
  },
  {
    name: 'genres',
    url: '/genres',
    headers: {},
    change: async () =>
      (await send('POST', '/movies', admin.headers, { title: 'New Genre', year: 2021, genres: ['Western'] }))
        .position,
  },
  {
    name: 'trending',
    url: '/movies/trending?window=day',
    headers: {},
    change: async () =>
      (await send('POST', `/movies/${movieId}/watches`, user().headers, { progress: 1 })).position,
  },
  {
    name: 'my favourites',
    url: '/me/favorites',
    headers: me.headers,
    change: async () => (await send('PUT', `/movies/${movieId}/like`, me.headers)).position,
  },
  {
    name: 'my history',
    url: '/me/history',
    headers: me.headers,
    change: async () =>
      (await send('POST', `/movies/${movieId}/watches`, me.headers, { progress: 0.9 })).position,
  },
  {
    name: 'my ratings',
    url: '/me/ratings',
    headers: me.headers,
    change: async () => (await send('PUT', `/movies/${movieId}/rating`, me.headers, { stars: 3 })).position,
  },
  {
    name: 'comments',
    url: `/movies/${movieId}/comments`,
    headers: {},
    change: async () =>
      (await send('POST', `/movies/${movieId}/comments`, user().headers, { text: 'Another.' })).position,
  },
]

for (const route of routes) {
  t.test(
    `${route.name}: 200 with an ETag, 304 while it matches, a new tag once an event is projected`,
    async (t) => {
      const get = (headers: Headers) =>
        app.inject({
          url: `/api/v1${route.url}`,
          headers: { ...route.headers, 'x-consistency-token': head, ...headers },
        })
      const first = await get({})
      t.equal(first.statusCode, 200)
      const etag = first.headers.etag as string
      t.match(etag, /^W\/"[^"]+"$/, 'a weak ETag')
      const same = await get({ 'if-none-match': etag })
      t.equal(same.statusCode, 304, 'unchanged: 304')
      t.equal(same.body, '', 'without a body')
      t.equal(same.headers.etag, etag)

      head = await route.change()
      const changed = await get({ 'if-none-match': etag })
      t.equal(changed.statusCode, 200, 'changed: a full answer')
      t.not(changed.headers.etag, etag, 'with a new tag')
    },
  )
}

t.test('a tag is per viewer: another bearer token does not validate it', async (t) => {
  const url = `/api/v1/movies/${movieId}`
  const mine = await app.inject({ url, headers: { ...me.headers, 'x-consistency-token': head } })
  t.equal(mine.headers['cache-control'], 'private, no-cache')
  const theirs = await app.inject({
    url,
    headers: { ...user().headers, 'if-none-match': mine.headers.etag as string },
  })
  t.equal(theirs.statusCode, 200)
  const anonymous = await app.inject({ url })
  t.equal(anonymous.headers['cache-control'], 'no-cache')
})

t.test('without a consistency token the tag comes from memory and follows a projected event', async (t) => {
  const url = '/api/v1/movies?genre=drama&sort=rating'
  const exact = async () => (await app.inject({ url, headers: { 'x-consistency-token': head } })).headers.etag
  const fromMemory = async () => (await app.inject({ url })).headers.etag
  const before = await exact()
  t.equal(await fromMemory(), before, 'when nothing moves, the copy in memory is the registry')
  const oldAnswer = (await app.inject({ url })).json()
  head = (await send('PUT', `/movies/${movieId}/like`, user().headers)).position
  const after = await exact()
  t.not(after, before, 'the registry moved')
  // The projector's commit notifies; the next request after it reloads. Bounded wait, no timing claim.
  let seen = await fromMemory()
  for (let i = 0; i < 200 && seen !== after; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    seen = await fromMemory()
  }
  t.equal(seen, after, 'the tag in memory caught up with the registry')
  const [remembered, fresh] = await Promise.all([
    app.inject({ url }),
    app.inject({ url, headers: { 'x-consistency-token': head } }),
  ])
  t.same(remembered.json(), fresh.json(), 'and the answer kept in memory with it is the fresh one')
  t.notSame(remembered.json(), oldAnswer, 'not the one remembered before the change')
})

t.test('the positions in memory reload when the registry notifies a move, not only with age', async (t) => {
  const name = `probe_${Date.now()}`
  const tags = app.projectionTags
  const registry = app.pool
  // Moves heard before the probe exists (listening started, earlier tests' commits) don't count.
  const before = tags.moves
  await registry.query(
    `INSERT INTO projection_generations (name, generation, version, kind, position, state)
     VALUES ($1, 1, 1, 'postgres', $2, 'live')`,
    [name, '0'.repeat(32)],
  )
  await registry.query('INSERT INTO projections (name, active_generation) VALUES ($1, 1)', [name])
  t.teardown(async () => {
    await registry.query('DELETE FROM projections WHERE name = $1', [name])
    await registry.query('DELETE FROM projection_generations WHERE name = $1', [name])
  })
  const waitForMove = async (after: number) => {
    for (let i = 0; i < 500 && tags.moves === after; i++) await new Promise((r) => setTimeout(r, 10))
    return tags.moves
  }
  // The two inserts notify at their commits; the tag in memory follows once both are heard.
  let moves = await waitForMove(before)
  let first = await tags.tag([{ name }])
  for (let i = 0; i < 500 && first !== `1-${'0'.repeat(32)}`; i++) {
    await new Promise((r) => setTimeout(r, 10))
    moves = tags.moves
    first = await tags.tag([{ name }])
  }
  t.equal(first, `1-${'0'.repeat(32)}`, 'the new projection was heard')
  const moved = `${'0'.repeat(31)}1`
  await registry.query('UPDATE projection_generations SET position = $2 WHERE name = $1', [name, moved])
  t.ok((await waitForMove(moves)) > moves, 'the checkpoint move was heard')
  // A notification of the inserts may still have been on its way: then the next one is the move's.
  let next = await tags.tag([{ name }])
  for (let i = 0; i < 500 && next !== `1-${moved}`; i++) {
    await new Promise((r) => setTimeout(r, 10))
    next = await tags.tag([{ name }])
  }
  t.equal(next, `1-${moved}`, 'and the next tag has the new position')
})
