/**
 * The interaction stream: one user's relation to one movie (`interaction-<userId>-<movieId>`).
 * Its events, its state and evolve. Pure: no I/O, no clock.
 */

export const interactionStream = (userId: string, movieId: string) => `interaction-${userId}-${movieId}`

/** `previousStars`: the rating this one replaces, so counters can move without reading state. */
export type RatingGiven = {
  type: 'RatingGiven'
  data: {
    userId: string
    movieId: string
    stars: number
    review: string | null
    ratedAt: string
    previousStars: number | null
  }
}
export type RatingRemoved = {
  type: 'RatingRemoved'
  data: { userId: string; movieId: string; stars: number; removedAt: string }
}

export type MovieFavorited = {
  type: 'MovieFavorited'
  data: { userId: string; movieId: string; favoritedAt: string }
}
export type MovieUnfavorited = {
  type: 'MovieUnfavorited'
  data: { userId: string; movieId: string; unfavoritedAt: string }
}
export type MovieLiked = {
  type: 'MovieLiked'
  data: { userId: string; movieId: string; likedAt: string }
}
export type MovieUnliked = {
  type: 'MovieUnliked'
  data: { userId: string; movieId: string; unlikedAt: string }
}
/** One viewing: `progress` from 0 to 1; `watchedAt` may be earlier than the append (a client catching up). */
export type MovieWatched = {
  type: 'MovieWatched'
  data: { userId: string; movieId: string; progress: number; watchedAt: string }
}

/** "Not interested": the recommender stops offering this movie to this user. */
export type MovieDismissed = {
  type: 'MovieDismissed'
  data: { userId: string; movieId: string; dismissedAt: string }
}

export type InteractionEvent =
  | RatingGiven
  | RatingRemoved
  | MovieFavorited
  | MovieUnfavorited
  | MovieLiked
  | MovieUnliked
  | MovieWatched
  | MovieDismissed

export type Rating = { stars: number; review: string | null; ratedAt: string }

export type InteractionState = {
  rating: Rating | null
  favorite: boolean
  liked: boolean
  dismissed: boolean
}

export const initialState = (): InteractionState => ({
  rating: null,
  favorite: false,
  liked: false,
  dismissed: false,
})

export function evolve(state: InteractionState, event: InteractionEvent): InteractionState {
  switch (event.type) {
    case 'RatingGiven':
      return {
        ...state,
        rating: { stars: event.data.stars, review: event.data.review, ratedAt: event.data.ratedAt },
      }
    case 'RatingRemoved':
      return { ...state, rating: null }
    case 'MovieFavorited':
      return { ...state, favorite: true }
    case 'MovieUnfavorited':
      return { ...state, favorite: false }
    case 'MovieLiked':
      return { ...state, liked: true }
    case 'MovieUnliked':
      return { ...state, liked: false }
    case 'MovieWatched':
      return state
    case 'MovieDismissed':
      return { ...state, dismissed: true }
    default: {
      const unknown: never = event
      return unknown
    }
  }
}
