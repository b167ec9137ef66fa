/**
 * Automatic model selection on the log itself: a temporal split of the feedback, every candidate
 * tuned on the validation part, scored against popularity, the winner trained on everything.
 *
 * The split is per user and chronological: a user with at least MIN_HISTORY movies keeps the
 * older 80 % for training; the newest 20 % (at least two) are held out, the older half of those for
 * validation and the newest half for test. Per user rather than at one global time, because most
 * people's activity is a burst (on MovieLens most rate everything within a day): a global cut holds
 * out a few late users and judges the model on them alone, while the product recommends to every
 * user from their own past. Relevant = a held-out movie they liked (a rating of 4 or more, a
 * favourite, a like). Hyperparameters and the choice between candidates are decided on validation
 * (history: the training part); test (history: training and validation, the same models) is only
 * reported, so the figures of the chosen model are not the ones it was chosen on.
 *
 * Ranking goes through rankRecommendations, the serving function, with a popularity prior of the
 * training part: what is measured is what serves.
 */
import v8 from 'node:v8'
import { type FeedbackMatrix, matrixSize } from './feedback-matrix.ts'
import type { ItemNeighbours, Neighbour } from './item-neighbours.ts'
import { ndcgAt, recallAt } from './metrics.ts'
import {
  type CandidateName,
  candidateOf,
  describeModel,
  MODELS,
  type ModelSpec,
  type TrainedCandidate,
  trainCandidate,
} from './model.ts'
import { type HistoryItem, rankRecommendations } from './rank.ts'

/** Users with fewer movies than this are never held out (all their feedback trains). */
export const MIN_HISTORY = 5
/** Below this many users with a liked held-out movie, no comparison means anything: cold start. */
export const MIN_VALIDATION_USERS = 10
const HOLDOUT_SHARE = 0.2
const K = 10
/** Users evaluated at most (a deterministic sample beyond): the cost of ranking stays bounded. */
const MAX_EVALUATED_USERS = 2_000

export type SelectionInput = {
  /** Every user's feedback, with times (userTimes) for the split and session co-occurrence. */
  matrix: FeedbackMatrix
  /** Parallel to matrix.userItems: 1 when the relation counts as liking. */
  positive: Uint8Array
}

export type Metrics = { ndcg: number; recall: number; coverage: number; users: number }

export type CandidateReport = {
  candidate: CandidateName
  /** The tuned settings. */
  model: string
  chosen: boolean
  why: string
  /** NDCG@10 of each setting tried on validation, in the order tried. */
  tuning: { model: string; ndcg: number }[]
  validation: Metrics
  test: Metrics
  /** Training of the tuned settings on the training part. */
  trainMs: number
  /** Largest heap + external (typed arrays, wasm) memory of the training thread during it. */
  peakBytes: number
  gramItems: number | null
}

export type SelectionReport = {
  protocol: string
  data: { users: number; items: number; interactions: number }
  split: { trainInteractions: number; validationUsers: number; testUsers: number }
  candidates: CandidateReport[]
  chosen: CandidateName
  chosenModel: string
  reason: string
  coldStart: boolean
  selectionMs: number
}

type Case = { history: HistoryItem[]; seen: Set<string>; relevant: Set<string> }

type Split = { train: FeedbackMatrix; validation: Case[]; test: Case[] }

