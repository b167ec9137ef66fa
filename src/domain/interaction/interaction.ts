/**
 * The interaction stream: one user's relation to one movie (`interaction-<userId>-<movieId>`).
 * Its events, its state and evolve. Pure: no I/O, no clock.
 */
import { Type } from 'typebox'
import { defineEvent, type EventOf, Nullable } from '../event-catalogue.ts'

export const interactionStream = (userId: string, movieId: string) => `interaction-${userId}-${movieId}`

/** `previousStars`: the rating this one replaces, so counters can move without reading state. */
export const ratingGiven = defineEvent('RatingGiven', {
  description:
    'The user rated the movie (stars, halves from imports; an optional review); `previousStars` is the ' +
    'rating it replaces, so counters move without state.',
  version: 2,
  upcasters: [
    {
      from: 1,
      change:
        "`review` is sealed with the user's key; a version 1 event keeps its clear review, read as it is",
      up: (data) => data,
    },
  ],
  data: Type.Object({
    userId: Type.String(),
    movieId: Type.String(),
    stars: Type.Number({ description: '1 to 5; halves from imports.' }),
    review: Nullable(Type.String(), {
      description:
        "Personal: sealed with the user's key in the store (`sealed:v1:...`), unreadable once the user is " +
        'erased; in clear in events stored before version 2.',
    }),
    ratedAt: Type.String(),
    previousStars: Nullable(Type.Number(), {
      description: 'The rating this one replaces; null for a first.',
    }),
  }),
})
export type RatingGiven = EventOf<typeof ratingGiven>

export const ratingRemoved = defineEvent('RatingRemoved', {
  description: 'The user withdrew their rating; `stars` is the rating removed.',
  data: Type.Object({
    userId: Type.String(),
    movieId: Type.String(),
    stars: Type.Number(),
    removedAt: Type.String(),
  }),
})
export type RatingRemoved = EventOf<typeof ratingRemoved>

export const movieFavorited = defineEvent('MovieFavorited', {
  description: 'The user marked the movie as a favourite.',
  data: Type.Object({ userId: Type.String(), movieId: Type.String(), favoritedAt: Type.String() }),
})
export type MovieFavorited = EventOf<typeof movieFavorited>

export const movieUnfavorited = defineEvent('MovieUnfavorited', {
  description: 'The user took the movie out of their favourites.',
  data: Type.Object({ userId: Type.String(), movieId: Type.String(), unfavoritedAt: Type.String() }),
})
export type MovieUnfavorited = EventOf<typeof movieUnfavorited>

export const movieLiked = defineEvent('MovieLiked', {
  description: 'The user liked the movie.',
  data: Type.Object({ userId: Type.String(), movieId: Type.String(), likedAt: Type.String() }),
})
export type MovieLiked = EventOf<typeof movieLiked>

export const movieUnliked = defineEvent('MovieUnliked', {
  description: 'The user took their like back.',
  data: Type.Object({ userId: Type.String(), movieId: Type.String(), unlikedAt: Type.String() }),
})
export type MovieUnliked = EventOf<typeof movieUnliked>

/** One viewing: `progress` from 0 to 1; `watchedAt` may be earlier than the append (a client catching up). */
export const movieWatched = defineEvent('MovieWatched', {
  description: 'One viewing: `progress` from 0 to 1; `watchedAt` may be earlier than the append.',
  data: Type.Object({
    userId: Type.String(),
    movieId: Type.String(),
    progress: Type.Number(),
    watchedAt: Type.String(),
  }),
})
export type MovieWatched = EventOf<typeof movieWatched>

/** "Not interested": the recommender stops offering this movie to this user. */
export const movieDismissed = defineEvent('MovieDismissed', {
  description: '"Not interested": the recommender stops offering this movie to this user.',
  data: Type.Object({ userId: Type.String(), movieId: Type.String(), dismissedAt: Type.String() }),
})
export type MovieDismissed = EventOf<typeof movieDismissed>

/**
 * The user's own tag on the movie (normalised by src/domain/tag/tag.ts). A user's tags are theirs:
 * listed with their name nowhere, counted in the movie's tags, dropped from every read model when
 * the user is erased (UserErased).
 */
