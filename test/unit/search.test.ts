/** The pure parts of search: words as typed, one-edit matching of genre words (the tsquery texts: catalogue.test.ts). */
import t from 'tap'
import { withinOneEdit } from '../../src/read/search/queries.ts'
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