/** The chronological per-user split described above. */
export function temporalSplit(input: SelectionInput): Split {
  const { matrix, positive } = input
  const times = matrix.userTimes
  const offsets = [0]
  const items: number[] = []
  const weights: number[] = []
  const trainTimes: number[] = []
  const validation: Case[] = []
  const test: Case[] = []
  for (let u = 0; u < matrix.userCount; u++) {
    const from = matrix.userOffsets[u] as number
    const to = matrix.userOffsets[u + 1] as number
    const order = Array.from({ length: to - from }, (_, i) => from + i)
    order.sort(
      (x, y) =>
        (times?.[x] ?? 0) - (times?.[y] ?? 0) ||
        (matrix.userItems[x] as number) - (matrix.userItems[y] as number),
    )
    const held = order.length < MIN_HISTORY ? 0 : Math.max(2, Math.round(order.length * HOLDOUT_SHARE))
    const trainPart = order.slice(0, order.length - held)
    const validationPart = order.slice(order.length - held, order.length - Math.floor(held / 2))
    const testPart = order.slice(order.length - Math.floor(held / 2))
    for (const k of trainPart) {
      items.push(matrix.userItems[k] as number)
      weights.push(matrix.userWeights[k] as number)
      trainTimes.push(times?.[k] ?? 0)
    }
    offsets.push(items.length)
    if (held === 0) continue
    const entry = (k: number): HistoryItem => ({
      movieId: matrix.itemIds[matrix.userItems[k] as number] as string,
      weight: matrix.userWeights[k] as number,
    })
    const liked = (part: number[]) =>
      new Set(part.filter((k) => positive[k] === 1).map((k) => entry(k).movieId))
    const history = trainPart.map(entry)
    const relevantNow = liked(validationPart)
    if (relevantNow.size > 0)
      validation.push({ history, seen: new Set(history.map((h) => h.movieId)), relevant: relevantNow })
    const later = [...history, ...validationPart.map(entry)]
    const relevantLater = liked(testPart)
    if (relevantLater.size > 0)
      test.push({ history: later, seen: new Set(later.map((h) => h.movieId)), relevant: relevantLater })
  }
  return {
    train: {
      userCount: matrix.userCount,
      itemIds: matrix.itemIds,
      userOffsets: Int32Array.from(offsets),
      userItems: Int32Array.from(items),
      userWeights: Float32Array.from(weights),
      ...(times ? { userTimes: Float64Array.from(trainTimes) } : {}),
    },
    validation: sample(validation),
    test: sample(test),
  }
}

/** Every user up to MAX_EVALUATED_USERS, else an evenly spaced sample (deterministic). */
function sample(cases: Case[]): Case[] {
  if (cases.length <= MAX_EVALUATED_USERS) return cases
  const step = cases.length / MAX_EVALUATED_USERS
  return Array.from({ length: MAX_EVALUATED_USERS }, (_, i) => cases[Math.floor(i * step)] as Case)
}

/** Serving's popularity prior is a pool of the most popular (trending's top 100 per window). */
const POPULAR_POOL = 200

/** The movies liked most in the training part: the popularity prior of the evaluation. */
function popularityOf(train: FeedbackMatrix): Map<string, number> {
  const counts = new Map<string, number>()
  for (let k = 0; k < train.userItems.length; k++) {
    if ((train.userWeights[k] as number) < 1) continue
    const movieId = train.itemIds[train.userItems[k] as number] as string
    counts.set(movieId, (counts.get(movieId) ?? 0) + 1)
  }
  return new Map([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, POPULAR_POOL))
}

/** Each source movie's neighbours as the serving lookup gives them, built once per model. */
function lookupOf(model: ItemNeighbours): (movieId: string) => readonly Neighbour[] {
  const cache = new Map<string, Neighbour[]>()
  model.itemIds.forEach((movieId, i) => {
    const from = model.offsets[i] as number
    const to = model.offsets[i + 1] as number
    if (to === from) return
    const list: Neighbour[] = []
    for (let k = from; k < to; k++)
      list.push({
        movieId: model.itemIds[model.targets[k] as number] as string,
        score: model.scores[k] as number,
      })
    cache.set(movieId, list)
  })
  return (movieId) => cache.get(movieId) ?? []
}

