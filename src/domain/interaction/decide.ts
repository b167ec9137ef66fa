/**
 * The commands on an interaction stream and the rules that decide them. Pure: time arrives on the
 * command, the state from evolve; the answer is the events to append (none when nothing changes).
 */
import { DomainRuleError, notFound } from '../../errors.ts'
import type { MovieAvailability } from '../movie/movie.ts'
import { cleanTag, MAX_USER_TAGS } from '../tag/tag.ts'
import type { InteractionEvent, InteractionState } from './interaction.ts'

/** Ratings go from half a star to five in half-star steps, as MovieLens's do (docs/api.md, Ratings). */
export const MIN_STARS = 0.5
export const MAX_STARS = 5
export const STAR_STEP = 0.5
export const MAX_REVIEW_LENGTH = 2000

/** How far in the future a client's watchedAt may be (clock skew), in milliseconds. */
export const WATCHED_AT_TOLERANCE_MS = 5 * 60_000

export type GiveRating = {
  type: 'GiveRating'
  data: { userId: string; movieId: string; stars: number; review: string | null }
  metadata: { now: Date }
  /** The movie as its stream says, read by the handler; absent where no movie is involved (unit tests of the rating rules). */
  movie?: MovieAvailability
}
export type RemoveRating = {
  type: 'RemoveRating'
  data: { userId: string; movieId: string }
  metadata: { now: Date }
}

type OnMovie<Type extends string, Extra = object> = {
  type: Type
  data: { userId: string; movieId: string } & Extra
  metadata: { now: Date }
  movie: MovieAvailability
}
export type FavoriteMovie = OnMovie<'FavoriteMovie'>
export type UnfavoriteMovie = OnMovie<'UnfavoriteMovie'>
export type LikeMovie = OnMovie<'LikeMovie'>
export type UnlikeMovie = OnMovie<'UnlikeMovie'>
export type RecordWatch = OnMovie<'RecordWatch', { progress: number; watchedAt: Date | null }>
export type DismissMovie = OnMovie<'DismissMovie'>
/** The user's own tag; the raw value is normalised here (src/domain/tag/tag.ts). */
export type TagMovieForUser = OnMovie<'TagMovieForUser', { tag: string }>
export type UntagMovieForUser = OnMovie<'UntagMovieForUser', { tag: string }>
export type WatchlistMovie = OnMovie<'WatchlistMovie'>
export type UnwatchlistMovie = OnMovie<'UnwatchlistMovie'>

export type InteractionCommand =
  | GiveRating
  | RemoveRating
  | FavoriteMovie
  | UnfavoriteMovie
  | LikeMovie
  | UnlikeMovie
  | RecordWatch
  | DismissMovie
  | TagMovieForUser
  | UntagMovieForUser
  | WatchlistMovie
  | UnwatchlistMovie

/**
 * New interactions need a movie in the catalogue: one never added answers 404, a removed one 422.
 * Taking one back (unfavourite, unlike, removing a rating) stays allowed after removal, so users can
 * tidy their lists.
 */
function requireAvailable(movie: MovieAvailability | undefined): void {
  if (movie === 'unknown') throw notFound('MOVIE_NOT_FOUND', 'no such movie')
  if (movie === 'removed') {
    throw new DomainRuleError('MOVIE_REMOVED', 'this movie was removed from the catalogue')
  }
}

