/** The catalogue over HTTP on real PostgreSQL: admin commands, the movies read model, filters, sorts, pages, EXPLAIN. */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import t from 'tap'
import { movieCredits } from '../../projections/movie-credits.ts'
import { movies as moviesProjection } from '../../projections/movies.ts'
import { movieStream } from '../../src/domain/movie/movie.ts'
import { activeGeneration } from '../../src/projector/generations.ts'
import { generationSchema } from '../../src/projector/projection.ts'
import { type MovieSort, movieListQuery } from '../../src/read/movies/queries.ts'
import { suggestQuery } from '../../src/read/search/queries.ts'
import { searchTerms, searchWords, termsOf } from '../../src/read/search/terms.ts'
import { buildTestApp } from '../support/app.ts'

const { app, user, startProjectors, database } = await buildTestApp(t, { consistencyTimeoutMs: 3_000 })
const admin = user({ role: 'admin' })
/** Thrown to roll a transaction back on purpose. */
class RolledBack extends Error {}
startProjectors()

type Movie = { title: string; year: number; genres: string[]; overview?: string; releaseDate?: string }

async function addMovie(movie: Movie, headers: Record<string, string> = admin.headers) {
  const reply = await app.inject({ method: 'POST', url: '/api/v1/movies', headers, payload: movie })
  return reply
}

/** GET with a consistency token, asked again while the wait timed out (a loaded machine's projector lags). */
async function consistentGet(url: string, token?: string) {
  for (let attempt = 1; ; attempt++) {
    const reply = await app.inject({ url, headers: token ? { 'x-consistency-token': token } : {} })
    if (reply.headers['x-consistency'] !== 'timeout' || attempt === 10) return reply
  }
}

async function list(query: string, token?: string) {
  const reply = await consistentGet(`/api/v1/movies${query}`, token)
  if (reply.statusCode !== 200) throw new Error(`GET /movies${query}: ${reply.statusCode} ${reply.body}`)
  return reply.json() as { items: { id: string; title: string; year: number }[]; nextCursor: string | null }
}

/** Every page of a query, following nextCursor. */
async function allPages(query: string, token: string, between?: () => Promise<void>) {
  const ids: string[] = []
  let cursor: string | null = null
  for (let pages = 0; pages < 50; pages++) {
    const sep = query.includes('?') ? '&' : '?'
    const page = await list(cursor ? `${query}${sep}cursor=${cursor}` : query, token)
    ids.push(...page.items.map((i) => i.id))
    cursor = page.nextCursor
    if (!cursor) break
    await between?.()
  }
  return ids
}

t.test('only admins manage the catalogue, with validation and domain rules', async (t) => {
  const movie = { title: 'Silent Harbor', year: 2024, genres: ['Drama'] }
  t.equal((await addMovie(movie, {})).statusCode, 401)
  t.equal((await addMovie(movie, user().headers)).statusCode, 403)
  const bad = await addMovie({ ...movie, genres: [] })
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().error.code, 'VALIDATION_FAILED')
  const mismatch = await addMovie({ ...movie, releaseDate: '2023-05-01' })
  t.equal(mismatch.statusCode, 422)
  t.equal(mismatch.json().error.code, 'RELEASE_DATE_NOT_IN_YEAR')
  const blank = await addMovie({ ...movie, title: '   ' })
  t.equal(blank.json().error.code, 'TITLE_REQUIRED')
  const patchMissing = await app.inject({
    method: 'PATCH',
    url: `/api/v1/movies/${randomUUID()}`,
    headers: admin.headers,
    payload: { title: 'x' },
  })
  t.equal(patchMissing.statusCode, 404)
  t.equal(patchMissing.json().error.code, 'MOVIE_NOT_FOUND')
})

t.test('a retried POST with the same Idempotency-Key adds the movie once', async (t) => {
  const headers = { ...admin.headers, 'idempotency-key': randomUUID() }
  const movie = { title: 'Once Only', year: 2001, genres: ['Drama'] }
  const [a, b] = await Promise.all([addMovie(movie, headers), addMovie(movie, headers)])
  const c = await addMovie(movie, headers)
  t.equal(a.statusCode, 201)
  t.same([b.json(), c.json()], [a.json(), a.json()], 'the same id and position every time')
  const events = []
  for await (const e of app.eventStore.readStream(movieStream(a.json().id))) events.push(e)
  t.equal(events.length, 1)
})

