/**
 * Suggestions and search off the answer memo are one round trip to PostgreSQL, a prepared statement,
 * typo or not (the
 * corrections are found inside the statement, with the connection's pg_trgm threshold: no
 * transaction), and anonymous answers are memoised per normalised text until the projections move:
 * a renamed movie's new title is what the suggestion shows next. Every statement a request sends is
 * recorded at the pool (real PostgreSQL, nothing faked).
 */
import t from 'tap'
import { buildTestApp } from '../support/app.ts'
import { recordStatements, type Sent } from '../support/statement-recorder.ts'

// The projectors run in one app; the requests recorded go to a second app on the same database, whose
// pool carries nothing but what its requests send.
const writer = await buildTestApp(t, { consistencyTimeoutMs: 3_000 })
writer.startProjectors()
const { user, addMovie } = writer
// No suggestions copy (suggestion-index.ts): these tests count the statements of the misses it would
// answer from memory; search-suggestion-index.test.ts tests the copy.
const { app } = await buildTestApp(
  t,
  { consistencyTimeoutMs: 3_000, suggestIndexMaxMovies: 0 },
  writer.database,
)
const admin = user({ role: 'admin' })

const recorder = recordStatements(app.pool)

/**
 * The statements one request sent, but for the ETag's projection positions (projection-tags.ts) and
 * the genres, read once per ETag and kept (routes.ts).
 */
async function statementsOf(url: string, headers: Record<string, string> = {}) {
  const { result: reply, sent } = await recorder.during(() => app.inject({ url, headers }))
  if (reply.statusCode !== 200) throw new Error(`${url}: ${reply.statusCode} ${reply.body}`)
  return {
    reply,
    sent: sent.filter((s) => !s.text.includes('projection_generations') && !/from "genres"/i.test(s.text)),
  }
}

const shown = (sent: Sent[]) => sent.map((s) => s.name ?? s.text.slice(0, 80)).join(' | ')
const suggestUrl = (q: string) => `/api/v1/search/suggest?q=${encodeURIComponent(q)}`
type Items = { items: { kind: string; label: string; id?: string; title?: string }[] }

/** Asks (anonymous, no token: memoised) until the answer satisfies `done`; a loaded machine's projector lags. */
async function eventually(url: string, done: (body: Items) => boolean): Promise<Items> {
  let body = (await app.inject({ url })).json() as Items
  for (let attempt = 1; attempt <= 100 && !done(body); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    body = (await app.inject({ url })).json() as Items
  }
  return body
}

const hasTitle = (title: string) => (body: Items) => body.items.some((i) => i.label === title)

const id = await addMovie({ title: 'The Quillfeather Gambit', year: 2004, genres: ['Drama'] })
await addMovie({ title: 'Quillfeather Returns', year: 2006, genres: ['Drama'] })
const listed = await eventually(suggestUrl('quillfeather'), (body) => body.items.length >= 2)
t.equal(listed.items.length >= 2, true, 'both movies are listed')

t.test('a suggestion and a search are one statement each, typo or not', async (t) => {
  // A first request reads the genres for this ETag; the recorded ones below read them from memory.
  await app.inject({ url: suggestUrl('quill') })
  for (const q of ['quillfeat', 'qiullfeather ga', 'the quillfeather g']) {
    const { reply, sent } = await statementsOf(suggestUrl(q))
    t.match((reply.json() as Items).items[0], { kind: 'movie' }, `suggest ${q} finds a title`)
    t.equal(sent.length, 1, `suggest ${q}: one statement: ${shown(sent)}`)
    t.ok(sent[0]?.name, 'a named (prepared) statement')
    t.notMatch(shown(sent), /BEGIN|set_config/i, 'no transaction, no threshold set per query')
  }
  for (const q of ['qiullfeather', 'quillfaether gambit']) {
    const { reply, sent } = await statementsOf(`/api/v1/movies?q=${encodeURIComponent(q)}`)
    t.ok(
      (reply.json() as Items).items.some((i) => i.id === id),
      `search ${q} corrects the typo`,
    )
    t.equal(sent.length, 1, `search ${q}: one statement: ${shown(sent)}`)
    t.ok(sent[0]?.name, 'a named (prepared) statement')
  }
})

