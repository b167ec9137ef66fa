/** The rating slice over HTTP on real PostgreSQL: command, projection, query, read-your-writes. */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { interactionStream } from '../../src/domain/interaction/interaction.ts'
import type { StoredEvent } from '../../src/event-store/contract.ts'
import { loadUserKey } from '../../src/identity/user-streams.ts'
import { openText } from '../../src/privacy/personal-data.ts'
import { buildTestApp } from '../support/app.ts'

const { app, user, addMovie, startProjectors, database } = await buildTestApp(t, {
  consistencyTimeoutMs: 3_000,
})

async function streamEvents(stream: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = []
  for await (const event of app.eventStore.readStream(stream)) events.push(event)
  return events
}

function rate(headers: Record<string, string>, movieId: string, body: object) {
  return app.inject({ method: 'PUT', url: `/api/v1/movies/${movieId}/rating`, headers, payload: body })
}

t.test('without a running projector, a consistency wait is bounded and says so', async (t) => {
  const quick = await buildTestApp(t, { consistencyTimeoutMs: 150 }, database)
  const me = quick.user()
  const put = await quick.app.inject({
    method: 'PUT',
    url: `/api/v1/movies/${await quick.addMovie()}/rating`,
    headers: me.headers,
    payload: { stars: 3 },
  })
  // The answer itself is the bound: without one, this request would wait for ever.
  const read = await quick.app.inject({
    url: '/api/v1/me/ratings',
    headers: { ...me.headers, 'x-consistency-token': put.json().position },
  })
  t.equal(read.statusCode, 200)
  t.equal(read.headers['x-consistency'], 'timeout')
})

