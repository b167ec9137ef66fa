/** Favourites, likes and watches on the interaction stream, and the removed-movie rule: pure decide/evolve. */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { decide, type InteractionCommand } from '../../../src/domain/interaction/decide.ts'
import { evolve, type InteractionEvent, initialState } from '../../../src/domain/interaction/interaction.ts'
import type { MovieAvailability } from '../../../src/domain/movie/movie.ts'
import { AppError, DomainRuleError } from '../../../src/errors.ts'
import { type Assertions, spec } from '../../support/decider-spec.ts'

const userId = randomUUID()
const movieId = randomUUID()
const now = new Date('2026-11-24T12:00:00.000Z')
const at = now.toISOString()
const interaction = (t: Assertions) => spec(t, { initialState, evolve, decide })

const on = (
  type: 'FavoriteMovie' | 'UnfavoriteMovie' | 'LikeMovie' | 'UnlikeMovie',
  movie: MovieAvailability = 'active',
) => ({ type, data: { userId, movieId }, movie, metadata: { now } }) as InteractionCommand
const watch = (
  progress: number,
  watchedAt: Date | null = null,
  movie: MovieAvailability = 'active',
): InteractionCommand => ({
  type: 'RecordWatch',
  data: { userId, movieId, progress, watchedAt },
  movie,
  metadata: { now },
})
const favorited: InteractionEvent = { type: 'MovieFavorited', data: { userId, movieId, favoritedAt: at } }
const liked: InteractionEvent = { type: 'MovieLiked', data: { userId, movieId, likedAt: at } }

t.test('favourite and like are idempotent toggles', async (t) => {
  interaction(t).given([]).when(on('FavoriteMovie')).then([favorited])
  interaction(t).given([favorited]).when(on('FavoriteMovie')).then([])
  interaction(t)
    .given([favorited])
    .when(on('UnfavoriteMovie'))
    .then([{ type: 'MovieUnfavorited', data: { userId, movieId, unfavoritedAt: at } }])
  interaction(t).given([]).when(on('UnfavoriteMovie')).then([])
  interaction(t).given([]).when(on('LikeMovie')).then([liked])
  interaction(t).given([liked]).when(on('LikeMovie')).then([])
  interaction(t)
    .given([liked])
    .when(on('UnlikeMovie'))
    .then([{ type: 'MovieUnliked', data: { userId, movieId, unlikedAt: at } }])
})

t.test('every watch is its own event, within progress and time limits', async (t) => {
  const watched: InteractionEvent = {
    type: 'MovieWatched',
    data: { userId, movieId, progress: 0.5, watchedAt: at },
  }
  interaction(t).given([watched]).when(watch(0.5)).then([watched])
  const earlier = new Date('2026-11-01T20:00:00.000Z')
  interaction(t)
    .given([])
    .when(watch(1, earlier))
    .then([
      { type: 'MovieWatched', data: { userId, movieId, progress: 1, watchedAt: earlier.toISOString() } },
    ])
  interaction(t).given([]).when(watch(1.2)).thenThrows(DomainRuleError, 'PROGRESS_OUT_OF_RANGE')
  interaction(t)
    .given([])
    .when(watch(1, new Date(now.getTime() + 3_600_000)))
    .thenThrows(DomainRuleError, 'WATCHED_IN_FUTURE')
})

t.test('a movie never added takes no new interaction (404); taking one back is allowed', async (t) => {
  interaction(t).given([]).when(on('FavoriteMovie', 'unknown')).thenThrows(AppError, 'MOVIE_NOT_FOUND')
  interaction(t).given([]).when(on('LikeMovie', 'unknown')).thenThrows(AppError, 'MOVIE_NOT_FOUND')
  interaction(t)
    .given([])
    .when(watch(1, null, 'unknown'))
    .thenThrows(AppError, 'MOVIE_NOT_FOUND')
  interaction(t)
    .given([])
    .when({
      type: 'GiveRating',
      data: { userId, movieId, stars: 4, review: null },
      movie: 'unknown',
      metadata: { now },
    })
    .thenThrows(AppError, 'MOVIE_NOT_FOUND')
  interaction(t).given([]).when(on('UnlikeMovie', 'unknown')).then([])
})

t.test('a removed movie takes no new interaction; taking one back is allowed', async (t) => {
  interaction(t).given([]).when(on('FavoriteMovie', 'removed')).thenThrows(DomainRuleError, 'MOVIE_REMOVED')
  interaction(t).given([]).when(on('LikeMovie', 'removed')).thenThrows(DomainRuleError, 'MOVIE_REMOVED')
  interaction(t)
    .given([])
    .when(watch(1, null, 'removed'))
    .thenThrows(DomainRuleError, 'MOVIE_REMOVED')
  interaction(t)
    .given([])
    .when({
      type: 'GiveRating',
      data: { userId, movieId, stars: 4, review: null },
      movie: 'removed',
      metadata: { now },
    })
    .thenThrows(DomainRuleError, 'MOVIE_REMOVED')
  interaction(t)
    .given([favorited])
    .when(on('UnfavoriteMovie', 'removed'))
    .then([{ type: 'MovieUnfavorited', data: { userId, movieId, unfavoritedAt: at } }])
})
