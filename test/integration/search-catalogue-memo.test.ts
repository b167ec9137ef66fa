/**
 * The search memos survive writes that cannot change what they match (issue 17): suggestions and
 * `q=` searches are kept per catalogue tag (src/read/serving/projection-tags.ts), which ratings do
 * not move, each for at most the configured bound (SEARCH_MEMO_MAX_AGE_MS); a new movie, a title
 * change or a rebuild's swap empties them at once. Real PostgreSQL and Redis, the projectors running.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import t from 'tap'
import { movieCredits } from '../../projections/movie-credits.ts'
import { movies } from '../../projections/movies.ts'
import { resolvedWordsOf } from '../../src/read/search/terms.ts'
import { memoLookups, REFRESH_AHEAD } from '../../src/read/serving/answer-memo.ts'
import { buildTestApp } from '../support/app.ts'

// A bound no loaded machine reaches between two requests of a test: only a test that shortens it
// (app.config, read at each lookup) sees an answer expire.
const { app, user, addMovie, startProjectors, blueGreenRebuild } = await buildTestApp(t, {
  consistencyTimeoutMs: 3_000,
  searchMemoMaxAgeMs: 600_000,
  // The memos over the statements: no suggestions copy (search-suggestion-index.test.ts tests it).
  suggestIndexMaxMovies: 0,
})
startProjectors()
const admin = user({ role: 'admin' })
const READ = [movies, movieCredits]

/** The in-memory ETag positions of the suggest route's projections. */
const currentTag = () => app.projectionTags.tag(READ)

/** Waits until the API's in-memory positions have moved past `before` (a projection applied a write). */
async function movedFrom(before: string): Promise<string> {
  for (let attempt = 0; attempt < 1_500; attempt++) {
    const now = await currentTag()
    if (now !== before) return now
    await sleep(20)
  }
  throw new Error(`the positions never moved from ${before}`)
}

/** Waits until the movies projection has applied the event at `position` (a read with the token). */
async function applied(position: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const reply = await app.inject({
      url: '/api/v1/genres',
      headers: { 'x-consistency-token': position },
    })
    if (reply.headers['x-consistency'] === 'reached') return
  }
  throw new Error(`the projections never reached ${position}`)
}

/** A write through the API, waited for: applied by the projection and heard by the API's positions. */
async function written(write: () => Promise<{ position: string }>): Promise<void> {
  const before = await currentTag()
  const { position } = await write()
  await applied(position)
  await movedFrom(before)
}

async function rate(movieId: string, stars: number) {
  const reply = await app.inject({
    method: 'PUT',
    url: `/api/v1/movies/${movieId}/rating`,
    headers: user().headers,
    payload: { stars },
  })
  if (reply.statusCode >= 300) throw new Error(`rating: ${reply.statusCode} ${reply.body}`)
  return reply.json() as { position: string }
}

async function added(title: string) {
  const reply = await app.inject({
    method: 'POST',
    url: '/api/v1/movies',
    headers: admin.headers,
    payload: { title, year: 2020, genres: ['Drama'] },
  })
  if (reply.statusCode !== 201) throw new Error(`adding ${title}: ${reply.body}`)
  return reply.json() as { id: string; position: string }
}

/** Hits and misses of a named memo since `from` (memoLookups counts every lookup of this process). */
const lookups = (name: string) => ({ ...(memoLookups.get(name) ?? { hit: 0, miss: 0, bypass: 0 }) })

async function anonymous(url: string, headers: Record<string, string> = {}) {
  const reply = await app.inject({ url, headers })
  if (reply.statusCode !== 200 && reply.statusCode !== 304)
    throw new Error(`GET ${url}: ${reply.statusCode} ${reply.body}`)
  return reply
}

const titles = (body: string) =>
  (JSON.parse(body) as { items: { title: string }[] }).items.map((m) => m.title)

const labels = (body: string) =>
  (JSON.parse(body) as { items: { kind: string; label: string }[] }).items
    .filter((item) => item.kind === 'movie')
    .map((item) => item.label)

// Two movies; Zorblax Two the more popular (one rating).
const one = await addMovie({ title: 'Zorblax One' })
const two = await addMovie({ title: 'Zorblax Two' })
await written(() => rate(two, 4))