t.test('with the projector running', async (t) => {
  startProjectors()

  t.test('a rating is appended, projected and read back with the consistency token', async (t) => {
    const me = user()
    const movieId = await addMovie()
    const put = await rate(me.headers, movieId, { stars: 4, review: '  Slow start, great ending.  ' })
    t.equal(put.statusCode, 200)
    const { changed, position } = put.json()
    t.equal(changed, true)
    t.match(position, /^[0-9a-f]{32}$/)
    t.equal(put.headers['x-consistency-token'], position)

    const events = await streamEvents(interactionStream(me.userId, movieId))
    t.equal(events.length, 1)
    t.equal(events[0]?.type, 'RatingGiven')
    t.match(events[0]?.data, { userId: me.userId, movieId, stars: 4, review: /^sealed:v1:/ })
    const review = String((events[0]?.data as { review?: string } | undefined)?.review)
    const key = await loadUserKey(app.db, me.userId)
    t.equal(
      openText(key, me.userId, 'review', review),
      'Slow start, great ending.',
      "sealed with the user's key",
    )
    t.equal(events[0]?.metadata.actorId, me.userId)

    const read = await app.inject({
      url: '/api/v1/me/ratings',
      headers: { ...me.headers, 'x-consistency-token': position },
    })
    t.equal(read.statusCode, 200)
    t.equal(read.headers['x-consistency'], 'reached')
    t.match(read.json(), {
      items: [{ movieId, stars: 4, review: 'Slow start, great ending.' }],
      nextCursor: null,
    })
  })

  t.test('half stars are given, averaged and counted with the star above', async (t) => {
    const [me, other] = [user(), user()]
    const movieId = await addMovie()
    const half = await rate(me.headers, movieId, { stars: 3.5 })
    t.equal(half.statusCode, 200, 'three and a half stars is accepted')
    const events = await streamEvents(interactionStream(me.userId, movieId))
    t.match(events[0]?.data, { stars: 3.5 }, 'the event keeps the half star')
    const lowest = await rate(other.headers, movieId, { stars: 0.5 })
    t.equal(lowest.statusCode, 200, 'half a star is the lowest rating')
    const position = lowest.json().position
    const mine = await app.inject({
      url: '/api/v1/me/ratings',
      headers: { ...me.headers, 'x-consistency-token': position },
    })
    t.match(mine.json().items, [{ movieId, stars: 3.5 }], 'my ratings show the half star')
    const movie = await app.inject({
      url: `/api/v1/movies/${movieId}`,
      headers: { ...me.headers, 'x-consistency-token': position },
    })
    const body = movie.json()
    t.equal(body.averageRating, 2, 'the average keeps the halves: (3.5 + 0.5) / 2')
    t.same(body.ratingHistogram, { 1: 1, 2: 0, 3: 0, 4: 1, 5: 0 }, '0.5 with the 1s, 3.5 with the 4s')
    t.equal(body.me.rating.stars, 3.5, 'the movie shows me my half star')
    const again = await rate(me.headers, movieId, { stars: 3.5 })
    t.equal(again.json().changed, false, 'the same half star again changes nothing')
  })

  t.test('the same rating twice appends once; a different one replaces it', async (t) => {
    const me = user()
    const movieId = await addMovie()
    await rate(me.headers, movieId, { stars: 2 })
    const again = await rate(me.headers, movieId, { stars: 2 })
    t.equal(again.statusCode, 200)
    t.equal(again.json().changed, false)
    t.equal((await streamEvents(interactionStream(me.userId, movieId))).length, 1)

    const replaced = await rate(me.headers, movieId, { stars: 5 })
    t.equal(replaced.json().changed, true)
    const read = await app.inject({
      url: '/api/v1/me/ratings',
      headers: { ...me.headers, 'x-consistency-token': replaced.json().position },
    })
    t.same(
      read.json().items.map((i: { stars: number }) => i.stars),
      [5],
      'one rating per user and movie',
    )
  })

  t.test('removing a rating removes it from the read model', async (t) => {
    const me = user()
    const movieId = await addMovie()
    await rate(me.headers, movieId, { stars: 1 })
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/movies/${movieId}/rating`,
      headers: me.headers,
    })
    t.equal(removed.statusCode, 200)
    t.equal(removed.json().changed, true)
    const read = await app.inject({
      url: '/api/v1/me/ratings',
      headers: { ...me.headers, 'x-consistency-token': removed.json().position },
    })
    t.same(read.json().items, [])
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/movies/${movieId}/rating`,
      headers: me.headers,
    })
    t.equal(again.json().changed, false, 'removing twice changes nothing')
  })

  t.test('users only see their own ratings', async (t) => {
    const alice = user()
    const bob = user()
    const put = await rate(alice.headers, await addMovie(), { stars: 3 })
    const read = await app.inject({
      url: '/api/v1/me/ratings',
      headers: { ...bob.headers, 'x-consistency-token': put.json().position },
    })
    t.same(read.json().items, [])
  })

  t.test('50 concurrent ratings of one movie by one user end in exactly one rating', async (t) => {
    const me = user()
    const movieId = await addMovie()
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => rate(me.headers, movieId, { stars: (i % 5) + 1 })),
    )
    const statuses = new Set(replies.map((r) => r.statusCode))
    t.ok(
      [...statuses].every((s) => s === 200 || s === 409),
      `only 200 or 409 (${[...statuses].join(', ')})`,
    )
    const events = await streamEvents(interactionStream(me.userId, movieId))
    t.ok(
      events.every((e, i) => e.revision === BigInt(i)),
      'the stream has no gaps or duplicates',
    )
    const head = events.at(-1)?.position ?? ''
    const read = await app.inject({
      url: '/api/v1/me/ratings',
      headers: { ...me.headers, 'x-consistency-token': head },
    })
    const items = read.json().items
    t.equal(items.length, 1, 'one rating row')
    t.equal(
      items[0]?.stars,
      (events.at(-1)?.data as { stars: number } | undefined)?.stars,
      'it is the last one appended',
    )
    const rows = await app.db
      .selectFrom('user_ratings')
      .select('stars')
      .where('user_id', '=', me.userId)
      .where('movie_id', '=', movieId)
      .execute()
    t.equal(rows.length, 1, 'one row in user_ratings')
    const movie = await app.inject({
      url: `/api/v1/movies/${movieId}`,
      headers: { 'x-consistency-token': head },
    })
    t.equal(movie.headers['x-consistency'], 'reached')
    const aggregates = movie.json()
    t.equal(aggregates.ratingCount, 1, 'the movie counts one rating')
    t.equal(
      Object.values(aggregates.ratingHistogram as Record<string, number>).reduce((a, b) => a + b, 0),
      1,
      'and one in its histogram',
    )
    t.equal(aggregates.averageRating, items[0]?.stars, 'its average is that rating')
  })

  t.test('my ratings are paged newest first without duplicates or gaps', async (t) => {
    const me = user()
    let position = ''
    const movies: string[] = []
    for (let i = 0; i < 25; i++) {
      const movieId = await addMovie()
      movies.push(movieId)
      position = (await rate(me.headers, movieId, { stars: (i % 5) + 1 })).json().position
    }
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const query: string = cursor ? `?limit=10&cursor=${cursor}` : '?limit=10'
      const page = await app.inject({
        url: `/api/v1/me/ratings${query}`,
        headers: { ...me.headers, 'x-consistency-token': position },
      })
      t.equal(page.statusCode, 200)
      const body = page.json()
      seen.push(...body.items.map((i: { movieId: string }) => i.movieId))
      cursor = body.nextCursor
      pages++
    } while (cursor && pages < 10)
    t.equal(pages, 3)
    t.same(seen, [...movies].reverse(), 'every rating once, newest first')
  })
})

