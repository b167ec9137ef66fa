/**
 * The whole API in embedded mode: the app, the projections and the reactors on PGlite in a
 * temporary directory with the in-process store, as `npm start` runs them without service URLs,
 * walked with real requests: accounts and sessions, roles and erasure, the catalogue, every
 * interaction, comments, every GET of the OpenAPI document (path parameters filled with real ids),
 * the projections' status, the NDJSON export and a TMDb import (against the local TMDb stand-in).
 *
 * Why: embedded mode has ONE PostgreSQL connection, so a path that holds a transaction and then
 * awaits another pool query waits for itself forever, and the in-process store must answer every
 * Redis command a path sends. Each request therefore has a time limit: a deadlock fails with the
 * route's name instead of hanging the suite; and every answer must be a status the OpenAPI
 * document lists for its operation (never a 500) and the one this walk expects.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { InjectOptions, Response } from 'light-my-request'
import t, { type Test } from 'tap'
import { importedMovieId } from '../../src/domain/movie/external-ids.ts'
import { registered } from '../../src/runtime/registry.ts'
import { startEmbeddedApp } from '../support/embedded-app.ts'
import { fakeCredits, fakeMovies, startFakeTmdb } from '../support/fake-tmdb.ts'

/** Far above any answer here (a consistency wait is at most 10 s), below tap's own 30 s default. */
const REQUEST_TIMEOUT_MS = 20_000
const LOGIN_FAILURE_LIMIT = 3

// tap ends the root test once it has a teardown and nothing pending: every await of the set-up
// comes before the first t.teardown (the fake's is collected and run in ours).
const closeFake: (() => unknown)[] = []
const fake = await startFakeTmdb({ teardown: (fn) => closeFake.push(fn) }, { movies: fakeMovies(5) })
const { app, config, close, removeDir } = await startEmbeddedApp(
  'embedded-routes',
  {
    authRateLimitMax: 1_000,
    loginFailureLimit: LOGIN_FAILURE_LIMIT,
    tmdbBaseUrl: fake.baseUrl,
    tmdbApiKey: fake.apiKey,
  },
  { retryBaseMs: 20, maxRetries: 1, breaker: { volumeThreshold: 1000 } },
)
t.equal(config.mode, 'embedded')

type Operation = { responses?: Record<string, unknown> }
const documentation = await app.inject({ url: '/api/docs/json' })
const documented = documentation.json().paths as Record<string, Record<string, Operation>>

/** Set by the first request that never answered: the one connection is then held for good. */
let stuck: string | null = null

t.teardown(async () => {
  const closing = close()
  // After a deadlock nothing closes: end the file anyway (the failure is already reported).
  if (stuck === null) await closing
  else await Promise.race([closing, sleep(5_000)])
  for (const close of closeFake) await close()
  await removeDir()
})

type Headers = Record<string, string>
type Call = {
  /** The OpenAPI path, e.g. /api/v1/movies/{id}; `params` fill its braces. */
  route: string
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  params?: Record<string, string>
  query?: string
  headers?: Headers
  payload?: InjectOptions['payload']
  /** The status this walk expects (one of them). */
  expect: number | number[]
  /** A route left out of the OpenAPI document on purpose (GET /metrics): only `expect` applies. */
  hidden?: boolean
}

/**
 * One request, bounded in time: a request that does not answer fails the test with its name. The
 * answer's status must be documented for the operation and expected here; an error answer must
 * carry the error body.
 */
