/** The models on tiny hand-made matrices whose neighbours are known, and the ranking that serves them. */
import t from 'tap'
import { trainEase } from '../../../src/recommend/ease.ts'
import { feedbackWeight, isPositive } from '../../../src/recommend/feedback.ts'
import { createMatrixBuilder, type FeedbackMatrix } from '../../../src/recommend/feedback-matrix.ts'
import { trainItemKnn } from '../../../src/recommend/item-knn.ts'
import { neighbourLookup, topK, topKByMagnitude } from '../../../src/recommend/item-neighbours.ts'
import {
  MAX_HISTORY,
  personalShare,
  rankingHistory,
  rankRecommendations,
} from '../../../src/recommend/rank.ts'
import { gemmSubScalar } from '../../../src/recommend/simd-gemm.ts'
import { createSymmetricMatrix, invertSpdInPlace } from '../../../src/recommend/spd-inverse.ts'

/** Users as lists of movies they liked (weight 1). */
function matrixOf(users: string[][]): FeedbackMatrix {
  const builder = createMatrixBuilder()
  for (const movies of users) builder.addUser(movies.map((movieId) => ({ movieId, weight: 1 })))
  return builder.build()
}

// Two taste groups: {a, b, c} watched together, {x, y} together; c also once with x.
const groups = matrixOf([
  ['a', 'b', 'c'],
  ['a', 'b'],
  ['a', 'b', 'c'],
  ['x', 'y'],
  ['x', 'y', 'c'],
  ['x', 'y'],
])

t.test('the matrix builder adds repeated movies of a user and drops zero weights', async (t) => {
  const builder = createMatrixBuilder()
  builder.addUser([
    { movieId: 'a', weight: 1 },
    { movieId: 'a', weight: 0.5 },
    { movieId: 'b', weight: 0 },
  ])
  builder.addUser([{ movieId: 'b', weight: 0 }])
  const m = builder.build()
  t.equal(m.userCount, 1, 'a user with nothing positive is not a row')
  t.same(m.itemIds, ['a'])
  t.same([...m.userWeights], [1.5])
})

t.test('item-kNN: cosine similarity with shrinkage, best neighbours first', async (t) => {
  const model = trainItemKnn(groups, { neighbours: 10, shrink: 0 })
  const of = neighbourLookup(model)
  t.same(
    of('a').map((n) => n.movieId),
    ['b', 'c'],
    'a is closest to b (3 shared users), then c (2), never x or y',
  )
  // a: users 1,2,3; b: users 1,2,3; c: users 1,3,5. cos(a,c) = 2 / (sqrt 3 * sqrt 3).
  t.equal(of('a')[0]?.score.toFixed(6), (1).toFixed(6), 'cos(a, b) = 1')
  t.equal(of('a')[1]?.score.toFixed(6), (2 / 3).toFixed(6), 'cos(a, c) = 2/3')
  t.same(
    of('x').map((n) => n.movieId),
    ['y', 'c'],
  )
  const shrunk = neighbourLookup(trainItemKnn(groups, { neighbours: 10, shrink: 3 }))
  t.equal(shrunk('a')[1]?.score.toFixed(6), (2 / (3 + 3)).toFixed(6), 'shrink adds to the denominator')
  t.same(
    neighbourLookup(trainItemKnn(groups, { neighbours: 1, shrink: 0 }))('a').map((n) => n.movieId),
    ['b'],
    'only the k best are kept',
  )
})

t.test('the float32 block inverse of a symmetric positive definite matrix, SIMD and scalar', async (t) => {
  // Sizes across the 64-pivot blocks: one partial block, one whole, several with padding.
  for (const n of [3, 64, 150]) {
    for (const simd of [true, false]) {
      const m = createSymmetricMatrix(n)
      if (!simd) m.gemmSub = gemmSubScalar(new Float32Array(m.data.buffer))
      const s = m.stride
      // A = R R^T / n + I with R pseudo-random: SPD, well conditioned.
      const r = Array.from({ length: n * n }, (_, i) => Math.sin(i * 12.9898) * 0.5)
      const a = new Float64Array(n * n)
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let sum = i === j ? 1 : 0
          for (let k = 0; k < n; k++) sum += ((r[i * n + k] as number) * (r[j * n + k] as number)) / n
          a[i * n + j] = sum
        }
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) m.data[i * s + j] = a[i * n + j] as number
      invertSpdInPlace(m)
      let worst = 0
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let sum = 0
          for (let k = 0; k < n; k++) sum += (a[i * n + k] as number) * (m.data[k * s + j] as number)
          worst = Math.max(worst, Math.abs(sum - (i === j ? 1 : 0)))
        }
      t.ok(worst < 1e-4, `n ${n} ${simd ? 'simd' : 'scalar'}: max |A A^-1 - I| = ${worst.toExponential(2)}`)
    }
  }
  const singular = createSymmetricMatrix(2)
  singular.data.set([0, 1], 0)
  singular.data.set([1, 0], singular.stride)
  t.throws(() => invertSpdInPlace(singular), /not positive definite/)
})

