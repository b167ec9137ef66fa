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

export type InteractionEvent = RatingGiven | RatingRemoved

export type Rating = { stars: number; review: string | null; ratedAt: string }

export type InteractionState = {
  rating: Rating | null
}

export const initialState = (): InteractionState => ({ rating: null })

export function evolve(state: InteractionState, event: InteractionEvent): InteractionState {
  switch (event.type) {
    case 'RatingGiven':
      return {
        ...state,
        rating: { stars: event.data.stars, review: event.data.review, ratedAt: event.data.ratedAt },
      }
    case 'RatingRemoved':
      return { ...state, rating: null }
    default: {
      const unknown: never = event
      return unknown
    }
  }
}