async function call(t: Test, request: Call): Promise<Response> {
  const method = request.method ?? 'GET'
  const name = `${method} ${request.route}`
  if (stuck !== null) throw new Error(`${name} not sent: ${stuck} never answered`)
  const url =
    request.route.replace(/\{(\w+)\}/g, (_, key: string) => {
      const value = request.params?.[key]
      if (value === undefined) throw new Error(`${name}: no value for {${key}}`)
      return value
    }) + (request.query ? `?${request.query}` : '')
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stuck = name
      reject(
        new Error(
          `${name} (${url}) did not answer within ${REQUEST_TIMEOUT_MS / 1000} s: a deadlock on the one embedded connection?`,
        ),
      )
    }, REQUEST_TIMEOUT_MS)
  })
  let reply: Response
  try {
    reply = await Promise.race([
      app.inject({
        method,
        url,
        headers: request.headers ?? {},
        ...(request.payload === undefined ? {} : { payload: request.payload }),
      }),
      timeout,
    ])
  } finally {
    clearTimeout(timer)
  }
  const status = String(reply.statusCode)
  const operation = documented[request.route]?.[method.toLowerCase()]
  if (!operation && !request.hidden) throw new Error(`${name} is not in the OpenAPI document`)
  const expected = Array.isArray(request.expect) ? request.expect : [request.expect]
  const listed = operation ? Object.keys(operation.responses ?? {}) : expected.map(String)
  if (!listed.includes(status) || !expected.includes(reply.statusCode)) {
    t.fail(
      `${name} answered ${status} (documented: ${listed.join(', ')}; expected ${expected.join(' or ')})`,
      {
        body: reply.body.slice(0, 2_000),
      },
    )
  } else {
    t.pass(`${name} answered ${status}`)
  }
  if (reply.statusCode >= 400) {
    t.match(reply.json(), { error: { code: String, message: String } }, `${name}: the error body`)
  }
  return reply
}

const bearer = (token: string): Headers => ({ authorization: `Bearer ${token}` })
/** A token for this user id with another role (how the tests sign in an admin: no endpoint makes one). */
const as = (userId: string, role: 'user' | 'analyst' | 'admin') =>
  bearer(app.signAccessToken({ sub: userId, role }))

const PASSWORD = 'correct horse battery staple'
const NEW_PASSWORD = 'staple battery horse correct'

/** The latest position seen: reads wait for it (X-Consistency-Token), so projections must keep up. */
let latest = ''
const seen = (reply: Response): Response => {
  const json = /application\/json/.test(String(reply.headers['content-type'])) ? reply.json() : null
  const position = (reply.headers['x-consistency-token'] as string | undefined) ?? json?.position
  if (typeof position === 'string' && position > latest) latest = position
  return reply
}
const consistent = (headers: Headers): Headers =>
  latest ? { ...headers, 'x-consistency-token': latest } : headers

async function register(t: Test, username: string) {
  const reply = seen(
    await call(t, {
      route: '/api/v1/auth/register',
      method: 'POST',
      payload: { username, email: `${username}@example.com`, password: PASSWORD, displayName: username },
      expect: 201,
    }),
  )
  return reply.json().userId as string
}

async function login(t: Test, username: string, password = PASSWORD) {
  const reply = await call(t, {
    route: '/api/v1/auth/login',
    method: 'POST',
    payload: { login: username, password },
    expect: 200,
  })
  return reply.json() as { accessToken: string; refreshToken: string; userId: string }
}

// Ids the walk of every GET fills path parameters with.
const ids: { movie?: string; user?: string; import?: string; comment?: string; person?: string } = {}
let adminId = ''

