/** Favourites, likes and watches over HTTP on real PostgreSQL: rules, idempotency, read models, the viewer's own state. */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { interactionStream } from '../../src/domain/interaction/interaction.ts'
import { newEvent } from '../event-store/contract-suite.ts'
import { buildTestApp } from '../support/app.ts'

const { app, user, startProjectors } = await buildTestApp(t, { consistencyTimeoutMs: 3_000 })
const admin = user({ role: 'admin' })
startProjectors()

async function addMovie(title: string) {
  const reply = await app.inject({
    method: 'POST',
    url: '/api/v1/movies',
    headers: admin.headers,
    payload: { title, year: 2010, genres: ['Drama'] },
  })
  return reply.json().id as string
}

const send = (
  method: 'PUT' | 'DELETE' | 'POST',
  url: string,
  headers: Record<string, string>,
  payload?: object,
) => app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) })

/**
 * The log's visible end after everything appended so far: readers see a transaction only once every
 * older one of the database has ended (its projectors'), so a head read right after a command may still move. A marker
 * event (a type no module declares passes through the catalogue) is appended and waited for; once it
 * is visible, so is every event appended before it.
 */
async function settledHead(): Promise<string> {
  const marker = await app.eventStore.append(
    `test-marker-${randomUUID()}`,
    [newEvent('TestMarker')],
    'no_stream',
  )
  const deadline = Date.now() + 60_000
  while ((await app.eventStore.headPosition()) < marker.position) {
    if (Date.now() > deadline) throw new Error(`the marker at ${marker.position} never became visible`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return marker.position
}

async function streamTypes(userId: string, movieId: string) {
  const types: string[] = []
  for await (const e of app.eventStore.readStream(interactionStream(userId, movieId))) types.push(e.type)
  return types
}

t.test('favourite and like are idempotent and show on the movie and in my favourites', async (t) => {
  const me = user()
  const movieId = await addMovie('Iron Garden')
  t.equal((await send('PUT', `/movies/${movieId}/favorite`, me.headers)).json().changed, true)
  t.equal((await send('PUT', `/movies/${movieId}/favorite`, me.headers)).json().changed, false, 'PUT twice')
  t.equal((await send('PUT', `/movies/${movieId}/like`, me.headers)).json().changed, true)
  const rated = await send('PUT', `/movies/${movieId}/rating`, me.headers, { stars: 5 })
  const token = rated.json().position
  t.same(await streamTypes(me.userId, movieId), ['MovieFavorited', 'MovieLiked', 'RatingGiven'])

  const mine = await app.inject({
    url: `/api/v1/movies/${movieId}`,
    headers: { ...me.headers, 'x-consistency-token': token },
  })
  t.match(mine.json(), {
    favorites: 1,
    likes: 1,
    ratingCount: 1,
    averageRating: 5,
    ratingHistogram: { 5: 1 },
    me: { favorite: true, liked: true, rating: { stars: 5 } },
  })
  const anonymous = await app.inject({
    url: `/api/v1/movies/${movieId}`,
    headers: { 'x-consistency-token': token },
  })
  t.equal(anonymous.json().me, null, 'no token, no viewer state')
  const someoneElse = await app.inject({ url: `/api/v1/movies/${movieId}`, headers: user().headers })
  t.same(someoneElse.json().me, {
    rating: null,
    favorite: false,
    liked: false,
    tags: [],
    watchlisted: false,
  })
  const badToken = await app.inject({
    url: `/api/v1/movies/${movieId}`,
    headers: { authorization: 'Bearer nope' },
  })
  t.equal(badToken.statusCode, 401, 'a bad token is refused, not ignored')

  const favorites = await app.inject({
    url: '/api/v1/me/favorites',
    headers: { ...me.headers, 'x-consistency-token': token },
  })
  t.match(favorites.json(), { items: [{ movieId, title: 'Iron Garden', removed: false }], nextCursor: null })

  const off = await send('DELETE', `/movies/${movieId}/favorite`, me.headers)
  t.equal(off.json().changed, true)
  t.equal((await send('DELETE', `/movies/${movieId}/favorite`, me.headers)).json().changed, false)
  const after = await app.inject({
    url: '/api/v1/me/favorites',
    headers: { ...me.headers, 'x-consistency-token': off.json().position },
  })
  t.same(after.json().items, [])
  const movie = await app.inject({
    url: `/api/v1/movies/${movieId}`,
    headers: { 'x-consistency-token': off.json().position },
  })
  t.equal(movie.json().favorites, 0)
})

t.test('a retried watch with the same Idempotency-Key appends once; my history pages', async (t) => {
  const me = user()
  const movieId = await addMovie('Echo River')
  const key = { ...me.headers, 'idempotency-key': randomUUID() }
  const replies = await Promise.all(
    Array.from({ length: 8 }, () => send('POST', `/movies/${movieId}/watches`, key, { progress: 0.5 })),
  )
  t.same(new Set(replies.map((r) => r.statusCode)), new Set([200]))
  t.equal(new Set(replies.map((r) => r.json().position)).size, 1, 'every retry answers the original position')
  t.same(await streamTypes(me.userId, movieId), ['MovieWatched'], 'one event for eight requests')

  let token = ''
  for (let i = 0; i < 4; i++) {
    const watchedAt = new Date(Date.UTC(2026, 0, 1 + i)).toISOString()
    token = (await send('POST', `/movies/${movieId}/watches`, me.headers, { progress: 1, watchedAt })).json()
      .position
  }
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const url: string = `/api/v1/me/history?limit=2${cursor ? `&cursor=${cursor}` : ''}`
    const page = await app.inject({
      url,
      headers: { ...me.headers, 'x-consistency-token': token },
    })
    t.equal(page.statusCode, 200)
    seen.push(...page.json().items.map((i: { watchedAt: string }) => i.watchedAt))
    cursor = page.json().nextCursor
  } while (cursor)
  t.equal(seen.length, 5, 'every viewing once')
  t.same(
    seen.slice(1),
    ['2026-01-04', '2026-01-03', '2026-01-02', '2026-01-01'].map((d) => `${d}T00:00:00.000Z`),
  )
  const movie = await app.inject({
    url: `/api/v1/movies/${movieId}`,
    headers: { 'x-consistency-token': token },
  })
  t.equal(movie.json().watches, 5)

  const future = await send('POST', `/movies/${movieId}/watches`, me.headers, {
    progress: 1,
    watchedAt: new Date(Date.now() + 3_600_000).toISOString(),
  })
  t.equal(future.statusCode, 422)
  t.equal(future.json().error.code, 'WATCHED_IN_FUTURE')
  const tooFar = await send('POST', `/movies/${movieId}/watches`, me.headers, { progress: 1.5 })
  t.equal(tooFar.statusCode, 400)
})

t.test('a removed movie takes no new interactions (422); taking one back still works', async (t) => {
  const me = user()
  const movieId = await addMovie('Lost Winter')
  await send('PUT', `/movies/${movieId}/like`, me.headers)
  await app.inject({ method: 'DELETE', url: `/api/v1/movies/${movieId}`, headers: admin.headers })
  for (const [method, path, body] of [
    ['PUT', 'favorite', undefined],
    ['PUT', 'like', undefined],
    ['PUT', 'rating', { stars: 4 }],
    ['POST', 'watches', { progress: 1 }],
  ] as const) {
    const reply = await send(method, `/movies/${movieId}/${path}`, me.headers, body)
    t.equal(reply.statusCode, 422, `${method} ${path}`)
    t.equal(reply.json().error.code, 'MOVIE_REMOVED')
  }
  const unlike = await send('DELETE', `/movies/${movieId}/like`, me.headers)
  t.equal(unlike.statusCode, 200)
  t.equal(unlike.json().changed, true)
  t.same(await streamTypes(me.userId, movieId), ['MovieLiked', 'MovieUnliked'])
})

t.test(
  'a movie never added takes no interactions (404 MOVIE_NOT_FOUND) and nothing is appended',
  async (t) => {
    const me = user()
    const movieId = randomUUID()
    const head = await settledHead()
    for (const [method, path, body] of [
      ['PUT', 'favorite', undefined],
      ['PUT', 'like', undefined],
      ['PUT', 'rating', { stars: 4 }],
      ['POST', 'watches', { progress: 1 }],
      ['POST', 'comments', { text: 'Nobody will read this.' }],
    ] as const) {
      const reply = await send(method, `/movies/${movieId}/${path}`, me.headers, body)
      t.equal(reply.statusCode, 404, `${method} ${path}`)
      t.equal(reply.json().error.code, 'MOVIE_NOT_FOUND')
    }
    t.same(await streamTypes(me.userId, movieId), [], 'the interaction stream was not created')
    const end = await settledHead()
    const after: string[] = []
    for await (const event of app.eventStore.readAll({ after: head })) {
      if (event.position !== end) after.push(event.type)
    }
    t.same(after, [], 'no event was appended anywhere')
  },
)

t.test('a movie removed while interactions race it gets none after its removal', async (t) => {
  for (let round = 0; round < 4; round++) {
    const movieId = await addMovie(`Race ${round}`)
    const users = Array.from({ length: 12 }, () => user())
    const commands = users.map((u, i) => {
      const [method, path, body] = (
        [
          ['PUT', 'favorite', undefined],
          ['PUT', 'like', undefined],
          ['PUT', 'rating', { stars: 5 }],
          ['POST', 'watches', { progress: 1 }],
          ['POST', 'comments', { text: 'First!' }],
        ] as const
      )[i % 5] as readonly ['PUT' | 'POST', string, object | undefined]
      return send(method, `/movies/${movieId}/${path}`, u.headers, body)
    })
    const [removal, ...replies] = await Promise.all([
      app.inject({ method: 'DELETE', url: `/api/v1/movies/${movieId}`, headers: admin.headers }),
      ...commands,
    ])
    t.equal(removal?.statusCode, 200)
    for (const reply of replies) {
      t.ok(
        [200, 201].includes(reply.statusCode) ||
          (reply.statusCode === 422 && reply.json().error.code === 'MOVIE_REMOVED'),
        `accepted before the removal or refused (${reply.statusCode} ${reply.body.slice(0, 80)})`,
      )
    }
    const removedAt = removal?.json().position as string
    let late = 0
    for await (const event of app.eventStore.readAll()) {
      if ((event.data as { movieId?: unknown }).movieId === movieId && event.position > removedAt) late += 1
    }
    t.equal(late, 0, `round ${round}: no event on the movie after its removal in the log`)
  }
})

t.test('interactions need a token', async (t) => {
  const movieId = randomUUID()
  t.equal((await send('PUT', `/movies/${movieId}/favorite`, {})).statusCode, 401)
  t.equal((await send('POST', `/movies/${movieId}/watches`, {}, { progress: 1 })).statusCode, 401)
  t.equal((await app.inject({ url: '/api/v1/me/history' })).statusCode, 401)
})