t.test('add, read, change and remove a movie', async (t) => {
  const added = await addMovie({
    title: '  The   Glass Empire ',
    year: 1999,
    genres: ['Science Fiction', 'science fiction', 'Thriller'],
    overview: 'A city of glass.',
    releaseDate: '1999-07-16',
  })
  t.equal(added.statusCode, 201)
  const { id, position } = added.json()
  t.equal(added.headers.location, `/api/v1/movies/${id}`)
  const read = await app.inject({ url: `/api/v1/movies/${id}`, headers: { 'x-consistency-token': position } })
  t.equal(read.statusCode, 200)
  t.match(read.json(), {
    id,
    title: 'The Glass Empire',
    year: 1999,
    releaseDate: '1999-07-16',
    genres: ['Science Fiction', 'Thriller'],
    overview: 'A city of glass.',
    averageRating: 0,
    ratingCount: 0,
    ratingHistogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    me: null,
  })

  const same = await app.inject({
    method: 'PATCH',
    url: `/api/v1/movies/${id}`,
    headers: admin.headers,
    payload: { title: 'The Glass Empire' },
  })
  t.equal(same.json().changed, false, 'the current values change nothing')
  const changed = await app.inject({
    method: 'PATCH',
    url: `/api/v1/movies/${id}`,
    headers: admin.headers,
    payload: { title: 'The Glass Empire Returns', genres: ['Drama'] },
  })
  t.equal(changed.json().changed, true)
  const after = await app.inject({
    url: `/api/v1/movies/${id}`,
    headers: { 'x-consistency-token': changed.json().position },
  })
  t.match(after.json(), { title: 'The Glass Empire Returns', genres: ['Drama'] })
  const genres = await app.inject({
    url: '/api/v1/genres',
    headers: { 'x-consistency-token': changed.json().position },
  })
  const slugs = genres.json().items.map((g: { slug: string }) => g.slug)
  t.ok(slugs.includes('drama'))

  const removed = await app.inject({
    method: 'DELETE',
    url: `/api/v1/movies/${id}?reason=duplicate`,
    headers: admin.headers,
  })
  t.equal(removed.json().changed, true)
  const gone = await app.inject({
    url: `/api/v1/movies/${id}`,
    headers: { 'x-consistency-token': removed.json().position },
  })
  t.equal(gone.statusCode, 404)
  const search = await list('?q=glass%20emp', removed.json().position)
  t.notOk(
    search.items.some((i) => i.id === id),
    'a removed movie leaves lists and search',
  )
  const again = await app.inject({ method: 'DELETE', url: `/api/v1/movies/${id}`, headers: admin.headers })
  t.equal(again.json().changed, false, 'removing twice changes nothing')
  const patchRemoved = await app.inject({
    method: 'PATCH',
    url: `/api/v1/movies/${id}`,
    headers: admin.headers,
    payload: { title: 'Back' },
  })
  t.equal(patchRemoved.statusCode, 422)
  t.equal(patchRemoved.json().error.code, 'MOVIE_REMOVED')
})

