/**
 * The pure parts of search: words as typed, one-edit matching of genre words, the tsquery texts of
 * words resolved before (what SQL makes of them: catalogue.test.ts, search-resolved-words.test.ts).
 */
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely'
import t from 'tap'
import type { Database } from '../../src/db/schema.ts'
import { compiledSearch, type MovieSort, movieListQuery } from '../../src/read/movies/queries.ts'
import {
  batchInput,
  compiledSuggest,
  compiledSuggestBatch,
  suggestBatchQuery,
  suggestQuery,
  withinOneEdit,
} from '../../src/read/search/queries.ts'
import { ResolvedWords, searchWords, termsOf } from '../../src/read/search/terms.ts'

/** Compiling needs no database: a driver that connects nowhere. */
const compilingOnly = () =>
  new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  })

t.test('the words of a search: letters and digits, lower case, at most 8, cut at 60', async (t) => {
  t.same(searchWords("  L'Amélie: 2001!  "), ['l', 'amélie', '2001'])
  t.same(searchWords("'; DROP TABLE x; -- :* & | ! <->"), ['drop', 'table', 'x'])
  t.same(searchWords('?!'), [])
  t.equal(searchWords('a b c d e f g h i j').length, 8)
  t.equal(searchWords('x'.repeat(100))[0]?.length, 60)
})

t.test('one edit apart: one insertion, deletion or substitution, no more', async (t) => {
  for (const [a, b] of [
    ['drama', 'drama'],
    ['drama', 'dramma'],
    ['drama', 'drma'],
    ['drama', 'draka'],
    ['drama', 'xrama'],
    ['drama', 'dramax'],
  ])
    t.ok(withinOneEdit(a ?? '', b ?? ''), `${a} ~ ${b}`)
  for (const [a, b] of [
    ['drama', 'darma'],
    ['drama', 'dr'],
    ['drama', 'comedy'],
    ['drama', 'dramaxx'],
  ])
    t.notOk(withinOneEdit(a ?? '', b ?? ''), `${a} !~ ${b}`)
})

t.test('the suggest statement compiled once per shape is the one built for each request', async (t) => {
  const db = compilingOnly()
  const inputs = [
    { typed: ['silent', 'ha'], tagPrefix: 'silent ha', limit: 8 },
    { typed: ['amélie'], tagPrefix: 'amélie', limit: 8 },
    { typed: ['matirx', 'reloaded', 'x'], tagPrefix: null, limit: 3 },
    { typed: [], tagPrefix: '100%_\\ off', limit: 8 },
    { typed: ['night'], tagPrefix: 'night', limit: 20 },
    { typed: ['night'], tagPrefix: '', limit: 8 },
    // Words resolved before: the statement takes their terms as parameters.
    {
      typed: ['silent', 'ha'],
      tagPrefix: 'silent ha',
      limit: 8,
      resolved: termsOf([
        { word: 'silent', known: true, corrections: [] },
        { word: 'ha', known: true, corrections: [] },
      ]),
    },
    {
      typed: ['matirx', 'x'],
      tagPrefix: null,
      limit: 3,
      resolved: termsOf([
        { word: 'matirx', known: false, corrections: ['matrix'] },
        { word: 'x', known: false, corrections: [] },
      ]),
    },
    { typed: ['ʻ'], tagPrefix: 'ʻ', limit: 8, resolved: termsOf([]) },
    { typed: [], tagPrefix: 'tag', limit: 8, resolved: termsOf([]) },
  ]
  // Twice: the first of a shape compiles it, the second reuses it.
  for (const input of [...inputs, ...inputs]) {
    const fresh = suggestQuery(db, input).compile()
    const reused = compiledSuggest(db, input)
    t.equal(reused.sql, fresh.sql, `${JSON.stringify(input)}: the same text`)
    t.same(reused.parameters, fresh.parameters, `${JSON.stringify(input)}: the same parameters`)
  }
})

t.test('the batched suggest statement compiled once is the one built for its inputs', async (t) => {
  const db = compilingOnly()
  const batches = [
    [
      batchInput(0, {
        typed: ['silent', 'ha'],
        tagPrefix: 'silent ha',
        limit: 8,
        resolved: termsOf([
          { word: 'silent', known: true, corrections: [] },
          { word: 'ha', known: true, corrections: [] },
        ]),
      }),
      batchInput(1, {
        typed: ['amélie'],
        tagPrefix: null,
        limit: 3,
        resolved: termsOf([{ word: 'amelie', known: true, corrections: [] }]),
      }),
    ],
    [
      batchInput(0, {
        typed: ['matirx', 'x'],
        tagPrefix: '100%_\\ off',
        limit: 20,
        resolved: termsOf([
          { word: 'matirx', known: false, corrections: ['matrix'] },
          { word: 'x', known: false, corrections: [] },
        ]),
      }),
    ],
  ]
  for (const inputs of [...batches, ...batches]) {
    const fresh = suggestBatchQuery(db, inputs).compile(db)
    const reused = compiledSuggestBatch(db, inputs)
    t.equal(reused.sql, fresh.sql, 'the same text')
    t.same(reused.parameters, fresh.parameters, 'the same parameters')
  }
  t.match(batches[1]?.[0], {
    exact: 'matirx & x:*',
    title_matches: '(matirx:A | matrix:A) & x:*A',
    hopeless: true,
    tag: '100%_\\ off',
    tag_like: '100\\%\\_\\\\ off%',
    lim: 20,
    popular: false,
  })
})

