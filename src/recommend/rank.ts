/**
 * Ranking for one user, the same function in serving and in the offline evaluation: personal scores
 * from the neighbour table (sum over liked movies of weight x neighbour score), blended with a
 * popularity prior by how much we know about the user, minus what they already rated, watched or
 * dismissed. Each result says why: the liked movie that contributed most, or popularity.
 */
import type { Neighbour } from './item-neighbours.ts'

export type HistoryItem = { movieId: string; weight: number }

/**
 * Calls `visit` with each neighbour of `movieId`, best first: what serving passes when the model is
 * not held in memory (over the rows PostgreSQL answered); a held model is read indexed by movie
 * (IndexedNeighbours).
 */
export type NeighbourWalk = (movieId: string, visit: (neighbourId: string, score: number) => void) => void

export type Recommendation = {
  movieId: string
  score: number
  /** The movie of theirs that contributed most, when the personal model contributed; null: popularity alone. */
  because: string | null
}

/**
 * Each movie's neighbours, best first: as lists (the offline evaluation), as a walk (serving from
 * PostgreSQL), or indexed by movie (serving from the model held in memory).
 */
type NeighbourSource =
  | {
      neighbours: (movieId: string) => readonly Neighbour[]
      walkNeighbours?: never
      indexedNeighbours?: never
    }
  | { walkNeighbours: NeighbourWalk; neighbours?: never; indexedNeighbours?: never }
  | { indexedNeighbours: IndexedNeighbours; neighbours?: never; walkNeighbours?: never }

export type RankInput = NeighbourSource & {
  /** The user's positive feedback (weight > 0). */
  history: readonly HistoryItem[]
  /** Popularity prior per candidate movie, any positive scale. */
  popularity: ReadonlyMap<string, number>
  exclude: ReadonlySet<string>
  eligible?: (movieId: string) => boolean
  limit: number
  /**
   * The number of liked movies at which the personal model and popularity weigh the same: with
   * none, popularity alone; then the personal share grows as n / (n + blendHalfway).
   */
  blendHalfway?: number
}

export const DEFAULT_BLEND_HALFWAY = 3

/**
 * The liked movies that feed the personal scores: the `MAX_HISTORY` strongest (ties by id). Bounds
 * the neighbour rows one request reads (a user with 3,000 ratings would read 600,000 of them) at
 * a cost the offline evaluation measures, since it ranks through here too.
 */
export const MAX_HISTORY = 250

export function rankingHistory(history: readonly HistoryItem[]): readonly HistoryItem[] {
  if (history.length <= MAX_HISTORY) return history
  return [...history]
    .sort((a, b) => b.weight - a.weight || (a.movieId < b.movieId ? -1 : 1))
    .slice(0, MAX_HISTORY)
}

/** How much the personal model weighs for a user with `liked` positive interactions, 0 to 1. */
export const personalShare = (liked: number, halfway = DEFAULT_BLEND_HALFWAY) => liked / (liked + halfway)

/** A walk over lists of neighbours. */
export const walkLists =
  (neighbours: (movieId: string) => readonly Neighbour[]): NeighbourWalk =>
  (movieId, visit) => {
    for (const { movieId: neighbourId, score } of neighbours(movieId)) visit(neighbourId, score)
  }

/**
 * The personal scores, per candidate i < count (in the order first met): its id, its summed score,
 * the source that contributed most (ties: the smaller id), and its popularity prior (0: none).
 */
type PersonalScores = {
  count: number
  id(i: number): string
  score(i: number): number
  because(i: number): string
  popularity(i: number): number
  /** Whether a movie is among the candidates (the popular ones not among them are ranked after). */
  has(movieId: string): boolean
}