t.test('filters, sorts and keyset pages', async (t) => {
  const tag = `zq${randomUUID().slice(0, 6)}`
  const catalogue: Movie[] = Array.from({ length: 23 }, (_, i) => ({
    title: `${tag} ${['Night', 'River', 'Storm'][i % 3]} ${String(i).padStart(2, '0')}`,
    year: 1990 + i,
    genres: [i % 2 === 0 ? `Even ${tag}` : `Odd ${tag}`],
  }))
  let position = ''
  const ids: string[] = []
  for (const movie of catalogue) {
    const reply = await addMovie(movie)
    ids.push(reply.json().id)
    position = reply.json().position
  }
  const rater = user()
  for (const [i, id] of ids.slice(0, 5).entries()) {
    const reply = await app.inject({
      method: 'PUT',
      url: `/api/v1/movies/${id}/rating`,
      headers: rater.headers,
      payload: { stars: i + 1 },
    })
    position = reply.json().position
  }

  const titleOrder = ids
    .map((id, i) => ({ id, i, title: catalogue[i]?.title ?? '' }))
    .sort((a, b) => (a.title < b.title ? -1 : 1))
  const byTitle = await allPages(`?q=${tag}&sort=title&limit=4`, position)
  t.same(
    byTitle,
    titleOrder.map((m) => m.id),
    'title order, every movie once across pages',
  )
  const even = await allPages(`?q=${tag}&genre=even-${tag}&sort=title&limit=5`, position)
  t.same(
    even,
    titleOrder.filter((m) => m.i % 2 === 0).map((m) => m.id),
    'genre filter by slug',
  )
  const both = await allPages(
    `?q=${tag}&genre=${encodeURIComponent(`Even ${tag},odd-${tag}`)}&limit=50`,
    position,
  )
  t.equal(both.length, 23, 'several genres: any of them')
  const years = await allPages(`?q=${tag}&yearFrom=2000&yearTo=2004&sort=release&limit=2`, position)
  t.same(years, ids.slice(10, 15).reverse(), 'year range, newest release first')
  const rated = await allPages(`?q=${tag}&minRating=3&sort=rating&limit=2`, position)
  t.same(rated, [ids[4], ids[3], ids[2]], 'min rating, best first')
  const prefix = await list(`?q=${encodeURIComponent(`${tag} stor`)}&sort=title&limit=50`, position)
  t.same(
    prefix.items.map((i) => i.id),
    titleOrder.filter((m) => m.i % 3 === 2).map((m) => m.id),
    'as-you-type prefix matching on the last word',
  )
  const relevance = await list(`?q=${tag}%20river&limit=50`, position)
  t.equal(relevance.items.length, 8, 'relevance is the default sort with q')
  const popular = await list(`?q=${tag}&limit=5`, position)
  t.equal(popular.items.length, 5)

  // New movies between page requests: newest-first pages neither repeat nor skip the older ones.
  let added = 0
  const newest = await allPages(`?q=${tag}&sort=newest&limit=4`, position, async () => {
    const reply = await addMovie({ title: `${tag} Late ${added++}`, year: 2020, genres: ['Drama'] })
    position = reply.json().position
  })
  t.same(newest.slice(0, 23), [...ids].reverse(), 'the original movies, newest first, once each')
  t.equal(new Set(newest).size, newest.length, 'no duplicates')

  const bad = await app.inject({ url: '/api/v1/movies?sort=title&cursor=nonsense' })
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().error.code, 'INVALID_CURSOR')
  const wrongSort = await list(`?q=${tag}&sort=title&limit=2`, position)
  const mismatch = await app.inject({ url: `/api/v1/movies?sort=newest&cursor=${wrongSort.nextCursor}` })
  t.equal(mismatch.statusCode, 400, 'a cursor only works with the sort it was issued for')
})

