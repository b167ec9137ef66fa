/**
 * Ranking for one user, the same function in serving and in the offline evaluation: personal scores
 * from the neighbour table (sum over liked movies of weight x neighbour score), blended with a
 * popularity prior by how much we know about the user, minus what they already rated, watched or
 * dismissed. Each result says why: the liked movie that contributed most, or popularity.
 */
import type { Neighbour } from './item-neighbours.ts'

export type HistoryItem = { movieId: string; weight: number }

export type Recommendation = {
  movieId: string
  score: number
  /** The movie of theirs that contributed most, when the personal model contributed; null: popularity alone. */
  because: string | null
}

export type RankInput = {
  /** The user's positive feedback (weight > 0). */
  history: readonly HistoryItem[]
  neighbours: (movieId: string) => readonly Neighbour[]
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

export function personalScores(
  history: readonly HistoryItem[],
  neighbours: (movieId: string) => readonly Neighbour[],
): Map<string, { score: number; because: string; best: number }> {
  const scores = new Map<string, { score: number; because: string; best: number }>()
  for (const { movieId: source, weight } of history) {
    for (const { movieId, score } of neighbours(source)) {
      const contribution = weight * score
      const entry = scores.get(movieId)
      if (!entry) scores.set(movieId, { score: contribution, because: source, best: contribution })
      else {
        entry.score += contribution
        if (contribution > entry.best || (contribution === entry.best && source < entry.because)) {
          entry.best = contribution
          entry.because = source
        }
      }
    }
  }
  return scores
}

export function rankRecommendations(input: RankInput): Recommendation[] {
  const share = personalShare(input.history.length, input.blendHalfway)
  const personal = share > 0 ? personalScores(rankingHistory(input.history), input.neighbours) : new Map()
  const allowed = (movieId: string) =>
    !input.exclude.has(movieId) && (input.eligible === undefined || input.eligible(movieId))
  let personalMax = 0
  for (const [movieId, { score }] of personal)
    if (allowed(movieId) && score > personalMax) personalMax = score
  let popularMax = 0
  for (const [movieId, score] of input.popularity)
    if (allowed(movieId) && score > popularMax) popularMax = score

  const ranked: Recommendation[] = []
  const consider = (movieId: string) => {
    if (!allowed(movieId)) return
    const p = personalMax > 0 ? (personal.get(movieId)?.score ?? 0) / personalMax : 0
    const q = popularMax > 0 ? (input.popularity.get(movieId) ?? 0) / popularMax : 0
    const mine = share * p
    const popular = (1 - share) * q
    if (mine + popular <= 0) return
    ranked.push({
      movieId,
      score: mine + popular,
      // Named whenever the personal model contributed: it is a neighbour of something they liked.
      because: mine > 0 ? (personal.get(movieId)?.because ?? null) : null,
    })
  }
  for (const movieId of personal.keys()) consider(movieId)
  for (const movieId of input.popularity.keys()) if (!personal.has(movieId)) consider(movieId)
  ranked.sort((a, b) => b.score - a.score || (a.movieId < b.movieId ? -1 : 1))
  return ranked.slice(0, input.limit)
}