t.test('accounts and sessions: register, login, refresh, logout, me, password, throttle', async (t) => {
  const ada = await register(t, 'ada')
  adminId = await register(t, 'boss')
  ids.user = ada
  let tokens = await login(t, 'ada')
  t.equal(tokens.userId, ada)

  const me = await call(t, {
    route: '/api/v1/me',
    headers: consistent(bearer(tokens.accessToken)),
    expect: 200,
  })
  t.match(me.json(), { id: ada, username: 'ada', email: 'ada@example.com', role: 'user' })
  seen(
    await call(t, {
      route: '/api/v1/me',
      method: 'PATCH',
      headers: bearer(tokens.accessToken),
      payload: { displayName: 'Ada L.', favouriteGenres: ['drama', 'science-fiction'] },
      expect: 200,
    }),
  )
  const patched = await call(t, {
    route: '/api/v1/me',
    headers: consistent(bearer(tokens.accessToken)),
    expect: 200,
  })
  t.equal(patched.json().displayName, 'Ada L.', 'the profile change is read back')

  const refreshed = await call(t, {
    route: '/api/v1/auth/refresh',
    method: 'POST',
    payload: { refreshToken: tokens.refreshToken },
    expect: 200,
  })
  const reused = await call(t, {
    route: '/api/v1/auth/refresh',
    method: 'POST',
    payload: { refreshToken: tokens.refreshToken },
    expect: 401,
  })
  t.ok(reused.json().error.code, 'a spent refresh token is refused (and its session revoked)')
  // The reuse revoked the session the refreshed tokens belong to.
  await call(t, { route: '/api/v1/me', headers: bearer(refreshed.json().accessToken), expect: 401 })

  tokens = await login(t, 'ada')
  await call(t, {
    route: '/api/v1/auth/logout',
    method: 'POST',
    payload: { refreshToken: tokens.refreshToken },
    expect: 204,
  })
  await call(t, { route: '/api/v1/me', headers: bearer(tokens.accessToken), expect: 401 })

  tokens = await login(t, 'ada')
  seen(
    await call(t, {
      route: '/api/v1/me/password',
      method: 'POST',
      headers: bearer(tokens.accessToken),
      payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      expect: 200,
    }),
  )
  await call(t, {
    route: '/api/v1/auth/login',
    method: 'POST',
    payload: { login: 'ada', password: PASSWORD },
    expect: 401,
  })
  tokens = await login(t, 'ada', NEW_PASSWORD)

  // Failed password checks are counted per account in the in-process store.
  await register(t, 'guesser')
  for (let i = 1; i < LOGIN_FAILURE_LIMIT; i++) {
    await call(t, {
      route: '/api/v1/auth/login',
      method: 'POST',
      payload: { login: 'guesser', password: `wrong guess number ${i}` },
      expect: 401,
    })
  }
  await call(t, {
    route: '/api/v1/auth/login',
    method: 'POST',
    payload: { login: 'guesser', password: 'wrong guess number last' },
    expect: [401, 429],
  })
  const throttled = await call(t, {
    route: '/api/v1/auth/login',
    method: 'POST',
    payload: { login: 'guesser', password: PASSWORD },
    expect: 429,
  })
  t.equal(throttled.json().error.code, 'TOO_MANY_FAILED_ATTEMPTS')
  t.ok(throttled.headers['retry-after'], 'with Retry-After')
})