t.test('search forgives accents, case and typos, and ranks exact matches first', async (t) => {
  // Made-up words, so no other test's movies match.
  const added: Record<string, string> = {}
  let position = ''
  for (const movie of [
    { title: 'Le Fabuleux Destin d’Amélie Poulainz', year: 2001, genres: ['Comédie Romantique'] },
    { title: 'The Quartrix', year: 1999, genres: ['Science Fiction'] },
    { title: 'The Quartrix Reloaded', year: 2003, genres: ['Science Fiction'] },
    { title: 'Quartrox Island', year: 2010, genres: ['Drama'] },
    { title: 'ÆONFLUX Ørsted', year: 2005, genres: ['Action'] },
  ]) {
    const reply = await addMovie(movie)
    t.equal(reply.statusCode, 201, movie.title)
    added[movie.title] = reply.json().id
    position = reply.json().position
  }
  const titles = async (q: string, extra = '') =>
    (await list(`?q=${encodeURIComponent(q)}${extra}`, position)).items.map((i) => i.title)

  t.same(
    await titles('amelie poulainz'),
    ['Le Fabuleux Destin d’Amélie Poulainz'],
    'no accent finds the accent',
  )
  t.same(
    await titles('AMÉLIE POULAINZ'),
    ['Le Fabuleux Destin d’Amélie Poulainz'],
    'case and accents both ways',
  )
  t.same(await titles('poulai'), ['Le Fabuleux Destin d’Amélie Poulainz'], 'the last word still a prefix')
  t.same(await titles('aeonflux orsted'), ['ÆONFLUX Ørsted'], 'ligatures and slashed letters fold too')
  t.same(await titles('ørsted'), ['ÆONFLUX Ørsted'])

  const typo = await titles('quatrix')
  t.same(
    typo.slice(0, 2),
    ['The Quartrix', 'The Quartrix Reloaded'],
    'a letter missing: the closest title first',
  )
  t.same(
    await titles('qaurtrix reloaded'),
    ['The Quartrix Reloaded'],
    'two letters swapped, then an exact word',
  )
  t.same(await titles('poulainx'), ['Le Fabuleux Destin d’Amélie Poulainz'], 'a wrong last letter')
  t.same(
    await titles('quartrox'),
    ['Quartrox Island'],
    'a word the titles hold is taken as meant, not corrected',
  )
  t.same(await titles('qux'), [], 'words under 4 letters are never corrected')
  t.same(
    await titles('quartrix', '&sort=title'),
    ['The Quartrix', 'The Quartrix Reloaded'],
    'any sort filters the same',
  )

  const pages = await allPages('?q=quartrix&limit=1', position)
  t.same(pages, [added['The Quartrix'], added['The Quartrix Reloaded']], 'relevance pages by keyset')
  const typoPages = await allPages('?q=qaurtrix&limit=1', position)
  t.equal(new Set(typoPages).size, typoPages.length, 'typo pages repeat nothing')
  t.ok(typoPages.length >= 2, 'and skip nothing')

  const renamed = await app.inject({
    method: 'PATCH',
    url: `/api/v1/movies/${added['Quartrox Island']}`,
    headers: admin.headers,
    payload: { title: 'Zyphorian Island' },
  })
  t.equal(renamed.statusCode, 200)
  const afterRename = await list('?q=zyphorain', renamed.json().position)
  t.same(
    afterRename.items.map((i) => i.title),
    ['Zyphorian Island'],
    "a renamed title's new words are corrected towards too",
  )
})