export const movieTaggedByUser = defineEvent('MovieTaggedByUser', {
  description:
    "The user put their own tag on the movie (normalised); counted in the movie's tags until they take " +
    'it back or are erased.',
  data: Type.Object({
    userId: Type.String(),
    movieId: Type.String(),
    tag: Type.String(),
    taggedAt: Type.String(),
  }),
})
export type MovieTaggedByUser = EventOf<typeof movieTaggedByUser>

export const movieUntaggedByUser = defineEvent('MovieUntaggedByUser', {
  description: 'The user took their own tag off the movie.',
  data: Type.Object({
    userId: Type.String(),
    movieId: Type.String(),
    tag: Type.String(),
    untaggedAt: Type.String(),
  }),
})
export type MovieUntaggedByUser = EventOf<typeof movieUntaggedByUser>
/** The user put the movie on their watchlist ("want to watch"). */
export const movieWatchlisted = defineEvent('MovieWatchlisted', {
  description: 'The user put the movie on their watchlist ("want to watch").',
  data: Type.Object({ userId: Type.String(), movieId: Type.String(), watchlistedAt: Type.String() }),
})
export type MovieWatchlisted = EventOf<typeof movieWatchlisted>

export const movieUnwatchlisted = defineEvent('MovieUnwatchlisted', {
  description:
    'The user took the movie off their watchlist. (Watching it or rating it also takes it off, ' +
    'without this event: see `endsWatchlist`.)',
  data: Type.Object({ userId: Type.String(), movieId: Type.String(), unwatchlistedAt: Type.String() }),
})
export type MovieUnwatchlisted = EventOf<typeof movieUnwatchlisted>

/**
 * A viewing of at least this much counts as having watched the movie: it takes the movie off the
 * watchlist (a shorter one is a start, and the movie stays on it).
 */
export const WATCHLIST_DONE_PROGRESS = 0.9

/**
 * True for the events that take a movie off the user's watchlist besides MovieUnwatchlisted: a
 * viewing of at least WATCHLIST_DONE_PROGRESS, or a rating (a user rates what they have seen). The
 * one rule evolve and the watchlist projection share.
 */
export function endsWatchlist(event: InteractionEvent): boolean {
  return (
    event.type === 'MovieUnwatchlisted' ||
    event.type === 'RatingGiven' ||
    (event.type === 'MovieWatched' && event.data.progress >= WATCHLIST_DONE_PROGRESS)
  )
}

/** The interaction stream's events, for the catalogue (src/domain/events.ts). */
export const INTERACTION_EVENTS = [
  ratingGiven,
  ratingRemoved,
  movieFavorited,
  movieUnfavorited,
  movieLiked,
  movieUnliked,
  movieWatched,
  movieDismissed,
  movieTaggedByUser,
  movieUntaggedByUser,
  movieWatchlisted,
  movieUnwatchlisted,
] as const

export type InteractionEvent =
  | RatingGiven
  | RatingRemoved
  | MovieFavorited
  | MovieUnfavorited
  | MovieLiked
  | MovieUnliked
  | MovieWatched
  | MovieDismissed
  | MovieTaggedByUser
  | MovieUntaggedByUser
  | MovieWatchlisted
  | MovieUnwatchlisted

export type Rating = { stars: number; review: string | null; ratedAt: string }

export type InteractionState = {
  rating: Rating | null
  favorite: boolean
  liked: boolean
  dismissed: boolean
  /** The user's own tags on the movie, in the order given. */
  tags: string[]
  watchlisted: boolean
}

export const initialState = (): InteractionState => ({
  rating: null,
  favorite: false,
  liked: false,
  dismissed: false,
  tags: [],
  watchlisted: false,
})

export function evolve(state: InteractionState, event: InteractionEvent): InteractionState {
  switch (event.type) {
    case 'RatingGiven':
      return {
        ...state,
        rating: { stars: event.data.stars, review: event.data.review, ratedAt: event.data.ratedAt },
        watchlisted: false,
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
      return endsWatchlist(event) ? { ...state, watchlisted: false } : state
    case 'MovieDismissed':
      return { ...state, dismissed: true }
    case 'MovieTaggedByUser':
      return { ...state, tags: [...state.tags, event.data.tag] }
    case 'MovieUntaggedByUser':
      return { ...state, tags: state.tags.filter((tag) => tag !== event.data.tag) }
    case 'MovieWatchlisted':
      return { ...state, watchlisted: true }
    case 'MovieUnwatchlisted':
      return { ...state, watchlisted: false }
    default: {
      const unknown: never = event
      return unknown
    }
  }
}
