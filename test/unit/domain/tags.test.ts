/** Tags, pure: normalisation, curated tags on the movie stream, a user's own tags on their interaction stream. */
import t from 'tap'
import { decide as decideInteraction } from '../../../src/domain/interaction/decide.ts'
import {
  evolve as evolveInteraction,
  type InteractionEvent,
  initialState as initialInteraction,
} from '../../../src/domain/interaction/interaction.ts'
import { decide as decideMovie } from '../../../src/domain/movie/decide.ts'
import {
  evolve as evolveMovie,
  initialState as initialMovie,
  type MovieAdded,
  type MovieEvent,
  type MovieRemoved,
} from '../../../src/domain/movie/movie.ts'
import { MAX_CURATED_TAGS, MAX_TAG_LENGTH, MAX_USER_TAGS, normaliseTag } from '../../../src/domain/tag/tag.ts'
import { AppError, DomainRuleError } from '../../../src/errors.ts'
import { tagLookupKey } from '../../../src/read/tags/queries.ts'
import { type Assertions, spec } from '../../support/decider-spec.ts'

const movieId = '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99'
const userId = '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11'
const adminId = '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a33'
const now = new Date('2026-11-24T12:00:00.000Z')
const at = now.toISOString()

const movie = (t: Assertions) =>
  spec<Parameters<typeof decideMovie>[0], MovieEvent, ReturnType<typeof initialMovie>>(t, {
    initialState: initialMovie,
    evolve: evolveMovie,
    decide: decideMovie,
  })
const interaction = (t: Assertions) =>
  spec<Parameters<typeof decideInteraction>[0], InteractionEvent, ReturnType<typeof initialInteraction>>(t, {
    initialState: initialInteraction,
    evolve: evolveInteraction,
    decide: decideInteraction,
  })

const added: MovieAdded = {
  type: 'MovieAdded',
  data: {
    movieId,
    title: 'Silent Harbor',
    year: 2024,
    genres: ['Drama'],
    overview: null,
    releaseDate: null,
    addedAt: at,
    addedBy: adminId,
  },
}
const removed: MovieRemoved = {
  type: 'MovieRemoved',
  data: { movieId, genres: ['Drama'], reason: null, removedAt: at, removedBy: adminId },
}
const tagMovie = (tag: string) =>
  ({ type: 'TagMovie', data: { movieId, tag, taggedBy: adminId }, metadata: { now } }) as const
const untagMovie = (tag: string) =>
  ({ type: 'UntagMovie', data: { movieId, tag, untaggedBy: adminId }, metadata: { now } }) as const
const tagged = (tag: string): MovieEvent => ({
  type: 'MovieTagged',
  data: { movieId, tag, taggedAt: at, taggedBy: adminId },
})

t.test(
  'a tag is trimmed, single-spaced and lower-cased; blank, overlong and control characters are refused',
  async (t) => {
    t.same(normaliseTag('  Time\tTravel \n'), { ok: true, tag: 'time travel' })
    t.same(normaliseTag('ＳＣＩ-ＦＩ'), { ok: true, tag: 'sci-fi' }, 'full-width letters fold (NFKC)')
    t.same(normaliseTag('Amélie'), { ok: true, tag: 'amélie' }, 'accents are kept')
    t.match(normaliseTag('   '), { ok: false, problem: { code: 'TAG_REQUIRED' } })
    t.match(normaliseTag('x'.repeat(MAX_TAG_LENGTH + 1)), { ok: false, problem: { code: 'TAG_TOO_LONG' } })
    t.same(normaliseTag(` ${'x'.repeat(MAX_TAG_LENGTH)} `), { ok: true, tag: 'x'.repeat(MAX_TAG_LENGTH) })
    t.match(normaliseTag('a\u0000b'), { ok: false, problem: { code: 'TAG_INVALID' } }, 'NUL refused')
    t.match(normaliseTag('a\u0007b'), { ok: false, problem: { code: 'TAG_INVALID' } })
  },
)

t.test("the read side's lookup key is the domain's normalisation", async (t) => {
  for (const raw of ['  Time\tTravel ', 'ＳＣＩ-ＦＩ', 'Amélie', 'dark  COMEDY', 'x']) {
    const domain = normaliseTag(raw)
    t.ok(domain.ok)
    if (domain.ok) t.equal(tagLookupKey(raw), domain.tag, raw)
  }
})