t.test('the catalogue, every interaction and comments', async (t) => {
  const admin = as(adminId, 'admin')
  const ada = as(ids.user ?? '', 'user')
  const created = seen(
    await call(t, {
      route: '/api/v1/movies',
      method: 'POST',
      headers: admin,
      payload: {
        title: 'Silent Harbor',
        year: 2024,
        genres: ['Drama', 'Mystery'],
        overview: 'A lighthouse keeper finds a boat with no crew.',
        releaseDate: '2024-03-08',
      },
      expect: 201,
    }),
  )
  const movie = created.json().id as string
  ids.movie = movie
  seen(
    await call(t, {
      route: '/api/v1/movies/{id}',
      method: 'PATCH',
      params: { id: movie },
      headers: admin,
      payload: { title: 'Silent Harbour', genres: ['Drama'] },
      expect: 200,
    }),
  )
  const read = await call(t, {
    route: '/api/v1/movies/{id}',
    params: { id: movie },
    headers: consistent({}),
    expect: 200,
  })
  t.equal(read.json().title, 'Silent Harbour', 'the change is read back')
  // Search forgives on PGlite as on PostgreSQL: its contrib unaccent, pg_trgm and fuzzystrmatch.
  const accent = seen(
    await call(t, {
      route: '/api/v1/movies',
      method: 'POST',
      headers: admin,
      payload: { title: 'Amélie', year: 2001, genres: ['Comedy'] },
      expect: 201,
    }),
  ).json().id as string
  for (const q of ['amelie', 'silent harbuor', 'AMÉLIE']) {
    const found = await call(t, {
      route: '/api/v1/movies',
      query: `q=${encodeURIComponent(q)}`,
      headers: consistent({}),
      expect: 200,
    })
    t.ok(found.json().items.length > 0, `q=${q} finds a movie`)
  }
  const suggested = await call(t, {
    route: '/api/v1/search/suggest',
    query: 'q=amel',
    headers: consistent({}),
    expect: 200,
  })
  t.match(suggested.json().items, [{ kind: 'movie', id: accent, label: 'Amélie' }], 'suggestions too')

  const doomed = seen(
    await call(t, {
      route: '/api/v1/movies',
      method: 'POST',
      headers: admin,
      payload: { title: 'Doomed', year: 2001, genres: ['Horror'] },
      expect: 201,
    }),
  ).json().id as string
  seen(
    await call(t, {
      route: '/api/v1/movies/{id}',
      method: 'DELETE',
      params: { id: doomed },
      query: 'reason=duplicate%20entry',
      headers: admin,
      expect: 200,
    }),
  )
  await call(t, {
    route: '/api/v1/movies/{id}',
    params: { id: doomed },
    headers: consistent({}),
    expect: 404,
  })
  const other = seen(
    await call(t, {
      route: '/api/v1/movies',
      method: 'POST',
      headers: admin,
      payload: { title: 'Other', year: 2002, genres: ['Drama'] },
      expect: 201,
    }),
  ).json().id as string

  const withId = (route: string, method: Call['method'], payload?: object, id = movie): Call => ({
    route,
    method,
    params: { id },
    headers: ada,
    ...(payload ? { payload } : {}),
    expect: 200,
  })
  for (const request of [
    withId('/api/v1/movies/{id}/rating', 'PUT', { stars: 4, review: 'Slow start, great ending.' }),
    withId('/api/v1/movies/{id}/rating', 'DELETE'),
    withId('/api/v1/movies/{id}/rating', 'PUT', { stars: 5 }),
    withId('/api/v1/movies/{id}/favorite', 'PUT'),
    withId('/api/v1/movies/{id}/favorite', 'DELETE'),
    withId('/api/v1/movies/{id}/favorite', 'PUT'),
    withId('/api/v1/movies/{id}/like', 'PUT'),
    withId('/api/v1/movies/{id}/like', 'DELETE'),
    withId('/api/v1/movies/{id}/like', 'PUT'),
    withId('/api/v1/movies/{id}/watches', 'POST', { progress: 0.85, watchedAt: '2026-11-24T20:15:00.000Z' }),
  ]) {
    const reply = seen(await call(t, request))
    t.equal(reply.json().changed, true, `${request.method} ${request.route} changed something`)
  }
  seen(
    await call(t, {
      route: '/api/v1/me/recommendations/{movieId}/dismiss',
      method: 'POST',
      params: { movieId: other },
      headers: ada,
      expect: 200,
    }),
  )
  const ratings = await call(t, { route: '/api/v1/me/ratings', headers: consistent(ada), expect: 200 })
  t.match(ratings.json().items, [{ movieId: movie, stars: 5 }], 'the rating is read back')
  const favourites = await call(t, { route: '/api/v1/me/favorites', headers: consistent(ada), expect: 200 })
  t.equal(favourites.json().items.length, 1)
  const history = await call(t, { route: '/api/v1/me/history', headers: consistent(ada), expect: 200 })
  t.equal(history.json().items.length, 1)
  const recommended = await call(t, {
    route: '/api/v1/me/recommendations',
    headers: consistent(ada),
    expect: 200,
  })
  t.notOk(
    recommended.json().items.some((item: { movieId: string }) => item.movieId === other),
    'the dismissed movie is not recommended',
  )

  const comment = seen(
    await call(t, {
      route: '/api/v1/movies/{id}/comments',
      method: 'POST',
      params: { id: movie },
      headers: ada,
      payload: { text: 'The last shot stayed with me.', parentId: null },
      expect: 201,
    }),
  ).json().id as string
  ids.comment = comment
  const reply = seen(
    await call(t, {
      route: '/api/v1/movies/{id}/comments',
      method: 'POST',
      params: { id: movie },
      headers: admin,
      payload: { text: 'Mine too.', parentId: comment },
      expect: 201,
    }),
  ).json().id as string
  seen(
    await call(t, {
      route: '/api/v1/comments/{id}',
      method: 'PATCH',
      params: { id: comment },
      headers: ada,
      payload: { text: 'The last shot stayed with me for days.' },
      expect: 200,
    }),
  )
  seen(await call(t, { ...withId('/api/v1/comments/{id}/like', 'PUT', undefined, reply), headers: ada }))
  seen(await call(t, { ...withId('/api/v1/comments/{id}/like', 'DELETE', undefined, reply), headers: ada }))
  seen(await call(t, { ...withId('/api/v1/comments/{id}/like', 'PUT', undefined, comment), headers: admin }))
  seen(
    await call(t, {
      route: '/api/v1/comments/{id}',
      method: 'DELETE',
      params: { id: reply },
      query: 'reason=spoilers%20without%20warning',
      headers: admin,
      expect: 200,
    }),
  )
  const comments = await call(t, {
    route: '/api/v1/movies/{id}/comments',
    params: { id: movie },
    headers: consistent({}),
    expect: 200,
  })
  t.match(JSON.stringify(comments.json()), /stayed with me for days/, 'the edited comment is read back')
  t.notMatch(JSON.stringify(comments.json()), /Mine too/, 'the deleted reply is gone')
})

