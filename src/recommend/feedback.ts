/**
 * Implicit feedback: how much one user's relation to one movie says "I like this", from the
 * interaction read models (rating, favourite, like, watches, watchlist) or from MovieLens ratings in the
 * offline evaluation. Pure, and the one definition training and evaluation share.
 */

export type Signals = {
  /** The user's current rating (half stars possible for imported data); null when not rated. */
  stars: number | null
  favorite: boolean
  liked: boolean
  /** The furthest progress of any viewing, 0 to 1; null when never watched. */
  watchProgress: number | null
  /** On the user's watchlist: wanted, not yet seen. */
  watchlisted: boolean
}

/**
 * Weights of each signal. A rating of 4 or more is the core positive; 5 stars counts more. A
 * lower rating still says "this is the kind of movie I watch", which predicts the next watch
 * better than nothing (measured by `npm run recommender -- evaluate`), so it counts a little.
 */
export const FEEDBACK_WEIGHTS = {
  highRatingFrom: 4,
  highRating: 1,
  /** Added per star above highRatingFrom (4.5 stars: +0.25, 5 stars: +0.5). */
  perStarAbove: 0.5,
  lowRating: 0.35,
  favorite: 1,
  like: 0.75,
  /** A viewing that got at least half way. */
  watch: 0.5,
  watchMinProgress: 0.5,
  /**
   * On the watchlist: an intent, weaker than a like (the user has not seen it), about as strong as
   * a viewing past half way. It says "this is the kind of movie I want"; it is not a like, so it
   * never names a movie in "because you liked".
   */
  watchlist: 0.5,
  /** One movie never outweighs a few others, however many signals it has. */
  cap: 2.5,
} as const

/** How much the signals say "liked", 0 when they say nothing. */
export function feedbackWeight(signals: Signals): number {
  const w = FEEDBACK_WEIGHTS
  let weight = 0
  if (signals.stars !== null) {
    weight +=
      signals.stars >= w.highRatingFrom
        ? w.highRating + (signals.stars - w.highRatingFrom) * w.perStarAbove
        : w.lowRating
  }
  if (signals.favorite) weight += w.favorite
  if (signals.liked) weight += w.like
  if (signals.watchProgress !== null && signals.watchProgress >= w.watchMinProgress) weight += w.watch
  if (signals.watchlisted) weight += w.watchlist
  return Math.min(w.cap, weight)
}

/** True for the relations that count as liking (the ones a "because you liked" reason may name). */
export const isPositive = (signals: Signals) =>
  (signals.stars !== null && signals.stars >= FEEDBACK_WEIGHTS.highRatingFrom) ||
  signals.favorite ||
  signals.liked
