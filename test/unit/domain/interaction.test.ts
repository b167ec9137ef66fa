/** The rules of an interaction stream: giving, replacing and removing a rating, pure decide/evolve. */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import {
  decide,
  type GiveRating,
  MAX_REVIEW_LENGTH,
  type RemoveRating,
} from '../../../src/domain/interaction/decide.ts'
import {
  evolve,
  type InteractionEvent,
  initialState,
  type RatingGiven,
  type RatingRemoved,
} from '../../../src/domain/interaction/interaction.ts'
import { DomainRuleError } from '../../../src/errors.ts'
import { type Assertions, spec } from '../../support/decider-spec.ts'

const userId = randomUUID()
const movieId = randomUUID()
const earlier = new Date('2026-11-20T10:00:00.000Z')
const now = new Date('2026-11-24T12:34:56.789Z')

const interaction = (t: Assertions) => spec(t, { initialState, evolve, decide })

const giveRating = (stars: number, review: string | null = null): GiveRating => ({
  type: 'GiveRating',
  data: { userId, movieId, stars, review },
  metadata: { now },
})
const removeRating = (): RemoveRating => ({
  type: 'RemoveRating',
  data: { userId, movieId },
  metadata: { now },
})
const ratingGiven = (
  stars: number,
  review: string | null,
  at = now,
  previousStars: number | null = null,
): RatingGiven => ({
  type: 'RatingGiven',
  data: { userId, movieId, stars, review, ratedAt: at.toISOString(), previousStars },
})
const ratingRemoved = (stars: number, at = now): RatingRemoved => ({
  type: 'RatingRemoved',
  data: { userId, movieId, stars, removedAt: at.toISOString() },
})

t.test('a first rating is given, dated by the command time', async (t) => {
  interaction(t)
    .given([])
    .when(giveRating(4, 'Great film'))
    .then([ratingGiven(4, 'Great film')])
})

t.test('a second, different rating by the same user replaces the first', async (t) => {
  interaction(t)
    .given([ratingGiven(4, 'Great film', earlier)])
    .when(giveRating(2, 'Worse the second time'))
    .then([ratingGiven(2, 'Worse the second time', now, 4)])
})

t.test('the same stars with a different review is a new rating', async (t) => {
  interaction(t)
    .given([ratingGiven(4, 'Great film', earlier)])
    .when(giveRating(4, 'Still great'))
    .then([ratingGiven(4, 'Still great', now, 4)])
})

t.test('the same stars with a review removed is a new rating', async (t) => {
  interaction(t)
    .given([ratingGiven(4, 'Great film', earlier)])
    .when(giveRating(4, null))
    .then([ratingGiven(4, null, now, 4)])
})

t.test('the same rating again appends nothing', async (t) => {
  interaction(t)
    .given([ratingGiven(4, 'Great film', earlier)])
    .when(giveRating(4, 'Great film'))
    .then([])
})

t.test('the same rating with the review padded by whitespace appends nothing', async (t) => {
  interaction(t)
    .given([ratingGiven(4, 'Great film', earlier)])
    .when(giveRating(4, '  Great film \n'))
    .then([])
})

t.test('the same stars without a review, sent as blank, appends nothing', async (t) => {
  interaction(t)
    .given([ratingGiven(3, null, earlier)])
    .when(giveRating(3, '   '))
    .then([])
})

t.test('the review is stored trimmed', async (t) => {
  interaction(t)
    .given([])
    .when(giveRating(5, '  Superb  '))
    .then([ratingGiven(5, 'Superb')])
})

t.test('a whitespace-only review becomes no review', async (t) => {
  interaction(t)
    .given([])
    .when(giveRating(5, ' \t\n '))
    .then([ratingGiven(5, null)])
})

t.test('an empty review becomes no review', async (t) => {
  interaction(t)
    .given([])
    .when(giveRating(5, ''))
    .then([ratingGiven(5, null)])
})

