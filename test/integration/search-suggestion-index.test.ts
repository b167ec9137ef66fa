/**
 * Suggestions from the copy in memory (src/read/search/suggestion-index.ts) are exactly what the
 * suggest statement answers over the same rows: compared text by text over a catalogue of a few
 * hundred titles (accents, punctuation, numbers, hyphens), people and tags, every prefix as typed,
 * typos and junk, with the copy's own word resolution and with words the statement resolved. Then
 * through the route: once the copy is read, suggestions send no statement; a new title is suggested
 * by the next request; ratings reorder the copy within the bound; its ETag revalidates (304); with
 * SUGGEST_INDEX_MAX_MOVIES=0 every miss goes to the statement. Real PostgreSQL, the real projections.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { movieCredits } from '../../projections/movie-credits.ts'
import { movies } from '../../projections/movies.ts'
import { seededRandom } from '../../src/generate/synthetic-log.ts'
import { genreWords, type SuggestInput, suggest, suggestionsOf } from '../../src/read/search/queries.ts'
import { SuggestionSnapshot, suggestionSource } from '../../src/read/search/suggestion-index.ts'
import { ResolvedWords, searchWords } from '../../src/read/search/terms.ts'
import { levenshtein, trigramsOf } from '../../src/read/search/typo-corrections.ts'
import { memoLookups } from '../../src/read/serving/answer-memo.ts'
import { tagLookupKey } from '../../src/read/tags/queries.ts'
import { buildTestApp } from '../support/app.ts'
import { addTitles } from '../support/catalogue.ts'
import { recordStatements } from '../support/statement-recorder.ts'

const METRICS_TOKEN = 'suggestion-copy-metrics-token'
const { app, user, startProjectors, database } = await buildTestApp(t, {
  consistencyTimeoutMs: 3_000,
  searchMemoMaxAgeMs: 600_000,
  // The tests poll the route: more requests than a minute's default allowance from one address.
  rateLimitMax: 1_000_000,
  metricsToken: METRICS_TOKEN,
})
startProjectors({ only: [movies, movieCredits] })
const admin = user({ role: 'admin' })

const SPECIAL = [
  'Le Fabuleux Destin d’Amélie Poulain',
  'Spider-Man: No Way Home',
  "Ocean's Eleven",
  'Nine ½ Weeks',
  '2001: A Space Odyssey',
  'Se7en',
  'Æon Flux',
  '1.5 Degrees of Separation',
  'Straße der Sehnsucht',
  'Ça ira',
  'Star Wars: Episode IV – A New Hope',
  'Starship Troopers',
  'The Night Garden',
  'Night River 123',
  'Nightfall',
  'Rivers of Babylon',
  'Zanzibar Storm',
  'Storm Chasers',
  'Stormy Weather',
  'M*A*S*H',
  'Up',
  'It',
  'e.t. the extra-terrestrial',
  'WALL·E',
  'Crouching Tiger, Hidden Dragon',
  'Los Años Maravillosos',
  'Schindler’s List',
  'The Matrix',
  'The Matrix Reloaded',
  'Mátrix Español',
  // Words a typo is 1 edit from four of: corrections are the 3 closest, then by word.
  'The Cafe Case',
  'Cave Care',
  'Lake Make Rake Wake',
]
const WORDS = ['silent', 'harbor', 'crimson', 'echo', 'paper', 'night', 'river', 'star', 'storm', 'garden']
const GENERATED = Array.from(
  { length: 220 },
  (_, i) => `${WORDS[i % 10]} ${WORDS[(i * 7 + 3) % 10]}${i % 3 === 0 ? ` ${i}` : ''}`,
)
const TITLES = [...SPECIAL, ...GENERATED]
await addTitles(
  app,
  admin.headers,
  TITLES,
  (i) => (i % 2 === 0 ? ['Drama'] : ['Science Fiction']),
  '/api/v1/search/suggest?q=silent',
)
// Popularity with ties (the order then falls to the id), written into the read model as bench:api
// seeds its tags; people and tags likewise.
await app.pool.query(`UPDATE movies SET rating_count = (abs(hashtext(id::text)) % 7) * 3`)
await app.pool.query(`UPDATE movies SET tags = ARRAY['night owl', 'star cast', 'storm']`)
await app.pool.query(`INSERT INTO tags (tag, movie_count, uses) VALUES ('night owl', 3, 5), ('star cast', 2, 2),
  ('storm', 4, 9), ('st%_\\ odd', 1, 1), ('sci-fi', 2, 9), ('ça va', 1, 3), ('stars', 1, 2), ('starship', 1, 2),
  ('unused', 0, 0) ON CONFLICT (tag) DO NOTHING`)
const PEOPLE = [
  'Jean-Luc Godard',
  'Audrey Tautou',
  'Zoë Kravitz',
  'Björk',
  "Lupita Nyong'o",
  'Stanley Kubrick',
  'Stan Lee',
  'Star Person',
  'Night Walker',
  'Harbor Master 2',
  'J.R.R. Tolkien',
  'Ólafur Arnalds',
]
await app.pool.query(
  `INSERT INTO people (person_id, name, movie_count)
   SELECT (1000 + n)::text, name, n % 4 FROM unnest($1::text[]) WITH ORDINALITY AS p(name, n)
   UNION ALL SELECT (2000 + n)::text, 'Actor ' || n, n % 5 FROM generate_series(1, 60) AS n`,
  [PEOPLE],
)

const genres = await genreWords(app.db)
const copy = await SuggestionSnapshot.build(
  { catalogue: 'test', etag: 'W/"test"', now: Date.now() },
  (await suggestionSource(app.db).read(new Map(), 1_000)) ?? {
    movies: [],
    people: [],
    tags: [],
    lexicon: [],
  },
)

/** Every prefix of each text from one character on, as typed. */
const prefixes = (texts: readonly string[]) =>
  texts.flatMap((text) => Array.from({ length: text.length }, (_, end) => text.slice(0, end + 1)))