t.test('suggestions as you type: titles and genres, prefix and typos', async (t) => {
  const added: string[] = []
  let position = ''
  for (const movie of [
    { title: 'Vexillum Rising', year: 2011, genres: ['Vexillology'] },
    { title: 'Vexillum Falls', year: 2012, genres: ['Drama'] },
    { title: 'The Last Vexillum', year: 2013, genres: ['Drama'] },
  ]) {
    const reply = await addMovie(movie)
    added.push(reply.json().id)
    position = reply.json().position
  }
  // Popularity orders suggestions: a few likes on the last one.
  for (let i = 0; i < 3; i++) {
    const liked = await app.inject({
      method: 'PUT',
      url: `/api/v1/movies/${added[2]}/like`,
      headers: user().headers,
    })
    position = liked.json().position
  }
  const suggest = async (q: string, extra = '') => {
    const reply = await consistentGet(`/api/v1/search/suggest?q=${encodeURIComponent(q)}${extra}`, position)
    t.equal(reply.statusCode, 200, `suggest ${q}`)
    return reply.json() as { items: { kind: string; label: string; id?: string; slug?: string }[] }
  }
  const vex = await suggest('vex')
  t.same(
    vex.items
      .map((i) => [i.kind, i.label])
      .slice(1, 3)
      .sort(),
    [
      ['movie', 'Vexillum Falls'],
      ['movie', 'Vexillum Rising'],
    ],
    'titles with a word beginning so',
  )
  t.same(vex.items[0]?.label, 'The Last Vexillum', 'the most popular first')
  t.same(
    vex.items.slice(3),
    [{ kind: 'genre', label: 'Vexillology', slug: 'vexillology', name: 'Vexillology', movieCount: 1 }],
    'then genres',
  )
  t.match(vex.items[0], { kind: 'movie', id: added[2], title: 'The Last Vexillum', year: 2013 })
  t.same(
    (await suggest('vexilum ri')).items.map((i) => i.label),
    ['Vexillum Rising'],
    'a typo in a finished word, the last word a prefix',
  )
  t.same(
    (await suggest('VÉXIL', '&limit=1')).items.map((i) => i.label),
    ['The Last Vexillum', 'Vexillology'],
    'limit bounds the titles; accents and case do not matter',
  )
  t.same(
    (await suggest('vexillux')).items
      .map((i) => i.label)
      .slice(0, 3)
      .sort(),
    ['The Last Vexillum', 'Vexillum Falls', 'Vexillum Rising'],
  )
  t.same(
    (await suggest('falls vexillum')).items.map((i) => i.label),
    ['Vexillum Falls'],
    'words in any order',
  )
  t.same((await suggest('?!')).items, [], 'no letters or digits: nothing')
  t.same((await suggest('zzqqxx')).items, [], 'nothing close: nothing')
  t.same((await suggest('overviewonlyword')).items, [], 'suggestions match titles only')

  for (const [name, query] of [
    ['no q', ''],
    ['q too long', `?q=${'a'.repeat(101)}`],
    ['limit 0', '?q=vex&limit=0'],
    ['limit 21', '?q=vex&limit=21'],
    ['an unknown parameter', '?q=vex&kind=movie'],
  ] as const) {
    const reply = await app.inject({ url: `/api/v1/search/suggest${query}` })
    t.equal(reply.statusCode, 400, name)
    t.equal(reply.json().error.code, 'VALIDATION_FAILED', name)
  }
  const hostile = "'; DROP TABLE movies; -- :* & | ! <-> ( vexillum"
  t.same((await suggest(hostile)).items, [], 'tsquery and SQL syntax are only text (200, no match)')
  t.same((await list(`?q=${encodeURIComponent(hostile)}`, position)).items, [], 'in the list too')
  t.equal((await list('?q=vexillum', position)).items.length, 3, 'the catalogue is still there')
})