/** From a walk or lists: one Map entry per candidate, no object each. */
function walkedScores(
  history: readonly HistoryItem[],
  walk: NeighbourWalk,
  popularity: ReadonlyMap<string, number>,
): PersonalScores {
  const index = new Map<string, number>()
  const ids: string[] = []
  const scores: number[] = []
  const because: string[] = []
  const best: number[] = []
  let source = ''
  let weight = 0
  const visit = (movieId: string, score: number) => {
    const contribution = weight * score
    const at = index.get(movieId)
    if (at === undefined) {
      index.set(movieId, ids.length)
      ids.push(movieId)
      scores.push(contribution)
      because.push(source)
      best.push(contribution)
      return
    }
    scores[at] = (scores[at] as number) + contribution
    const top = best[at] as number
    if (contribution > top || (contribution === top && source < (because[at] as string))) {
      best[at] = contribution
      because[at] = source
    }
  }
  for (const item of history) {
    source = item.movieId
    weight = item.weight
    walk(source, visit)
  }
  return {
    count: ids.length,
    id: (i) => ids[i] as string,
    score: (i) => scores[i] as number,
    because: (i) => because[i] as string,
    popularity: (i) => popularity.get(ids[i] as string) ?? 0,
    has: (movieId) => index.has(movieId),
  }
}

/**
 * A model's neighbours indexed by movie, as the serving model holds them: ranking sums the
 * personal scores in typed arrays indexed by movie (no string hashed per neighbour visited, no
 * object per candidate), the same sums in the same order as from a walk. The arrays it sums in are
 * made once per model and reused by every ranking (each runs to its end in one turn of the event
 * loop): a ranking allocates next to nothing, so the garbage collector's pauses stay short.
 */
export type IndexedNeighbours = {
  /** Movie index -> id: every movie met, as source or target. */
  ids: readonly string[]
  /** Movie id -> its index. */
  indexOf: ReadonlyMap<string, number>
  /** Movie index -> its source s (-1: no neighbours); s's neighbours span offsets[s] .. offsets[s + 1]. */
  sourceOf: Int32Array
  offsets: Int32Array
  /** Movie indexes, best first per source. */
  targets: Int32Array
  scores: Float64Array
  /** The arrays rankings sum in, per movie index. */
  scratch: Scratch
}

type Scratch = {
  /** Which ranking last wrote a movie's entries (an entry of another is stale: 0). */
  stamp: number
  met: Int32Array
  sums: Float64Array
  best: Float64Array
  because: Int32Array
  /** Candidates in the order first met. */
  order: Int32Array
  priorMet: Int32Array
  prior: Float64Array
}

/** Indexes a table of neighbours (sources[s]: the movie index of source s) for rankRecommendations. */
export function indexNeighbours(table: {
  ids: readonly string[]
  sources: Int32Array
  offsets: Int32Array
  targets: Int32Array
  scores: Float64Array
}): IndexedNeighbours {
  const movies = table.ids.length
  const indexOf = new Map<string, number>()
  for (let m = 0; m < movies; m++) indexOf.set(table.ids[m] as string, m)
  const sourceOf = new Int32Array(movies).fill(-1)
  for (let s = 0; s < table.sources.length; s++) sourceOf[table.sources[s] as number] = s
  const scratch: Scratch = {
    stamp: 0,
    met: new Int32Array(movies),
    sums: new Float64Array(movies),
    best: new Float64Array(movies),
    because: new Int32Array(movies),
    order: new Int32Array(movies),
    priorMet: new Int32Array(movies),
    prior: new Float64Array(movies),
  }
  const { ids, offsets, targets, scores } = table
  return { ids, indexOf, sourceOf, offsets, targets, scores, scratch }
}