t.test(
  'a rating neither empties the suggest memo nor moves its ranking within the bound; after it, it does',
  async (t) => {
    const url = '/api/v1/search/suggest?q=zorbl'
    const first = await anonymous(url)
    t.same(labels(first.body), ['Zorblax Two', 'Zorblax One'], 'the more popular first')
    const before = lookups('search')
    // Two ratings of Zorblax One: more popular now.
    await written(() => rate(one, 5))
    await written(() => rate(one, 3))
    const again = await anonymous(url)
    t.equal(lookups('search').hit, before.hit + 1, 'answered from the memo after the ratings')
    t.equal(lookups('search').miss, before.miss, 'no miss')
    t.same(labels(again.body), ['Zorblax Two', 'Zorblax One'], 'the ranking of the kept answer')
    t.equal(again.headers.etag, first.headers.etag, 'with the ETag it was computed under')
    const revalidated = await anonymous(url, { 'if-none-match': String(first.headers.etag) })
    t.equal(revalidated.statusCode, 304, 'the client copy is the kept answer: 304')
    const signedIn = await app.inject({ url, headers: user().headers })
    t.same(labels(signedIn.body), ['Zorblax One', 'Zorblax Two'], 'signed in: no memo, the ranking of now')
    t.equal(lookups('search').bypass, before.bypass + 1, 'a bypass')

    // The bound passes (shortened here rather than waited for).
    app.config.searchMemoMaxAgeMs = 1
    t.teardown(() => {
      app.config.searchMemoMaxAgeMs = 600_000
    })
    await sleep(5)
    const late = await anonymous(url, { 'if-none-match': String(first.headers.etag) })
    t.equal(late.statusCode, 200, 'past the bound the old copy is not revalidated')
    t.same(labels(late.body), ['Zorblax One', 'Zorblax Two'], 'the ranking caught up')
    t.not(late.headers.etag, first.headers.etag, 'under the current positions')
    t.equal(lookups('search').miss, before.miss + 1, 'a miss: computed again')
    // Nothing moved since: the answer stays, whatever its age (the bound only lets ratings lag).
    const still = await anonymous(url)
    t.equal(lookups('search').hit, before.hit + 3, 'kept while nothing moves, past the bound')
    t.equal(still.headers.etag, late.headers.etag)
  },
)

t.test(
  'an answer asked late in its bound, with ratings since, is computed again behind it: no asker waits',
  async (t) => {
    // A bound long enough for the refresh to land before it on a loaded machine.
    const bound = 4_000
    app.config.searchMemoMaxAgeMs = bound
    t.teardown(() => {
      app.config.searchMemoMaxAgeMs = 600_000
    })
    const url = '/api/v1/search/suggest?q=zorbl&limit=4'
    const search = '/api/v1/movies?q=zorblax&sort=popularity&limit=4'
    const computed = performance.now()
    const first = await anonymous(url)
    const firstSearch = await anonymous(search)
    const ranking = labels(first.body)
    t.same(titles(firstSearch.body), ranking, 'the search ranks them alike')
    // Ratings that reverse the order of the two.
    const [less] = ranking.slice(-1)
    const lessId = less === 'Zorblax One' ? one : two
    await written(() => rate(lessId, 5))
    let lastRating = ''
    await written(async () => {
      const rated = await rate(lessId, 5)
      lastRating = rated.position
      return rated
    })
    await sleep(Math.max(0, computed + bound * REFRESH_AHEAD + 100 - performance.now()))
    const before = lookups('search')
    const beforeSearch = lookups('movies-search')
    // Clients holding the kept answers: 304s claim the refreshes.
    const late = await anonymous(url, { 'if-none-match': String(first.headers.etag) })
    const lateSearch = await anonymous(search, { 'if-none-match': String(firstSearch.headers.etag) })
    t.equal(late.statusCode, 304, 'late in its bound: the kept answer stands (304)')
    t.equal(lateSearch.statusCode, 304, 'the kept search too')
    // The refreshes land behind them: the next askers get the new answers, from the memos.
    let refreshed = late
    let refreshedSearch = lateSearch
    while (
      (refreshed.headers.etag === first.headers.etag ||
        refreshedSearch.headers.etag === firstSearch.headers.etag) &&
      performance.now() - computed < 3 * bound
    ) {
      await sleep(20)
      refreshed = await anonymous(url)
      refreshedSearch = await anonymous(search)
    }
    t.not(refreshed.headers.etag, first.headers.etag, 'a new answer, under the positions after the ratings')
    t.same(labels(refreshed.body), [...ranking].reverse(), 'with the ranking the ratings made')
    t.equal(lookups('search').miss, before.miss, 'and no asker missed: computed behind the kept answer')
    t.not(refreshedSearch.headers.etag, firstSearch.headers.etag, 'the search: a new answer')
    t.same(titles(refreshedSearch.body), [...ranking].reverse(), 'with the new ranking')
    t.equal(lookups('movies-search').miss, beforeSearch.miss, 'and no miss either')
    t.ok(performance.now() - computed < 3 * bound, 'within the run')
    // Computed behind a 304, written as a 200 is: the same text as an exact read of now.
    const exact = { 'x-consistency-token': lastRating }
    t.equal(refreshed.body, (await anonymous(url, exact)).body, 'the refreshed text is the 200 answer')
    t.equal(refreshedSearch.body, (await anonymous(search, exact)).body, 'the refreshed search too')
  },
)