t.test('curated tags: an admin tags a listed movie once; untagging removes it', async (t) => {
  movie(t)
    .given([added])
    .when(tagMovie(' Lighthouse '))
    .then([tagged('lighthouse')])
  movie(t)
    .given([added, tagged('lighthouse')])
    .when(tagMovie('LIGHTHOUSE'))
    .then([])
  movie(t)
    .given([added, tagged('lighthouse')])
    .when(untagMovie('Lighthouse'))
    .then([
      { type: 'MovieUntagged', data: { movieId, tag: 'lighthouse', untaggedAt: at, untaggedBy: adminId } },
    ])
  movie(t).given([added]).when(untagMovie('lighthouse')).then([])
})

t.test(
  'curated tags: an unknown movie is 404, a removed one 422, a bad tag 422, at most the limit',
  async (t) => {
    movie(t).given([]).when(tagMovie('x')).thenThrows(AppError, 'MOVIE_NOT_FOUND')
    movie(t).given([added, removed]).when(tagMovie('x')).thenThrows(DomainRuleError, 'MOVIE_REMOVED')
    movie(t)
      .given([added, tagged('x'), removed])
      .when(untagMovie('x'))
      .thenThrows(DomainRuleError, 'MOVIE_REMOVED')
    movie(t).given([added]).when(tagMovie(' ')).thenThrows(DomainRuleError, 'TAG_REQUIRED')
    movie(t).given([added]).when(tagMovie('a\u0000')).thenThrows(DomainRuleError, 'TAG_INVALID')
    const full = Array.from({ length: MAX_CURATED_TAGS }, (_, i) => tagged(`t${i}`))
    movie(t)
      .given([added, ...full])
      .when(tagMovie('one more'))
      .thenThrows(DomainRuleError, 'TOO_MANY_TAGS')
    movie(t)
      .given([added, ...full])
      .when(tagMovie('t3'))
      .then([])
  },
)

const userTag = (tag: string, availability: 'active' | 'removed' | 'unknown' = 'active') =>
  ({
    type: 'TagMovieForUser',
    data: { userId, movieId, tag },
    movie: availability,
    metadata: { now },
  }) as const
const userUntag = (tag: string, availability: 'active' | 'removed' | 'unknown' = 'active') =>
  ({
    type: 'UntagMovieForUser',
    data: { userId, movieId, tag },
    movie: availability,
    metadata: { now },
  }) as const
const userTagged = (tag: string): InteractionEvent => ({
  type: 'MovieTaggedByUser',
  data: { userId, movieId, tag, taggedAt: at },
})

t.test("a user's own tags: once each, normalised, taken back, within the limit", async (t) => {
  interaction(t)
    .given([])
    .when(userTag('Slow  Burn'))
    .then([userTagged('slow burn')])
  interaction(t)
    .given([userTagged('slow burn')])
    .when(userTag('slow burn'))
    .then([])
  interaction(t)
    .given([userTagged('slow burn')])
    .when(userUntag(' SLOW BURN'))
    .then([{ type: 'MovieUntaggedByUser', data: { userId, movieId, tag: 'slow burn', untaggedAt: at } }])
  interaction(t).given([]).when(userUntag('never')).then([])
  const full = Array.from({ length: MAX_USER_TAGS }, (_, i) => userTagged(`t${i}`))
  interaction(t).given(full).when(userTag('one more')).thenThrows(DomainRuleError, 'TOO_MANY_TAGS')
  interaction(t).given([]).when(userTag('')).thenThrows(DomainRuleError, 'TAG_REQUIRED')
  interaction(t)
    .given([])
    .when(userUntag('x'.repeat(51)))
    .thenThrows(DomainRuleError, 'TAG_TOO_LONG')
})

t.test("a user's tag needs a listed movie; taking one back does not", async (t) => {
  interaction(t).given([]).when(userTag('x', 'unknown')).thenThrows(AppError, 'MOVIE_NOT_FOUND')
  interaction(t).given([]).when(userTag('x', 'removed')).thenThrows(DomainRuleError, 'MOVIE_REMOVED')
  interaction(t)
    .given([userTagged('x')])
    .when(userUntag('x', 'removed'))
    .then([{ type: 'MovieUntaggedByUser', data: { userId, movieId, tag: 'x', untaggedAt: at } }])
})