function giveRating(command: GiveRating, state: InteractionState): InteractionEvent[] {
  requireAvailable(command.movie)
  const { userId, movieId, stars } = command.data
  if (!Number.isInteger(stars / STAR_STEP) || stars < MIN_STARS || stars > MAX_STARS) {
    throw new DomainRuleError(
      'RATING_OUT_OF_RANGE',
      `stars must be from ${MIN_STARS} to ${MAX_STARS} in steps of ${STAR_STEP}`,
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

function favorite(command: FavoriteMovie, state: InteractionState): InteractionEvent[] {
  requireAvailable(command.movie)
  // Favouriting twice changes nothing: PUT is idempotent.
  if (state.favorite) return []
  const { userId, movieId } = command.data
  return [
    { type: 'MovieFavorited', data: { userId, movieId, favoritedAt: command.metadata.now.toISOString() } },
  ]
}

function unfavorite(command: UnfavoriteMovie, state: InteractionState): InteractionEvent[] {
  if (!state.favorite) return []
  const { userId, movieId } = command.data
  return [
    {
      type: 'MovieUnfavorited',
      data: { userId, movieId, unfavoritedAt: command.metadata.now.toISOString() },
    },
  ]
}

function like(command: LikeMovie, state: InteractionState): InteractionEvent[] {
  requireAvailable(command.movie)
  if (state.liked) return []
  const { userId, movieId } = command.data
  return [{ type: 'MovieLiked', data: { userId, movieId, likedAt: command.metadata.now.toISOString() } }]
}

function unlike(command: UnlikeMovie, state: InteractionState): InteractionEvent[] {
  if (!state.liked) return []
  const { userId, movieId } = command.data
  return [{ type: 'MovieUnliked', data: { userId, movieId, unlikedAt: command.metadata.now.toISOString() } }]
}

function recordWatch(command: RecordWatch): InteractionEvent[] {
  requireAvailable(command.movie)
  const { userId, movieId, progress } = command.data
  if (!Number.isFinite(progress) || progress < 0 || progress > 1) {
    throw new DomainRuleError('PROGRESS_OUT_OF_RANGE', 'progress must be from 0 to 1')
  }
  const { now } = command.metadata
  const watchedAt = command.data.watchedAt ?? now
  if (Number.isNaN(watchedAt.getTime()) || watchedAt.getTime() > now.getTime() + WATCHED_AT_TOLERANCE_MS) {
    throw new DomainRuleError('WATCHED_IN_FUTURE', 'watchedAt cannot be in the future')
  }
  // Every viewing is a fact of its own: watches are not idempotent (an Idempotency-Key is).
  return [
    {
      type: 'MovieWatched',
      data: {
        userId,
        movieId,
        progress: Math.round(progress * 1000) / 1000,
        watchedAt: watchedAt.toISOString(),
      },
    },
  ]
}

/**
 * "Not interested" in a recommended movie. Dismissing twice changes nothing. An unknown movie is a
 * 404; a removed one may still be dismissed (a client may show a list older than the removal).
 */
function dismiss(command: DismissMovie, state: InteractionState): InteractionEvent[] {
  if (command.movie === 'unknown') throw notFound('MOVIE_NOT_FOUND', 'no such movie')
  if (state.dismissed) return []
  const { userId, movieId } = command.data
  return [
    { type: 'MovieDismissed', data: { userId, movieId, dismissedAt: command.metadata.now.toISOString() } },
  ]
}

/** Tagging twice changes nothing; a new tag needs a listed movie, taking one back does not. */
function tag(command: TagMovieForUser, state: InteractionState): InteractionEvent[] {
  requireAvailable(command.movie)
  const value = cleanTag(command.data.tag)
  if (state.tags.includes(value)) return []
  if (state.tags.length >= MAX_USER_TAGS)
    throw new DomainRuleError('TOO_MANY_TAGS', `a user puts at most ${MAX_USER_TAGS} tags on one movie`)
  const { userId, movieId } = command.data
  return [
    {
      type: 'MovieTaggedByUser',
      data: { userId, movieId, tag: value, taggedAt: command.metadata.now.toISOString() },
    },
  ]
}

function untag(command: UntagMovieForUser, state: InteractionState): InteractionEvent[] {
  const value = cleanTag(command.data.tag)
  if (!state.tags.includes(value)) return []
  const { userId, movieId } = command.data
  return [
    {
      type: 'MovieUntaggedByUser',
      data: { userId, movieId, tag: value, untaggedAt: command.metadata.now.toISOString() },
    },
  ]
}

/**
 * Put on the watchlist: needs a listed movie; twice changes nothing. A movie already watched or
 * rated may be put on it again (to watch again): only later viewings or ratings take it off.
 */
function watchlist(command: WatchlistMovie, state: InteractionState): InteractionEvent[] {
  requireAvailable(command.movie)
  if (state.watchlisted) return []
  const { userId, movieId } = command.data
  return [
    {
      type: 'MovieWatchlisted',
      data: { userId, movieId, watchlistedAt: command.metadata.now.toISOString() },
    },
  ]
}

function unwatchlist(command: UnwatchlistMovie, state: InteractionState): InteractionEvent[] {
  if (!state.watchlisted) return []
  const { userId, movieId } = command.data
  return [
    {
      type: 'MovieUnwatchlisted',
      data: { userId, movieId, unwatchlistedAt: command.metadata.now.toISOString() },
    },
  ]
}

export function decide(command: InteractionCommand, state: InteractionState): InteractionEvent[] {
  switch (command.type) {
    case 'GiveRating':
      return giveRating(command, state)
    case 'RemoveRating':
      return removeRating(command, state)
    case 'FavoriteMovie':
      return favorite(command, state)
    case 'UnfavoriteMovie':
      return unfavorite(command, state)
    case 'LikeMovie':
      return like(command, state)
    case 'UnlikeMovie':
      return unlike(command, state)
    case 'RecordWatch':
      return recordWatch(command)
    case 'DismissMovie':
      return dismiss(command, state)
    case 'TagMovieForUser':
      return tag(command, state)
    case 'UntagMovieForUser':
      return untag(command, state)
    case 'WatchlistMovie':
      return watchlist(command, state)
    case 'UnwatchlistMovie':
      return unwatchlist(command, state)
    default: {
      const unknown: never = command
      return unknown
    }
  }
}