for (const stars of [0, 6, 0.25, 3.7, 5.5, -1, -0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
  t.test(`${stars} stars is refused as out of range`, async (t) => {
    interaction(t).given([]).when(giveRating(stars)).thenThrows(DomainRuleError, 'RATING_OUT_OF_RANGE')
  })
}

t.test('an out-of-range rating is refused even when a rating exists', async (t) => {
  interaction(t)
    .given([ratingGiven(4, null, earlier)])
    .when(giveRating(6))
    .thenThrows(DomainRuleError, 'RATING_OUT_OF_RANGE')
})

for (const stars of [0.5, 1, 3.5, 5]) {
  t.test(`${stars} stars is within range`, async (t) => {
    interaction(t)
      .given([])
      .when(giveRating(stars))
      .then([ratingGiven(stars, null)])
  })
}

t.test('a half star replaces a whole one, and the same half star again appends nothing', async (t) => {
  interaction(t)
    .given([ratingGiven(4, null, earlier)])
    .when(giveRating(3.5))
    .then([ratingGiven(3.5, null, now, 4)])
  interaction(t)
    .given([ratingGiven(3.5, null, earlier)])
    .when(giveRating(3.5))
    .then([])
})

t.test(`a review of ${MAX_REVIEW_LENGTH} characters is accepted`, async (t) => {
  const review = 'a'.repeat(MAX_REVIEW_LENGTH)
  interaction(t)
    .given([])
    .when(giveRating(3, review))
    .then([ratingGiven(3, review)])
})

t.test(`a review over ${MAX_REVIEW_LENGTH} characters is refused as too long`, async (t) => {
  interaction(t)
    .given([])
    .when(giveRating(3, 'a'.repeat(MAX_REVIEW_LENGTH + 1)))
    .thenThrows(DomainRuleError, 'REVIEW_TOO_LONG')
})

t.test('review length is counted after trimming', async (t) => {
  const review = 'a'.repeat(MAX_REVIEW_LENGTH)
  interaction(t)
    .given([])
    .when(giveRating(3, `   ${review}   `))
    .then([ratingGiven(3, review)])
})

t.test('removing an existing rating gives RatingRemoved, dated by the command time', async (t) => {
  interaction(t)
    .given([ratingGiven(4, 'Great film', earlier)])
    .when(removeRating())
    .then([ratingRemoved(4)])
})

t.test('removing when there is no rating appends nothing', async (t) => {
  interaction(t).given([]).when(removeRating()).then([])
})

t.test('removing an already removed rating appends nothing', async (t) => {
  interaction(t)
    .given([ratingGiven(4, null, earlier), ratingRemoved(4, earlier)])
    .when(removeRating())
    .then([])
})

t.test('after a removal, the same rating as before is given again', async (t) => {
  interaction(t)
    .given([ratingGiven(4, 'Great film', earlier), ratingRemoved(4, earlier)])
    .when(giveRating(4, 'Great film'))
    .then([ratingGiven(4, 'Great film')])
})

const fold = (events: InteractionEvent[]) => events.reduce(evolve, initialState())

t.test('a stream without events has no rating', async (t) => {
  t.strictSame(fold([]), {
    rating: null,
    favorite: false,
    liked: false,
    dismissed: false,
    tags: [],
    watchlisted: false,
  })
})

t.test('evolve keeps the latest rating given', async (t) => {
  t.strictSame(fold([ratingGiven(4, 'Great film', earlier), ratingGiven(2, null)]), {
    rating: { stars: 2, review: null, ratedAt: now.toISOString() },
    favorite: false,
    liked: false,
    dismissed: false,
    tags: [],
    watchlisted: false,
  })
})

t.test('evolve after RatingRemoved has no rating', async (t) => {
  t.strictSame(fold([ratingGiven(4, 'Great film', earlier), ratingRemoved(4)]), {
    rating: null,
    favorite: false,
    liked: false,
    dismissed: false,
    tags: [],
    watchlisted: false,
  })
})
