/**
 * The watchlist over HTTP on real PostgreSQL and Redis: PUT/DELETE are idempotent, GET /me/watchlist
 * pages by keyset, watching most of a movie or rating it takes it off, erasure clears it, and a
 * rebuild of user_watchlist from the log builds the rows the live projection built.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import t from 'tap'
import { userWatchlist } from '../../projections/user-watchlist.ts'
import { buildTestApp } from '../support/app.ts'

const { app, user, addMovie, startProjectors, blueGreenRebuild } = await buildTestApp(t, {
  consistencyTimeoutMs: 5_000,
})
startProjectors()
const admin = user({ role: 'admin' })

type Headers = Record<string, string>
const send = (method: 'PUT' | 'DELETE' | 'POST', url: string, headers: Headers, payload?: object) =>
  app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) })

/** GET, waiting for the position of the last command. */
const read = async (url: string, headers: Headers, position: string) => {
  const reply = await app.inject({
    url: `/api/v1${url}`,
    headers: { ...headers, 'x-consistency-token': position },
  })
  return reply
}

type Page = { items: { movieId: string; title: string }[]; nextCursor: string | null; total: number }

t.test('putting on and taking off the watchlist, idempotently, in keyset pages', async (t) => {
  const me = user()
  const ids: string[] = []
  for (const title of ['Alpha', 'Beta', 'Gamma']) ids.push(await addMovie({ title }))
  let position = ''
  for (const id of ids) {
    const put = await send('PUT', `/movies/${id}/watchlist`, me.headers)
    t.equal(put.statusCode, 200)
    t.equal(put.json().changed, true)
    position = put.json().position
  }
  const again = await send('PUT', `/movies/${ids[0]}/watchlist`, me.headers)
  t.equal(again.json().changed, false, 'PUT twice changes nothing')

  const first = (await read('/me/watchlist?limit=2', me.headers, position)).json() as Page
  t.same(
    first.items.map((i) => i.title),
    ['Gamma', 'Beta'],
    'newest first',
  )
  t.equal(first.total, 3)
  t.type(first.nextCursor, 'string')
  const second = (
    await read(
      `/me/watchlist?limit=2&cursor=${encodeURIComponent(first.nextCursor as string)}`,
      me.headers,
      position,
    )
  ).json() as Page
  t.same(
    second.items.map((i) => i.title),
    ['Alpha'],
  )
  t.equal(second.nextCursor, null)

  const detail = await read(`/movies/${ids[1]}`, me.headers, position)
  t.equal(detail.json().me.watchlisted, true, 'the movie detail shows my mark')

  const off = await send('DELETE', `/movies/${ids[1]}/watchlist`, me.headers)
  t.equal(off.json().changed, true)
  const offAgain = await send('DELETE', `/movies/${ids[1]}/watchlist`, me.headers)
  t.equal(offAgain.json().changed, false, 'DELETE twice changes nothing')
  const after = (await read('/me/watchlist', me.headers, off.json().position)).json() as Page
  t.same(
    after.items.map((i) => i.title),
    ['Gamma', 'Alpha'],
  )
  const other = (await read('/me/watchlist', user().headers, off.json().position)).json() as Page
  t.same(other, { items: [], nextCursor: null, total: 0 }, "another user's watchlist is their own")

  const bad = await app.inject({ url: '/api/v1/me/watchlist?cursor=nonsense', headers: me.headers })
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().error.code, 'INVALID_CURSOR')
})

t.test('an unknown movie answers 404 and a removed one 422; taking a removed one off works', async (t) => {
  const me = user()
  const unknown = await send('PUT', `/movies/${randomUUID()}/watchlist`, me.headers)
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.json().error.code, 'MOVIE_NOT_FOUND')
  const movieId = await addMovie({ title: 'Soon Gone' })
  t.equal((await send('PUT', `/movies/${movieId}/watchlist`, me.headers)).statusCode, 200)
  t.equal((await send('DELETE', `/movies/${movieId}`, admin.headers)).statusCode, 200)
  const removed = await send('PUT', `/movies/${randomUUID()}/watchlist`, me.headers)
  t.equal(removed.statusCode, 404)
  const anon = await app.inject({ method: 'PUT', url: `/api/v1/movies/${movieId}/watchlist` })
  t.equal(anon.statusCode, 401)
  const off = await send('DELETE', `/movies/${movieId}/watchlist`, me.headers)
  t.equal(off.statusCode, 200)
  t.equal(off.json().changed, true)
  const again = await send('PUT', `/movies/${movieId}/watchlist`, me.headers)
  t.equal(again.statusCode, 422)
  t.equal(again.json().error.code, 'MOVIE_REMOVED')
})

t.test(
  'watching most of a movie or rating it takes it off the watchlist; a short viewing does not',
  async (t) => {
    const me = user()
    const [short, full, rated] = [
      await addMovie({ title: 'Short' }),
      await addMovie({ title: 'Full' }),
      await addMovie({ title: 'Rated' }),
    ]
    for (const id of [short, full, rated]) await send('PUT', `/movies/${id}/watchlist`, me.headers)
    await send('POST', `/movies/${short}/watches`, me.headers, { progress: 0.3 })
    await send('POST', `/movies/${full}/watches`, me.headers, { progress: 0.95 })
    const last = await send('PUT', `/movies/${rated}/rating`, me.headers, { stars: 4 })
    t.equal(last.statusCode, 200)
    const page = (await read('/me/watchlist', me.headers, last.json().position)).json() as Page
    t.same(
      page.items.map((i) => i.title),
      ['Short'],
    )
    const back = await send('PUT', `/movies/${full}/watchlist`, me.headers)
    t.equal(back.json().changed, true, 'a watched movie can go back on (to watch again)')
  },
)

t.test('erasing the user clears their watchlist', async (t) => {
  const username = `u${randomUUID().slice(0, 8)}`
  const registered = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { username, email: `${username}@example.com`, password: 'correct horse battery staple' },
  })
  t.equal(registered.statusCode, 201)
  const me = user({ userId: registered.json().userId })
  const movieId = await addMovie({ title: 'Forgotten' })
  const put = await send('PUT', `/movies/${movieId}/watchlist`, me.headers)
  const before = (await read('/me/watchlist', me.headers, put.json().position)).json() as Page
  t.equal(before.total, 1)
  const erased = await send('DELETE', `/admin/users/${me.userId}`, admin.headers)
  t.equal(erased.statusCode, 200)
  await read('/me/watchlist', admin.headers, erased.json().position)
  const rows = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM user_watchlist WHERE user_id = ${me.userId}`.execute(app.db)
  t.equal(rows.rows[0]?.n, 0, 'no row of the erased user is left')
})

t.test('a rebuild of user_watchlist builds the rows the live projection built', async (t) => {
  const live = await sql`SELECT user_id, movie_id, watchlisted_at FROM user_watchlist
    ORDER BY user_id, movie_id`.execute(app.db)
  t.ok(live.rows.length >= 4, 'the tests above left rows to compare')
  const rebuilt = await blueGreenRebuild(userWatchlist, 2)
  t.equal(rebuilt, 'swapped')
  const after = await sql`SELECT user_id, movie_id, watchlisted_at FROM user_watchlist
    ORDER BY user_id, movie_id`.execute(app.db)
  t.same(after.rows, live.rows)
})
