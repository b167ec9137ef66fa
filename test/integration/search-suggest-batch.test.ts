/**
 * The suggest misses of one turn of the event loop go to PostgreSQL in one statement (SuggestBatch,
 * src/read/search/queries.ts): every input gets exactly the answer it gets alone (words resolved in
 * the statement or before, one word or several, a tag prefix or none, limits), one statement carries
 * them all, an input whose statement fails fails alone, and through the route several requests at
 * once get the answers (and the 400s) they get one at a time. Real PostgreSQL, the real projections.
 */
import t from 'tap'
import {
  genreWords,
  MAX_SUGGEST_BATCH,
  SuggestBatch,
  type SuggestInput,
  suggest,
  suggestionsOf,
} from '../../src/read/search/queries.ts'
import { ResolvedWords, searchWords, termsOf } from '../../src/read/search/terms.ts'
import { tagLookupKey } from '../../src/read/tags/queries.ts'
import { buildTestApp } from '../support/app.ts'
import { addTitles } from '../support/catalogue.ts'
import { recordStatements } from '../support/statement-recorder.ts'

// No suggestions copy (suggestion-index.ts): the route's misses go to the statements tested here.
const { app, user, startProjectors } = await buildTestApp(t, {
  consistencyTimeoutMs: 3_000,
  suggestIndexMaxMovies: 0,
})
const admin = user({ role: 'admin' })
startProjectors()

const TITLES = [
  'Le Fabuleux Destin d’Amélie Poulain',
  'Night River 123',
  'The Night Garden',
  'Nightfall',
  'Star Wars: Episode IV – A New Hope',
  'Starship Troopers',
  'Straße der Sehnsucht',
  'Ça ira ½',
  'Zanzibar Storm',
  'Storm Chasers',
  'Stormy Weather',
  'Rivers of Babylon',
]
await addTitles(
  app,
  admin.headers,
  TITLES,
  (i) => (i % 2 === 0 ? ['Drama'] : ['Science Fiction']),
  '/api/v1/search/suggest?q=rivers',
)
// Tags straight into the read model, as bench:api seeds them: the suggestions' tags part.
await app.pool.query(`UPDATE movies SET tags = ARRAY['night owl', 'star cast', 'storm']`)
await app.pool.query(`INSERT INTO tags (tag, movie_count, uses) VALUES ('night owl', 3, 5), ('star cast', 2, 2),
  ('storm', 4, 9), ('st%_\\ odd', 1, 1) ON CONFLICT (tag) DO NOTHING`)

const TEXTS = [
  'n',
  'ni',
  'night',
  'night ri',
  'nigth river',
  'stra',
  'straße d',
  'star wa',
  'starship troo',
  'strom',
  'storm',
  'zanzibr st',
  'ça ira ½',
  'amelie poulai',
  'zzqqxx',
  'qqqqzzzz storm',
  'st%_',
  'rivers of b',
  'the',
]

const genres = await genreWords(app.db)
const TAG = 'batch-test'
/** The suggestions for `input` asked alone (the single statement), what it resolved learned by `words`. */
const askAlone = (input: SuggestInput, words?: ResolvedWords) =>
  suggest(
    app.db,
    input,
    async () => genres,
    app.pool,
    (terms, origins) => words?.learn(TAG, input.typed, terms, origins),
  )

/** The inputs of TEXTS as the route builds them, for a limit; their words resolved when `words` knows them. */
function inputsOf(limit: number, words?: ResolvedWords): SuggestInput[] {
  return TEXTS.map((q) => {
    const typed = searchWords(q)
    const tagPrefix = tagLookupKey(q)
    return {
      typed,
      tagPrefix: /[\p{L}\p{N}]/u.test(tagPrefix) ? tagPrefix : null,
      limit,
      resolved: words === undefined || typed.length === 0 ? null : words.resolve(TAG, typed),
    }
  })
}

