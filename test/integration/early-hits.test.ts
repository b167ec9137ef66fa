/**
 * Early hits (src/http/early-hits.ts): a memoised anonymous GET asked again is answered before
 * Fastify routes it. These tests ask a listening app over real HTTP (inject never reaches the
 * server's request listener). They check that an early answer is the one the route sends from its
 * memo, with the same status, the same headers in the same order and the same body. They check
 * what still happens per request (request id, rate limit, histogram, access line), what goes on to
 * Fastify instead, and that a move of the positions is never answered from before it.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import t, { type Test } from 'tap'
import { movies } from '../../projections/movies.ts'
import { trending } from '../../projections/trending.ts'
import { buildApp } from '../../src/app.ts'
import { buildTestApp } from '../support/app.ts'

type Answer = { status: number; names: string[]; headers: http.IncomingHttpHeaders; body: string }

/** A GET over a real connection, with the header names in the order they came (fetch sorts them). */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}${path}`, { headers, agent: false }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        body += chunk
      })
      response.on('end', () => {
        const names = response.rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase())
        resolve({ status: response.statusCode ?? 0, names, headers: response.headers, body })
      })
    })
    request.on('error', reject)
  })
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 })
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
}

const early = (app: FastifyInstance, route: string) => app.earlyHits?.answered[route] ?? 0

/** What the two paths may answer differently: a new request id, one more count, the time. */
const PER_REQUEST = new Set(['x-request-id', 'ratelimit-remaining', 'date'])
const comparable = (answer: Answer) =>
  Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !PER_REQUEST.has(name)))

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

async function addedMovie(
  app: FastifyInstance,
  admin: { authorization: string },
  title: string,
): Promise<{ id: string; position: string }> {
  const added = await app.inject({
    method: 'POST',
    url: '/api/v1/movies',
    headers: admin,
    payload: { title, year: 2021, genres: ['Drama'] },
  })
  if (added.statusCode !== 201) throw new Error(added.body)
  return added.json() as { id: string; position: string }
}

t.test(
  'a memoised detail asked again is answered early, as the route answers it from its memo',
  async (t) => {
    const { app, user, startProjectors } = await buildTestApp(t)
    startProjectors({ only: [movies, trending] })
    const admin = user({ role: 'admin' }).headers
    const { id, position } = await addedMovie(app, admin, 'Early Harbour')
    const path = `/api/v1/movies/${id}`
    const base = await listen(app)
    const caughtUp = await get(base, path, { 'x-consistency-token': position })
    t.equal(caughtUp.status, 200)

    const route = '/api/v1/movies/:id'
    const before = early(app, route)
    const computed = await get(base, path)
    t.equal(early(app, route), before, 'the first anonymous answer is the route’s own')
    const answered = await get(base, path)
    t.equal(early(app, route), before + 1, 'the same URL asked again is answered early')
    // If-None-Match sends the request to Fastify: the route's memo hit, for comparison.
    const routed = await get(base, path, { 'if-none-match': 'W/"another"' })
    t.equal(early(app, route), before + 1, 'a conditional request goes to the route')

    for (const answer of [computed, answered, routed]) t.equal(answer.status, 200)
    t.same(answered.names, routed.names, 'the same headers, in the same order')
    t.same(answered.names, [
      'x-request-id',
      'content-security-policy',
      'x-content-type-options',
      'x-frame-options',
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
      'etag',
      'cache-control',
      'content-type',
      'content-length',
      'date',
      'connection',
    ])
    t.same(comparable(answered), comparable(routed), 'the same header values')
    t.equal(answered.body, routed.body, 'the same body')
    t.equal(answered.body, computed.body)
    t.match(answered.headers['x-request-id'], UUID, 'a new request id')
    t.equal(JSON.parse(answered.body).title, 'Early Harbour')

    const metrics = (await app.inject({ url: '/metrics' })).body
    const count = Number(
      metrics.match(
        /^nexus_http_request_duration_seconds_count\{route="\/api\/v1\/movies\/:id",method="GET",status="200"\} (\d+)$/m,
      )?.[1],
    )
    t.equal(count, 4, 'early answers are in the request histogram under their route')
    t.match(metrics, /^nexus_early_hits_total\{route="\/api\/v1\/movies\/:id"\} 1$/m)
    t.match(metrics, /^nexus_answer_memo_lookups_total\{memo="movie-detail",result="hit"\} 2$/m)

    // A change of the movie: the next anonymous answer is the new one, never the memoised old one.
    const changed = await app.inject({
      method: 'PATCH',
      url: path,
      headers: admin,
      payload: { title: 'Early Lighthouse' },
    })
    t.equal(changed.statusCode, 200, changed.body)
    await get(base, path, { 'x-consistency-token': changed.headers['x-consistency-token'] as string })
    const after = await get(base, path)
    t.equal(JSON.parse(after.body).title, 'Early Lighthouse', 'the change, not the answer kept before it')
    t.not(after.headers.etag, answered.headers.etag)
  },
)

/** Memo misses of the detail read and sent early (the route's batch), not by the route. */
const fetched = (app: FastifyInstance) => app.earlyHits?.fetched['/api/v1/movies/:id'] ?? 0

t.test(
  'a detail never asked before is answered early too, read as the route reads it; what the route answers instead',
  async (t) => {
    const { app, user, startProjectors } = await buildTestApp(t)
    startProjectors({ only: [movies, trending] })
    const admin = user({ role: 'admin' }).headers
    const first = await addedMovie(app, admin, 'Early Quay')
    const second = await addedMovie(app, admin, 'Early Pier')
    const removed = await addedMovie(app, admin, 'Early Jetty')
    const base = await listen(app)
    const pathOf = (id: string) => `/api/v1/movies/${id}`
    await get(base, pathOf(removed.id), { 'x-consistency-token': removed.position })

    // The route serves the early path from its first anonymous answer on.
    t.equal((await get(base, pathOf(first.id))).status, 200)
    t.equal(fetched(app), 0, 'that first one is the route’s')
    const hitsBefore = early(app, '/api/v1/movies/:id')

    const answered = await get(base, pathOf(second.id))
    t.equal(fetched(app), 1, 'a detail not in the memo is read and sent early')
    t.equal(early(app, '/api/v1/movies/:id'), hitsBefore, 'not counted as a hit')
    const routed = await get(base, pathOf(second.id), { 'if-none-match': 'W/"another"' })
    t.equal(answered.status, 200)
    t.equal(routed.status, 200)
    t.same(answered.names, routed.names, 'the same headers as the route’s, in the same order')
    t.same(comparable(answered), comparable(routed), 'the same header values')
    t.equal(answered.body, routed.body, 'the same body')
    t.equal(JSON.parse(answered.body).title, 'Early Pier')
    const again = await get(base, pathOf(second.id))
    t.equal(again.body, answered.body)
    t.equal(early(app, '/api/v1/movies/:id'), hitsBefore + 1, 'kept in the memo: asked again, an early hit')

    const metrics = (await app.inject({ url: '/metrics' })).body
    t.match(metrics, /^nexus_early_misses_total\{route="\/api\/v1\/movies\/:id"\} 1$/m)
    t.match(
      metrics,
      /^nexus_answer_memo_lookups_total\{memo="movie-detail",result="miss"\} [1-9]/m,
      'the early miss counted as a memo miss',
    )

    // What the early path leaves to the route, which answers as always.
    const unknown = await get(base, pathOf('0f0e0d0c-0b0a-4908-8706-050403020100'))
    t.equal(unknown.status, 404, 'an unknown id: the route’s 404')
    t.equal(JSON.parse(unknown.body).error?.code, 'MOVIE_NOT_FOUND')
    const upper = await get(base, pathOf(first.id.toUpperCase()))
    t.equal(upper.status, 200, 'an id in capitals: the route answers it')
    t.equal(JSON.parse(upper.body).id, first.id)
    const invalid = await get(base, pathOf('not-a-uuid'))
    t.equal(invalid.status, 400, 'an invalid id: the route’s 400')
    t.equal(JSON.parse(invalid.body).error?.code, 'VALIDATION_FAILED')
    const query = await get(base, `${pathOf(removed.id)}?fields=title`)
    t.equal(query.status, 200, 'with a query string: the route')
    t.equal(fetched(app), 1, 'none of these were read early')

    // A removed movie: the next anonymous answer is the route's 404, never what was read before.
    t.equal((await get(base, pathOf(removed.id))).status, 200)
    const deleted = await app.inject({ method: 'DELETE', url: pathOf(removed.id), headers: admin })
    t.equal(deleted.statusCode, 200, deleted.body)
    const token = deleted.headers['x-consistency-token'] as string
    t.equal((await get(base, pathOf(removed.id), { 'x-consistency-token': token })).status, 404)
    const gone = await get(base, pathOf(removed.id))
    t.equal(gone.status, 404, 'removed: 404')
    t.equal(JSON.parse(gone.body).error?.code, 'MOVIE_NOT_FOUND')
  },
)

t.test(
  'an early miss whose read fails is answered by the route, in the error shape if it fails too',
  async (t) => {
    const { app, user, startProjectors, database } = await buildTestApp(t)
    startProjectors({ only: [movies, trending] })
    const admin = user({ role: 'admin' }).headers
    const first = await addedMovie(app, admin, 'Severed Quay')
    const added: string[] = []
    for (let i = 0; i < 6; i++) added.push((await addedMovie(app, admin, `Severed Pier ${i}`)).id)
    const last = await addedMovie(app, admin, 'Severed Jetty')
    const base = await listen(app)
    const pathOf = (id: string) => `/api/v1/movies/${id}`
    t.equal((await get(base, pathOf(last.id), { 'x-consistency-token': last.position })).status, 200)
    t.equal((await get(base, pathOf(first.id))).status, 200, 'the route serves the early path from now on')

    const killer = new pg.Client({ connectionString: database.url })
    await killer.connect()
    t.teardown(() => killer.end())
    for (const id of added) {
      // Every connection of the app's pool cut under it (a real fault, as a PostgreSQL restart cuts them).
      await killer.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      )
      const answer = await get(base, pathOf(id))
      if (answer.status === 200)
        t.match(JSON.parse(answer.body), { id, title: /^Severed Pier / }, 'read again')
      else {
        t.equal(answer.status, 503, 'or unavailable, never another 5xx')
        t.equal(JSON.parse(answer.body).error?.code, 'SERVICE_UNAVAILABLE')
      }
    }
    const after = await get(base, pathOf(added[0] as string))
    t.equal(after.status, 200, 'and the app goes on answering')
    t.match(JSON.parse(after.body), { title: /^Severed Pier / })
  },
)

t.test('a memoised trending answer asked again is answered early, with X-Cache', async (t) => {
  const { app, startProjectors } = await buildTestApp(t)
  startProjectors({ only: [movies, trending] })
  const base = await listen(app)
  const route = '/api/v1/movies/trending'
  const path = '/api/v1/movies/trending?window=week&limit=5'
  await get(base, path)
  // The positions' copy in memory may still be loading: ask until an answer comes early.
  let answered: Answer | undefined
  for (let i = 0; i < 50 && early(app, route) === 0; i++) answered = await get(base, path)
  t.equal(early(app, route), 1, 'answered early')
  const routed = await get(base, path, { 'if-none-match': 'W/"another"' })
  t.equal(early(app, route), 1)
  if (answered === undefined) throw new Error('no answer')
  t.same(answered.names, routed.names, 'the same headers, in the same order')
  t.ok(answered.names.includes('x-cache'))
  t.same(comparable(answered), comparable(routed), 'the same header values')
  t.equal(answered.headers['x-cache'], 'hit')
  t.equal(answered.body, routed.body)

  const echoed = await get(base, path, { 'x-request-id': 'client-7.a:b_c' })
  t.equal(echoed.headers['x-request-id'], 'client-7.a:b_c', 'a sane request id sent is echoed')
  const replaced = await get(base, path, { 'x-request-id': 'has spaces "and quotes"' })
  t.match(replaced.headers['x-request-id'], UUID, 'any other is replaced by a UUID')
  t.equal(early(app, route), 3)

  // 304 is worked out by the route.
  const notModified = await get(base, path, { 'if-none-match': answered.headers.etag as string })
  t.equal(notModified.status, 304)
  t.equal(early(app, route), 3)
})

t.test('what goes on to Fastify: signed in, a consistency token, other methods', async (t) => {
  const { app, user, startProjectors } = await buildTestApp(t)
  startProjectors({ only: [movies, trending] })
  const admin = user({ role: 'admin' }).headers
  const { id, position } = await addedMovie(app, admin, 'Routed Film')
  const base = await listen(app)
  const path = `/api/v1/movies/${id}`
  await get(base, path, { 'x-consistency-token': position })
  await get(base, path)
  await get(base, path)
  const route = '/api/v1/movies/:id'
  const seen = early(app, route)
  t.equal(seen, 1)
  const signedIn = await get(base, path, user().headers)
  t.equal(signedIn.status, 200)
  t.ok('me' in JSON.parse(signedIn.body), 'a signed-in answer has the viewer’s flags')
  t.match(signedIn.headers['cache-control'], /private/)
  const exact = await get(base, path, { 'x-consistency-token': position })
  t.equal(exact.headers['x-consistency'], 'reached')
  const head = await new Promise<number>((resolve, reject) => {
    http
      .request(`${base}${path}`, { method: 'HEAD', agent: false }, (response) => {
        response.resume()
        resolve(response.statusCode ?? 0)
      })
      .on('error', reject)
      .end()
  })
  t.equal(head, 200)
  t.equal(early(app, route), seen, 'none of them answered early')
})

/** Parallel answers over the limit: exactly `left` passed, each with its own count; the rest 429 in the error shape. */
function limitHeld(t: Test, answers: Answer[], left: number): void {
  const ok = answers.filter((answer) => answer.status === 200)
  const refused = answers.filter((answer) => answer.status === 429)
  t.equal(ok.length, left, 'no request slips past the limit')
  t.equal(refused.length, answers.length - left)
  t.equal(JSON.parse(refused[0]?.body ?? '{}').error?.code, 'RATE_LIMITED', 'a refusal in the error shape')
  t.match(refused[0]?.headers, { 'retry-after': /^[0-9]+$/, 'ratelimit-remaining': '0' })
  t.same(
    ok.map((answer) => Number(answer.headers['ratelimit-remaining'])).sort((a, b) => a - b),
    Array.from({ length: left }, (_, i) => i),
    'every count given once',
  )
}

t.test('the general limit counts early answers with the rest, in parallel too', async (t) => {
  const max = 40
  const { app, user, startProjectors } = await buildTestApp(t, {
    rateLimitMax: max,
    rateLimitWindowSeconds: 600,
  })
  startProjectors({ only: [movies, trending] })
  const { id, position } = await addedMovie(app, user({ role: 'admin' }).headers, 'Counted Film')
  const base = await listen(app)
  const path = `/api/v1/movies/${id}`
  // Sequential: one count per answer, early or not.
  const remaining: number[] = []
  const asked: Record<string, string>[] = [
    { 'x-consistency-token': position },
    {},
    {},
    { 'if-none-match': 'W/"x"' },
    {},
    {},
  ]
  for (const headers of asked) {
    const answer = await get(base, path, headers)
    t.equal(answer.status, 200)
    remaining.push(Number(answer.headers['ratelimit-remaining']))
  }
  t.same(
    remaining,
    remaining.map((_, i) => max - 1 - i),
    'each answer, early or routed, counts once',
  )
  t.ok(early(app, '/api/v1/movies/:id') >= 2, 'some were answered early')

  // In parallel: exactly what is left of the limit passes, early or not; the rest are refused.
  const left = max - remaining.length
  const answers = await Promise.all(Array.from({ length: 3 * left }, () => get(base, path)))
  limitHeld(t, answers, left)
})

t.test('the general limit counts early memo misses once each, in parallel too', async (t) => {
  const max = 30
  const { app, user, startProjectors } = await buildTestApp(t, {
    rateLimitMax: max,
    rateLimitWindowSeconds: 600,
  })
  startProjectors({ only: [movies, trending] })
  const admin = user({ role: 'admin' }).headers
  const added: { id: string; position: string }[] = []
  for (let i = 0; i < 12; i++) added.push(await addedMovie(app, admin, `Counted Miss ${i}`))
  const base = await listen(app)
  const pathOf = (id: string) => `/api/v1/movies/${id}`
  const last = added.at(-1) as { id: string; position: string }
  t.equal((await get(base, pathOf(last.id), { 'x-consistency-token': last.position })).status, 200)
  t.equal((await get(base, pathOf(last.id))).status, 200, 'the route’s first anonymous answer')
  const used = 2
  // Eleven details never asked anonymously, each asked three times at once: 33 requests, 28 left.
  const left = max - used
  const paths = added.slice(0, 11).flatMap((movie) => [pathOf(movie.id), pathOf(movie.id), pathOf(movie.id)])
  const answers = await Promise.all(paths.map((path) => get(base, path)))
  limitHeld(t, answers, left)
  t.ok(fetched(app) >= 1, `read early: ${fetched(app)}`)
  for (const answer of answers.filter((answer) => answer.status === 200))
    t.match(JSON.parse(answer.body), { title: /^Counted Miss / })
})

t.test('behind a trusted proxy: per forwarded client, HSTS over HTTPS', async (t) => {
  const { app, user, startProjectors } = await buildTestApp(t, { trustProxyHops: 1 })
  startProjectors({ only: [movies, trending] })
  const { id, position } = await addedMovie(app, user({ role: 'admin' }).headers, 'Forwarded Film')
  const base = await listen(app)
  const path = `/api/v1/movies/${id}`
  await get(base, path, { 'x-consistency-token': position })
  const from = (client: string, proto = 'http') =>
    get(base, path, { 'x-forwarded-for': client, 'x-forwarded-proto': proto })
  await from('203.0.113.7')
  const seen = early(app, '/api/v1/movies/:id')
  const a1 = await from('203.0.113.7')
  const b1 = await from('198.51.100.9', 'https')
  const a2 = await from('203.0.113.7', 'https')
  t.equal(early(app, '/api/v1/movies/:id'), seen + 3, 'answered early')
  t.equal(
    Number(a1.headers['ratelimit-remaining']) - 1,
    Number(a2.headers['ratelimit-remaining']),
    'one client’s count',
  )
  t.equal(
    Number(b1.headers['ratelimit-remaining']),
    app.config.rateLimitMax - 1,
    'another forwarded client counts apart',
  )
  t.notOk('strict-transport-security' in a1.headers, 'no HSTS over plain HTTP')
  t.equal(b1.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains', 'HSTS over HTTPS')
  const routed = await get(base, path, {
    'x-forwarded-for': '198.51.100.9',
    'x-forwarded-proto': 'https',
    'if-none-match': 'W/"x"',
  })
  t.same(b1.names, routed.names, 'the same headers as the route sends over HTTPS')
})

t.test('at LOG_LEVEL=info an early answer logs the access line the route would', async (t) => {
  const { config, user, startProjectors } = await buildTestApp(t)
  startProjectors({ only: [movies, trending] })
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line !== '') lines.push(JSON.parse(line))
      done()
    },
  })
  const app = await buildApp({ ...config, logLevel: 'info' }, { logger: { level: 'info', stream } })
  t.teardown(() => app.close())
  const { id } = await addedMovie(app, user({ role: 'admin' }).headers, 'Logged Film')
  const base = await listen(app)
  const path = `/api/v1/movies/${id}`
  // Until the projection has the movie (404s are not memoised), then twice more.
  let answer = await get(base, path)
  for (let i = 0; i < 100 && answer.status !== 200; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    answer = await get(base, path)
  }
  t.equal(answer.status, 200)
  let earlyAnswer = answer
  for (let i = 0; i < 50 && early(app, '/api/v1/movies/:id') === 0; i++) earlyAnswer = await get(base, path)
  t.equal(early(app, '/api/v1/movies/:id'), 1)
  const line = lines.find((entry) => entry.reqId === earlyAnswer.headers['x-request-id'])
  t.match(line, {
    level: 30,
    reqId: earlyAnswer.headers['x-request-id'],
    method: 'GET',
    url: path,
    statusCode: 200,
    responseTime: Number,
    msg: 'request completed',
  })
  const routedLine = lines.find((entry) => entry.reqId === answer.headers['x-request-id'])
  t.same(Object.keys(line ?? {}), Object.keys(routedLine ?? {}), 'the same fields in the same order')
})

t.test('with CORS_ORIGINS set, early answers carry the CORS headers the route sends', async (t) => {
  const { app, user, startProjectors } = await buildTestApp(t, { corsOrigins: ['https://app.example'] })
  startProjectors({ only: [movies, trending] })
  const { id, position } = await addedMovie(app, user({ role: 'admin' }).headers, 'Cross Film')
  const base = await listen(app)
  const path = `/api/v1/movies/${id}`
  await get(base, path, { 'x-consistency-token': position })
  await get(base, path)
  const route = '/api/v1/movies/:id'
  for (const origin of [undefined, 'https://app.example', 'https://elsewhere.example']) {
    const headers: Record<string, string> = origin === undefined ? {} : { origin }
    const seen = early(app, route)
    const answered = await get(base, path, headers)
    t.equal(early(app, route), seen + 1, `answered early (Origin: ${origin})`)
    const routed = await get(base, path, { ...headers, 'if-none-match': 'W/"x"' })
    t.same(answered.names, routed.names, `the same headers, in the same order (Origin: ${origin})`)
    t.same(comparable(answered), comparable(routed), `the same values (Origin: ${origin})`)
    t.equal(answered.headers.vary, 'Origin')
    t.match(answered.headers['access-control-expose-headers'], /ETag/i)
    t.equal(
      answered.headers['access-control-allow-origin'],
      origin === 'https://app.example' ? origin : undefined,
      'only an allowed origin is reflected',
    )
  }
})

t.test('a memoised list page asked again is answered early; a new movie is in the next one', async (t) => {
  const { app, user, startProjectors } = await buildTestApp(t)
  startProjectors({ only: [movies, trending] })
  const admin = user({ role: 'admin' }).headers
  const { position } = await addedMovie(app, admin, 'Listed First')
  const base = await listen(app)
  const path = '/api/v1/movies?genre=drama&sort=title&limit=10'
  await get(base, path, { 'x-consistency-token': position })
  const route = '/api/v1/movies'
  const computed = await get(base, path)
  let answered = computed
  for (let i = 0; i < 50 && early(app, route) === 0; i++) answered = await get(base, path)
  t.equal(early(app, route), 1, 'answered early')
  const routed = await get(base, path, { 'if-none-match': 'W/"x"' })
  t.same(answered.names, routed.names, 'the same headers, in the same order')
  t.same(comparable(answered), comparable(routed), 'the same header values')
  t.equal(answered.body, routed.body)
  t.same(
    JSON.parse(answered.body).items.map((item: { title: string }) => item.title),
    ['Listed First'],
  )
  // Another query string is another answer, never this one.
  const other = await get(base, '/api/v1/movies?genre=drama&sort=title&limit=1')
  t.equal(other.status, 200)
  t.equal(early(app, route), 1)

  const second = await addedMovie(app, admin, 'Listed Second')
  await get(base, path, { 'x-consistency-token': second.position })
  const after = await get(base, path)
  t.same(
    JSON.parse(after.body).items.map((item: { title: string }) => item.title),
    ['Listed First', 'Listed Second'],
    'the new movie, not the page kept before it',
  )
})
