/**
 * Offline evaluation (`npm run recommender -- evaluate <dir>`): a seeded per-user 80/20 split of
 * MovieLens ratings; the 80 % become feedback through the production weights (feedbackWeight), with
 * their timestamps; the model is chosen and trained on them as `train` does (selectModel, which
 * tunes and compares the candidates on its own temporal split of those 80 %: the held-out 20 % are
 * never seen), or a named candidate is trained with its defaults; it ranks through the serving
 * function (rankRecommendations), excluding what each user rated in training. The held-out ratings
 * of 4 stars or more are the relevant ones. A popularity baseline (most positive ratings in
 * training, also excluding the user's own) is measured in the same run, so the ratio is like for like.
 */
import { seededRandom } from '../generate/synthetic-log.ts'
import { FEEDBACK_WEIGHTS, feedbackWeight } from './feedback.ts'
import { createMatrixBuilder } from './feedback-matrix.ts'
import { type ItemNeighbours, neighbourLookup } from './item-neighbours.ts'
import { ndcgAt, precisionAt, recallAt } from './metrics.ts'
import { describeModel, MODELS, type ModelName, trainCandidate } from './model.ts'
import { type HistoryItem, rankRecommendations } from './rank.ts'
import { type SelectionReport, selectModel } from './selection.ts'

export type RatingRow = { userId: number; movieId: number; rating: number; timestamp: number }

export type Metrics = { precision: number; recall: number; ndcg: number }

export type EvaluationReport = {
  model: string
  seed: number
  k: number
  users: number
  evaluatedUsers: number
  items: number
  trainRatings: number
  testRatings: number
  trainMs: number
  /** The selection's report when the model was chosen automatically. */
  selection: SelectionReport | null
  results: { model: Metrics; popularity: Metrics }
  /** model / popularity, per metric. */
  ratio: Metrics
}

export type EvaluationOptions = {
  seed: number
  /** `auto`: select as `train` does; a candidate's name: train it with its defaults. */
  model: ModelName
  k?: number
  /** Share of each user's ratings held out. */
  holdout?: number
  signal?: AbortSignal
  onStage?: (stage: string) => void
  onProgress?: (done: number, total: number) => void
}

/** A user's held-out share: at least one rating once they have 5, none below. */
const heldOut = (count: number, share: number) => (count < 5 ? 0 : Math.max(1, Math.round(count * share)))

