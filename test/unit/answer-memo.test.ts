/** The answer memo (src/read/serving/answer-memo.ts): bounded, emptied by a new tag, keeps what is asked again. */
import t from 'tap'
import { AnswerMemo, memoLookups } from '../../src/read/serving/answer-memo.ts'

t.test('an answer asked again stays while one-off answers pass through the bound', async (t) => {
  const memo = new AnswerMemo(4)
  memo.set('t1', 'popular', 'P')
  for (let i = 0; i < 50; i++) {
    memo.set('t1', `once-${i}`, `answer ${i}`)
    t.equal(memo.get('t1', 'popular'), 'P', `still there after ${i + 1} other answers`)
    t.ok(memo.size <= 4, 'never more than the bound')
  }
  t.equal(memo.get('t1', 'once-0'), undefined, 'an old one-off answer is gone')
  t.equal(memo.get('t1', 'once-49'), 'answer 49', 'the newest is there')
})

t.test('the newest answers are found (half the bound at least), none after a new tag', async (t) => {
  const memo = new AnswerMemo(6)
  for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) memo.set('t1', key, key.toUpperCase())
  t.same(
    ['e', 'f', 'g'].map((key) => memo.get('t1', key)),
    ['E', 'F', 'G'],
  )
  t.equal(memo.get('t1', 'a'), undefined, 'the oldest, never asked again, is gone')
  t.equal(memo.get('t2', 'e'), undefined, 'another tag does not read these answers')
  memo.set('t2', 'a', 'new A')
  t.equal(memo.size, 1, 'a new tag empties the memo')
  t.equal(memo.get('t2', 'a'), 'new A')
  t.equal(memo.get('t1', 'f'), undefined, 'the old tag is gone with its answers')
})

t.test('a replaced answer is the one found, wherever the old one was', async (t) => {
  const memo = new AnswerMemo(4)
  memo.set('t', 'k', 'old')
  memo.set('t', 'x', 'X')
  memo.set('t', 'y', 'Y') // 'k' and 'x' move to the older generation
  memo.set('t', 'k', 'new')
  t.equal(memo.get('t', 'k'), 'new')
  t.ok(memo.size <= 4)
})

t.test('a named memo counts hits, misses and bypasses', async (t) => {
  const memo = new AnswerMemo(4, 'unit-test-memo')
  memo.get(null, 'k')
  memo.get('t', 'k')
  memo.set('t', 'k', 'K')
  memo.get('t', 'k')
  t.same(memoLookups.get('unit-test-memo'), { hit: 1, miss: 1, bypass: 1 })
})
