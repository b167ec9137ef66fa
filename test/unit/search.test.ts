/** The pure parts of search: words as typed, one-edit matching of genre words (the tsquery texts: catalogue.test.ts). */
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely'
import t from 'tap'
import type { Database } from '../../src/db/schema.ts'
import { compiledSuggest, suggestQuery, withinOneEdit } from '../../src/read/search/queries.ts'
import { searchWords } from '../../src/read/search/terms.ts'

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
  // Compiling needs no database: a driver that connects nowhere.
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  })
  const inputs = [
    { typed: ['silent', 'ha'], tagPrefix: 'silent ha', limit: 8 },
    { typed: ['amélie'], tagPrefix: 'amélie', limit: 8 },
    { typed: ['matirx', 'reloaded', 'x'], tagPrefix: null, limit: 3 },
    { typed: [], tagPrefix: '100%_\\ off', limit: 8 },
    { typed: ['night'], tagPrefix: 'night', limit: 20 },
    { typed: ['night'], tagPrefix: '', limit: 8 },
  ]
  // Twice: the first of a shape compiles it, the second reuses it.
  for (const input of [...inputs, ...inputs]) {
    const fresh = suggestQuery(db, input).compile()
    const reused = compiledSuggest(db, input)
    t.equal(reused.sql, fresh.sql, `${JSON.stringify(input)}: the same text`)
    t.same(reused.parameters, fresh.parameters, `${JSON.stringify(input)}: the same parameters`)
  }
})