const TEXTS = [
  ...new Set([
    ...prefixes(SPECIAL.map((title) => title.toLowerCase())),
    ...prefixes(PEOPLE.map((name) => name.toLowerCase())),
    ...GENERATED.slice(0, 40),
    'nigth river',
    'slient harbr',
    'matirx',
    'xake',
    'cabe',
    'xake rak',
    'the matirx rel',
    'stromy',
    'zanzibr st',
    'amelie poulai',
    'zzqqxx',
    'qqqqzzzz storm',
    'st%_',
    'sci',
    'ça',
    'actor 1',
    'actor 12',
    'person',
    'x y z',
    '!!!',
    '1',
    '12',
    '2001 space',
    'night river 12',
    'echo echo',
  ]),
]

/** Typos of title words, as the bench makes them: a letter dropped, doubled, or two swapped. */
const TYPOS = [
  ...new Set(
    [...new Set(TITLES.flatMap((title) => title.toLowerCase().match(/[a-z]{4,}/g) ?? []))].flatMap((word) =>
      Array.from({ length: word.length - 2 }, (_, k) => {
        const i = k + 1
        return [
          word.slice(0, i) + word.slice(i + 1),
          word.slice(0, i + 1) + word.slice(i),
          word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2),
        ]
      }).flat(),
    ),
  ),
]
TEXTS.push(
  ...TYPOS,
  ...TYPOS.slice(0, 200).map((typo) => `${typo} s`),
  ...TYPOS.slice(0, 100).map((typo) => `star ${typo}`),
)

/** The route's input for a text and a limit. */
function inputOf(q: string, limit: number): SuggestInput {
  const tagPrefix = tagLookupKey(q)
  return { typed: searchWords(q), tagPrefix: /[\p{L}\p{N}]/u.test(tagPrefix) ? tagPrefix : null, limit }
}