export function evaluateCases(
  model: ItemNeighbours,
  cases: Case[],
  popularity: ReadonlyMap<string, number>,
  catalogue: number,
): Metrics {
  const neighbours = lookupOf(model)
  let ndcg = 0
  let recall = 0
  const recommended = new Set<string>()
  for (const c of cases) {
    const ranked = rankRecommendations({
      history: c.history.filter((h) => h.weight > 0),
      neighbours,
      popularity,
      exclude: c.seen,
      limit: K,
    }).map((r) => r.movieId)
    for (const id of ranked) recommended.add(id)
    ndcg += ndcgAt(K, ranked, c.relevant)
    recall += recallAt(K, ranked, c.relevant)
  }
  const users = Math.max(1, cases.length)
  return {
    ndcg: ndcg / users,
    recall: recall / users,
    coverage: recommended.size / Math.max(1, catalogue),
    users: cases.length,
  }
}

/** Samples the training thread's memory; the peak is what a candidate's report shows. */
function memoryProbe() {
  let peak = 0
  const sampleNow = () => {
    const heap = v8.getHeapStatistics()
    peak = Math.max(peak, heap.used_heap_size + heap.external_memory)
  }
  sampleNow()
  return { sample: sampleNow, peak: () => peak }
}

export type SelectionHooks = {
  signal?: AbortSignal
  /** What is being done now, for a progress line. */
  onStage?: (stage: string) => void
  onProgress?: (done: number, total: number) => void
}

type Tried = {
  spec: ModelSpec
  trained: TrainedCandidate
  ndcg: number
  validation: Metrics
  trainMs: number
  peakBytes: number
}

/** The settings each candidate tries, climbing from its defaults (a few trainings each). */
function* tuningPlan(name: CandidateName, best: () => Tried | null): Generator<ModelSpec> {
  const base = MODELS[name]
  if (base.algorithm === 'popularity') {
    yield base
    return
  }
  if (base.algorithm === 'item-knn') {
    yield base
    yield { ...base, shrink: 50 }
    return
  }
  // EASE: lambda doubled or halved while it improves (at most 4 trainings), then the session mix.
  const bestEase = () => (best()?.spec ?? base) as typeof base
  yield base
  let direction = 2
  for (let step = 0; step < 3; step++) {
    const tried = { ...bestEase(), lambda: Math.round(bestEase().lambda * direction) }
    yield tried
    if (bestEase().lambda !== tried.lambda) {
      if (step === 0) direction = 0.5
      else break
    }
  }
  if (base.session === null) return
  for (const mix of [0.1, 0.5]) yield { ...bestEase(), session: { tauSeconds: base.session.tauSeconds, mix } }
}

/**
 * Splits, tunes and compares every candidate, then trains the chosen one on all the feedback.
 * `only`: skip the comparison and train that candidate (its defaults), still reporting its figures.
 */
