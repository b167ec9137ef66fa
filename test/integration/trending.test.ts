/** Trending over HTTP on real PostgreSQL and Redis: windows slide, genres narrow, the cache follows events. */
import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import t from 'tap'
import { hourKey, trending } from '../../projections/trending.ts'
import type { StoredEvent } from '../../src/event-store/contract.ts'
import { trendingMovies } from '../../src/read/trending/queries.ts'
import { buildTestApp } from '../support/app.ts'

t.test('the projection turns a batch into hour-bucket, all-time and genre commands', async (t) => {
  // Relative to now: an hour older than a bucket's TTL gets no bucket (see below).
  const at = new Date(Date.now() - 3_600_000)
  const fourDaysAgo = new Date(at.getTime() - 4 * 86_400_000)
  const event = (type: string, data: object, occurredAt = at): StoredEvent => ({
    id: randomUUID(),
    type,
    stream: 'x',
    revision: 0n,
    position: '0'.repeat(32),
    data,
    metadata: { occurredAt: occurredAt.toISOString() },
    createdAt: occurredAt,
  })
  const m = randomUUID()
  const commands = trending.apply([
    event('MovieAdded', { movieId: m, genres: ['Science Fiction'] }),
    event('MovieLiked', { userId: 'u', movieId: m }),
    event('MovieFavorited', { userId: 'u', movieId: m }),
    event('RatingGiven', { userId: 'u', movieId: m, stars: 5, previousStars: null }),
    event('RatingGiven', { userId: 'u', movieId: m, stars: 4, previousStars: 5 }),
    event('MovieWatched', { userId: 'u', movieId: m, progress: 1, watchedAt: fourDaysAgo.toISOString() }),
  ])
  t.same(commands, [
    ['SADD', 'genre:science-fiction', m],
    ['ZINCRBY', hourKey(at), 8, m],
    ['EXPIRE', hourKey(at), 691200],
    ['ZINCRBY', hourKey(fourDaysAgo), 1, m],
    ['EXPIRE', hourKey(fourDaysAgo), 691200],
    ['ZINCRBY', 'all', 9, m],
  ])
})

t.test('old attention (imports, rebuilds) counts all time but makes no hour bucket', async (t) => {
  const m = randomUUID()
  const event = (type: string, data: object, occurredAt: string): StoredEvent => ({
    id: randomUUID(),
    type,
    stream: 'x',
    revision: 0n,
    position: '0'.repeat(32),
    data,
    metadata: { occurredAt },
    createdAt: new Date(),
  })
  const commands = trending.apply([
    event('MovieImported', { movieId: m, genres: ['Drama'] }, new Date().toISOString()),
    // MovieLens keeps the original time and half stars: 4.5 is a high rating, 3.5 is not.
    event(
      'RatingGiven',
      { userId: 'u', movieId: m, stars: 4.5, previousStars: null },
      '1997-03-01T12:00:00Z',
    ),
    event(
      'RatingGiven',
      { userId: 'v', movieId: m, stars: 3.5, previousStars: null },
      '1997-03-01T12:00:00Z',
    ),
  ])
  t.same(commands, [
    ['SADD', 'genre:drama', m],
    ['ZINCRBY', 'all', 3, m],
  ])
})