t.test('EASE matches the closed form on two movies', async (t) => {
  // Users: {p, q} x2, {p} x1, {q} x3. G = [[3, 2], [2, 5]] + lambda I.
  const m = matrixOf([['p', 'q'], ['p', 'q'], ['p'], ['q'], ['q'], ['q']])
  const lambda = 1
  const [g00, g01, g11] = [3 + lambda, 2, 5 + lambda]
  const det = g00 * g11 - g01 * g01
  const p01 = -g01 / det
  const p11 = g00 / det
  const p00 = g11 / det
  const of = neighbourLookup(trainEase(m, { lambda, minSupport: 1, neighbours: 5, session: null }).model)
  t.equal(of('p')[0]?.movieId, 'q')
  t.equal(of('p')[0]?.score.toFixed(6), (-p01 / p11).toFixed(6), 'B[p][q] = -P[p][q] / P[q][q]')
  t.equal(of('q')[0]?.score.toFixed(6), (-p01 / p00).toFixed(6), 'B[q][p] = -P[q][p] / P[p][p]')
})

t.test('session co-occurrence: movies rated in one sitting weigh more than those rated apart', async (t) => {
  // Two users rate a and b together; two rate a with c, but a year apart.
  const builder = createMatrixBuilder()
  const year = 365 * 86_400
  for (const start of [0, 1_000]) {
    builder.addUser([
      { movieId: 'a', weight: 1, at: start },
      { movieId: 'b', weight: 1, at: start + 60 },
    ])
    builder.addUser([
      { movieId: 'a', weight: 1, at: start },
      { movieId: 'c', weight: 1, at: start + year },
    ])
  }
  const m = builder.build()
  const plain = neighbourLookup(
    trainEase(m, { lambda: 1, minSupport: 1, neighbours: 5, session: null }).model,
  )
  t.equal(plain('a')[0]?.score.toFixed(6), plain('a')[1]?.score.toFixed(6), 'plain EASE: b and c tie')
  const session = neighbourLookup(
    trainEase(m, { lambda: 1, minSupport: 1, neighbours: 5, session: { tauSeconds: 300, mix: 0.2 } }).model,
  )
  t.same(
    session('a').map((n) => n.movieId),
    ['b', 'c'],
    'b, rated with a in one sitting, comes first',
  )
  t.ok((session('a')[0]?.score ?? 0) > (session('a')[1]?.score ?? 0) * 2)
})

t.test('EASE finds the taste groups and covers the movies with at least minSupport users', async (t) => {
  const { model, stats } = trainEase(groups, { lambda: 0.5, minSupport: 1, neighbours: 10, session: null })
  const of = neighbourLookup(model)
  t.equal(of('a')[0]?.movieId, 'b')
  t.equal(of('x')[0]?.movieId, 'y')
  t.notOk(
    of('a').some((n) => (n.movieId === 'x' || n.movieId === 'y') && n.score > 0),
    'no positive weight across the groups (negative ones are kept: they hold a movie back)',
  )
  t.equal(stats.gramItems, groups.itemIds.length)
  t.ok(stats.gramBytes >= 64 * 64 * 4, 'the dense matrix is counted')
  // z has one user: below minSupport 2 it is neither learned nor a neighbour.
  const withRare = matrixOf([
    ['a', 'b', 'z'],
    ['a', 'b'],
    ['x', 'y'],
    ['x', 'y'],
  ])
  const few = trainEase(withRare, { lambda: 0.5, minSupport: 2, neighbours: 10, session: null })
  t.equal(few.stats.gramItems, 4, 'a, b, x and y are in the Gram matrix')
  t.same(neighbourLookup(few.model)('z'), [], 'z has no neighbours')
  t.notOk(
    neighbourLookup(few.model)('a').some((n) => n.movieId === 'z'),
    'and is nobody’s neighbour',
  )
})

t.test('topKByMagnitude keeps the k largest in magnitude, ordered by value', async (t) => {
  const values = [0.5, -3, 2, 0, -0.1, 1]
  t.same(
    topKByMagnitude(values, 6, 3).map((e) => e.value),
    [2, 1, -3],
  )
  t.same(topKByMagnitude([0, 0], 2, 3), [], 'zeros are never neighbours')
})