t.test(
  'resolved terms: the tsquery texts and flags search_terms builds, from words resolved before',
  async (t) => {
    t.same(
      termsOf([
        { word: 'night', known: true, corrections: [] },
        { word: 'zanzibr', known: false, corrections: ['zanzibar', 'zanzibor'] },
        { word: 'sto', known: true, corrections: [] },
      ]),
      {
        words: [
          { word: 'night', known: true, corrections: [] },
          { word: 'zanzibr', known: false, corrections: ['zanzibar', 'zanzibor'] },
          { word: 'sto', known: true, corrections: [] },
        ],
        folded: 'night zanzibr sto',
        matches: 'night & (zanzibr | zanzibar | zanzibor) & sto:*',
        exact: 'night & zanzibr & sto:*',
        titleMatches: 'night:A & (zanzibr:A | zanzibar:A | zanzibor:A) & sto:*A',
        corrected: true,
        hopeless: false,
      },
      'every word, the last a prefix, corrections as alternatives',
    )
    t.match(
      termsOf([
        { word: 'qux', known: false, corrections: [] },
        { word: 'night', known: true, corrections: [] },
      ]),
      { matches: 'qux & night:*', corrected: false, hopeless: true },
      'a word no title holds, uncorrected: hopeless',
    )
    t.same(
      termsOf([]),
      {
        words: [],
        folded: '',
        matches: null,
        exact: null,
        titleMatches: null,
        corrected: false,
        hopeless: true,
      },
      'no word (nothing survived folding): no tsquery, hopeless',
    )
  },
)

t.test('resolved words: known per tag, a word as the last one apart from a finished one', async (t) => {
  const words = new ResolvedWords()
  t.equal(words.resolve('a', ['star', 'wa']), null, 'nothing learned: nothing resolved')
  words.learn(
    'a',
    ['star', 'wa'],
    [
      { word: 'star', known: true, corrections: [] },
      { word: 'wa', known: true, corrections: [] },
    ],
    [1, 2],
  )
  t.match(words.resolve('a', ['star', 'wa']), { matches: 'star & wa:*', hopeless: false })
  t.equal(words.resolve('a', ['wa', 'star']), null, 'star as the last word (a prefix) was never looked up')
  t.equal(words.resolve('a', ['star', 'war']), null, 'nor war')
  t.equal(words.resolve('b', ['star', 'wa']), null, 'another tag: nothing resolved')
  t.equal(words.resolve(null, ['star', 'wa']), null, 'no tag: nothing resolved')
  t.match(
    words.resolve('a', ['wa']),
    { matches: 'wa:*' },
    'a word learned as the last one is the last one again',
  )
  // A typed word folding into two pieces ('½' -> '1', '2') and one folding into none.
  words.learn(
    'a',
    ['x½', 'ʻ', 'wa'],
    [
      { word: 'x1', known: true, corrections: [] },
      { word: '2', known: true, corrections: [] },
      { word: 'wa', known: true, corrections: [] },
    ],
    [1, 1, 3],
  )
  t.match(words.resolve('a', ['x½', 'ʻ', 'wa']), { folded: 'x1 2 wa', matches: 'x1 & 2 & wa:*' })
  t.equal(words.resolve('a', ['ʻ', 'x½']), null, '2 as the last piece was never looked up')
  t.match(
    words.resolve('a', ['star', 'ʻ', 'wa']),
    { folded: 'star wa' },
    'a word folding into nothing adds nothing',
  )
  words.learn('b', ['wa'], [{ word: 'wa', known: false, corrections: ['war'] }], [1])
  t.equal(words.resolve('a', ['wa']), null, 'a new tag empties what was learned under the old one')
  t.match(words.resolve('b', ['wa']), { matches: '(wa:* | war)', corrected: true })
  t.same(words.size, { folds: 1, lookups: 1 })
})

t.test(
  'the search-alone list statement compiled once per shape is the one built for each request',
  async (t) => {
    const db = compilingOnly()
    const none = { genres: [], yearFrom: null, yearTo: null, minRating: null }
    const resolved = termsOf([
      { word: 'nigt', known: false, corrections: ['night'] },
      { word: 'ri', known: true, corrections: [] },
    ])
    const cases: [Parameters<typeof movieListQuery>[1], MovieSort, number, boolean][] = [
      [{ ...none, search: ['nigt', 'ri'] }, 'relevance', 20, false],
      [{ ...none, search: ['nigt', 'ri'] }, 'relevance', 5, true],
      [{ ...none, search: ['nigt', 'ri'], resolvedSearch: resolved }, 'relevance', 20, false],
      [{ ...none, search: ['nigt', 'ri'], resolvedSearch: resolved }, 'relevance', 2, true],
      [{ ...none, search: ['x'], resolvedSearch: termsOf([]) }, 'title', 20, true],
      [{ ...none, search: ['amélie'] }, 'rating', 20, true],
      [{ ...none, search: ['amélie'], resolvedSearch: resolved }, 'newest', 100, false],
    ]
    for (const [filters, sort, limit, paged] of [...cases, ...cases]) {
      const after = paged ? { sort, value: '0.5', id: '5f1d0000-0000-4000-8000-000000000001' } : null
      const fresh = movieListQuery(db, filters, sort, limit, after).compile()
      const reused = compiledSearch(db, filters, sort, limit, after)
      const name = `${JSON.stringify(filters)} ${sort} ${limit} ${paged}`
      t.equal(reused.sql, fresh.sql, `${name}: the same text`)
      t.same(reused.parameters, fresh.parameters, `${name}: the same parameters`)
    }
  },
)