function indexedScores(
  history: readonly HistoryItem[],
  model: IndexedNeighbours,
  popularity: ReadonlyMap<string, number>,
): PersonalScores {
  const { ids, indexOf, sourceOf, offsets, targets, scores: neighbourScores, scratch } = model
  // Stamps instead of clearing: this ranking's entries are the ones stamped with its number.
  if (scratch.stamp === 2 ** 31 - 1) {
    scratch.met.fill(0)
    scratch.priorMet.fill(0)
    scratch.stamp = 0
  }
  const stamp = ++scratch.stamp
  const { met, sums, best, because, order, priorMet, prior } = scratch
  let count = 0
  for (const item of history) {
    const source = indexOf.get(item.movieId)
    if (source === undefined) continue
    const s = sourceOf[source] as number
    if (s < 0) continue
    const weight = item.weight
    const end = offsets[s + 1] as number
    for (let k = offsets[s] as number; k < end; k++) {
      const t = targets[k] as number
      const contribution = weight * (neighbourScores[k] as number)
      if (met[t] !== stamp) {
        met[t] = stamp
        order[count++] = t
        sums[t] = contribution
        best[t] = contribution
        because[t] = source
        continue
      }
      sums[t] = (sums[t] as number) + contribution
      const top = best[t] as number
      // Equal contributions (rare): the smaller id, compared as strings as the walk does.
      if (
        contribution > top ||
        (contribution === top && item.movieId < (ids[because[t] as number] as string))
      ) {
        best[t] = contribution
        because[t] = source
      }
    }
  }
  for (const [movieId, score] of popularity) {
    const m = indexOf.get(movieId)
    if (m === undefined) continue
    priorMet[m] = stamp
    prior[m] = score
  }
  return {
    count,
    id: (i) => ids[order[i] as number] as string,
    score: (i) => sums[order[i] as number] as number,
    because: (i) => ids[because[order[i] as number] as number] as string,
    popularity: (i) => {
      const m = order[i] as number
      return priorMet[m] === stamp ? (prior[m] as number) : 0
    },
    has: (movieId) => {
      const m = indexOf.get(movieId)
      return m !== undefined && met[m] === stamp
    },
  }
}

/** Best first, ties by movie id. */
const before = (a: Recommendation, b: Recommendation) =>
  a.score > b.score || (a.score === b.score && a.movieId < b.movieId)

export function rankRecommendations(input: RankInput): Recommendation[] {
  if (input.limit <= 0) return []
  const share = personalShare(input.history.length, input.blendHalfway)
  const history = share > 0 ? rankingHistory(input.history) : []
  const personal =
    input.indexedNeighbours !== undefined
      ? indexedScores(history, input.indexedNeighbours, input.popularity)
      : walkedScores(
          history,
          input.walkNeighbours === undefined ? walkLists(input.neighbours) : input.walkNeighbours,
          input.popularity,
        )
  const allowed = (movieId: string) =>
    !input.exclude.has(movieId) && (input.eligible === undefined || input.eligible(movieId))
  let personalMax = 0
  for (let i = 0; i < personal.count; i++) {
    const score = personal.score(i)
    if (score > personalMax && allowed(personal.id(i))) personalMax = score
  }
  let popularMax = 0
  for (const [movieId, score] of input.popularity)
    if (score > popularMax && allowed(movieId)) popularMax = score

  // Only the best `limit` are kept (a sorted list, insertion by binary search): a user's candidates
  // run to thousands and most fall below the last kept at once, before any object is made for them.
  const kept: Recommendation[] = []
  /** `i`: the candidate's index in `personal` (-1: popular only). */
  const consider = (movieId: string, personalScore: number, prior: number, i: number) => {
    const p = personalMax > 0 ? personalScore / personalMax : 0
    const q = popularMax > 0 ? prior / popularMax : 0
    const mine = share * p
    const score = mine + (1 - share) * q
    if (score <= 0) return
    if (kept.length === input.limit) {
      const last = kept[kept.length - 1] as Recommendation
      if (!(score > last.score || (score === last.score && movieId < last.movieId))) return
    }
    if (!allowed(movieId)) return
    // Named whenever the personal model contributed: it is a neighbour of something they liked.
    const candidate: Recommendation = { movieId, score, because: mine > 0 ? personal.because(i) : null }
    let low = 0
    let high = kept.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (before(kept[middle] as Recommendation, candidate)) low = middle + 1
      else high = middle
    }
    kept.splice(low, 0, candidate)
    if (kept.length > input.limit) kept.pop()
  }
  for (let i = 0; i < personal.count; i++)
    consider(personal.id(i), personal.score(i), personal.popularity(i), i)
  for (const [movieId, prior] of input.popularity) if (!personal.has(movieId)) consider(movieId, 0, prior, -1)
  return kept
}