t.test('bad input is refused with the error body and appends nothing', async (t) => {
  const me = user()
  const movieId = await addMovie()
  const cases: [string, object, string][] = [
    ['stars above 5', { stars: 6 }, 'VALIDATION_FAILED'],
    ['no stars', { stars: 0 }, 'VALIDATION_FAILED'],
    ['a quarter star', { stars: 3.25 }, 'VALIDATION_FAILED'],
    ['a third of a star', { stars: 10 / 3 }, 'VALIDATION_FAILED'],
    ['five and a half stars', { stars: 5.5 }, 'VALIDATION_FAILED'],
    ['stars as a string', { stars: '4' }, 'VALIDATION_FAILED'],
    ['missing stars', {}, 'VALIDATION_FAILED'],
    ['an unknown field', { stars: 4, mood: 'happy' }, 'VALIDATION_FAILED'],
    ['an overlong review', { stars: 4, review: 'x'.repeat(2001) }, 'VALIDATION_FAILED'],
  ]
  for (const [name, body, code] of cases) {
    const reply = await rate(me.headers, movieId, body)
    t.equal(reply.statusCode, 400, name)
    t.equal(reply.json().error.code, code, `${name}: ${reply.json().error.message}`)
    t.type(reply.json().error.message, 'string')
  }
  const unknownField = await rate(me.headers, movieId, { stars: 4, mood: 'happy' })
  t.same(unknownField.json().error.details, [{ path: 'body', message: 'has unknown field mood' }])
  const malformed = await app.inject({
    method: 'PUT',
    url: `/api/v1/movies/${movieId}/rating`,
    headers: { ...me.headers, 'content-type': 'application/json' },
    payload: '{"stars":',
  })
  t.equal(malformed.statusCode, 400)
  t.equal(malformed.json().error.code, 'INVALID_JSON')
  const empty = await app.inject({
    method: 'PUT',
    url: `/api/v1/movies/${movieId}/rating`,
    headers: { ...me.headers, 'content-type': 'application/json' },
  })
  t.equal(empty.statusCode, 400)
  const badId = await rate(me.headers, 'not-a-uuid', { stars: 4 })
  t.equal(badId.statusCode, 400)
  t.equal(badId.json().error.code, 'VALIDATION_FAILED')
  t.equal(
    await app.eventStore.streamRevision(interactionStream(me.userId, movieId)),
    null,
    'nothing was appended',
  )

  const badToken = await app.inject({
    url: '/api/v1/me/ratings',
    headers: { ...me.headers, 'x-consistency-token': 'yesterday' },
  })
  t.equal(badToken.statusCode, 400)
  const badCursor = await app.inject({ url: '/api/v1/me/ratings?cursor=abc', headers: me.headers })
  t.equal(badCursor.statusCode, 400)
  t.equal(badCursor.json().error.code, 'INVALID_CURSOR')
  const badLimit = await app.inject({ url: '/api/v1/me/ratings?limit=1000', headers: me.headers })
  t.equal(badLimit.statusCode, 400)
})

t.test('commands and queries need a valid access token', async (t) => {
  const movieId = randomUUID()
  const none = await rate({}, movieId, { stars: 4 })
  t.equal(none.statusCode, 401)
  t.equal(none.json().error.code, 'UNAUTHENTICATED')

  const other = await buildTestApp(t, { jwtSecret: 'another-secret-another-secret-another' }, database)
  const forged = other.user()
  t.equal((await rate(forged.headers, movieId, { stars: 4 })).statusCode, 401, 'signed with another secret')

  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')
  const claims = Buffer.from(JSON.stringify({ sub: randomUUID(), role: 'admin' })).toString('base64url')
  const unsigned = await rate({ authorization: `Bearer ${header}.${claims}.` }, movieId, { stars: 4 })
  t.equal(unsigned.statusCode, 401, 'alg none')

  const expired = app.jwt.sign({ sub: randomUUID(), role: 'user' }, { expiresIn: -10 } as never)
  t.equal(
    (await rate({ authorization: `Bearer ${expired}` }, movieId, { stars: 4 })).statusCode,
    401,
    'expired',
  )
  t.equal(
    (await rate({ authorization: 'Bearer not.a.jwt' }, movieId, { stars: 4 })).statusCode,
    401,
    'malformed',
  )
  const notUuid = app.jwt.sign({ sub: 'root', role: 'user' })
  t.equal(
    (await rate({ authorization: `Bearer ${notUuid}` }, movieId, { stars: 4 })).statusCode,
    401,
    'sub not a user id',
  )
})