t.test('the copy answers exactly what the statement answers, text by text', async (t) => {
  t.equal(copy.data.movies.length, TITLES.length, 'every listed movie copied')
  t.equal(copy.data.people.length, PEOPLE.length + 60, 'every person')
  t.notOk(
    copy.data.tags.some((tag) => tag.tag === 'unused'),
    'tags in use only',
  )
  const words = new ResolvedWords()
  const mismatches: string[] = []
  let byCopy = 0
  let byLearned = 0
  let corrected = 0
  for (const limit of [8, 3]) {
    for (const q of TEXTS) {
      const input = inputOf(q, limit)
      // The statement, resolving the words itself (what it made of them learned).
      const expected = JSON.stringify(
        await suggest(
          app.db,
          input,
          async () => genres,
          app.pool,
          (terms, origins) => words.learn('tag', input.typed, terms, origins),
        ),
      )
      const answer = async (resolved: ReturnType<SuggestionSnapshot['resolve']>) => {
        const row = copy.row(resolved, input.tagPrefix, limit)
        return row === null
          ? null
          : JSON.stringify(await suggestionsOf({ ...input, resolved }, row, async () => genres))
      }
      const own = input.typed.length === 0 ? null : copy.resolve(input.typed)
      if (own !== null) {
        // The words as the statement resolved them (folded, looked up, corrected): the same terms.
        const statement = words.resolve('tag', input.typed)
        if (JSON.stringify(own) !== JSON.stringify(statement))
          mismatches.push(`${q}: resolved ${JSON.stringify(own)} != ${JSON.stringify(statement)}`)
        if (own.corrected) corrected += 1
      }
      if (input.typed.length === 0 || own !== null) {
        const copied = await answer(own)
        if (copied !== null) {
          byCopy += 1
          if (copied !== expected)
            mismatches.push(`${q} (limit ${limit}, copy's words): ${copied} != ${expected}`)
        }
      }
      if (input.typed.length > 0) {
        const learned = words.resolve('tag', input.typed)
        const copied = learned === null ? null : await answer(learned)
        if (copied !== null) {
          byLearned += 1
          if (copied !== expected)
            mismatches.push(`${q} (limit ${limit}, statement's words): ${copied} != ${expected}`)
        }
      }
    }
  }
  t.same(mismatches, [], 'no text answered otherwise')
  // Most texts are plain (prefixes, typos): the copy resolves them alone; accents need the statement.
  t.ok(byCopy > 1.5 * TEXTS.length, `the copy resolved and answered ${byCopy} of ${2 * TEXTS.length}`)
  t.ok(byLearned > 1.5 * TEXTS.length, `and answered ${byLearned} with the statement's words`)
  t.ok(corrected > 2 * TYPOS.length, `${corrected} resolved with corrections`)
  t.match(copy.resolve(searchWords('matirx')), { corrected: true, titleMatches: '(matirx:*A | matrix:A)' })
  t.equal(copy.resolve(searchWords('amélie')), null, 'an accent the statement’s to fold')
  t.not(copy.resolve(searchWords('star wa')), null, 'a plain prefix the copy resolves')
  t.match(
    copy.resolve(searchWords('zq star')),
    { hopeless: true },
    'a short unknown word: no title, no correction',
  )
})

t.test('trigrams and edits as pg_trgm and fuzzystrmatch count them', async (t) => {
  const words = [
    ...new Set(TYPOS.slice(0, 150).concat(copy.data.lexicon.filter((w) => /^[a-z0-9]+$/.test(w)))),
  ]
  // Neighbours in sorted order share a prefix: similarities between 0 and 1, not only 0.
  words.sort()
  const pairs = words.slice(0, 400).map((word, i) => [word, words[i + 1] ?? 'x'] as const)
  const { rows } = await app.pool.query<{ a: string; b: string; similarity: number; distance: number }>(
    `SELECT a, b, public.similarity(a, b) AS similarity, public.levenshtein(a, b) AS distance
     FROM unnest($1::text[], $2::text[]) AS p(a, b)`,
    [pairs.map(([a]) => a), pairs.map(([, b]) => b)],
  )
  const differ = rows.filter((row) => {
    const [x, y] = [trigramsOf(row.a), trigramsOf(row.b)]
    const shared = [...x].filter((trigram) => y.has(trigram)).length
    const similarity = Math.fround(shared / (x.size + y.size - shared))
    return similarity !== Math.fround(row.similarity) || levenshtein(row.a, row.b) !== row.distance
  })
  t.equal(rows.length, pairs.length)
  t.same(differ, [], 'the same similarity and distance for every pair')
  t.ok(
    rows.filter((row) => row.similarity > 0.2 && row.similarity < 1).length > 50,
    'most pairs share trigrams',
  )
})

const suggestUrl = (q: string) => `/api/v1/search/suggest?q=${encodeURIComponent(q)}`
const recorder = recordStatements(app.pool)
/** Statements of the suggest statement (the copy's reads are others). */
const suggestStatements = (sent: { text: string }[]) =>
  sent.filter((s) => /search_terms|json_to_recordset/.test(s.text)).length

/** Misses of the suggestions' memo so far (each copy or statement answer is one). */
const misses = () => memoLookups.get('search')?.miss ?? 0

/**
 * Waits until the copy of the current catalogue tag is read (it is read in the background, after a
 * request finds none): probes `q` with limits 1 to 20 (a new memo key each, so the memo cannot
 * answer) until one is a memo miss that sent no suggest statement.
 */