t.test('a TMDb import runs through the reactor (TMDb answers cached in the in-process store)', async (t) => {
  const admin = as(adminId, 'admin')
  const first = fake.movies[0]
  if (!first) throw new Error('no fake movie')
  const accepted = seen(
    await call(t, {
      route: '/api/v1/admin/imports',
      method: 'POST',
      headers: admin,
      payload: { source: 'tmdb', kind: 'movie', tmdbIds: [first.id] },
      expect: 202,
    }),
  )
  const jobId = accepted.json().jobId as string
  ids.import = jobId
  // The imported movie's director: a person of the catalogue once the import completed.
  ids.person = String(fakeCredits(first.id).crew.find((member) => member.job === 'Director')?.id)
  const finished = async (id: string) => {
    for (let i = 0; i < 400; i++) {
      const reply = await call(t, {
        route: '/api/v1/admin/imports/{id}',
        params: { id },
        headers: consistent(admin),
        expect: 200,
      })
      const job = reply.json() as { status: string; counts: unknown }
      if (job.status === 'completed' || job.status === 'failed') return job
      await sleep(50)
    }
    return null
  }
  const job = await finished(jobId)
  t.match(job, { status: 'completed', counts: { imported: 1, skipped: 0, failed: 0 } })
  const imported = importedMovieId({ tmdb: first.id })
  let found = 0
  for (let i = 0; i < 200 && found !== 200; i++) {
    found = (await call(t, { route: '/api/v1/movies/{id}', params: { id: imported }, expect: [200, 404] }))
      .statusCode
    if (found !== 200) await sleep(50)
  }
  t.equal(found, 200, 'the imported movie is in the catalogue')

  // The trending list with details, then the same movie again: skipped, its details from the cache.
  const trending = seen(
    await call(t, {
      route: '/api/v1/admin/imports',
      method: 'POST',
      headers: { ...admin, 'idempotency-key': 'trending-day-1' },
      payload: { source: 'tmdb', kind: 'trending', window: 'day', pages: 1, details: true },
      expect: 202,
    }),
  )
  const replayed = await call(t, {
    route: '/api/v1/admin/imports',
    method: 'POST',
    headers: { ...admin, 'idempotency-key': 'trending-day-1' },
    payload: { source: 'tmdb', kind: 'trending', window: 'day', pages: 1, details: true },
    expect: 202,
  })
  t.equal(replayed.json().jobId, trending.json().jobId, 'the same Idempotency-Key names the same job')
  t.match(await finished(trending.json().jobId), {
    status: 'completed',
    counts: { imported: fake.movies.length - 1, skipped: 1, failed: 0 },
  })
  const requests = fake.count()
  const again = seen(
    await call(t, {
      route: '/api/v1/admin/imports',
      method: 'POST',
      headers: admin,
      payload: { source: 'tmdb', kind: 'trending', window: 'day', pages: 1, details: true },
      expect: 202,
    }),
  )
  t.match(await finished(again.json().jobId), {
    status: 'completed',
    counts: { imported: 0, skipped: fake.movies.length, failed: 0 },
  })
  t.equal(fake.count(), requests, 'TMDb was not asked again: its answers are in the in-process store')
})