t.test('every filter and sort is served by an index (EXPLAIN on 20,000 movies)', async (t) => {
  const generation = await activeGeneration(database.db, moviesProjection.name)
  const table = sql.id(generationSchema(moviesProjection.name, generation as number), 'movies')
  // Straight into this test database's read model table: the plan, not the projection, is under test.
  await sql`
    INSERT INTO ${table} (id, title, year, genres, genre_names, overview, added_at, updated_at,
                          rating_count, rating_sum, favorites_count, likes_count, watches_count)
    SELECT gen_random_uuid(), 'Film ' || i || ' ' || (ARRAY['night','river','storm','garden'])[1 + i % 4]
             || CASE WHEN i % 500 = 0 THEN ' zanzibar' ELSE '' END,
           CASE WHEN i % 2000 = 0 THEN 1900 ELSE 1925 + i % 100 END,
           ARRAY[(ARRAY['drama','comedy','horror','western'])[1 + i % 4]]
             || CASE WHEN i % 200 = 0 THEN ARRAY['rare'] ELSE ARRAY[]::text[] END,
           -- Real overviews are a few hundred characters: rows (and sequential scans) as wide as real ones.
           ARRAY['Drama'], repeat('a quiet story of people and places ', 8) || i, now() - (i || ' minutes')::interval, now(),
           i % 7, (i % 7) * (1 + i % 5), i % 13, i % 11, i % 17
    FROM generate_series(1, 20000) AS i`.execute(database.db)
  // VACUUM as autovacuum would: it also empties the GIN pending list, which the planner costs high.
  await sql`VACUUM ANALYZE ${table}`.execute(database.db)
  // Ten credits per movie over 4,000 people (about 50 movies each), as imports give.
  const creditsGeneration = await activeGeneration(database.db, movieCredits.name)
  const credits = sql.id(generationSchema(movieCredits.name, creditsGeneration as number), 'movie_people')
  await sql`
    INSERT INTO ${credits} (person_id, movie_id, role, credit_order)
    SELECT ((m.n * 7 + k * 131) % 4000 + 1)::text, m.id, 'cast', k
    FROM (SELECT id, row_number() OVER () AS n FROM ${table}) m, generate_series(0, 9) AS k
    ON CONFLICT DO NOTHING`.execute(database.db)
  await sql`VACUUM ANALYZE ${credits}`.execute(database.db)

  // The lexicon as the projection fills it: every title's words (20,000 numbers among them).
  const words = sql.id(generationSchema(moviesProjection.name, generation as number), 'movie_words')
  await sql`
    INSERT INTO ${words} (word)
    SELECT DISTINCT word FROM ${table}, unnest(tsvector_to_array(to_tsvector('simple', title_folded))) AS word
    ON CONFLICT DO NOTHING`.execute(database.db)
  await sql`VACUUM ANALYZE ${words}`.execute(database.db)
  const typo = searchWords('zanzibr')
  t.same(
    (await searchTerms(database.db, 'zanzibr'))?.words,
    [{ word: 'zanzibr', known: false, corrections: ['zanzibar'] }],
    'the typo is corrected (pg_trgm.similarity_threshold from the connection: no transaction)',
  )
  t.match(
    await searchTerms(database.db, 'Night ZANZIBR sto'),
    {
      folded: 'night zanzibr sto',
      matches: 'night & (zanzibr | zanzibar) & sto:*',
      exact: 'night & zanzibr & sto:*',
      titleMatches: 'night:A & (zanzibr:A | zanzibar:A) & sto:*A',
    },
    'the tsquery texts: every word, the last a prefix, corrections as alternatives',
  )
  // The suggest statement as the API runs it: the lexicon lookups, the corrections, titles, people
  // and tags in one round trip, each part from an index.
  for (const q of ['zanzib', 'zanzibr', 'night fi', 'f', 'qqqqzzzz']) {
    const plan = (
      await suggestQuery(database.db, { typed: searchWords(q), tagPrefix: q, limit: 8 }).explain()
    )
      .map((row) => String(Object.values(row)[0]))
      .join('\n')
    t.match(plan, /movies_search|movies_by_popularity/, `suggest ${q} reads an index of titles`)
    t.match(plan, /movie_words_pkey/, `suggest ${q} looks its words up in the lexicon's key`)
    t.match(plan, /movie_words_trigrams/, `suggest ${q} finds corrections by the trigram index`)
    t.match(plan, /people_name_words/, `suggest ${q} reads the people's name index`)
    t.match(plan, /tags_by_prefix|tags_pkey/, `suggest ${q} reads an index of tags`)
    t.notMatch(plan, /Seq Scan/, `suggest ${q} scans no table sequentially`)
    if (process.env.SHOW_PLANS) t.comment(`suggest ${q}\n${plan}`)
  }

  // A lexicon of a few thousand words (a catalogue of 10,000 synthetic titles has about 10,000):
  // the lookup of a whole word once planned as a hash join over the entire lexicon, a sequential
  // scan of it per statement (1-2 ms of a 0.3 ms statement), where a key lookup per word is due.
  // The lexicon is cut inside a transaction that is rolled back, so the other cases keep theirs.
  await database.db
    .transaction()
    .execute(async (trx) => {
      await sql`DELETE FROM ${words} WHERE ctid IN (SELECT ctid FROM ${words} ORDER BY word OFFSET 3000)`.execute(
        trx,
      )
      await sql`ANALYZE ${words}`.execute(trx)
      for (const q of ['night fi', 'zanzib']) {
        const plan = (await suggestQuery(trx, { typed: searchWords(q), tagPrefix: q, limit: 8 }).explain())
          .map((row) => String(Object.values(row)[0]))
          .join('\n')
        t.notMatch(plan, /Seq Scan on movie_words/, `suggest ${q}, 3,000 words: no scan of the lexicon`)
        t.match(plan, /movie_words_pkey/, `suggest ${q}, 3,000 words: the lexicon's key`)
        if (process.env.SHOW_PLANS) t.comment(`suggest ${q}, 3,000 words\n${plan}`)
      }
      throw new RolledBack()
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error
    })
  // ANALYZE wrote the table's size in place, outside the transaction, and the rolled-back delete
  // cleared the pages' all-visible bits (index-only scans cost more): both restored for the rest.
  await sql`VACUUM ANALYZE ${words}`.execute(database.db)

  // The same with the words resolved before (ResolvedWords): no lexicon, the same indexes for the rest.
  for (const q of ['zanzib', 'zanzibr', 'night fi', 'f', 'qqqqzzzz']) {
    const words = (await searchTerms(database.db, q))?.words ?? []
    const plan = (
      await suggestQuery(database.db, {
        typed: searchWords(q),
        tagPrefix: q,
        limit: 8,
        resolved: termsOf(words),
      }).explain()
    )
      .map((row) => String(Object.values(row)[0]))
      .join('\n')
    t.match(plan, /movies_search|movies_by_popularity/, `suggest ${q}, words resolved: an index of titles`)
    t.notMatch(plan, /movie_words/, `suggest ${q}, words resolved: no lexicon`)
    t.match(plan, /people_name_words/, `suggest ${q}, words resolved: the people's name index`)
    t.match(plan, /tags_by_prefix|tags_pkey/, `suggest ${q}, words resolved: an index of tags`)
    t.notMatch(plan, /Seq Scan/, `suggest ${q}, words resolved: no sequential scan`)
    if (process.env.SHOW_PLANS) t.comment(`suggest ${q}, words resolved\n${plan}`)
  }

  const none = { genres: [], yearFrom: null, yearTo: null, minRating: null, search: null, person: null }
  const cursor = { value: '5', id: randomUUID() }
  const typoResolved = termsOf((await searchTerms(database.db, 'zanzibr'))?.words ?? [])
  const cases: [string, Parameters<typeof movieListQuery>[1], MovieSort, string | RegExp, boolean][] = [
    ['sort popularity', none, 'popularity', 'movies_by_popularity', false],
    ['sort popularity, page 2', none, 'popularity', 'movies_by_popularity', true],
    ['sort rating', none, 'rating', 'movies_by_rating', false],
    ['sort release', none, 'release', 'movies_by_release', false],
    ['sort title', none, 'title', 'movies_by_title', false],
    ['sort newest', none, 'newest', 'movies_by_newest', false],
    ['genre filter', { ...none, genres: ['rare'] }, 'rating', 'movies_by_genre', false],
    ['year range', { ...none, yearFrom: 1900, yearTo: 1901 }, 'title', 'movies_by_year', false],
    ['min rating', { ...none, minRating: 4.5 }, 'rating', 'Index Cond: (rating_avg >= ', false],
    ['text search', { ...none, search: searchWords('zanzib') }, 'relevance', 'movies_search', false],
    ['typo search', { ...none, search: typo }, 'relevance', 'movies_search', false],
    // The tsquery is the statement's own (search_terms): either the matches by movies_search, then sorted, or titles in order.
    ['typo search, by title', { ...none, search: typo }, 'title', /movies_search|movies_by_title/, false],
    [
      'typo search, words resolved',
      { ...none, search: typo, resolvedSearch: typoResolved },
      'relevance',
      'movies_search',
      false,
    ],
    [
      'typo search, words resolved, page 2',
      { ...none, search: typo, resolvedSearch: typoResolved },
      'relevance',
      'movies_search',
      true,
    ],
    ['person filter', { ...none, person: '77' }, 'popularity', 'movie_people_pk', false],
    ['person filter, page 2', { ...none, person: '77' }, 'popularity', 'movie_people_pk', true],
  ]
  for (const [name, filters, sort, index, paged] of cases) {
    const after = paged ? { sort, ...cursor } : null
    const rows = await movieListQuery(database.db, filters, sort, 20, after).explain()
    const plan = rows.map((row) => String(Object.values(row)[0])).join('\n')
    t.match(plan, index, `${name} uses ${index}`)
    t.notMatch(plan, /Seq Scan/, `${name} scans no table sequentially`)
    if (process.env.SHOW_PLANS) t.comment(`${name}\n${plan}`)
  }
})
