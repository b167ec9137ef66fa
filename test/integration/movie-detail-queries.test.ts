/**
 * The movie detail off the answer memo is one round trip to PostgreSQL, a prepared statement
 * (parsed and planned once per connection): a regression guard on the catalogue's hottest read.
 * Every statement a request sends is recorded at the pool (real PostgreSQL, nothing faked).
 */
import t from 'tap'
import { findMovie, MovieDetailBatch } from '../../src/read/movies/queries.ts'
import { buildTestApp } from '../support/app.ts'
import { recordStatements, type Sent } from '../support/statement-recorder.ts'

// The projectors run in one app; the requests measured go to a second app on the same database, whose
// pool carries nothing but what its requests send.
const writer = await buildTestApp(t, { consistencyTimeoutMs: 3_000 })
writer.startProjectors()
const { user, addMovie } = writer
const { app } = await buildTestApp(t, { consistencyTimeoutMs: 3_000 }, writer.database)

const recorder = recordStatements(app.pool)

/** The statements one request sent, but for the ETag's projection positions (projection-tags.ts). */
async function statementsOf(url: string, headers: Record<string, string> = {}) {
  const { result: reply, sent } = await recorder.during(() => app.inject({ url, headers }))
  return { reply, sent: sent.filter((s) => !s.text.includes('projection_generations')) }
}

/** What was sent, short enough for a test message. */
const shown = (sent: Sent[]) => sent.map((s) => s.name ?? s.text.slice(0, 80)).join(' | ')

/**
 * Waits until the movie is listed (its detail answers 200; the projector may lag on a loaded
 * machine), asking every 100 ms for a minute at most; throws if it never is.
 */
async function listed(id: string): Promise<void> {
  for (let attempt = 1; attempt <= 600; attempt++) {
    if ((await app.inject({ url: `/api/v1/movies/${id}`, headers: user().headers })).statusCode === 200)
      return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`movie ${id} was not listed within a minute`)
}

t.test('a movie detail is one prepared statement, anonymous or signed in', async (t) => {
  const id = await addMovie({ title: 'One Round Trip', year: 2001, genres: ['Drama'] })
  const viewer = user()
  const rated = await app.inject({
    method: 'PUT',
    url: `/api/v1/movies/${id}/rating`,
    headers: viewer.headers,
    payload: { stars: 4 },
  })
  t.equal(rated.statusCode, 200, rated.body)
  const position = rated.json().position as string
  // Wait (asking again while a loaded machine's projector lags) until the rating is read.
  for (let attempt = 1; attempt <= 20; attempt++) {
    const reply = await app.inject({
      url: `/api/v1/movies/${id}`,
      headers: { ...viewer.headers, 'x-consistency-token': position },
    })
    if (reply.headers['x-consistency'] === 'reached') break
  }

  const anonymous = await statementsOf(`/api/v1/movies/${id}`)
  t.equal(anonymous.reply.statusCode, 200)
  t.match(anonymous.reply.json(), { id, title: 'One Round Trip', ratingCount: 1, me: null })
  t.equal(anonymous.sent.length, 1, `one statement: ${shown(anonymous.sent)}`)
  t.ok(anonymous.sent[0]?.name, 'a named (prepared) statement')

  // Signed in (never memoised): the same single statement every time, past the executions after
  // which PostgreSQL may switch to a generic plan, and always the viewer's own answer.
  for (let i = 0; i < 8; i++) {
    const signedIn = await statementsOf(`/api/v1/movies/${id}`, viewer.headers)
    t.equal(signedIn.reply.statusCode, 200)
    t.match(signedIn.reply.json(), { id, me: { rating: { stars: 4 }, favorite: false, liked: false } })
    t.equal(signedIn.sent.length, 1, `one statement: ${shown(signedIn.sent)}`)
    t.ok(signedIn.sent[0]?.name, 'a named (prepared) statement')
  }
  const stranger = await statementsOf(`/api/v1/movies/${id}`, user().headers)
  t.match(stranger.reply.json(), { id, me: { rating: null, favorite: false, liked: false } })
  t.equal(stranger.sent.length, 1)

  const missing = await statementsOf('/api/v1/movies/00000000-0000-4000-8000-000000000000')
  t.equal(missing.reply.statusCode, 404)
  t.equal(missing.reply.json().error.code, 'MOVIE_NOT_FOUND')
  t.equal(missing.sent.length, 1)
})

t.test('GET /metrics counts the detail memo lookups: hits, misses and bypasses', async (t) => {
  const id = await addMovie({ title: 'Counted Twice', year: 2002, genres: ['Drama'] })
  const lookups = async () => {
    const text = (await app.inject({ url: '/metrics' })).body
    const value = (result: string) =>
      Number(
        new RegExp(
          `^nexus_answer_memo_lookups_total\\{memo="movie-detail",result="${result}"\\} (\\d+)$`,
          'm',
        ).exec(text)?.[1] ?? 0,
      )
    return { hit: value('hit'), miss: value('miss'), bypass: value('bypass') }
  }
  // The movie listed (the projector may lag): until then it answers 404, a lookup too.
  await listed(id)
  const before = await lookups()
  const first = await app.inject({ url: `/api/v1/movies/${id}` })
  const second = await app.inject({ url: `/api/v1/movies/${id}` })
  const signedIn = await app.inject({ url: `/api/v1/movies/${id}`, headers: user().headers })
  t.same([first.statusCode, second.statusCode, signedIn.statusCode], [200, 200, 200])
  t.equal(second.body, first.body)
  const after = await lookups()
  t.ok(after.miss - before.miss >= 1, 'the first anonymous read missed')
  t.equal(after.hit - before.hit + (after.miss - before.miss), 2, 'two anonymous lookups')
  t.equal(after.bypass - before.bypass, 1, 'the signed-in read bypassed the memo')
})

t.test('anonymous details asked for in one turn of the event loop share one statement', async (t) => {
  const titles = ['Batched One', 'Batched Two']
  const ids = await Promise.all(titles.map((title) => addMovie({ title, year: 2003, genres: ['Drama'] })))
  // Listed by now (the projector may lag).
  for (const id of ids) await listed(id)
  const batch = new MovieDetailBatch(app.db, app.pool)
  const missing = '00000000-0000-4000-8000-00000000b47c'
  // One movie twice, another, and one that does not exist: asked in the same tick, as requests
  // read from several sockets in one poll of the event loop are.
  const asked = [ids[0], ids[1], ids[0], missing] as string[]
  const { result: texts, sent } = await recorder.during(() => Promise.all(asked.map((id) => batch.find(id))))
  const found = texts.map((text) =>
    text === null ? null : (JSON.parse(text) as { title: string; me: null }),
  )
  t.same(
    found.map((movie) => movie?.title ?? null),
    [titles[0], titles[1], titles[0], null],
  )
  t.same(
    found.map((movie) => movie?.me),
    [null, null, null, undefined],
    'anonymous answers',
  )
  t.equal(sent.length, 1, `one statement for the batch: ${shown(sent)}`)
  t.ok(sent[0]?.name, 'a named (prepared) statement')
  // The same detail as a single request reads.
  const single = await findMovie(app.db, ids[1] as string, null, app.pool)
  t.equal(texts[1], single)
})