t.test('over HTTP', async (t) => {
  const { app, user, startProjectors } = await buildTestApp(t, { consistencyTimeoutMs: 3_000 })
  startProjectors()
  const admin = user({ role: 'admin' })
  const me = user()
  const addMovie = async (title: string, genres: string[]) =>
    (
      await app.inject({
        method: 'POST',
        url: '/api/v1/movies',
        headers: admin.headers,
        payload: { title, year: 2020, genres },
      })
    ).json().id as string
  const watch = async (movieId: string, hoursAgo: number, who = me) =>
    (
      await app.inject({
        method: 'POST',
        url: `/api/v1/movies/${movieId}/watches`,
        headers: who.headers,
        payload: { progress: 1, watchedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString() },
      })
    ).json().position as string
  const get = async (query: string, token: string) => {
    const reply = await app.inject({
      url: `/api/v1/movies/trending${query}`,
      headers: { 'x-consistency-token': token },
    })
    if (reply.statusCode !== 200) throw new Error(`trending${query}: ${reply.statusCode} ${reply.body}`)
    return { ids: reply.json().items.map((i: { movieId: string }) => i.movieId) as string[], reply }
  }

  const today = await addMovie('Today Film', ['Comedy'])
  const lastWeek = await addMovie('Last Week Film', ['Drama'])
  const longAgo = await addMovie('Long Ago Film', ['Drama'])
  await watch(longAgo, 24 * 10)
  await watch(lastWeek, 48)
  await watch(lastWeek, 50)
  const liked = await app.inject({
    method: 'PUT',
    url: `/api/v1/movies/${today}/favorite`,
    headers: me.headers,
  })
  let token = liked.json().position

  t.same((await get('?window=day', token)).ids, [today], 'day: only the last 24 hours')
  t.same(
    (await get('?window=week', token)).ids,
    [today, lastWeek],
    'week: an interaction older than a week left it',
  )
  t.same((await get('?window=all', token)).ids, [today, lastWeek, longAgo], 'all time')
  t.same((await get('?window=week&genre=drama', token)).ids, [lastWeek], 'narrowed to a genre')
  t.same((await get('?window=all&genre=Drama&limit=1', token)).ids, [lastWeek], 'genre by name, limited')
  const first = await get('?window=all', token)
  t.match(first.reply.json().items[0], {
    movieId: today,
    title: 'Today Film',
    year: 2020,
    genres: ['Comedy'],
    score: 3,
  })
  t.equal(
    (await get('?window=all', token)).reply.headers['x-cache'],
    'hit',
    'the same question is answered from cache',
  )

  // New events invalidate the cached answer at once.
  for (let i = 0; i < 3; i++) token = await watch(longAgo, 0, user())
  const after = await get('?window=all', token)
  t.equal(after.reply.headers['x-cache'], 'miss')
  t.same(after.ids, [longAgo, today, lastWeek])

  const removed = await app.inject({
    method: 'DELETE',
    url: `/api/v1/movies/${longAgo}`,
    headers: admin.headers,
  })
  t.notOk(
    (await get('?window=day', removed.json().position)).ids.includes(longAgo),
    'a removed movie leaves trending',
  )
  const bad = await app.inject({ url: '/api/v1/movies/trending?window=month' })
  t.equal(bad.statusCode, 400)

  // An anonymous answer asked again (from the memo): every per-request header, in the order sent.
  const anonymous = (headers: Record<string, string> = {}) =>
    app.inject({ url: '/api/v1/movies/trending?window=week', headers })
  await anonymous()
  const hit = await anonymous()
  const again = await anonymous({ 'x-request-id': 'client-7.a:b_c' })
  t.same(
    Object.keys(hit.headers).filter((name) => name !== 'date' && name !== 'connection'),
    [
      'x-request-id',
      'content-security-policy',
      'x-content-type-options',
      'x-frame-options',
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
      'x-cache',
      'etag',
      'cache-control',
      'content-type',
      'content-length',
    ],
    'the same headers, in the same order',
  )
  t.match(hit.headers, {
    'x-request-id': /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'ratelimit-limit': String(app.config.rateLimitMax),
    'ratelimit-remaining': /^[0-9]+$/,
    'ratelimit-reset': /^[0-9]+$/,
    'x-cache': 'hit',
    etag: /^W\/"[0-9a-f.-]+-h:[0-9]{10}"$/,
    'cache-control': 'no-cache',
    'content-type': 'application/json; charset=utf-8',
  })
  t.equal(again.headers['x-request-id'], 'client-7.a:b_c', 'a sane request id sent is echoed')
  t.equal(
    Number(again.headers['ratelimit-remaining']),
    Number(hit.headers['ratelimit-remaining']) - 1,
    'each answer counts against the general limit',
  )
  t.equal(again.headers.etag, hit.headers.etag, 'the same tag while nothing moves')
  t.equal(again.body, hit.body, 'the same answer')
})

t.test("the API's Redis client knows the trending scripts before its first request", async (t) => {
  // ioredis copies custom commands into an auto-pipeline when it opens one. A script defined on the
  // first trending request, while a pipeline opened by another request waited for the running one,
  // threw in that pipeline ("pipeline[functionName] is not a function"), whose results then never
  // reached anyone: every later Redis command of the process hung.
  const { app } = await buildTestApp(t)
  const redis = app.redis as Redis
  const first = redis.get('any-key')
  await new Promise((resolve) => setImmediate(resolve))
  // The first pipeline is on the wire now: this command opens the next one, which waits for it.
  const waiting = redis.get('other-key')
  const answer = trendingMovies(
    {
      tags: (projections) => app.projectionTags.tag(projections),
      db: app.db,
      keyValue: app.keyValue,
    },
    { window: 'day', genre: null, limit: 5, now: new Date() },
  )
  const settled = await Promise.race([
    Promise.allSettled([first, waiting, answer]),
    new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 3_000).unref()),
  ])
  t.not(settled, 'hung', 'Redis still answers')
  if (settled === 'hung') return
  t.same(
    settled.map((outcome) => outcome.status),
    ['fulfilled', 'fulfilled', 'fulfilled'],
  )
  t.equal((await app.inject({ url: '/api/v1/movies/trending' })).statusCode, 200)
})