t.test('a new movie and a title change empty the memos at once; a 304 never hides them', async (t) => {
  const url = '/api/v1/search/suggest?q=zorbl'
  const search = '/api/v1/movies?q=zorblax'
  const first = await anonymous(url)
  const firstSearch = await anonymous(search)
  await written(() => rate(one, 2))
  t.equal((await anonymous(url)).headers.etag, first.headers.etag, 'a rating: still the kept answer')
  t.equal((await anonymous(search)).headers.etag, firstSearch.headers.etag, 'the search too')

  const before = lookups('search')
  const beforeSearch = lookups('movies-search')
  let three = ''
  await written(async () => {
    const reply = await added('Zorblax Three')
    three = reply.id
    return reply
  })
  const revalidated = await anonymous(url, { 'if-none-match': String(first.headers.etag) })
  t.equal(revalidated.statusCode, 200, 'not a 304: the catalogue changed')
  t.ok(labels(revalidated.body).includes('Zorblax Three'), 'the new movie is suggested at once')
  t.equal(lookups('search').miss, before.miss + 1, 'a miss')
  const searched = await anonymous(search, { 'if-none-match': String(firstSearch.headers.etag) })
  t.equal(searched.statusCode, 200)
  t.ok(searched.body.includes('Zorblax Three'), 'and found by the search')
  t.equal(lookups('movies-search').miss, beforeSearch.miss + 1)

  await written(async () => {
    const reply = await app.inject({
      method: 'PATCH',
      url: `/api/v1/movies/${three}`,
      headers: admin.headers,
      payload: { title: 'Quuxtopia Three' },
    })
    if (reply.statusCode >= 300) throw new Error(`PATCH: ${reply.body}`)
    return reply.json() as { position: string }
  })
  const renamed = await anonymous('/api/v1/search/suggest?q=quuxto')
  t.same(labels(renamed.body), ['Quuxtopia Three'], 'the new title is suggested at once')
  t.notOk(labels((await anonymous(url)).body).includes('Zorblax Three'), 'the old title no longer')
})

t.test('words resolved before survive ratings', async (t) => {
  const resolved = resolvedWordsOf(app.pool)
  await anonymous('/api/v1/search/suggest?q=zorblax&limit=2')
  await anonymous('/api/v1/search/suggest?q=quuxtopia&limit=2')
  const known = resolved.size.folds
  t.ok(known >= 2, 'both words known')
  await written(() => rate(two, 1))
  // Another limit: a memo miss whose word is resolved from memory, nothing learned again.
  await anonymous('/api/v1/search/suggest?q=zorblax&limit=3')
  t.ok(resolved.size.folds >= known, 'the words resolved before the rating are still there')
})

t.test('a rebuild records where the catalogue last changed, and its swap empties the memo', async (t) => {
  const url = '/api/v1/search/suggest?q=zorbl'
  const first = await anonymous(url)
  await written(() => rate(two, 5))
  const registry = async () =>
    (
      await sql<{ generation: number; position: string; catalogue_position: string }>`
        SELECT g.generation, g.position, g.catalogue_position
        FROM projections p JOIN projection_generations g
          ON g.name = p.name AND g.generation = p.active_generation
        WHERE p.name = 'movies'`.execute(app.db)
    ).rows[0]
  const live = await registry()
  t.ok(
    live !== undefined && live.catalogue_position < live.position,
    'ratings since the last catalogue change',
  )
  const before = await currentTag()
  t.equal(await blueGreenRebuild(movies), 'swapped')
  await movedFrom(before)
  const rebuilt = await registry()
  t.not(rebuilt?.generation, live?.generation, 'a new generation')
  t.equal(rebuilt?.catalogue_position, live?.catalogue_position, 'the same last catalogue change, rebuilt')
  const misses = lookups('search').miss
  const after = await anonymous(url, { 'if-none-match': String(first.headers.etag) })
  t.equal(after.statusCode, 200, 'the old copy is not revalidated by the new generation')
  t.equal(lookups('search').miss, misses + 1, 'the swap emptied the memo')
  t.not(after.headers.etag, first.headers.etag)
})
