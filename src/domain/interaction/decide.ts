/**
 * The commands on an interaction stream and the rules that decide them. Pure: time arrives on the
 * command, the state from evolve; the answer is the events to append (none when nothing changes).
 */
import { DomainRuleError } from '../../errors.ts'
import type { InteractionEvent, InteractionState } from './interaction.ts'

export const MIN_STARS = 1
export const MAX_STARS = 5
export const MAX_REVIEW_LENGTH = 2000

export type GiveRating = {
  type: 'GiveRating'
  data: { userId: string; movieId: string; stars: number; review: string | null }
  metadata: { now: Date }
}
export type RemoveRating = {
  type: 'RemoveRating'
  data: { userId: string; movieId: string }
  metadata: { now: Date }
}

export type InteractionCommand = GiveRating | RemoveRating

function giveRating(command: GiveRating, state: InteractionState): InteractionEvent[] {
  const { userId, movieId, stars } = command.data
  if (!Number.isInteger(stars) || stars < MIN_STARS || stars > MAX_STARS) {
    throw new DomainRuleError(
      'RATING_OUT_OF_RANGE',
      `stars must be a whole number from ${MIN_STARS} to ${MAX_STARS}`,
    )
  }
  const review = command.data.review?.trim() || null
  if (review !== null && review.length > MAX_REVIEW_LENGTH) {
    throw new DomainRuleError('REVIEW_TOO_LONG', `a review holds at most ${MAX_REVIEW_LENGTH} characters`)
  }
  // The same rating again changes nothing: PUT is idempotent.
  if (state.rating && state.rating.stars === stars && state.rating.review === review) return []
  return [
    {
      type: 'RatingGiven',
      data: {
        userId,
        movieId,
        stars,
        review,
        ratedAt: command.metadata.now.toISOString(),
        previousStars: state.rating?.stars ?? null,
      },
    },
  ]
}

function removeRating(command: RemoveRating, state: InteractionState): InteractionEvent[] {
  if (!state.rating) return []
  const { userId, movieId } = command.data
  return [
    {
      type: 'RatingRemoved',
      data: { userId, movieId, stars: state.rating.stars, removedAt: command.metadata.now.toISOString() },
    },
  ]
}

export function decide(command: InteractionCommand, state: InteractionState): InteractionEvent[] {
  switch (command.type) {
    case 'GiveRating':
      return giveRating(command, state)
    case 'RemoveRating':
      return removeRating(command, state)
    default: {
      const unknown: never = command
      return unknown
    }
  }
}
