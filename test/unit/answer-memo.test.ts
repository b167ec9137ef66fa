/** The answer memo (src/read/serving/answer-memo.ts): bounded, emptied by a new tag, keeps what is asked again. */
import t from 'tap'
import { AnswerMemo, CatalogueMemo, memoLookups, REFRESH_AHEAD } from '../../src/read/serving/answer-memo.ts'

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

t.test(
  'every answer is found up to the bound, the least recently asked goes first, none after a new tag',
  async (t) => {
    const memo = new AnswerMemo(6)
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) memo.set('t1', key, key.toUpperCase())
    t.same(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((key) => memo.get('t1', key)),
      ['A', 'B', 'C', 'D', 'E', 'F'],
      'all six, asked in that order',
    )
    memo.get('t1', 'a')
    memo.set('t1', 'g', 'G')
    t.equal(memo.get('t1', 'b'), undefined, 'b was the least recently asked: gone')
    t.equal(memo.get('t1', 'a'), 'A', 'a was asked again: kept')
    t.equal(memo.size, 6)
    t.equal(memo.get('t2', 'a'), undefined, 'another tag does not read these answers')
    memo.set('t2', 'a', 'new A')
    t.equal(memo.size, 1, 'a new tag empties the memo')
    t.equal(memo.get('t2', 'a'), 'new A')
    t.equal(memo.get('t1', 'c'), undefined, 'the old tag is gone with its answers')
  },
)

t.test('a replaced answer is the one found, wherever the old one was', async (t) => {
  const memo = new AnswerMemo(4)
  memo.set('t', 'k', 'old')
  memo.set('t', 'x', 'X')
  memo.set('t', 'y', 'Y')
  memo.set('t', 'z', 'Z')
  memo.set('t', 'k', 'new')
  memo.set('t', 'w', 'W') // the bound: 'x' goes, not the renewed 'k'
  t.equal(memo.get('t', 'k'), 'new')
  t.equal(memo.get('t', 'x'), undefined)
  t.equal(memo.size, 4)
})

t.test('a named memo counts hits, misses and bypasses', async (t) => {
  const memo = new AnswerMemo(4, 'unit-test-memo')
  memo.get(null, 'k')
  memo.get('t', 'k')
  memo.set('t', 'k', 'K')
  memo.get('t', 'k')
  t.same(memoLookups.get('unit-test-memo'), { hit: 1, miss: 1, bypass: 1 })
})

t.test('asking the newest answer again and again keeps the order of the others', async (t) => {
  const memo = new AnswerMemo(3)
  memo.set('t', 'a', 'A')
  memo.set('t', 'b', 'B')
  memo.set('t', 'c', 'C')
  t.equal(memo.get('t', 'a'), 'A', 'a asked: now the newest')
  for (let i = 0; i < 5; i++) t.equal(memo.get('t', 'a'), 'A', 'a asked again: still there')
  memo.set('t', 'd', 'D')
  t.equal(memo.get('t', 'b'), undefined, 'b was the least recently asked: gone')
  t.equal(memo.get('t', 'c'), 'C', 'c asked: now the newest')
  t.equal(memo.get('t', 'c'), 'C')
  memo.set('t', 'e', 'E')
  t.equal(memo.get('t', 'a'), undefined, 'then a, asked before c and d were')
  t.same(
    ['c', 'd', 'e'].map((key) => memo.get('t', key)),
    ['C', 'D', 'E'],
  )
  memo.set('u', 'c', 'new C')
  t.equal(memo.get('u', 'c'), 'new C', 'a new tag: the newest key of the old one means nothing')
  t.equal(memo.size, 1)
})

t.test(
  'a catalogue memo keeps answers across ETags for the bound, and none across a catalogue change',
  async (t) => {
    let bound = 1_000
    const memo = new CatalogueMemo(10, () => bound)
    const at = (catalogue: string, etag: string, now: number) => ({ catalogue, etag, now })
    memo.set(at('c1', 'e1', 0), 'q', 'A')
    t.match(
      memo.get(at('c1', 'e2', 999), 'q'),
      { answer: 'A', etag: 'e1', at: 0 },
      'another ETag, within the bound',
    )
    t.equal(memo.get(at('c1', 'e2', 1_000), 'q'), undefined, 'at the bound, something moved: gone')
    memo.set(at('c1', 'e2', 1_000), 'q', 'B')
    t.match(memo.get(at('c1', 'e2', 5_000), 'q'), { answer: 'B', etag: 'e2' }, 'past it, nothing moved: kept')
    t.match(memo.get(at('c1', 'e3', 5_500), 'q'), { answer: 'B' }, 'renewed when nothing had moved')
    t.equal(memo.get(at('c2', 'e3', 5_500), 'q'), undefined, 'a catalogue change: not found')
    memo.set(at('c2', 'e4', 5_600), 'r', 'R')
    t.equal(memo.size, 1, 'a new catalogue tag empties the memo')
    bound = 0
    t.equal(memo.get(at('c2', 'e5', 5_600), 'r'), undefined, 'a bound of 0: exact, once anything moved')
    memo.set(at('c2', 'e5', 5_600), 'r', 'R2')
    t.match(memo.get(at('c2', 'e5', 9_000), 'r'), { answer: 'R2' }, 'and kept while nothing moves')
    t.equal(memo.get(null, 'r'), undefined, 'no scope (signed in, a consistency token): never')
  },
)

t.test(
  'a catalogue memo asks for a refresh late in the bound under moved positions, once at a time',
  async (t) => {
    const memo = new CatalogueMemo(10, () => 1_000)
    const at = (catalogue: string, etag: string, now: number) => ({ catalogue, etag, now })
    const late = 1_000 * REFRESH_AHEAD
    memo.set(at('c1', 'e1', 0), 'q', 'A')
    const kept = (scope: ReturnType<typeof at>) => {
      const answer = memo.get(scope, 'q')
      if (answer === undefined) throw new Error('not kept')
      return answer
    }
    let scope = at('c1', 'e2', late - 1)
    t.notOk(memo.claimRefresh(scope, 'q', kept(scope)), 'early in the bound: no refresh')
    scope = at('c1', 'e1', late + 10)
    t.notOk(memo.claimRefresh(scope, 'q', kept(scope)), 'nothing moved: the kept answer is current')
    scope = at('c1', 'e2', late)
    t.ok(memo.claimRefresh(scope, 'q', kept(scope)), 'late, positions moved: refresh')
    t.notOk(memo.claimRefresh(scope, 'q', kept(scope)), 'one refresh of a key at a time')
    // A refresh that failed never sets: its claim holds for the bound, so no retry per hit.
    const later = at('c1', 'e2', 999)
    t.notOk(memo.claimRefresh(later, 'q', kept(later)), 'not claimed again within the bound')
    t.ok(
      memo.claimRefresh(at('c1', 'e2', late + 1_000), 'q', { answer: 'A', etag: 'e1', at: late }),
      'a claim older than the bound no longer holds',
    )
    memo.set(scope, 'q', 'B')
    const renewed = at('c1', 'e3', late + late)
    t.match(
      kept(renewed),
      { answer: 'B', etag: 'e2', at: late },
      'the refreshed answer, from when it was asked',
    )
    t.ok(memo.claimRefresh(renewed, 'q', kept(renewed)), 'and refreshed again, late in its own bound')
    const other = at('c2', 'e3', late + late)
    t.notOk(memo.claimRefresh(other, 'q', { answer: 'B', etag: 'e2', at: late }), 'another catalogue: never')
  },
)