async function copyRead(q: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const before = misses()
    const { result, sent } = await recorder.during(() =>
      app.inject({ url: `${suggestUrl(q)}&limit=${(attempt % 20) + 1}` }),
    )
    if (result.statusCode !== 200) throw new Error(`${q}: ${result.statusCode} ${result.body}`)
    if (misses() === before + 1 && suggestStatements(sent) === 0) return
    await sleep(50)
  }
  throw new Error(`the copy never answered ${q}`)
}

/** `q` asked once (a text not asked before): the reply, and whether the copy answered it. */
async function ask(q: string, more = '') {
  const before = misses()
  const { result, sent } = await recorder.during(() => app.inject({ url: `${suggestUrl(q)}${more}` }))
  return { reply: result, byCopy: misses() === before + 1 && suggestStatements(sent) === 0 }
}

t.test('through the route: once read, the copy answers misses without a statement', async (t) => {
  await copyRead('crimson')
  for (const q of ['star w', 'night ri', 'sta', 'sci', 'echo e', 'paper 1', 'slient harbr', 'kubric']) {
    const { reply, byCopy } = await ask(q)
    t.ok(byCopy, `${q}: answered by the copy`)
    const exact = await app.inject({ url: suggestUrl(q), headers: admin.headers })
    t.equal(reply.body, exact.body, `${q}: the answer a signed-in request (the statement) gets`)
  }
  const typo = await recorder.during(() => app.inject({ url: suggestUrl('nigt gârdn') }))
  t.equal(suggestStatements(typo.sent), 1, 'an accent: the statement folds it (and corrects the typos)')
  t.ok(
    (typo.result.json() as { items: { label: string }[] }).items.some((item) =>
      /night garden/i.test(item.label),
    ),
    'corrected',
  )
  const learned = await ask('nigt gârdn ')
  t.ok(learned.reply.statusCode === 200 && learned.byCopy === false, 'the same text again: the memo')
  const again = await ask('nigt gârdn', '&limit=3')
  t.ok(again.byCopy, 'its words resolved by the statement: the same words with another limit are the copy’s')
  t.ok(
    (again.reply.json() as { items: { label: string }[] }).items.some((item) =>
      /night garden/i.test(item.label),
    ),
    'corrected alike',
  )
})

t.test('a q= search resolves its words with the copy: no lexicon lookup in the statement', async (t) => {
  await copyRead('garden')
  const ids = (body: string) => (JSON.parse(body) as { items: { id: string }[] }).items.map((item) => item.id)
  for (const q of ['slient harbr', 'crimsn star', 'matirx', 'storm chasrs']) {
    const url = `/api/v1/movies?q=${encodeURIComponent(q)}`
    const { result, sent } = await recorder.during(() => app.inject({ url }))
    const lists = sent.filter((s) => /search_terms/.test(s.text))
    t.equal(lists.length, 1, `${q}: one list statement`)
    t.notMatch(
      lists[0]?.text ?? '',
      /levenshtein/,
      `${q}: with the words resolved (no corrections looked up)`,
    )
    const exact = await app.inject({ url, headers: admin.headers })
    t.ok(ids(result.body).length > 0, `${q}: found`)
    t.same(ids(result.body), ids(exact.body), `${q}: what the statement resolving them finds`)
  }
})

t.test('a new title is suggested by the next request, then by the copy of the new tag', async (t) => {
  await copyRead('harbor')
  const reply = await app.inject({
    method: 'POST',
    url: '/api/v1/movies',
    headers: admin.headers,
    payload: { title: 'Quokkaville Harbor', year: 2020, genres: ['Drama'] },
  })
  const { position } = reply.json() as { position: string }
  // Until the API's positions hear the new one (about when the projection applies it), the kept
  // copy answers for the old tag: a text asked each time anew.
  let first = await ask('quokkav')
  for (let attempt = 1; attempt < 300 && !first.reply.body.includes('Quokkaville'); attempt++) {
    await sleep(20)
    // Another limit each time: a memo key not asked before.
    first = await ask('quokkav', `&limit=${(attempt % 19) + 1}`)
  }
  t.ok(position, 'added')
  t.match(
    first.reply.json(),
    { items: [{ label: 'Quokkaville Harbor' }] },
    'suggested once the positions moved',
  )
  t.notOk(first.byCopy, 'by the statement: no copy of the new tag yet')
  await copyRead('quokkavi')
  const copied = await ask('quokkavil')
  t.ok(copied.byCopy, 'then by the copy read under the new tag')
  t.match(copied.reply.json(), { items: [{ label: 'Quokkaville Harbor' }] })
})