/** The value of each path parameter of the documented routes, by route. */
function paramsFor(route: string): Record<string, string> {
  const id = route.startsWith('/api/v1/movies/')
    ? ids.movie
    : route.startsWith('/api/v1/admin/imports/')
      ? ids.import
      : route.startsWith('/api/v1/admin/users/') || route.startsWith('/api/v1/users/')
        ? ids.user
        : route.startsWith('/api/v1/moderation/comments/')
          ? ids.comment
          : route.startsWith('/api/v1/people/')
            ? ids.person
            : undefined
  if (!route.includes('{')) return {}
  // The stream browser's route: the movie's stream.
  if (route === '/api/v1/admin/streams/{stream}' && ids.movie) return { stream: `movie-${ids.movie}` }
  if (id === undefined || !/^[^{}]*\{id\}[^{}]*$/.test(route))
    throw new Error(`${route}: this walk has no id for its path parameters; add one`)
  return { id }
}

t.test('every GET of the OpenAPI document answers, anonymous and as an admin', async (t) => {
  const admin = as(adminId, 'admin')
  const routes = Object.entries(documented)
    .filter(([, methods]) => methods.get !== undefined)
    .map(([route]) => route)
  t.ok(routes.length > 15, `${routes.length} GET routes`)
  // The required query parameters of the GETs that have some.
  const queries: Record<string, string> = { '/api/v1/search/suggest': 'q=harb' }
  for (const route of routes) {
    const params = paramsFor(route)
    const query = queries[route]
    await call(t, { route, params, query, headers: consistent(admin), expect: 200 })
    await call(t, { route, params, query, expect: [200, 401] })
  }
})

t.test('the log exports as NDJSON without secrets; projections report their state', async (t) => {
  const admin = as(adminId, 'admin')
  const exported = await call(t, {
    route: '/api/v1/events',
    query: 'limit=10000',
    headers: admin,
    expect: 200,
  })
  t.match(exported.headers['content-type'], /application\/x-ndjson/)
  const lines = exported.body
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  const end = lines.pop()
  t.match(end, { next: /^[0-9a-f]{32}$/, more: false }, 'the last line says where to continue')
  const types = new Set(lines.map((line: { type: string }) => line.type))
  for (const type of ['UserRegistered', 'MovieAdded', 'RatingGiven', 'CommentAdded', 'ImportCompleted'])
    t.ok(types.has(type), `${type} is exported`)
  t.notMatch(exported.body, PASSWORD, 'no password')
  t.notMatch(exported.body, fake.apiKey, 'no TMDb key')
  const analysts = await call(t, {
    route: '/api/v1/events',
    query: 'types=RatingGiven&limit=1',
    headers: as(adminId, 'analyst'),
    expect: 200,
  })
  t.equal(analysts.body.trim().split('\n').length, 2, 'one event and the end line')

  const status = await call(t, { route: '/api/v1/admin/projections', headers: admin, expect: 200 })
  const names = JSON.stringify(status.json())
  for (const { name } of registered) t.match(names, `"${name}"`, `${name} is listed`)
  t.notMatch(names, /"state":"stopped"/, 'no projection stopped on a poison event')
  const metrics = await call(t, { route: '/metrics', hidden: true, expect: 200 })
  t.match(metrics.body, /nexus_projection_lag_events\{[^}]*projection="user_ratings"/, 'with each projection')
})