export async function evaluateOffline(
  ratings: AsyncIterable<RatingRow> | Iterable<RatingRow>,
  options: EvaluationOptions,
): Promise<EvaluationReport> {
  const k = options.k ?? 10
  const share = options.holdout ?? 0.2
  options.onStage?.('reading ratings')
  const byUser = new Map<number, { movieId: number; rating: number; timestamp: number }[]>()
  for await (const row of ratings) {
    let list = byUser.get(row.userId)
    if (!list) {
      list = []
      byUser.set(row.userId, list)
    }
    list.push({ movieId: row.movieId, rating: row.rating, timestamp: row.timestamp })
  }

  options.onStage?.('splitting')
  const builder = createMatrixBuilder()
  const liked: number[] = []
  const tests: { history: HistoryItem[]; seen: Set<string>; relevant: Set<string> }[] = []
  const positives = new Map<string, number>()
  let trainRatings = 0
  let testRatings = 0
  // Users in id order, each shuffled by its own seeded stream: the split does not depend on file order.
  for (const userId of [...byUser.keys()].sort((a, b) => a - b)) {
    const list = (byUser.get(userId) ?? []).sort((a, b) => a.movieId - b.movieId)
    const random = seededRandom((options.seed * 1_000_003 + userId) >>> 0)
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[list[i], list[j]] = [list[j] as (typeof list)[0], list[i] as (typeof list)[0]]
    }
    const cut = heldOut(list.length, share)
    const test = list.slice(0, cut)
    const train = list.slice(cut)
    trainRatings += train.length
    testRatings += test.length
    const history = train.map((r) => ({
      movieId: String(r.movieId),
      weight: feedbackWeight({
        stars: r.rating,
        favorite: false,
        liked: false,
        watchProgress: null,
        watchlisted: false,
      }),
      at: r.timestamp,
    }))
    builder.addUser(history)
    for (const r of train) liked.push(r.rating >= FEEDBACK_WEIGHTS.highRatingFrom ? 1 : 0)
    for (const r of train) {
      if (r.rating >= FEEDBACK_WEIGHTS.highRatingFrom) {
        positives.set(String(r.movieId), (positives.get(String(r.movieId)) ?? 0) + 1)
      }
    }
    const relevant = new Set(
      test.filter((r) => r.rating >= FEEDBACK_WEIGHTS.highRatingFrom).map((r) => String(r.movieId)),
    )
    if (relevant.size > 0) {
      tests.push({
        history: history.filter((h) => h.weight > 0),
        seen: new Set(train.map((r) => String(r.movieId))),
        relevant,
      })
    }
  }
  const matrix = builder.build()

  const started = performance.now()
  let model: ItemNeighbours
  let selection: SelectionReport | null = null
  let description: string
  if (options.model === 'auto') {
    const selected = selectModel(
      { matrix, positive: Uint8Array.from(liked) },
      { signal: options.signal, onStage: options.onStage, onProgress: options.onProgress },
    )
    model = selected.trained.neighbours
    selection = selected.report
    description = selected.report.chosenModel
  } else {
    const spec = MODELS[options.model]
    description = describeModel(spec)
    options.onStage?.(`training ${description}`)
    model = trainCandidate(matrix, spec, {
      signal: options.signal,
      onProgress: options.onProgress,
    }).neighbours
  }
  const trainMs = performance.now() - started
  const neighbours = neighbourLookup(model)
  const popularRanking = [...positives.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([movieId]) => movieId)

  options.onStage?.('ranking')
  const sums = {
    model: { precision: 0, recall: 0, ndcg: 0 },
    popularity: { precision: 0, recall: 0, ndcg: 0 },
  }
  const add = (into: Metrics, ranked: string[], relevant: Set<string>) => {
    into.precision += precisionAt(k, ranked, relevant)
    into.recall += recallAt(k, ranked, relevant)
    into.ndcg += ndcgAt(k, ranked, relevant)
  }
  for (const [index, test] of tests.entries()) {
    if (index % 100 === 0) {
      options.signal?.throwIfAborted()
      options.onProgress?.(index, tests.length)
    }
    const ranked = rankRecommendations({
      history: test.history,
      neighbours,
      popularity: positives,
      exclude: test.seen,
      limit: k,
    }).map((r) => r.movieId)
    add(sums.model, ranked, test.relevant)
    const popular: string[] = []
    for (const movieId of popularRanking) {
      if (test.seen.has(movieId)) continue
      popular.push(movieId)
      if (popular.length === k) break
    }
    add(sums.popularity, popular, test.relevant)
  }
  const mean = (m: Metrics): Metrics => ({
    precision: m.precision / Math.max(1, tests.length),
    recall: m.recall / Math.max(1, tests.length),
    ndcg: m.ndcg / Math.max(1, tests.length),
  })
  const results = { model: mean(sums.model), popularity: mean(sums.popularity) }
  const ratio = (key: keyof Metrics) =>
    results.popularity[key] === 0 ? Number.POSITIVE_INFINITY : results.model[key] / results.popularity[key]
  return {
    model: description,
    selection,
    seed: options.seed,
    k,
    users: byUser.size,
    evaluatedUsers: tests.length,
    items: matrix.itemIds.length,
    trainRatings,
    testRatings,
    trainMs,
    results,
    ratio: { precision: ratio('precision'), recall: ratio('recall'), ndcg: ratio('ndcg') },
  }
}
