/**
 * The TMDb client against a local fake TMDb and the real Redis: credentials, error mapping,
 * retries with backoff and Retry-After, timeouts, the circuit breaker, the cache and
 * stale-while-error. Retry delays are recorded through the client's sleep option, not timed.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import t, { type Test } from 'tap'
import { redisTmdbCache } from '../../src/ingest/tmdb/cache.ts'
import { cacheKey, createTmdbClient, type TmdbClientOptions } from '../../src/ingest/tmdb/client.ts'
import { TmdbError, TmdbRateLimitedError } from '../../src/ingest/tmdb/errors.ts'
import { RedisKeyValue } from '../../src/key-value/redis.ts'
import { type FakeTmdb, startFakeTmdb } from '../support/fake-tmdb.ts'
import { dropRedisPrefix, testServices } from '../support/services.ts'

const redis = new Redis(testServices.redisUrl, { maxRetriesPerRequest: 1 })
t.teardown(() => redis.quit())

type Logged = { level: string; fields: object; message: string }

function client(t: Test, fake: FakeTmdb, options: Partial<TmdbClientOptions> = {}) {
  const prefix = `test:${randomUUID()}:`
  const delays: number[] = []
  const logged: Logged[] = []
  const tmdb = createTmdbClient({
    baseUrl: fake.baseUrl,
    apiKey: fake.apiKey,
    readToken: null,
    cache: redisTmdbCache(new RedisKeyValue(redis), prefix),
    timeoutMs: 2_000,
    maxRetries: 3,
    retryBaseMs: 200,
    sleep: async (ms) => {
      delays.push(ms)
    },
    logger: {
      warn: (fields, message) => logged.push({ level: 'warn', fields, message }),
      info: (fields, message) => logged.push({ level: 'info', fields, message }),
    },
    ...options,
  })
  t.teardown(async () => {
    tmdb.close()
    await dropRedisPrefix(prefix, redis)
  })
  return { tmdb, delays, logged, prefix }
}

async function failure(promise: Promise<unknown>): Promise<TmdbError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof TmdbError) return error
    throw error
  }
  throw new Error('expected a TmdbError, the call succeeded')
}

t.test(
  'answers with the documented shapes; the api key goes in the query, a read token in the header',
  async (t) => {
    const fake = await startFakeTmdb(t)
    const { tmdb } = client(t, fake)
    const trending = await tmdb.trending('week', 2)
    t.equal(trending.source, 'network')
    t.equal(trending.data.page, 2)
    t.equal(trending.data.results.length, 20)
    t.equal(trending.data.total_results, 100)
    const details = await tmdb.movie(1005)
    t.equal(details.data.imdb_id, 'tt7000004')
    t.ok(details.data.genres?.length)
    t.equal((await tmdb.genres()).data.genres.length, 12)
    t.ok((await tmdb.recommendations(1005)).data.results.length > 0)
    t.ok((await tmdb.similar(1005)).data.results.length > 0)
    const discovered = await tmdb.discover({ with_genres: 878 })
    t.ok(discovered.data.results.every((movie) => movie.genre_ids?.includes(878)))
    t.ok(fake.requests.every((r) => r.auth === 'api_key'))

    const withToken = client(t, fake, { apiKey: 'ignored-when-a-token-is-set', readToken: fake.readToken })
    fake.reset()
    await withToken.tmdb.trending('day')
    t.same(
      fake.requests.map((r) => r.auth),
      ['bearer'],
      'the read token is preferred and sent as a bearer token',
    )
  },
)

t.test('TMDb errors map to typed errors; 401 and 404 are not retried', async (t) => {
  const fake = await startFakeTmdb(t)
  const wrong = client(t, fake, { apiKey: 'not-the-key' })
  const invalid = await failure(wrong.tmdb.trending('day'))
  t.equal(invalid.code, 'TMDB_INVALID_KEY')
  t.equal(invalid.status, 401)
  t.equal(invalid.tmdbStatusCode, 7)
  t.match(invalid.message, /Invalid API key/)
  t.notMatch(invalid.message, /not-the-key/, 'the key never appears in the error')
  t.equal(fake.count(), 1, 'a refused key is not retried')

  const { tmdb } = client(t, fake)
  fake.reset()
  const missing = await failure(tmdb.movie(999_999))
  t.equal(missing.code, 'TMDB_NOT_FOUND')
  t.equal(missing.tmdbStatusCode, 34)
  t.equal(fake.count(), 1, 'a 404 is not retried')

  const unconfigured = client(t, fake, { apiKey: null, readToken: null })
  t.equal((await failure(unconfigured.tmdb.genres())).code, 'TMDB_NOT_CONFIGURED')
})

t.test('5xx answers are retried with growing, jittered backoff', async (t) => {
  const fake = await startFakeTmdb(t)
  // A high volume threshold keeps the circuit closed: this test is about retries alone.
  const { tmdb, delays } = client(t, fake, { breaker: { volumeThreshold: 100 } })
  fake.failNext(1, { status: 500 })
  fake.failNext(1, { status: 503 })
  const answer = await tmdb.trending('day')
  t.equal(answer.data.results.length, 20, 'the third attempt succeeds')
  t.same(
    fake.requests.map((r) => r.status),
    [500, 503, 200],
  )
  t.equal(delays.length, 2)
  t.ok(
    delays[0] !== undefined && delays[0] >= 100 && delays[0] <= 200,
    `first wait within [100, 200] ms: ${delays[0]}`,
  )
  t.ok(
    delays[1] !== undefined && delays[1] >= 200 && delays[1] <= 400,
    `second within [200, 400] ms: ${delays[1]}`,
  )

  fake.reset()
  delays.length = 0
  fake.failNext(10, { status: 502 })
  const exhausted = await failure(tmdb.movie(1001))
  t.equal(exhausted.code, 'TMDB_UNAVAILABLE')
  t.equal(exhausted.status, 502)
  t.equal(fake.count(), 4, 'one attempt and three retries')
})

t.test('a 429 waits for the Retry-After TMDb sends; one asking too long fails at once', async (t) => {
  const fake = await startFakeTmdb(t)
  const { tmdb, delays } = client(t, fake, { maxRetryAfterSeconds: 30 })
  fake.failNext(1, { status: 429, retryAfter: 7 })
  const answer = await tmdb.genres()
  t.equal(answer.source, 'network')
  t.same(delays, [7000], 'waited exactly the 7 seconds asked for')
  t.same(
    fake.requests.map((r) => r.status),
    [429, 200],
  )

  fake.reset()
  delays.length = 0
  fake.failNext(1, { status: 429, retryAfter: 120 })
  const limited = await failure(tmdb.movie(1001))
  t.ok(limited instanceof TmdbRateLimitedError)
  t.equal(limited.code, 'TMDB_RATE_LIMITED')
  t.equal((limited as TmdbRateLimitedError).retryAfterSeconds, 120)
  t.equal(fake.count(), 1)
  t.same(delays, [], 'no wait beyond the limit')
})

t.test('each attempt times out; a cut connection is unavailability; both are retried', async (t) => {
  const fake = await startFakeTmdb(t)
  const { tmdb } = client(t, fake, { timeoutMs: 100, maxRetries: 1 })
  fake.setDelay(1_000)
  const slow = await failure(tmdb.trending('day'))
  t.equal(slow.code, 'TMDB_TIMEOUT')
  t.ok(slow.retryable)
  fake.setDelay(0)
  await sleep(1_000) // let the delayed handlers of the fake finish before counting
  t.equal(fake.count(), 2, 'two attempts reached the server')

  fake.reset()
  fake.setDown('reset')
  const cut = await failure(tmdb.movie(1002))
  t.equal(cut.code, 'TMDB_UNAVAILABLE')
  t.equal(fake.count(), 2)
})

t.test(
  'the circuit opens after repeated unavailability, fails fast, then half-opens and closes',
  async (t) => {
    const fake = await startFakeTmdb(t)
    const { tmdb, logged } = client(t, fake, {
      maxRetries: 0,
      // Long enough that a loaded machine's pause between two requests does not half-open it early.
      breaker: { volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeoutMs: 1_500 },
    })
    fake.setDown('503')
    t.equal((await failure(tmdb.movie(1001))).code, 'TMDB_UNAVAILABLE')
    t.equal((await failure(tmdb.movie(1002))).code, 'TMDB_UNAVAILABLE')
    t.equal(tmdb.circuitState(), 'open')
    const before = fake.count()
    const fast = await failure(tmdb.movie(1003))
    t.equal(fast.code, 'TMDB_CIRCUIT_OPEN')
    t.equal(fake.count(), before, 'an open circuit sends nothing to TMDb')

    // Half-open after resetTimeout: one probe. It fails (still down): open again.
    while (tmdb.circuitState() !== 'half_open') await sleep(20)
    t.equal((await failure(tmdb.movie(1004))).code, 'TMDB_UNAVAILABLE')
    t.equal(tmdb.circuitState(), 'open', 'a failed probe opens the circuit again')

    fake.setDown(false)
    while (tmdb.circuitState() !== 'half_open') await sleep(20)
    t.equal((await tmdb.movie(1005)).data.id, 1005, 'the probe succeeds')
    t.equal(tmdb.circuitState(), 'closed')
    t.ok(logged.some((l) => l.message.includes('circuit open')))

    // Answers TMDb gives on purpose never open it.
    for (let i = 0; i < 5; i++) await failure(tmdb.movie(500_000 + i))
    t.equal(tmdb.circuitState(), 'closed', '404s do not count against TMDb')
  },
)

t.test('answers are cached in Redis for their TTL; a stale copy answers while TMDb fails', async (t) => {
  const fake = await startFakeTmdb(t)
  const { tmdb, prefix } = client(t, fake, { maxRetries: 1 })
  const first = await tmdb.trending('day', 1)
  const second = await tmdb.trending('day', 1)
  t.equal(first.source, 'network')
  t.equal(second.source, 'cache')
  t.same(second.data, first.data)
  t.equal(fake.count('/trending'), 1, 'the second call never reached TMDb')

  // Two hours later the trending copy is stale (TTL 1 h): TMDb is asked again...
  const cache = redisTmdbCache(new RedisKeyValue(redis), prefix)
  const key = cacheKey('/trending/movie/day', { page: '1' })
  await cache.set(key, first.data, Date.now() - 2 * 3600_000)
  t.equal((await tmdb.trending('day', 1)).source, 'network')
  t.equal(fake.count('/trending'), 2)

  // ...and when TMDb is down, the stale copy answers instead of an error.
  await cache.set(key, first.data, Date.now() - 2 * 3600_000)
  fake.setDown('503')
  const stale = await tmdb.trending('day', 1)
  t.equal(stale.source, 'stale')
  t.same(stale.data, first.data)
  t.equal(fake.count('/trending'), 4, 'it did try TMDb (one attempt, one retry) first')

  // Details stay fresh for 24 h: two hours old is still a cache hit, with TMDb down.
  fake.setDown(false)
  const details = await tmdb.movie(1003)
  await cache.set(cacheKey('/movie/1003', {}), details.data, Date.now() - 2 * 3600_000)
  fake.setDown('503')
  t.equal((await tmdb.movie(1003)).source, 'cache')

  // Nothing cached and TMDb down: the error surfaces.
  t.equal((await failure(tmdb.movie(1004))).code, 'TMDB_UNAVAILABLE')

  const keys = await redis.keys(`${prefix}*`)
  t.ok(keys.length >= 2)
  t.ok(
    keys.every((k) => !k.includes(fake.apiKey) && !k.includes('api_key')),
    'cache keys never hold the key',
  )
})

t.test('Redis down costs only the cache', async (t) => {
  const fake = await startFakeTmdb(t)
  const dead = new Redis({
    port: 1,
    host: '127.0.0.1',
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
  })
  dead.on('error', () => {})
  t.teardown(() => dead.disconnect())
  const { tmdb } = client(t, fake, { cache: redisTmdbCache(new RedisKeyValue(dead), 'x:') })
  t.equal((await tmdb.trending('week')).source, 'network')
  t.equal((await tmdb.trending('week')).source, 'network')
})

t.test('neither the key nor the token reaches logs or errors', async (t) => {
  const fake = await startFakeTmdb(t)
  const keyed = client(t, fake, { maxRetries: 2 })
  fake.failNext(2, { status: 500 })
  await keyed.tmdb.trending('day')
  fake.setDown('503')
  await failure(keyed.tmdb.movie(1001))
  const tokened = client(t, fake, { apiKey: null, readToken: fake.readToken, maxRetries: 1 })
  const error = await failure(tokened.tmdb.movie(1002))
  const text = JSON.stringify([keyed.logged, tokened.logged]) + error.message + String(error.stack)
  t.ok(keyed.logged.length > 0, 'retries were logged')
  t.notOk(text.includes(fake.apiKey), 'no api key')
  t.notOk(text.includes(fake.readToken), 'no read token')
})