t.test('topK keeps the k largest positive values, best first', async (t) => {
  const values = [0.5, -1, 3, 0, 2, 2.5]
  t.same(
    topK([0, 1, 2, 3, 4, 5], 6, values, 3).map((e) => e.index),
    [2, 5, 4],
  )
  t.same(topK([1, 3], 2, values, 3), [], 'zero and negative values are never neighbours')
})

t.test('feedback weights: high ratings, favourites, likes and watches add up to a cap', async (t) => {
  const none = { stars: null, favorite: false, liked: false, watchProgress: null, watchlisted: false }
  t.equal(feedbackWeight(none), 0)
  t.equal(feedbackWeight({ ...none, stars: 4 }), 1)
  t.equal(feedbackWeight({ ...none, stars: 5 }), 1.5)
  t.equal(feedbackWeight({ ...none, stars: 4.5 }), 1.25)
  t.equal(feedbackWeight({ ...none, stars: 2 }), 0.35, 'a low rating still says "watched"')
  t.equal(feedbackWeight({ ...none, watchProgress: 0.2 }), 0, 'an abandoned viewing says nothing')
  t.equal(feedbackWeight({ ...none, watchProgress: 0.9 }), 0.5)
  t.equal(feedbackWeight({ ...none, watchlisted: true }), 0.5, 'a watchlist mark is an intent')
  t.notOk(isPositive({ ...none, watchlisted: true }), 'a watchlist mark is not a like')
  t.equal(
    feedbackWeight({ stars: 5, favorite: true, liked: true, watchProgress: 1, watchlisted: true }),
    2.5,
    'capped',
  )
})

t.test('ranking: personal scores, exclusions, reasons and the blend with popularity', async (t) => {
  const neighbours = neighbourLookup(trainItemKnn(groups, { neighbours: 10, shrink: 0 }))
  const popularity = new Map([
    ['x', 10],
    ['y', 8],
    ['b', 1],
  ])
  const cold = rankRecommendations({ history: [], neighbours, popularity, exclude: new Set(), limit: 2 })
  t.same(
    cold,
    [
      { movieId: 'x', score: 1, because: null },
      { movieId: 'y', score: 0.8, because: null },
    ],
    'no history: popularity alone, no "because"',
  )
  const warm = rankRecommendations({
    history: [
      { movieId: 'a', weight: 1 },
      { movieId: 'c', weight: 1 },
    ],
    neighbours,
    popularity,
    exclude: new Set(['a', 'c']),
    limit: 3,
    blendHalfway: 0.01,
  })
  t.equal(warm[0]?.movieId, 'b', 'the neighbour of both liked movies comes first')
  t.equal(warm[0]?.because, 'a', 'because of the movie that contributed most (a: 1 vs c: 2/3)')
  t.notOk(
    warm.some((r) => r.movieId === 'a' || r.movieId === 'c'),
    'what the user already has is excluded',
  )
  const genreOnly = rankRecommendations({
    history: [{ movieId: 'a', weight: 1 }],
    neighbours,
    popularity,
    exclude: new Set(['a']),
    eligible: (movieId) => movieId !== 'b',
    limit: 5,
  })
  t.notOk(
    genreOnly.some((r) => r.movieId === 'b'),
    'an ineligible movie (another genre, removed) is never ranked',
  )
  t.equal(personalShare(0), 0)
  t.equal(personalShare(3), 0.5, 'three liked movies: half personal, half popular')
  t.ok(personalShare(30) > 0.9, 'many: mostly personal')
  // Blending smoothly: with one liked movie popularity still leads, with many the model does.
  const one = rankRecommendations({
    history: [{ movieId: 'a', weight: 1 }],
    neighbours,
    popularity,
    exclude: new Set(['a']),
    limit: 1,
  })
  t.equal(one[0]?.movieId, 'x', 'one interaction: popularity (share 0.75) still outweighs the model (0.25)')
  const many = rankRecommendations({
    history: Array.from({ length: 20 }, () => ({ movieId: 'a', weight: 1 })),
    neighbours,
    popularity,
    exclude: new Set(['a']),
    limit: 1,
  })
  t.equal(many[0]?.movieId, 'b', 'twenty: the personal model leads')
})

t.test('the personal scores read at most MAX_HISTORY liked movies, the strongest', async (t) => {
  const history = Array.from({ length: MAX_HISTORY + 10 }, (_, i) => ({
    movieId: `m${String(i).padStart(4, '0')}`,
    weight: i < 10 ? 2 : 1,
  }))
  const kept = rankingHistory(history)
  t.equal(kept.length, MAX_HISTORY)
  t.ok(
    history.slice(0, 10).every((h) => kept.includes(h)),
    'the ten strongest are kept',
  )
  t.equal(rankingHistory(history.slice(0, 5)).length, 5, 'a short history is kept whole')
})