export function selectModel(
  input: SelectionInput,
  options: SelectionHooks & { only?: CandidateName | null } = {},
): { chosen: ModelSpec; trained: TrainedCandidate; report: SelectionReport } {
  const started = performance.now()
  const { matrix } = input
  const data = matrixSize(matrix)
  options.onStage?.('splitting')
  const split = temporalSplit(input)
  const popularity = popularityOf(split.train)
  const catalogue = matrix.itemIds.length
  const protocol =
    `per-user chronological split: users with ${MIN_HISTORY}+ movies hold out their newest ${HOLDOUT_SHARE * 100}% ` +
    `(older half validation, newer half test); relevant = liked; NDCG@${K}, recall@${K} through the serving ranking`
  const splitFacts = {
    trainInteractions: split.train.userItems.length,
    validationUsers: split.validation.length,
    testUsers: split.test.length,
  }

  const finish = (chosen: ModelSpec, candidates: CandidateReport[], reason: string, coldStart: boolean) => {
    options.onStage?.(`training ${describeModel(chosen)} on all feedback`)
    const trained = trainCandidate(matrix, chosen, options)
    return {
      chosen,
      trained,
      report: {
        protocol,
        data,
        split: splitFacts,
        candidates,
        chosen: candidateOf(chosen),
        chosenModel: describeModel(chosen),
        reason,
        coldStart,
        selectionMs: Math.round(performance.now() - started),
      },
    }
  }

  const names: readonly CandidateName[] =
    options.only && options.only !== 'popularity'
      ? ['popularity', options.only]
      : options.only === 'popularity'
        ? ['popularity']
        : (['popularity', 'item-knn', 'ease', 'ease-session'] as const)
  const tooLittle = split.validation.length < MIN_VALIDATION_USERS
  if (tooLittle && !options.only) {
    return finish(
      MODELS.popularity,
      [],
      `too little data to judge: ${split.validation.length} users with a liked movie held out (at least ${MIN_VALIDATION_USERS} needed); serving popularity (cold start)`,
      true,
    )
  }

  const reports: CandidateReport[] = []
  const winners = new Map<CandidateName, Tried>()
  for (const name of names) {
    let best: Tried | null = null
    const tuning: { model: string; ndcg: number }[] = []
    for (const spec of tuningPlan(name, () => best)) {
      options.signal?.throwIfAborted()
      if (tuning.some((t) => t.model === describeModel(spec))) continue
      options.onStage?.(`validating ${describeModel(spec)}`)
      const probe = memoryProbe()
      const trainStarted = performance.now()
      const trained = trainCandidate(split.train, spec, {
        signal: options.signal,
        onProgress: (done, total) => {
          probe.sample()
          options.onProgress?.(done, total)
        },
      })
      probe.sample()
      const trainMs = performance.now() - trainStarted
      const validation = evaluateCases(trained.neighbours, split.validation, popularity, catalogue)
      const ndcg = validation.ndcg
      tuning.push({ model: describeModel(spec), ndcg })
      if (best === null || ndcg > best.ndcg)
        best = { spec, trained, ndcg, validation, trainMs, peakBytes: probe.peak() }
      if (options.only) break
    }
    const tuned = best as Tried
    winners.set(name, tuned)
    reports.push({
      candidate: name,
      model: describeModel(tuned.spec),
      chosen: false,
      why: '',
      tuning,
      validation: tuned.validation,
      test: evaluateCases(tuned.trained.neighbours, split.test, popularity, catalogue),
      trainMs: Math.round(tuned.trainMs),
      peakBytes: tuned.peakBytes,
      gramItems: tuned.trained.gramItems,
    })
    // The tuned model's arrays are not needed past its report.
    tuned.trained = { neighbours: tuned.trained.neighbours, gramItems: null, gramBytes: null }
  }

  const popularityReport = reports.find((r) => r.candidate === 'popularity') as CandidateReport
  const ranked = [...reports].sort((a, b) => b.validation.ndcg - a.validation.ndcg)
  let winner = ranked[0] as CandidateReport
  let reason: string
  if (options.only) {
    winner = reports.find((r) => r.candidate === options.only) as CandidateReport
    reason = `${options.only} asked for (--model): no comparison`
  } else if (
    winner.candidate === 'popularity' ||
    winner.validation.ndcg <= popularityReport.validation.ndcg
  ) {
    winner = popularityReport
    reason = 'no candidate beat popularity on validation: serving popularity (cold start)'
  } else {
    const ratio = winner.validation.ndcg / Math.max(popularityReport.validation.ndcg, 1e-9)
    reason = `best validation NDCG@${K} (${winner.validation.ndcg.toFixed(4)}, ${ratio.toFixed(2)}x popularity)`
  }
  for (const report of reports) {
    report.chosen = report === winner
    report.why = report.chosen
      ? reason
      : report.candidate === 'popularity'
        ? 'the baseline'
        : `validation NDCG@${K} ${report.validation.ndcg.toFixed(4)} < ${winner.validation.ndcg.toFixed(4)} of ${winner.candidate}`
  }
  const chosenSpec = (winners.get(winner.candidate) as Tried).spec
  return finish(chosenSpec, reports, reason, winner.candidate === 'popularity' && !options.only)
}
