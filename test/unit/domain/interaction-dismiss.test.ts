/** "Not interested": MovieDismissed on the interaction stream, decided purely and once. */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { decide, type InteractionCommand } from '../../../src/domain/interaction/decide.ts'
import { evolve, type InteractionEvent, initialState } from '../../../src/domain/interaction/interaction.ts'
import type { MovieAvailability } from '../../../src/domain/movie/movie.ts'
import { AppError } from '../../../src/errors.ts'
import { type Assertions, spec } from '../../support/decider-spec.ts'

const userId = randomUUID()
const movieId = randomUUID()
const now = new Date('2026-11-24T12:00:00.000Z')
const interaction = (t: Assertions) => spec(t, { initialState, evolve, decide })
const dismiss = (movie: MovieAvailability = 'active'): InteractionCommand => ({
  type: 'DismissMovie',
  data: { userId, movieId },
  movie,
  metadata: { now },
})
const dismissed: InteractionEvent = {
  type: 'MovieDismissed',
  data: { userId, movieId, dismissedAt: now.toISOString() },
}

t.test('a dismissal is recorded once', async (t) => {
  interaction(t).given([]).when(dismiss()).then([dismissed])
  interaction(t).given([dismissed]).when(dismiss()).then([])
})

t.test('a dismissal sits beside the other relations of the stream', async (t) => {
  const rated: InteractionEvent = {
    type: 'RatingGiven',
    data: { userId, movieId, stars: 2, review: null, ratedAt: now.toISOString(), previousStars: null },
  }
  interaction(t).given([rated]).when(dismiss()).then([dismissed])
  t.same([rated, dismissed].reduce(evolve, initialState()), {
    rating: { stars: 2, review: null, ratedAt: now.toISOString() },
    favorite: false,
    liked: false,
    dismissed: true,
    tags: [],
    watchlisted: false,
  })
})

t.test('an unknown movie is a 404; a removed one may still be dismissed', async (t) => {
  interaction(t).given([]).when(dismiss('unknown')).thenThrows(AppError, 'MOVIE_NOT_FOUND')
  interaction(t).given([]).when(dismiss('removed')).then([dismissed])
})
