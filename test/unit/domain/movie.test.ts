/** The rules of a movie stream: adding, changing and removing catalogue entries, pure decide/evolve. */
import t from 'tap'
import {
  type AddMovie,
  decide,
  type RemoveMovie,
  type UpdateMovieDetails,
} from '../../../src/domain/movie/decide.ts'
import { evolve, initialState, type MovieAdded, type MovieEvent } from '../../../src/domain/movie/movie.ts'
import { AppError, DomainRuleError } from '../../../src/errors.ts'
import { type Assertions, spec } from '../../support/decider-spec.ts'

const movieId = '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99'
const adminId = '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11'
const now = new Date('2026-11-24T12:00:00.000Z')
const movie = (t: Assertions) => spec(t, { initialState, evolve, decide })

const add = (data: Partial<AddMovie['data']> = {}): AddMovie => ({
  type: 'AddMovie',
  data: { movieId, title: 'Silent Harbor', year: 2024, genres: ['Drama'], addedBy: adminId, ...data },
  metadata: { now },
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
    addedAt: now.toISOString(),
    addedBy: adminId,
  },
}
const update = (changes: UpdateMovieDetails['data']['changes']): UpdateMovieDetails => ({
  type: 'UpdateMovieDetails',
  data: { movieId, changes, updatedBy: adminId },
  metadata: { now },
})
const remove = (reason: string | null = null): RemoveMovie => ({
  type: 'RemoveMovie',
  data: { movieId, reason, removedBy: adminId },
  metadata: { now },
})
const removed: MovieEvent = {
  type: 'MovieRemoved',
  data: { movieId, genres: ['Drama'], reason: null, removedAt: now.toISOString(), removedBy: adminId },
}

t.test('adding a movie cleans its title and genres', async (t) => {
  movie(t)
    .given([])
    .when(add({ title: '  Silent   Harbor ', genres: ['Drama', ' drama ', ''] }))
    .then([added])
})

t.test('adding checks year, release date, title and genres', async (t) => {
  movie(t)
    .given([])
    .when(add({ year: 1800 }))
    .thenThrows(DomainRuleError, 'YEAR_OUT_OF_RANGE')
  movie(t)
    .given([])
    .when(add({ year: 2037 }))
    .thenThrows(DomainRuleError, 'YEAR_OUT_OF_RANGE')
  movie(t)
    .given([])
    .when(add({ releaseDate: '2023-01-01' }))
    .thenThrows(DomainRuleError, 'RELEASE_DATE_NOT_IN_YEAR')
  movie(t)
    .given([])
    .when(add({ releaseDate: '2024-02-30' }))
    .thenThrows(DomainRuleError, 'INVALID_RELEASE_DATE')
  movie(t)
    .given([])
    .when(add({ title: ' ' }))
    .thenThrows(DomainRuleError, 'TITLE_REQUIRED')
  movie(t)
    .given([])
    .when(add({ genres: [' '] }))
    .thenThrows(DomainRuleError, 'GENRE_REQUIRED')
  movie(t)
    .given([])
    .when(add({ genres: Array.from({ length: 11 }, (_, i) => `g${i}`) }))
    .thenThrows(DomainRuleError, 'TOO_MANY_GENRES')
})

t.test('a movie is added once', async (t) => {
  movie(t).given([added]).when(add()).thenThrows(AppError, 'MOVIE_EXISTS')
})

t.test('an update records the changed fields and their previous values only', async (t) => {
  movie(t)
    .given([added])
    .when(update({ title: 'Silent Harbor', genres: ['Drama', 'Mystery'], overview: 'A boat.' }))
    .then([
      {
        type: 'MovieDetailsUpdated',
        data: {
          movieId,
          changes: { genres: ['Drama', 'Mystery'], overview: 'A boat.' },
          previous: { genres: ['Drama'], overview: null },
          updatedAt: now.toISOString(),
          updatedBy: adminId,
        },
      },
    ])
  movie(t)
    .given([added])
    .when(update({ title: ' Silent Harbor ' }))
    .then([])
})

t.test('a new year must still hold the release date', async (t) => {
  const dated: MovieAdded = { ...added, data: { ...added.data, releaseDate: '2024-03-08' } }
  movie(t)
    .given([dated])
    .when(update({ year: 2025 }))
    .thenThrows(DomainRuleError, 'RELEASE_DATE_NOT_IN_YEAR')
})

t.test('unknown and removed movies cannot change', async (t) => {
  movie(t)
    .given([])
    .when(update({ title: 'X' }))
    .thenThrows(AppError, 'MOVIE_NOT_FOUND')
  movie(t)
    .given([added, removed])
    .when(update({ title: 'X' }))
    .thenThrows(DomainRuleError, 'MOVIE_REMOVED')
})

t.test('removal carries the genres, and removing twice changes nothing', async (t) => {
  movie(t).given([added]).when(remove()).then([removed])
  movie(t).given([added, removed]).when(remove()).then([])
  movie(t).given([]).when(remove()).thenThrows(AppError, 'MOVIE_NOT_FOUND')
})