t.test('roles and erasure', async (t) => {
  const admin = as(adminId, 'admin')
  const victim = await register(t, 'victim')
  const session = await login(t, 'victim')
  // Revocation on a role change is exact (the stream revision the token read): no waiting for the
  // next second, the token of the old role is refused at once.
  seen(
    await call(t, {
      route: '/api/v1/admin/users/{id}/role',
      method: 'POST',
      params: { id: victim },
      headers: admin,
      payload: { role: 'analyst' },
      expect: 200,
    }),
  )
  await call(t, { route: '/api/v1/me', headers: bearer(session.accessToken), expect: 401 })
  const promoted = await login(t, 'victim')
  const me = await call(t, {
    route: '/api/v1/me',
    headers: consistent(bearer(promoted.accessToken)),
    expect: 200,
  })
  t.equal(me.json().role, 'analyst', 'the new role is read back')
  seen(
    await call(t, {
      route: '/api/v1/admin/users/{id}',
      method: 'DELETE',
      params: { id: victim },
      headers: admin,
      expect: 200,
    }),
  )
  await call(t, { route: '/api/v1/me', headers: bearer(promoted.accessToken), expect: 401 })
  await call(t, {
    route: '/api/v1/auth/login',
    method: 'POST',
    payload: { login: 'victim', password: PASSWORD },
    expect: 401,
  })
  const erased = await call(t, {
    route: '/api/v1/admin/users/{id}',
    params: { id: victim },
    headers: consistent(admin),
    expect: 200,
  })
  t.notMatch(erased.body, /victim@example\.com/, 'the email is gone')
  // The username is free again.
  await register(t, 'victim')

  // A user erases their own account.
  const leaving = await register(t, 'leaving')
  const own = await login(t, 'leaving')
  seen(
    await call(t, {
      route: '/api/v1/me',
      method: 'DELETE',
      headers: bearer(own.accessToken),
      payload: { password: PASSWORD },
      expect: 200,
    }),
  )
  await call(t, { route: '/api/v1/me', headers: bearer(own.accessToken), expect: 401 })
  const left = await call(t, {
    route: '/api/v1/admin/users/{id}',
    params: { id: leaving },
    headers: consistent(admin),
    expect: 200,
  })
  t.notMatch(left.body, /leaving@example\.com/, 'their email is gone too')
})

t.test('many requests at once, writes and reads, while the projectors run', async (t) => {
  const movie = ids.movie ?? ''
  const users = Array.from({ length: 8 }, () => as(crypto.randomUUID(), 'user'))
  const requests: Call[] = users.flatMap((headers, i): Call[] => [
    {
      route: '/api/v1/movies/{id}/rating',
      method: 'PUT',
      params: { id: movie },
      headers,
      payload: { stars: 1 + (i % 5) },
      expect: 200,
    },
    { route: '/api/v1/movies/{id}/favorite', method: 'PUT', params: { id: movie }, headers, expect: 200 },
    { route: '/api/v1/me/recommendations', headers, expect: 200 },
    { route: '/api/v1/movies/trending', query: 'window=week', expect: 200 },
    { route: '/api/v1/movies/{id}', params: { id: movie }, expect: 200 },
  ])
  requests.push(
    { route: '/api/v1/admin/projections', headers: as(adminId, 'admin'), expect: 200 },
    { route: '/api/v1/events', query: 'limit=50', headers: as(adminId, 'admin'), expect: 200 },
    {
      route: '/api/v1/auth/register',
      method: 'POST',
      payload: { username: 'crowd', email: 'crowd@example.com', password: PASSWORD },
      expect: 201,
    },
    {
      route: '/api/v1/auth/login',
      method: 'POST',
      payload: { login: 'ada', password: NEW_PASSWORD },
      expect: 200,
    },
  )
  const replies = await Promise.all(requests.map((request) => call(t, request).then(seen)))
  t.equal(replies.length, requests.length)
  const ratings = await call(t, {
    route: '/api/v1/movies/{id}',
    params: { id: movie },
    headers: consistent({}),
    expect: 200,
  })
  t.ok(ratings.json(), 'the movie still answers after the burst')
})
