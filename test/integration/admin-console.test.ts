/**
 * The admin console at /admin over app.inject: who gets in (sign-in with the API's accounts, console
 * roles only, cookies as documented), CSRF refusals, and that every write is the API's command
 * (the same events on the same streams, the same 4xx for the same bad input). Also the admin routes
 * it added to the API: one stream's history, and rebuilding or skipping a projection over HTTP.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import t from 'tap'
import type { StoredEvent } from '../../src/event-store/contract.ts'
import { UpcastingEventStore } from '../../src/event-store/upcasting-event-store.ts'
import { buildTestApp } from '../support/app.ts'
import { leasesFor } from '../support/database.ts'
import { startFakeTmdb } from '../support/fake-tmdb.ts'

const { app, user, startProjectors, config, database } = await buildTestApp(t, {
  consistencyTimeoutMs: 5_000,
})
startProjectors()

const PASSWORD = 'correct horse battery staple'
/** What inject sends as Host, so this console's own origin. */
const ORIGIN = 'http://localhost:80'
type Cookies = Record<string, string>

async function register(role: 'user' | 'admin' | 'analyst') {
  const username = `u${randomUUID().slice(0, 8)}`
  const registered = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { username, email: `${username}@example.com`, password: PASSWORD },
  })
  if (registered.statusCode !== 201) throw new Error(`register: ${registered.body}`)
  const { userId } = registered.json() as { userId: string }
  let position = registered.json().position as string
  if (role !== 'user') {
    const changed = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${userId}/role`,
      headers: user({ role: 'admin' }).headers,
      payload: { role },
    })
    if (changed.statusCode !== 200) throw new Error(`role: ${changed.body}`)
    position = changed.json().position
  }
  return { username, userId, position }
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

function cookiesOf(response: { cookies: { name: string; value: string }[] }): Cookies {
  return Object.fromEntries(response.cookies.map((c) => [c.name, c.value]))
}

async function signIn(login: string, password = PASSWORD) {
  return app.inject({
    method: 'POST',
    url: '/admin/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    payload: form({ login, password, next: '/admin/movies' }),
  })
}

async function post(url: string, cookies: Cookies, fields: Record<string, string>, headers = {}) {
  return app.inject({
    method: 'POST',
    url,
    cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
    payload: form(fields),
  })
}

async function streamEvents(stream: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = []
  for await (const event of app.eventStore.readStream(stream)) events.push(event)
  return events
}

/** Events in this file's database (readAll's head may trail behind other files' transactions). */
async function logSize(): Promise<number> {
  const { rows } = await sql<{ count: string }>`select count(*) as count from events`.execute(app.db)
  return Number(rows[0]?.count)
}

const boss = await register('admin')
const pleb = await register('user')
const signedIn = await signIn(boss.username)
const session = cookiesOf(signedIn)

t.test('signing in: the API account, cookies as documented, console roles only', async (t) => {
  t.equal(signedIn.statusCode, 303)
  t.equal(signedIn.headers.location, '/admin/movies')
  t.same(Object.keys(session).sort(), ['nexus_admin_access', 'nexus_admin_refresh'])
  for (const cookie of signedIn.cookies) {
    t.equal(cookie.httpOnly, true, `${cookie.name} is httpOnly`)
    t.equal(cookie.sameSite, 'Strict', `${cookie.name} is SameSite=Strict`)
    t.equal(cookie.path, '/admin')
    t.notOk(cookie.secure, 'not Secure outside production (plain http in tests)')
  }

  const page = await app.inject({ url: '/admin/movies', cookies: session })
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /text\/html/)
  t.match(page.body, /Nexus admin/)
  t.match(page.headers['content-security-policy'], /script-src 'self'/)
  t.notMatch(page.headers['content-security-policy'], /unsafe-inline|unsafe-eval/)
  t.equal(page.headers['x-frame-options'], 'DENY')
  t.equal(page.headers['cache-control'], 'no-store')
  t.notMatch(page.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script')
  t.notMatch(page.body, /\sstyle=/, 'no inline style')

  const wrong = await signIn(boss.username, 'not the password at all')
  t.equal(wrong.statusCode, 401, 'the API answer is the page status')
  t.match(wrong.body, /not right/)
  t.same(wrong.cookies, [], 'no session')

  const refused = await signIn(pleb.username)
  t.equal(refused.statusCode, 403)
  t.match(refused.body, /admins and moderators/)
  t.same(refused.cookies, [], 'a user gets no console session')

  const analyst = await register('analyst')
  t.equal((await signIn(analyst.username)).statusCode, 403, 'nor does an analyst')
})

t.test(
  'no session: a page redirects to sign-in; htmx gets HX-Redirect; a forged cookie is no session',
  async (t) => {
    const page = await app.inject({ url: '/admin/projections' })
    t.equal(page.statusCode, 303)
    t.equal(page.headers.location, '/admin/sign-in?next=%2Fadmin%2Fprojections')
    const fragment = await app.inject({ url: '/admin/projections/table', headers: { 'hx-request': 'true' } })
    t.equal(fragment.statusCode, 401)
    t.match(fragment.headers['hx-redirect'], /^\/admin\/sign-in/)
    const forged = await app.inject({ url: '/admin/movies', cookies: { nexus_admin_access: 'a.b.c' } })
    t.equal(forged.statusCode, 303, 'a token that does not verify')
    const userToken = user({ role: 'user' }).headers.authorization.slice('Bearer '.length)
    const asUser = await app.inject({ url: '/admin/movies', cookies: { nexus_admin_access: userToken } })
    t.equal(asUser.statusCode, 403, "a valid token of a user's is refused")
    t.match(asUser.body, /admins and moderators/)
    const signInPage = await app.inject({ url: '/admin/sign-in?next=https://evil.example/' })
    t.equal(signInPage.statusCode, 200)
    t.notMatch(signInPage.body, /evil\.example/, 'next is a console page only')
  },
)

t.test('cross-site posts are refused and change nothing', async (t) => {
  const before = await logSize()
  const fields = { title: 'Forged', year: '2020', genres: 'Drama' }
  const noOrigin = await app.inject({
    method: 'POST',
    url: '/admin/movies',
    cookies: session,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(fields),
  })
  t.equal(noOrigin.statusCode, 403)
  t.match(noOrigin.body, /neither its Origin nor its Referer/)
  const evil = await post('/admin/movies', session, fields, { origin: 'https://evil.example' })
  t.equal(evil.statusCode, 403)
  t.match(evil.body, /evil\.example/)
  const evilReferer = await app.inject({
    method: 'POST',
    url: '/admin/movies',
    cookies: session,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      referer: 'https://evil.example/page',
    },
    payload: form(fields),
  })
  t.equal(evilReferer.statusCode, 403)
  const sameReferer = await app.inject({
    method: 'POST',
    url: '/admin/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', referer: `${ORIGIN}/admin/sign-in` },
    payload: form({ login: boss.username, password: PASSWORD }),
  })
  t.equal(sameReferer.statusCode, 303, 'a same-origin Referer passes when there is no Origin')
  const forgedSignIn = await app.inject({
    method: 'POST',
    url: '/admin/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    payload: form({ login: boss.username, password: PASSWORD }),
  })
  t.equal(forgedSignIn.statusCode, 403, 'login CSRF too')
  t.same(forgedSignIn.cookies, [])
  t.equal(await logSize(), before, 'no event appended')
})

t.test('movies: each write is the API command, with the same events and the same 4xx', async (t) => {
  const created = await post('/admin/movies', session, {
    title: 'Silent Harbor',
    year: '2024',
    genres: 'Drama, Mystery',
    overview: '',
    releaseDate: '',
  })
  t.equal(created.statusCode, 303)
  const id = /^\/admin\/movies\/([0-9a-f-]{36})\?saved=added&at=[0-9a-f]{32}$/.exec(
    created.headers.location as string,
  )?.[1] as string
  t.ok(id, 'redirects to the new movie, with the position to read it at')
  let events = await streamEvents(`movie-${id}`)
  t.same(
    events.map((e) => e.type),
    ['MovieAdded'],
  )
  t.equal(events[0]?.metadata.actorId, boss.userId, 'appended as the signed-in admin')
  t.match(events[0]?.data, { title: 'Silent Harbor', year: 2024, genres: ['Drama', 'Mystery'] })

  const page = await app.inject({ url: created.headers.location as string, cookies: session })
  t.equal(page.statusCode, 200)
  t.match(page.body, /value="Silent Harbor"/, 'read back at once (consistency token)')

  // The same bad input, through the console and straight to the API: the same status and code.
  const admin = user({ role: 'admin' })
  for (const [fields, status, code] of [
    [{ title: 'X', year: 'abc', genres: 'Drama' }, 400, 'VALIDATION_FAILED'],
    [{ title: '   ', year: '2024', genres: 'Drama' }, 422, 'TITLE_REQUIRED'],
    [
      { title: 'X', year: '2024', genres: 'Drama', releaseDate: '2023-01-01' },
      422,
      'RELEASE_DATE_NOT_IN_YEAR',
    ],
  ] as const) {
    const viaConsole = await post(`/admin/movies/${id}`, session, fields)
    const viaApi = await app.inject({
      method: 'PATCH',
      url: `/api/v1/movies/${id}`,
      headers: admin.headers,
      payload: {
        title: fields.title,
        year: /^\d+$/.test(fields.year) ? Number(fields.year) : fields.year,
        genres: [fields.genres],
        overview: null,
        releaseDate: 'releaseDate' in fields ? fields.releaseDate : null,
      },
    })
    t.equal(viaApi.statusCode, status, `API: ${code}`)
    t.equal(viaApi.json().error.code, code)
    t.equal(viaConsole.statusCode, status, `console: ${code}`)
    t.match(viaConsole.body, code, 'the page names the code')
    t.match(viaConsole.body, /Nothing was changed/)
  }
  t.equal((await streamEvents(`movie-${id}`)).length, 1, 'bad input appended nothing')

  const changed = await post(`/admin/movies/${id}`, session, {
    title: 'Silent Harbour',
    year: '2024',
    genres: 'Drama',
    overview: 'A lighthouse keeper finds a boat with no crew.',
    releaseDate: '2024-03-08',
  })
  t.equal(changed.statusCode, 303)
  t.match(changed.headers.location, /saved=changed/)
  events = await streamEvents(`movie-${id}`)
  t.same(
    events.map((e) => e.type),
    ['MovieAdded', 'MovieDetailsUpdated'],
  )
  t.match(events[1]?.data, { changes: { title: 'Silent Harbour', genres: ['Drama'] } })

  const same = await post(`/admin/movies/${id}`, session, {
    title: 'Silent Harbour',
    year: '2024',
    genres: 'Drama',
    overview: 'A lighthouse keeper finds a boat with no crew.',
    releaseDate: '2024-03-08',
  })
  t.match(same.headers.location, /saved=unchanged/, 'the current values change nothing')
  t.equal((await streamEvents(`movie-${id}`)).length, 2)

  const history = await app.inject({ url: `/admin/streams?stream=movie-${id}&at=0`, cookies: session })
  t.equal(history.statusCode, 200)
  t.match(history.body, /MovieAdded/)
  t.match(history.body, /MovieDetailsUpdated/)
  t.match(history.body, /State as of revision 0/)
  const stateAt0 = /<aside[\s\S]*<\/aside>/.exec(history.body)?.[0] ?? ''
  t.match(stateAt0, /Silent Harbor\b/, 'the state as it was at revision 0')
  t.notMatch(stateAt0, /Silent Harbour/)
  const stateAt1 = /<aside[\s\S]*<\/aside>/.exec(
    (await app.inject({ url: `/admin/streams?stream=movie-${id}&at=1`, cookies: session })).body,
  )?.[0]
  t.match(stateAt1, /Silent Harbour/, 'and after the change')

  const removed = await post(`/admin/movies/${id}/remove`, session, { reason: 'duplicate entry' })
  t.equal(removed.statusCode, 303)
  events = await streamEvents(`movie-${id}`)
  t.equal(events.at(-1)?.type, 'MovieRemoved')
  t.match(events.at(-1)?.data, { reason: 'duplicate entry', removedBy: boss.userId })
  const gone = await post(`/admin/movies/${id}`, session, { title: 'Again', year: '2024', genres: 'Drama' })
  t.equal(gone.statusCode, 422)
  t.match(gone.body, /MOVIE_REMOVED/)

  const list = await app.inject({ url: '/admin/movies?q=harbour', cookies: session })
  t.equal(list.statusCode, 200)
  const genres = await app.inject({ url: '/admin/genres', cookies: session })
  t.equal(genres.statusCode, 200)
})

t.test(
  'a movie written but not yet projected: the page says so and asks again, not "not found"',
  async (t) => {
    // A position no projection has reached: the consistency wait times out, as when the projector lags.
    const id = randomUUID()
    const ahead = `/admin/movies/${id}?saved=added&at=${'7'.repeat(32)}`
    const page = await app.inject({ url: ahead, cookies: session })
    t.equal(page.statusCode, 200, 'a page that will fill in, not an error')
    t.match(page.body, /role="status"[^>]*>Saved as an event; the catalogue has not shown it yet/)
    t.match(page.body, `hx-get="${ahead.replaceAll('&', '&amp;')}"`, 'it asks for itself again')
    t.notMatch(page.body, /MOVIE_NOT_FOUND/)

    // An existing movie whose edit is not projected yet: not the form with the values before the edit.
    const existing = await database.db.selectFrom('movies').select('id').limit(1).executeTakeFirstOrThrow()
    const stale = await app.inject({
      url: `/admin/movies/${existing.id}?saved=changed&at=${'7'.repeat(32)}`,
      cookies: session,
    })
    t.equal(stale.statusCode, 200)
    t.match(stale.body, /the catalogue has not shown it yet/)
    t.notMatch(stale.body, /Save changes/, 'no form to submit stale values from')

    const plain = await app.inject({ url: `/admin/movies/${id}`, cookies: session })
    t.equal(plain.statusCode, 404, 'without a write to wait for, a missing movie is missing')
    t.notMatch(plain.body, /hx-get/)
  },
)

t.test('users: role changes and erasure are the API commands', async (t) => {
  const target = await register('user')
  const page = await app.inject({
    url: `/admin/users/${target.userId}?at=${target.position}`,
    cookies: session,
  })
  t.equal(page.statusCode, 200)
  t.match(page.body, target.username)
  t.match(page.body, /action="[^"]*\/suspend"/, 'suspension is offered')
  t.match(page.body, /formaction="[^"]*\/reinstate"/, 'and reinstatement')

  const noReason = await post(`/admin/users/${target.userId}/suspend`, session, { reason: '' })
  t.equal(noReason.statusCode, 400, 'the API refuses a suspension without a reason')
  t.match(noReason.body, /VALIDATION_FAILED/)
  t.equal((await streamEvents(`user-${target.userId}`)).at(-1)?.type, 'UserRegistered', 'nothing appended')
  const suspended = await post(`/admin/users/${target.userId}/suspend`, session, { reason: 'spam' })
  t.equal(suspended.statusCode, 303)
  t.match(suspended.headers.location, /saved=suspended/)
  t.match((await streamEvents(`user-${target.userId}`)).at(-1), {
    type: 'UserSuspended',
    data: { userId: target.userId, suspendedBy: boss.userId, reason: 'spam' },
  })
  const reinstated = await post(`/admin/users/${target.userId}/reinstate`, session, { reason: 'appeal' })
  t.equal(reinstated.statusCode, 303)
  t.equal((await streamEvents(`user-${target.userId}`)).at(-1)?.type, 'UserReinstated')

  const bad = await post(`/admin/users/${target.userId}/role`, session, { role: 'overlord' })
  t.equal(bad.statusCode, 400, 'the API validation')
  t.match(bad.body, /VALIDATION_FAILED/)
  const promoted = await post(`/admin/users/${target.userId}/role`, session, { role: 'analyst' })
  t.equal(promoted.statusCode, 303)
  const events = await streamEvents(`user-${target.userId}`)
  t.equal(events.at(-1)?.type, 'UserRoleChanged')
  t.match(events.at(-1)?.data, { role: 'analyst', previousRole: 'user', changedBy: boss.userId })

  const self = await post(`/admin/users/${boss.userId}/role`, session, { role: 'user' })
  t.equal(self.statusCode, 422)
  t.match(self.body, /CANNOT_DEMOTE_SELF/)

  const unconfirmed = await post(`/admin/users/${target.userId}/erase`, session, { confirm: 'yes' })
  t.equal(unconfirmed.statusCode, 422)
  t.equal((await streamEvents(`user-${target.userId}`)).at(-1)?.type, 'UserRoleChanged', 'not erased')
  const erased = await post(`/admin/users/${target.userId}/erase`, session, { confirm: target.userId })
  t.equal(erased.statusCode, 303)
  t.equal((await streamEvents(`user-${target.userId}`)).at(-1)?.type, 'UserErased')

  const history = await app.inject({ url: `/admin/streams?stream=user-${target.userId}`, cookies: session })
  t.equal(history.statusCode, 200)
  t.match(history.body, /UserErased/)
  t.notMatch(history.body, target.username, "the erased user's name is nowhere in the history")

  const list = await app.inject({ url: '/admin/users?role=admin', cookies: session })
  t.equal(list.statusCode, 200)
  t.match(list.body, boss.username)
})

t.test('projections: a rebuild started from the console runs and takes over', async (t) => {
  const page = await app.inject({ url: '/admin/projections', cookies: session })
  t.equal(page.statusCode, 200)
  t.match(page.body, /hx-get="\/admin\/projections\/table"/, 'the table polls itself')
  const status = async () =>
    (await app.inject({ url: '/api/v1/admin/projections', headers: user({ role: 'admin' }).headers })).json()
      .projections as { name: string; activeGeneration: number }[]
  const before = (await status()).find((p) => p.name === 'movies')?.activeGeneration as number

  const started = await post('/admin/projections/movies/rebuild', session, {})
  t.equal(started.statusCode, 303)
  t.match(decodeURIComponent(started.headers.location as string), /Rebuilding movies into generation \d+/)
  const deadline = Date.now() + 60_000
  let after = before
  while (after === before && Date.now() < deadline) {
    await sleep(200)
    after = (await status()).find((p) => p.name === 'movies')?.activeGeneration as number
  }
  t.ok(after > before, `generation ${after} took over from ${before}`)

  const unknown = await post('/admin/projections/nope/rebuild', session, {})
  t.equal(unknown.statusCode, 404)
  t.match(unknown.body, /PROJECTION_NOT_FOUND/)
  const live = await post('/admin/projections/movies/skip', session, { position: '0'.repeat(32) })
  t.equal(live.statusCode, 409)
  t.match(live.body, /NOTHING_TO_SKIP/)
})

t.test('the other screens answer for a signed-in admin', async (t) => {
  for (const url of ['/admin/recommender', '/admin/imports', '/admin/streams', '/admin/users']) {
    const page = await app.inject({ url, cookies: session })
    t.equal(page.statusCode, 200, url)
  }
  const noTmdb = await post('/admin/imports', session, { kind: 'trending', window: 'week', pages: '1' })
  t.equal(noTmdb.statusCode, 503, 'the API says TMDb is not configured')
  t.match(noTmdb.body, /TMDB_NOT_CONFIGURED/)
  const missing = await app.inject({ url: `/admin/streams?stream=movie-${randomUUID()}`, cookies: session })
  t.equal(missing.statusCode, 404)
  const assets = await app.inject({ url: '/admin/assets/htmx.min.js' })
  t.equal(assets.statusCode, 200, 'htmx is served by the app itself')
  t.match(assets.headers['content-type'], /javascript/)
})

t.test(
  'an expired access token is renewed with the refresh token; signing out ends the session',
  async (t) => {
    const own = cookiesOf(await signIn(boss.username))
    const stale = { ...own, nexus_admin_access: 'expired.or.garbage' }
    const [first, second] = await Promise.all([
      app.inject({ url: '/admin/movies', cookies: stale }),
      app.inject({ url: '/admin/projections/table', cookies: stale, headers: { 'hx-request': 'true' } }),
    ])
    t.equal(first.statusCode, 200, 'renewed')
    t.equal(second.statusCode, 200, 'a request at the same moment shares the renewal, not a reuse')
    const renewed = cookiesOf(first)
    t.ok(renewed.nexus_admin_access && renewed.nexus_admin_access !== stale.nexus_admin_access)
    t.not(renewed.nexus_admin_refresh, own.nexus_admin_refresh, 'the refresh token rotated')

    const out = await post('/admin/sign-out', renewed, {})
    t.equal(out.statusCode, 303)
    t.equal(out.headers.location, '/admin/sign-in')
    t.same(
      out.cookies.map((c) => [c.name, c.value]),
      [
        ['nexus_admin_access', ''],
        ['nexus_admin_refresh', ''],
      ],
    )
    const after = await app.inject({ url: '/admin/movies', cookies: renewed })
    t.equal(after.statusCode, 303, 'the old cookies are no session: the API revoked it')
  },
)

t.test('GET /api/v1/admin/streams/:stream: one stream through the export view', async (t) => {
  const admin = user({ role: 'admin' })
  const id = randomUUID()
  const missing = await app.inject({ url: `/api/v1/admin/streams/movie-${id}`, headers: admin.headers })
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().error.code, 'STREAM_NOT_FOUND')
  const forbidden = await app.inject({
    url: `/api/v1/admin/streams/user-${boss.userId}`,
    headers: user().headers,
  })
  t.equal(forbidden.statusCode, 403)
  const bad = await app.inject({ url: '/api/v1/admin/streams/no%20such', headers: admin.headers })
  t.equal(bad.statusCode, 400)
  const own = await app.inject({ url: `/api/v1/admin/streams/user-${boss.userId}`, headers: admin.headers })
  t.equal(own.statusCode, 200)
  const body = own.json()
  t.equal(body.events[0].type, 'UserRegistered')
  t.equal(body.events[0].data.username, boss.username, "a live user's personal data is opened")
  t.equal(body.more, false)
  const paged = await app.inject({
    url: `/api/v1/admin/streams/user-${boss.userId}?from=1&limit=1`,
    headers: admin.headers,
  })
  t.same(
    paged.json().events.map((e: { revision: number }) => e.revision),
    [1],
  )
})

t.test('a rebuild running elsewhere: the console shows the API refusal', async (t) => {
  // Another process's rebuild holds the lease the script and the API both take.
  const lease = await leasesFor(t, config.databaseUrl)('rebuild:users')
  t.ok(lease, 'the test holds the rebuild lease of users')
  const busy = await post('/admin/projections/users/rebuild', session, {})
  t.equal(busy.statusCode, 409)
  t.match(busy.body, /REBUILD_RUNNING/)
  await lease?.release()
})

t.test('a projection stopped on a poison event is moved past it from the console', async (t) => {
  const admin = user({ role: 'admin' })
  const status = async () =>
    (await app.inject({ url: '/api/v1/admin/projections', headers: admin.headers })).json().projections as {
      name: string
      activeGeneration: number
      generations: { generation: number; state: string; error: { position: string } | null }[]
    }[]
  // A movie the movies table cannot hold (no title): its handler fails on it. Appended past the
  // store's schema check (the adapter itself), as an event from before a schema or a bug would be.
  const movieId = randomUUID()
  const raw = app.eventStore instanceof UpcastingEventStore ? app.eventStore.inner : app.eventStore
  const { position } = await raw.append(
    `movie-${movieId}`,
    [
      {
        id: randomUUID(),
        type: 'MovieAdded',
        data: { movieId, title: null, year: 2020, genres: ['Drama'], addedBy: boss.userId },
      },
    ],
    'no_stream',
  )
  const stopped = async () => {
    const movies = (await status()).find((p) => p.name === 'movies')
    return movies?.generations.find((g) => g.state === 'stopped' && g.error?.position === position)
  }
  const deadline = Date.now() + 60_000
  while (!(await stopped()) && Date.now() < deadline) await sleep(200)
  t.ok(await stopped(), 'the movies projection stopped on the poison event')

  const page = await app.inject({ url: '/admin/projections', cookies: session })
  t.match(page.body, /Skip the poison event/)
  t.match(page.body, `value="${position}"`, 'the form names the poison event')
  const skipped = await post('/admin/projections/movies/skip', session, { position })
  t.equal(skipped.statusCode, 303)
  t.match(decodeURIComponent(skipped.headers.location as string), `movies moved past ${position}`)
  while ((await stopped()) && Date.now() < deadline) await sleep(200)
  t.notOk(await stopped(), 'the projection runs again past it')
  const again = await post('/admin/projections/movies/skip', session, { position })
  t.equal(again.statusCode, 409, 'nothing left to skip')
})

t.test('in production the session cookies are Secure too', async (t) => {
  const production = await buildTestApp(t, { nodeEnv: 'production' }, database)
  const response = await production.app.inject({
    method: 'POST',
    url: '/admin/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    payload: form({ login: boss.username, password: PASSWORD }),
  })
  t.equal(response.statusCode, 303)
  t.equal(response.cookies.length, 2)
  for (const cookie of response.cookies) t.equal(cookie.secure, true, `${cookie.name} is Secure`)
})

t.test('odd input to the console answers 4xx pages, never 5xx', async (t) => {
  const cases = [
    { url: '/admin/movies?q=a&q=b&genre=x&genre=y' },
    { url: '/admin/movies?cursor=forged' },
    { url: '/admin/users?id=a&id=b' },
    { url: '/admin/users?role[]=admin' },
    { url: `/admin/streams?stream=${'x'.repeat(5_000)}` },
    { url: '/admin/streams?stream=movie-1&stream=movie-2&at=-1' },
    { url: '/admin/movies/not-a-uuid' },
    { url: '/admin/imports/not-a-uuid' },
    { method: 'POST' as const, url: '/admin/movies', json: { title: { $ne: 1 }, year: [1], genres: null } },
    { method: 'POST' as const, url: '/admin/movies/not-a-uuid', json: { title: 'x', year: '2020' } },
    { method: 'POST' as const, url: '/admin/users/x/role', json: { role: ['admin', 'user'] } },
    { method: 'POST' as const, url: '/admin/projections/%00/rebuild', json: {} },
    { method: 'POST' as const, url: '/admin/imports', json: { kind: 'movie', tmdbIds: 'a,b' } },
    { method: 'POST' as const, url: '/admin/movies', text: 'title=x' },
  ]
  for (const c of cases) {
    const response = await app.inject({
      method: c.method ?? 'GET',
      url: c.url,
      cookies: session,
      headers: {
        origin: ORIGIN,
        ...(c.json ? { 'content-type': 'application/json' } : {}),
        ...(c.text ? { 'content-type': 'text/plain' } : {}),
      },
      ...(c.json ? { payload: JSON.stringify(c.json) } : c.text ? { payload: c.text } : {}),
    })
    t.ok(response.statusCode < 500, `${c.method ?? 'GET'} ${c.url.slice(0, 60)}: ${response.statusCode}`)
  }
})

t.test("the recommender screen shows the serving model's evaluation", async (t) => {
  const metrics = { ndcg: 0.1478, recall: 0.1657, coverage: 0.113, users: 120 }
  const report = {
    protocol: 'per-user chronological split',
    data: { users: 701, items: 2637, interactions: 29585 },
    split: { trainInteractions: 25000, validationUsers: 120, testUsers: 120 },
    candidates: [
      {
        candidate: 'popularity',
        model: 'popularity',
        chosen: false,
        why: 'the baseline',
        tuning: [],
        validation: { ...metrics, ndcg: 0.0603 },
        test: metrics,
        trainMs: 10,
        peakBytes: 1,
        gramItems: null,
      },
      {
        candidate: 'ease',
        model: 'ease(lambda=200)',
        chosen: true,
        why: 'best validation NDCG@10',
        tuning: [],
        validation: metrics,
        test: metrics,
        trainMs: 300,
        peakBytes: 1,
        gramItems: 900,
      },
    ],
    chosen: 'ease',
    chosenModel: 'ease(lambda=200)',
    reason: 'best validation NDCG@10 (0.1478, 2.45x popularity)',
    coldStart: false,
    selectionMs: 1200,
  }
  // The serving model (the database starts with one) gets this report; one is added when none serves.
  const updated = await app.db
    .updateTable('recommender_models')
    .set({ model: 'ease(lambda=200)', report: JSON.stringify(report) })
    .where('state', '=', 'active')
    .executeTakeFirst()
  if (updated.numUpdatedRows === 0n) {
    await app.db
      .insertInto('recommender_models')
      .values({
        id: 9001,
        model: 'ease(lambda=200)',
        state: 'active',
        trained_at: new Date(),
        report: JSON.stringify(report),
      })
      .execute()
  }
  const page = await app.inject({ url: '/admin/recommender', cookies: session })
  t.equal(page.statusCode, 200)
  t.match(page.body, /ease\(lambda=200\)/)
  t.match(page.body, /<tr class="chosen">\s*<td>ease<\/td>/, 'the chosen candidate is marked')
  t.match(page.body, /0\.1478/)
})

t.test('an import started from the console runs, and its page follows it until it completes', async (t) => {
  const fake = await startFakeTmdb(t)
  const imports = await buildTestApp(t, {
    tmdbBaseUrl: fake.baseUrl,
    tmdbApiKey: fake.apiKey,
    consistencyTimeoutMs: 5_000,
  })
  imports.startProjectors({ reactors: true, tmdb: { retryBaseMs: 20, maxRetries: 1 } })
  const username = `imp${randomUUID().slice(0, 8)}`
  const registered = await imports.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { username, email: `${username}@example.com`, password: PASSWORD },
  })
  const { userId } = registered.json() as { userId: string }
  await imports.app.inject({
    method: 'POST',
    url: `/api/v1/admin/users/${userId}/role`,
    headers: imports.user({ role: 'admin' }).headers,
    payload: { role: 'admin' },
  })
  const signedInHere = await imports.app.inject({
    method: 'POST',
    url: '/admin/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    payload: form({ login: username, password: PASSWORD }),
  })
  t.equal(signedInHere.statusCode, 303)
  const cookies = cookiesOf(signedInHere)

  const started = await imports.app.inject({
    method: 'POST',
    url: '/admin/imports',
    cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    payload: form({ kind: 'trending', window: 'week', pages: '1' }),
  })
  t.equal(started.statusCode, 303)
  const location = started.headers.location as string
  const jobId = /^\/admin\/imports\/([0-9a-f-]{36})\?at=[0-9a-f]{32}$/.exec(location)?.[1] as string
  t.ok(jobId, 'redirects to the job, with the position to read it at')
  const requested = []
  for await (const event of imports.app.eventStore.readStream(`job-${jobId}`)) requested.push(event)
  t.equal(requested[0]?.type, 'ImportRequested')
  t.equal(requested[0]?.metadata.actorId, userId, 'asked for as the signed-in admin')

  const page = await imports.app.inject({ url: location, cookies })
  t.equal(page.statusCode, 200, 'the job page shows the job at once')
  const progress = location.replace('?', '/progress?')
  const deadline = Date.now() + 60_000
  let fragment = ''
  while (!/>completed</.test(fragment) && Date.now() < deadline) {
    await sleep(100)
    fragment = (await imports.app.inject({ url: progress, cookies, headers: { 'hx-request': 'true' } })).body
  }
  t.match(fragment, />completed</, 'the polled fragment reaches completed')
  t.match(fragment, /20 imported/, 'with the counts')
  t.notMatch(fragment, /hx-get/, 'and stops polling')
})

t.test('moderation: the queue shows a reported comment; hide and restore are the API commands', async (t) => {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/movies',
    headers: user({ role: 'admin' }).headers,
    payload: { title: 'Moderated Movie', year: 2021, genres: ['Drama'] },
  })
  const movieId = created.json().id as string
  const author = user()
  const text = `Rude words ${randomUUID().slice(0, 8)}`
  const added = await app.inject({
    method: 'POST',
    url: `/api/v1/movies/${movieId}/comments`,
    headers: author.headers,
    payload: { text },
  })
  const commentId = added.json().id as string
  const reported = await app.inject({
    method: 'POST',
    url: `/api/v1/comments/${commentId}/reports`,
    headers: user().headers,
    payload: { reason: 'insults the director' },
  })
  t.equal(reported.statusCode, 200, reported.body)

  const queue = await app.inject({
    url: `/admin/moderation?at=${reported.json().position}`,
    cookies: session,
  })
  t.equal(queue.statusCode, 200)
  t.match(queue.body, text, 'the comment text is on the queue')
  t.match(queue.body, 'insults the director', 'with the reason it was reported for')
  t.match(queue.body, `action="/admin/moderation/comments/${commentId}/hide"`)

  const before = (await streamEvents(`comment-${commentId}`)).length
  const empty = await post(`/admin/moderation/comments/${commentId}/hide`, session, { reason: '' })
  t.equal(empty.statusCode, 400, 'the API validation')
  t.match(empty.body, /VALIDATION_FAILED/)
  t.equal((await streamEvents(`comment-${commentId}`)).length, before, 'nothing appended')

  const hidden = await post(`/admin/moderation/comments/${commentId}/hide`, session, { reason: 'insults' })
  t.equal(hidden.statusCode, 303)
  const events = await streamEvents(`comment-${commentId}`)
  t.equal(events.at(-1)?.type, 'CommentHidden')
  t.match(events.at(-1)?.data, { hiddenBy: boss.userId, reason: 'insults' })
  const after = await app.inject({
    url: String(hidden.headers.location).replace('status=open', 'status=hidden'),
    cookies: session,
  })
  t.equal(after.statusCode, 200)
  t.match(after.body, /Hidden: the thread shows it as hidden/)
  t.match(after.body, `action="/admin/moderation/comments/${commentId}/restore"`)

  const restored = await post(`/admin/moderation/comments/${commentId}/restore`, session, {
    reason: 'appeal',
    status: 'hidden',
  })
  t.equal(restored.statusCode, 303)
  t.match((await streamEvents(`comment-${commentId}`)).at(-1), {
    type: 'CommentRestored',
    data: { restoredBy: boss.userId, reason: 'appeal' },
  })
  const unknown = await post(`/admin/moderation/comments/${commentId}/burn`, session, { reason: 'x' })
  t.equal(unknown.statusCode, 404)
})