t.test('the copy’s answer goes out with its ETag: 304 while nothing moved', async (t) => {
  await copyRead('river')
  const answer = await ask('river g')
  t.ok(answer.byCopy)
  const etag = String(answer.reply.headers.etag)
  t.match(etag, /^W\//)
  const again = await app.inject({ url: suggestUrl('river g'), headers: { 'if-none-match': etag } })
  t.equal(again.statusCode, 304)
  const other = await recorder.during(() =>
    app.inject({ url: suggestUrl('storm c'), headers: { 'if-none-match': etag } }),
  )
  t.equal(other.result.statusCode, 304, 'another text from the same copy: the same positions, 304')
  t.equal(suggestStatements(other.sent), 0, 'with no statement')
})

t.test('ratings reorder the copy within the bound', async (t) => {
  const added = []
  for (const title of ['Wombatron Alpha', 'Wombatron Beta']) {
    const reply = await app.inject({
      method: 'POST',
      url: '/api/v1/movies',
      headers: admin.headers,
      payload: { title, year: 2021, genres: ['Drama'] },
    })
    added.push(reply.json() as { id: string; position: string })
  }
  const [alpha, beta] = added as [{ id: string; position: string }, { id: string; position: string }]
  await app.inject({ url: suggestUrl('wombat'), headers: { 'x-consistency-token': beta.position } })
  const labels = (body: string) =>
    (JSON.parse(body) as { items: { kind: string; label: string }[] }).items
      .filter((item) => item.kind === 'movie')
      .map((item) => item.label)
  await copyRead('wombatro')
  const first = await ask('wombatron')
  t.ok(first.byCopy, 'the copy of the tag with both')
  const before = labels(first.reply.body)
  t.equal(before.length, 2)
  // The less popular of the two (ties fall to the id) gets three ratings.
  const behind = before[1] === 'Wombatron Alpha' ? alpha : beta
  let last = ''
  for (let i = 0; i < 3; i++) {
    const rated = await app.inject({
      method: 'PUT',
      url: `/api/v1/movies/${behind.id}/rating`,
      headers: user().headers,
      payload: { stars: 5 },
    })
    last = (rated.json() as { position: string }).position
  }
  await app.inject({ url: suggestUrl('wombat'), headers: { 'x-consistency-token': last } })
  const within = await ask('wombatron ')
  t.same(labels(within.reply.body), before, 'within the bound: the kept order')
  // A short bound: past three quarters of it the copy's order is read again (in the background).
  app.config.searchMemoMaxAgeMs = 400
  t.teardown(() => {
    app.config.searchMemoMaxAgeMs = 600_000
  })
  let now = { labels: before, byCopy: false }
  for (let attempt = 1; attempt <= 300 && !(now.byCopy && now.labels[0] === before[1]); attempt++) {
    await sleep(20)
    const reply = await ask(`wombatron${'!'.repeat(attempt)}`.slice(0, 100))
    now = { labels: labels(reply.reply.body), byCopy: reply.byCopy }
  }
  t.ok(now.byCopy, 'the copy answers again')
  t.same(now.labels, [...before].reverse(), 'with the rated one first')
})

t.test('SUGGEST_INDEX_MAX_MOVIES=0: no copy, every miss asks the statement', async (t) => {
  const { app: off } = await buildTestApp(t, { suggestIndexMaxMovies: 0 }, database)
  const offRecorder = recordStatements(off.pool)
  for (const q of ['silent h', 'silent ha', 'silent har', 'silent harb']) {
    await sleep(20)
    const { sent } = await offRecorder.during(() => off.inject({ url: suggestUrl(q) }))
    t.equal(suggestStatements(sent), 1, `${q}: the statement`)
  }
})

t.test(
  'a catalogue past SUGGEST_INDEX_MAX_MOVIES is not copied: the statement answers, the rows are read once',
  async (t) => {
    const { app: small } = await buildTestApp(
      t,
      { suggestIndexMaxMovies: 5, rateLimitMax: 1_000_000 },
      database,
    )
    const smallRecorder = recordStatements(small.pool)
    const texts = ['echo st', 'echo sta', 'echo star', 'paper g', 'paper ga', 'paper gar', 'paper gard']
    // Recorded as a whole: the copy is read in the background, between requests.
    const { result: replies, sent } = await smallRecorder.during(async () => {
      const replies = []
      for (const q of texts) {
        replies.push(await small.inject({ url: suggestUrl(q) }))
        await sleep(100)
      }
      return replies
    })
    t.same(
      replies.map((reply) => reply.statusCode),
      texts.map(() => 200),
    )
    t.equal(suggestStatements(sent), texts.length, 'each text: the statement')
    // The copy's reads: statements of the read models that are not the suggest statement.
    const reads = sent.filter((s) => !/search_terms|json_to_recordset/.test(s.text))
    const copyReads = reads.filter((s) => /from "movies"/i.test(s.text) && /"popularity" desc/i.test(s.text))
    t.equal(copyReads.length, 1, 'the copy tried once: too large')
    t.notOk(
      reads.some((s) => /from "people"/i.test(s.text)),
      'and nothing read past the movies',
    )
  },
)

t.test('in parallel, while titles are added and ratings move the order: every answer a 200', async (t) => {
  app.config.searchMemoMaxAgeMs = 300
  t.teardown(() => {
    app.config.searchMemoMaxAgeMs = 600_000
  })
  const random = seededRandom(5)
  const texts = [...TEXTS, ...TYPOS].filter((text) => text.trim() !== '')
  let lastPosition = ''
  const writes = (async () => {
    for (let i = 0; i < 8; i++) {
      const reply = await app.inject({
        method: 'POST',
        url: '/api/v1/movies',
        headers: admin.headers,
        payload: { title: `Parallel Harbor ${i}`, year: 2022, genres: ['Drama'] },
      })
      const { id, position } = reply.json() as { id: string; position: string }
      lastPosition = position
      await app.inject({
        method: 'PUT',
        url: `/api/v1/movies/${id}/rating`,
        headers: user().headers,
        payload: { stars: 4 },
      })
      await sleep(30)
    }
  })()
  const statuses = new Map<number, number>()
  for (let wave = 0; wave < 10; wave++) {
    const replies = await Promise.all(
      Array.from({ length: 40 }, () =>
        app.inject({ url: suggestUrl(texts[Math.floor(random() * texts.length)] as string) }),
      ),
    )
    for (const reply of replies) statuses.set(reply.statusCode, (statuses.get(reply.statusCode) ?? 0) + 1)
    await sleep(20)
  }
  await writes
  t.same([...statuses.keys()], [200], `400 suggestions: ${JSON.stringify([...statuses])}`)
  // Once the projection has applied the last title (read with its token) and the API's positions
  // have heard it, an anonymous suggestion shows it: another limit each time, a new memo key.
  await app.inject({ url: suggestUrl('parallel'), headers: { 'x-consistency-token': lastPosition } })
  let last = await ask('parallel harbor 7')
  for (let attempt = 1; attempt < 300 && !last.reply.body.includes('Parallel Harbor 7'); attempt++) {
    await sleep(20)
    last = await ask('parallel harbor 7', `&limit=${(attempt % 19) + 1}`)
  }
  t.match(last.reply.json(), { items: [{ label: 'Parallel Harbor 7' }] }, 'the last title added is suggested')
})

t.test('GET /metrics shows the copy: what it holds, its reads, what it answered', async (t) => {
  await copyRead('parallel')
  const reply = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  t.equal(reply.statusCode, 200)
  const value = (pattern: RegExp) => Number(pattern.exec(reply.body)?.[1] ?? Number.NaN)
  const listed = Number(
    (await app.pool.query('SELECT count(*) FROM movies WHERE removed_at IS NULL')).rows[0].count,
  )
  t.equal(value(/^nexus_suggestion_copy_titles (\d+)$/m), listed, 'every listed title')
  t.ok(value(/^nexus_suggestion_copy_age_seconds ([\d.e-]+)$/m) >= 0, 'its age')
  t.ok(
    value(/^nexus_suggestion_copy_reads_total\{outcome="whole"\} (\d+)$/m) >= 2,
    'read whole per catalogue tag',
  )
  t.ok(
    value(/^nexus_suggestion_copy_reads_total\{outcome="order"\} (\d+)$/m) >= 1,
    'and its order again after ratings',
  )
  t.equal(value(/^nexus_suggestion_copy_reads_total\{outcome="failed"\} (\d+)$/m), 0)
  t.ok(value(/^nexus_suggestion_answers_total\{source="copy"\} (\d+)$/m) >= 10, 'suggestions from the copy')
  t.ok(value(/^nexus_suggestion_answers_total\{source="statement"\} (\d+)$/m) >= 1, 'and from the statement')
})