t.test('several misses in one statement: each gets exactly the answer it gets alone', async (t) => {
  const words = new ResolvedWords()
  for (const limit of [8, 2]) {
    for (const known of [false, true]) {
      const inputs = inputsOf(limit, known ? words : undefined).flatMap((input) => [
        input,
        // The same words without a tag prefix.
        { ...input, tagPrefix: null },
      ])
      if (known) t.ok(inputs.filter((input) => input.resolved).length > 20, 'most words resolved before')
      const alone = []
      for (const input of inputs) alone.push(JSON.stringify(await askAlone(input, words)))
      const batch = new SuggestBatch(app.db, app.pool)
      const recorder = recordStatements(app.pool)
      const { result: answers, sent } = await recorder.during(() =>
        Promise.all(
          inputs.map(async (input, i) =>
            JSON.stringify(await suggestionsOf(input, await batch.row(String(i), input), async () => genres)),
          ),
        ),
      )
      t.same(
        answers,
        alone,
        `limit ${limit}, words ${known ? 'resolved before' : 'resolved in the statement'}`,
      )
      // The projectors of this app send theirs on the same pool. Words resolved before go together;
      // words to resolve, each alone (SuggestBatch).
      const suggestions = sent.filter((s) => /search_terms/.test(s.text))
      const together = inputs.filter((input) => input.resolved).length
      t.equal(
        suggestions.filter((s) => /json_to_recordset/.test(s.text)).length,
        Math.ceil(together / MAX_SUGGEST_BATCH),
        `${together} inputs with their words resolved: one statement per ${MAX_SUGGEST_BATCH}`,
      )
      t.equal(
        suggestions.filter((s) => !/json_to_recordset/.test(s.text)).length,
        inputs.length - together,
        'the others, one statement each',
      )
      t.ok(
        suggestions.every((s) => s.name !== null),
        'named (prepared) statements',
      )
    }
  }
})

t.test('the same key twice in one turn is asked once; a lone input as suggest asks it', async (t) => {
  const batch = new SuggestBatch(app.db, app.pool)
  const recorder = recordStatements(app.pool)
  const [input] = inputsOf(8)
  if (input === undefined) throw new Error('no input')
  const twice = await recorder.during(() => Promise.all([batch.row('k', input), batch.row('k', input)]))
  t.same(twice.result[0], twice.result[1])
  const suggestions = twice.sent.filter((s) => /search_terms/.test(s.text))
  t.equal(suggestions.length, 1, 'one statement')
  t.notMatch(suggestions[0]?.text, /json_to_recordset/, 'the statement of one input, as suggest sends it')
})

t.test('an input whose statement fails fails alone: the others get their answers', async (t) => {
  // Words resolved before: the inputs that go together.
  const words = new ResolvedWords()
  for (const input of inputsOf(8)) await askAlone(input, words)
  const inputs = inputsOf(8, words).slice(0, 6)
  t.ok(
    inputs.every((input) => input.resolved),
    'their words resolved',
  )
  const broken: SuggestInput = {
    typed: ['night'],
    tagPrefix: null,
    limit: 8,
    // Not tsquery syntax: to_tsquery fails, in the batched statement and alone.
    resolved: { ...termsOf([{ word: 'night', known: true, corrections: [] }]), titleMatches: 'night & & (' },
  }
  const alone = []
  for (const input of inputs) alone.push(await askAlone(input))
  const batch = new SuggestBatch(app.db, app.pool)
  const results = await Promise.allSettled(
    [...inputs.slice(0, 3), broken, ...inputs.slice(3)].map((input, i) => batch.row(String(i), input)),
  )
  t.match(
    results[3],
    { status: 'rejected', reason: { message: /syntax error in tsquery/ } },
    'the broken one fails',
  )
  const others = results.filter((_, i) => i !== 3)
  t.ok(
    others.every((result) => result.status === 'fulfilled'),
    'the others do not',
  )
  const answers = []
  for (const [i, result] of others.entries())
    if (result.status === 'fulfilled')
      answers.push(await suggestionsOf(inputs[i] as SuggestInput, result.value, async () => genres))
  t.same(answers, alone, 'each with its answer alone')
})

t.test('through the route: requests at once get the answers and errors they get one at a time', async (t) => {
  // Signed in: never from the answer memo, so every request reaches the statement.
  const { headers } = user()
  const urls = [
    ...TEXTS.map((q) => `/api/v1/search/suggest?q=${encodeURIComponent(q)}`),
    `/api/v1/search/suggest?q=${'x'.repeat(101)}`,
    '/api/v1/search/suggest?q=night&limit=0',
    '/api/v1/search/suggest?q=night&limit=3',
    '/api/v1/search/suggest?q=%3F%21',
    '/api/v1/search/suggest',
  ]
  const atOnce = await Promise.all(urls.map((url) => app.inject({ url, headers })))
  const oneByOne = []
  for (const url of urls) oneByOne.push(await app.inject({ url, headers }))
  for (const [i, url] of urls.entries()) {
    t.equal(atOnce[i]?.statusCode, oneByOne[i]?.statusCode, `${url}: the same status`)
    t.equal(atOnce[i]?.body, oneByOne[i]?.body, `${url}: the same body`)
  }
  const invalid = atOnce.filter((reply) => reply.statusCode === 400)
  t.equal(invalid.length, 3, 'too long, limit 0, no q: 400')
  for (const reply of invalid)
    t.match(reply.json(), { error: { code: 'VALIDATION_FAILED', message: String } })
  t.equal(atOnce.filter((reply) => reply.statusCode === 200).length, urls.length - 3, 'the others answered')
})
