/** Evaluation metrics on hand-computed cases, and the offline evaluation on a small seeded dataset. */
import t from 'tap'
import { generateLatentFactorDataset, movieLensFiles } from '../../../src/generate/latent-factor-dataset.ts'
import { evaluateOffline } from '../../../src/recommend/evaluate.ts'
import { ndcgAt, precisionAt, recallAt } from '../../../src/recommend/metrics.ts'

t.test('precision, recall and NDCG by hand', async (t) => {
  const ranked = ['a', 'b', 'c', 'd']
  const relevant = new Set(['b', 'd', 'x'])
  t.equal(precisionAt(4, ranked, relevant), 2 / 4)
  t.equal(precisionAt(2, ranked, relevant), 1 / 2)
  t.equal(recallAt(4, ranked, relevant), 2 / 3)
  t.equal(recallAt(1, ranked, relevant), 0)
  // Hits at ranks 2 and 4; the ideal list has its 3 relevant at ranks 1, 2, 3.
  const dcg = 1 / Math.log2(3) + 1 / Math.log2(5)
  const ideal = 1 + 1 / Math.log2(3) + 1 / Math.log2(4)
  t.equal(ndcgAt(4, ranked, relevant).toFixed(12), (dcg / ideal).toFixed(12))
  t.equal(ndcgAt(4, ['b', 'd', 'x'], relevant), 1, 'the ideal order scores 1')
  t.equal(ndcgAt(10, ['a'], new Set()), 0, 'nothing relevant: 0, not NaN')
  t.equal(recallAt(10, ['a'], new Set()), 0)
  t.equal(precisionAt(10, ['b'], relevant), 1 / 10, 'precision@k divides by k even for a short list')
})

t.test('the generator is deterministic per seed and MovieLens-shaped', async (t) => {
  const options = { seed: 5, users: 40, movies: 300 }
  const one = generateLatentFactorDataset(options)
  const two = generateLatentFactorDataset(options)
  t.same(two, one, 'the same seed gives the same dataset')
  t.not(
    JSON.stringify(generateLatentFactorDataset({ ...options, seed: 6 }).ratings.slice(0, 50)),
    JSON.stringify(one.ratings.slice(0, 50)),
    'another seed another dataset',
  )
  const perUser = new Map<number, number>()
  for (const r of one.ratings) perUser.set(r.userId, (perUser.get(r.userId) ?? 0) + 1)
  t.equal(perUser.size, 40)
  t.ok(
    [...perUser.values()].every((n) => n >= 20),
    'every user has at least 20 ratings',
  )
  t.ok(
    one.ratings.every((r) => r.rating >= 0.5 && r.rating <= 5 && Number.isInteger(r.rating * 2)),
    'ratings in half stars',
  )
  const pairs = new Set(one.ratings.map((r) => `${r.userId}/${r.movieId}`))
  t.equal(pairs.size, one.ratings.length, 'a user rates a movie once')
  const lines = [...movieLensFiles(one)]
  t.same(lines.filter((l) => l.file === 'movies.csv')[0]?.line, 'movieId,title,genres')
  t.ok(
    lines.some((l) => l.file === 'movies.csv' && /^\d+,".*, The \(\d{4}\)",/.test(l.line)),
    'titles with a comma are quoted',
  )
  t.match(
    lines.find((l) => l.file === 'ratings.csv' && l.line !== 'userId,movieId,rating,timestamp')?.line,
    /^\d+,\d+,\d\.\d,\d+$/,
  )
})

t.test(
  'the automatically selected model beats popularity by a clear margin on a seeded dataset',
  async (t) => {
    const dataset = generateLatentFactorDataset({ seed: 11, users: 150, movies: 800 })
    const report = await evaluateOffline(dataset.ratings, { seed: 3, model: 'auto' })
    t.equal(report.users, 150)
    t.ok(report.evaluatedUsers > 110, `${report.evaluatedUsers} users evaluated`)
    t.ok(report.selection && report.selection.candidates.length === 4, 'every candidate was compared')
    t.not(report.selection?.chosen, 'popularity', `chosen: ${report.selection?.chosenModel}`)
    t.equal(report.trainRatings + report.testRatings, dataset.ratings.length, 'every rating is in one side')
    t.ok(
      report.ratio.ndcg >= 1.5,
      `NDCG@10 ${report.results.model.ndcg.toFixed(4)} vs popularity ${report.results.popularity.ndcg.toFixed(4)} (${report.ratio.ndcg.toFixed(2)}x)`,
    )
    t.ok(report.ratio.precision >= 1.3, `precision@10 ratio ${report.ratio.precision.toFixed(2)}`)
    const again = await evaluateOffline(dataset.ratings, { seed: 3, model: 'item-knn' })
    const once = await evaluateOffline(dataset.ratings, { seed: 3, model: 'item-knn' })
    t.same(again.results, once.results, 'the same seed gives the same figures')
  },
)
