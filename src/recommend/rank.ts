/**
 * Ranking for one user, the same function in serving and in the offline evaluation: personal scores
 * from the neighbour table (sum over liked movies of weight x neighbour score), blended with a
 * popularity prior by how much we know about the user, minus what they already rated, watched or
 * dismissed. Each result says why: the liked movie that contributed most, or popularity.
 */
import type { Neighbour } from './item-neighbours.ts'

export type HistoryItem = { movieId: string; weight: number }

/**
 * Calls `visit` with each neighbour of `movieId`, best first: what serving passes instead of lists,
 * read straight from the serving model's typed arrays (a request's 50,000 neighbours were as many
 * objects, alive across the request's queries, so they outlived the young generation).
 */
export type NeighbourWalk = (movieId: string, visit: (neighbourId: string, score: number) => void) => void

export type Recommendation = {
  movieId: string
  score: number
  /** The movie of theirs that contributed most, when the personal model contributed; null: popularity alone. */
  because: string | null
}

/** Each movie's neighbours, best first: as lists (the offline evaluation), or as a walk (serving). */
type NeighbourSource =
  | { neighbours: (movieId: string) => readonly Neighbour[]; walkNeighbours?: never }
  | { walkNeighbours: NeighbourWalk; neighbours?: never }

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

/** Personal scores per candidate in parallel arrays (one Map entry per candidate, no object each). */
type PersonalScores = {
  index: Map<string, number>
  ids: string[]
  scores: number[]
  /** The source movie that contributed most (ties: the smaller id), and its contribution. */
  because: string[]
  best: number[]
}

/** A walk over lists of neighbours. */
export const walkLists =
  (neighbours: (movieId: string) => readonly Neighbour[]): NeighbourWalk =>
  (movieId, visit) => {
    for (const { movieId: neighbourId, score } of neighbours(movieId)) visit(neighbourId, score)
  }

function personalScores(history: readonly HistoryItem[], walk: NeighbourWalk): PersonalScores {
  const found: PersonalScores = { index: new Map(), ids: [], scores: [], because: [], best: [] }
  const { index, ids, scores, because, best } = found
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
  return found
}

/** Best first, ties by movie id. */
const before = (a: Recommendation, b: Recommendation) =>
  a.score > b.score || (a.score === b.score && a.movieId < b.movieId)

export function rankRecommendations(input: RankInput): Recommendation[] {
  if (input.limit <= 0) return []
  const share = personalShare(input.history.length, input.blendHalfway)
  const walk = input.walkNeighbours === undefined ? walkLists(input.neighbours) : input.walkNeighbours
  const personal = share > 0 ? personalScores(rankingHistory(input.history), walk) : personalScores([], walk)
  const allowed = (movieId: string) =>
    !input.exclude.has(movieId) && (input.eligible === undefined || input.eligible(movieId))
  let personalMax = 0
  for (let i = 0; i < personal.ids.length; i++) {
    const score = personal.scores[i] as number
    if (score > personalMax && allowed(personal.ids[i] as string)) personalMax = score
  }
  let popularMax = 0
  for (const [movieId, score] of input.popularity)
    if (score > popularMax && allowed(movieId)) popularMax = score

  // Only the best `limit` are kept (a sorted list, insertion by binary search): a user's candidates
  // run to thousands and most fall below the last kept at once.
  const kept: Recommendation[] = []
  const consider = (movieId: string, personalScore: number, because: string | null) => {
    const p = personalMax > 0 ? personalScore / personalMax : 0
    const q = popularMax > 0 ? (input.popularity.get(movieId) ?? 0) / popularMax : 0
    const mine = share * p
    const score = mine + (1 - share) * q
    if (score <= 0) return
    const candidate: Recommendation = {
      movieId,
      score,
      // Named whenever the personal model contributed: it is a neighbour of something they liked.
      because: mine > 0 ? because : null,
    }
    if (kept.length === input.limit && !before(candidate, kept[kept.length - 1] as Recommendation)) return
    if (!allowed(movieId)) return
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
  for (let i = 0; i < personal.ids.length; i++)
    consider(personal.ids[i] as string, personal.scores[i] as number, personal.because[i] as string)
  for (const movieId of input.popularity.keys()) if (!personal.index.has(movieId)) consider(movieId, 0, null)
  return kept
}