t.test('the memo keys texts by their words: case, spacing and punctuation share one answer', async (t) => {
  const first = await statementsOf(suggestUrl('Quillfeather Ret'))
  t.equal(first.sent.length, 1, 'the first asks')
  const again = await statementsOf(suggestUrl('  QUILLFEATHER   ret'))
  t.equal(again.sent.length, 0, 'the same words asked differently: from the memo')
  t.equal(again.reply.body, first.reply.body)
  const search = await statementsOf('/api/v1/movies?q=quillfeather%20gambit')
  t.equal(search.sent.length, 1)
  const searchAgain = await statementsOf('/api/v1/movies?q=Quillfeather,%20GAMBIT!')
  t.equal(searchAgain.sent.length, 0, 'a search too')
  t.equal(searchAgain.reply.body, search.reply.body)
  const signedIn = await statementsOf('/api/v1/movies?q=quillfeather%20gambit', user().headers)
  t.ok(signedIn.sent.length >= 1, 'signed in: never from the memo')
})

t.test('a miss whose words were resolved before: one statement that takes them as they are', async (t) => {
  // The first asks resolve the words in their statements (and teach them: src/read/search/terms.ts).
  const first = await statementsOf(suggestUrl('gambit quill'))
  t.match(first.sent[0]?.text, /movie_words/, 'a first suggestion looks its words up')
  // The same words with another limit: not the memoised answer, but words known at this ETag.
  const known = await statementsOf(`${suggestUrl('GAMBIT, quill')}&limit=3`)
  t.equal(known.sent.length, 1, `one statement: ${shown(known.sent)}`)
  t.ok(known.sent[0]?.name, 'a named (prepared) statement')
  t.notMatch(known.sent[0]?.text, /movie_words|unnest/, 'no folding, no lexicon lookup')
  t.same(
    (known.reply.json() as Items).items.map((i) => i.label),
    ['The Quillfeather Gambit'],
    'the title found as before',
  )
  const search = await statementsOf('/api/v1/movies?q=quillfeathr%20gambit')
  t.match(search.sent[0]?.text, /movie_words/, 'a first search corrects its words in its statement')
  const again = await statementsOf('/api/v1/movies?q=quillfeathr%20gambit&limit=5')
  t.equal(again.sent.length, 1, `one statement: ${shown(again.sent)}`)
  t.notMatch(again.sent[0]?.text, /movie_words|unnest/, 'the correction known: no lexicon lookup')
  t.ok(
    (again.reply.json() as Items).items.some((i) => i.id === id),
    'the typo still corrected',
  )
  // A suggestion knows the words a search taught ('gambit' as the last word, 'quillfeathr' not).
  const taught = await statementsOf(suggestUrl('quillfeathr gambit'))
  t.notMatch(taught.sent[0]?.text, /movie_words/, 'words the search resolved')
  const signedIn = await statementsOf('/api/v1/movies?q=quillfeathr%20gambit', user().headers)
  t.ok(
    signedIn.sent.some((s) => /movie_words/.test(s.text)),
    'signed in (no memo tag): resolved in the statement',
  )
})

t.test('a renamed movie: the memoised suggestion shows the new title', async (t) => {
  const q = 'quillfeather'
  t.ok(
    hasTitle('The Quillfeather Gambit')((await app.inject({ url: suggestUrl(q) })).json()),
    'the old title',
  )
  const memoised = await statementsOf(suggestUrl(q))
  t.equal(memoised.sent.length, 0, 'asked again: from the memo')
  const renamed = await app.inject({
    method: 'PATCH',
    url: `/api/v1/movies/${id}`,
    headers: admin.headers,
    payload: { title: 'The Quillfeather Endgame' },
  })
  t.equal(renamed.statusCode, 200, renamed.body)
  // No token: the memo's answer goes out until the movies projection's position moves, then a fresh one.
  const after = await eventually(suggestUrl(q), hasTitle('The Quillfeather Endgame'))
  t.ok(hasTitle('The Quillfeather Endgame')(after), 'the new title is suggested')
  t.notOk(hasTitle('The Quillfeather Gambit')(after), 'the old one is not')
  t.ok(
    hasTitle('The Quillfeather Endgame')(
      (await eventually(suggestUrl('quillfeather endg'), () => true)) as Items,
    ),
    'and its new words are suggested from',
  )
  const search = (await app.inject({ url: '/api/v1/movies?q=quillfeather' })).json() as Items
  t.ok(
    search.items.some((i) => i.title === 'The Quillfeather Endgame'),
    'the memoised search follows the rename too',
  )
})
