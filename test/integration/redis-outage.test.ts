/**
 * Redis down, on a redis-server of this file's own (the shared one is never touched): every request
 * is answered promptly, either served without Redis where that is safe (lists, sign-in, signed-in
 * reads and commands: the token denylist falls back to PostgreSQL) or refused with 503
 * SERVICE_UNAVAILABLE and Retry-After (trending), never a 500 and never held until Redis returns.
 * The same when Redis hangs (SIGSTOP: commands time out). When Redis comes back (empty), the API
 * recovers by itself and trending is refilled.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { buildTestApp } from '../support/app.ts'
import { startOwnRedis } from '../support/own-redis.ts'

const PASSWORD = 'correct horse battery staple'
/** Far above a prompt answer on a loaded machine, far below the 6-26 s requests used to hang. */
const PROMPT_MS = 3_000

const redis = await startOwnRedis(t)
const { app, addMovie, startProjectors } = await buildTestApp(t, {
  redisUrl: redis.url,
  consistencyTimeoutMs: 20_000,
  authRateLimitMax: 10_000,
  rateLimitMax: 100_000,
})
startProjectors()

const username = `u${randomUUID().slice(0, 8)}`
const registered = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/register',
  payload: { username, email: `${username}@example.com`, password: PASSWORD },
})
if (registered.statusCode !== 201) throw new Error(`register: ${registered.body}`)
const signIn = () =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: username, password: PASSWORD } })
const session = (await signIn()).json()
const headers = { authorization: `Bearer ${session.accessToken}` }
const movieId = await addMovie({ title: 'Outage Story', genres: ['Drama'] })
const rate = (stars: number) =>
  app.inject({ method: 'PUT', url: `/api/v1/movies/${movieId}/rating`, headers, payload: { stars } })

type Reply = Awaited<ReturnType<typeof signIn>>

// Over a real connection too: a memoised answer asked again is sent before routing
// (src/http/early-hits.ts), where the general limit counts it with the same leases; when a lease
// cannot be renewed (Redis down or hung) the request goes on to the route, which serves it.
await app.listen({ host: '127.0.0.1', port: 0 })
const address = app.server.address()
const base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
async function overHttp(path: string): Promise<Reply> {
  const response = await fetch(`${base}${path}`)
  const body = await response.text()
  return {
    statusCode: response.status,
    body,
    headers: Object.fromEntries(response.headers),
    json: () => JSON.parse(body),
  } as unknown as Reply
}
const earlyHits = () => Object.values(app.earlyHits?.answered ?? {}).reduce((sum, count) => sum + count, 0)

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (await check()) return
    await sleep(100)
  }
  throw new Error('timed out waiting')
}

t.test('Redis down: answers come at once, served or 503 with a code, never a 500', async (t) => {
  const rated = await rate(5)
  t.equal(rated.statusCode, 200)
  const before = await app.inject({
    url: '/api/v1/movies/trending?window=all',
    headers: { 'x-consistency-token': rated.headers['x-consistency-token'] as string },
  })
  t.equal(before.statusCode, 200)
  t.equal(before.json().items[0]?.movieId, movieId, 'trending has the movie')

  // Memoised and remembered for early hits before Redis goes.
  for (let i = 0; i < 3; i++) {
    await overHttp(`/api/v1/movies/${movieId}`)
    await overHttp('/api/v1/movies?sort=title')
  }
  t.ok(earlyHits() > 0, 'answered early before the outage')

  await redis.stop()
  const requests: [string, () => Promise<Reply>, number[]][] = [
    ['anonymous movie list', () => app.inject({ url: '/api/v1/movies' }), [200]],
    ['movie details over HTTP, asked again', () => overHttp(`/api/v1/movies/${movieId}`), [200]],
    ['movie list over HTTP, asked again', () => overHttp('/api/v1/movies?sort=title'), [200]],
    ['movie details', () => app.inject({ url: `/api/v1/movies/${movieId}` }), [200]],
    ['trending', () => app.inject({ url: '/api/v1/movies/trending' }), [503]],
    ['trending, signed in', () => app.inject({ url: '/api/v1/movies/trending', headers }), [503]],
    ['sign-in', signIn, [200]],
    [
      'refresh and sign-out',
      async () => {
        const fresh = (await signIn()).json()
        const refreshed = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/refresh',
          payload: { refreshToken: fresh.refreshToken },
        })
        if (refreshed.statusCode !== 200) return refreshed
        const { accessToken, refreshToken } = refreshed.json()
        const out = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/logout',
          payload: { refreshToken },
        })
        if (out.statusCode !== 204) return out
        // Signed out while Redis is down: refused at once all the same (PostgreSQL holds it).
        return app.inject({ url: '/api/v1/me/ratings', headers: { authorization: `Bearer ${accessToken}` } })
      },
      [401],
    ],
    ['my ratings', () => app.inject({ url: '/api/v1/me/ratings', headers }), [200]],
    ['a rating', () => rate(4), [200]],
    ['recommendations', () => app.inject({ url: '/api/v1/me/recommendations', headers }), [200, 503]],
    ['liveness', () => app.inject({ url: '/health/live' }), [200]],
    ['readiness', () => app.inject({ url: '/health/ready' }), [503]],
  ]
  // Twice: the first requests after the loss meet the dropped connection, the next ones a closed one.
  // Then a third time with Redis up but hung (SIGSTOP): commands time out instead.
  for (const round of [1, 2, 3]) {
    if (round === 3) {
      await redis.start()
      await waitFor(async () => (await app.inject({ url: '/health/ready' })).statusCode === 200)
      redis.pause()
    }
    for (const [what, send, expected] of requests) {
      const started = Date.now()
      const reply = await send()
      const took = Date.now() - started
      t.comment(`${what} (round ${round}): ${reply.statusCode} in ${took} ms`)
      t.ok(expected.includes(reply.statusCode), `${what}: ${reply.statusCode} (${reply.body.slice(0, 120)})`)
      t.ok(took < PROMPT_MS, `${what}: answered at once`)
      if (reply.statusCode === 503 && !what.startsWith('readiness')) {
        t.equal(reply.json().error.code, 'SERVICE_UNAVAILABLE', `${what}: with its code`)
        t.ok(Number(reply.headers['retry-after']) > 0, `${what}: with Retry-After`)
      }
    }
  }

  redis.resume()
  let trending = await app.inject({ url: '/api/v1/movies/trending?window=all' })
  for (let attempt = 0; attempt < 300 && trending.json().items?.[0]?.movieId !== movieId; attempt++) {
    await sleep(100)
    trending = await app.inject({ url: '/api/v1/movies/trending?window=all' })
  }
  t.equal(trending.statusCode, 200, 'trending answers again once Redis is back, with no restart')
  t.equal(trending.json().items[0]?.movieId, movieId, 'refilled from the log')
  t.equal((await app.inject({ url: '/health/ready' })).statusCode, 200, 'ready again')
  t.equal((await app.inject({ url: '/api/v1/me/ratings', headers })).statusCode, 200)
})
