/** The watchlist on the interaction stream: put on once, taken off once, and ended by watching or rating. */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { decide, type InteractionCommand } from '../../../src/domain/interaction/decide.ts'
import {
  evolve,
  type InteractionEvent,
  initialState,
  WATCHLIST_DONE_PROGRESS,
} from '../../../src/domain/interaction/interaction.ts'
import type { MovieAvailability } from '../../../src/domain/movie/movie.ts'
import { AppError } from '../../../src/errors.ts'
import { type Assertions, spec } from '../../support/decider-spec.ts'

const userId = randomUUID()
const movieId = randomUUID()
const now = new Date('2026-11-24T12:00:00.000Z')
const at = now.toISOString()
const interaction = (t: Assertions) => spec(t, { initialState, evolve, decide })
const put = (movie: MovieAvailability = 'active'): InteractionCommand => ({
  type: 'WatchlistMovie',
  data: { userId, movieId },
  movie,
  metadata: { now },
})
const remove = (movie: MovieAvailability = 'active'): InteractionCommand => ({
  type: 'UnwatchlistMovie',
  data: { userId, movieId },
  movie,
  metadata: { now },
})
const on: InteractionEvent = { type: 'MovieWatchlisted', data: { userId, movieId, watchlistedAt: at } }
const off: InteractionEvent = { type: 'MovieUnwatchlisted', data: { userId, movieId, unwatchlistedAt: at } }
const watched = (progress: number): InteractionEvent => ({
  type: 'MovieWatched',
  data: { userId, movieId, progress, watchedAt: at },
})

t.test('putting a movie on the watchlist twice records it once', async (t) => {
  interaction(t).given([]).when(put()).then([on])
  interaction(t).given([on]).when(put()).then([])
  interaction(t).given([on, off]).when(put()).then([on])
})

t.test('taking a movie off records it only when it was on', async (t) => {
  interaction(t).given([]).when(remove()).then([])
  interaction(t).given([on]).when(remove()).then([off])
  interaction(t).given([on, off]).when(remove()).then([])
})

t.test('a new watchlist mark needs a listed movie; taking one off does not', async (t) => {
  interaction(t).given([]).when(put('unknown')).thenThrows(AppError, 'MOVIE_NOT_FOUND')
  interaction(t).given([]).when(put('removed')).thenThrows(AppError, 'MOVIE_REMOVED')
  interaction(t).given([on]).when(remove('removed')).then([off])
})

t.test('watching most of the movie or rating it takes it off the watchlist', async (t) => {
  interaction(t)
    .given([on, watched(WATCHLIST_DONE_PROGRESS)])
    .when(remove())
    .then([])
  interaction(t)
    .given([on, watched(WATCHLIST_DONE_PROGRESS)])
    .when(put())
    .then([on])
  const rated: InteractionEvent = {
    type: 'RatingGiven',
    data: { userId, movieId, stars: 4, review: null, ratedAt: at, previousStars: null },
  }
  interaction(t).given([on, rated]).when(remove()).then([])
})

t.test('a viewing that stops early keeps the movie on the watchlist', async (t) => {
  interaction(t)
    .given([on, watched(0.3)])
    .when(remove())
    .then([off])
  interaction(t)
    .given([on, watched(0.3)])
    .when(put())
    .then([])
})
