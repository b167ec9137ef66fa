/** Importing a movie (MovieImported) and the ids derived from external ids: pure decide/evolve. */
import t from 'tap'
import { eventCatalogue } from '../../../src/domain/events.ts'
import { decide, type ImportMovie } from '../../../src/domain/movie/decide.ts'
import {
  externalIdsProblem,
  importedMovieId,
  normaliseImdbId,
  uuidV5,
} from '../../../src/domain/movie/external-ids.ts'
import { noMedia } from '../../../src/domain/movie/media.ts'
import { evolve, initialState, type MovieEvent, type MovieImported } from '../../../src/domain/movie/movie.ts'
import { DomainRuleError } from '../../../src/errors.ts'
import { type Assertions, spec } from '../../support/decider-spec.ts'

const now = new Date('2026-11-24T12:00:00.000Z')
const heatIds = { movielens: 6, imdb: 'tt0113277', tmdb: 949 }
const heatId = importedMovieId(heatIds)
const movie = (t: Assertions) => spec(t, { initialState, evolve, decide })

const importHeat = (data: Partial<ImportMovie['data']> = {}): ImportMovie => ({
  type: 'ImportMovie',
  data: {
    movieId: heatId,
    title: 'Heat',
    year: 1995,
    genres: ['Action', 'Crime', 'Thriller'],
    externalIds: heatIds,
    source: 'movielens',
    jobId: null,
    ...data,
  },
  metadata: { now },
})
const imported: MovieImported = {
  type: 'MovieImported',
  data: {
    movieId: heatId,
    title: 'Heat',
    year: 1995,
    genres: ['Action', 'Crime', 'Thriller'],
    overview: null,
    releaseDate: null,
    externalIds: { movielens: 6, imdb: 'tt0113277', tmdb: 949 },
    source: 'movielens',
    importedAt: now.toISOString(),
    jobId: null,
    ...noMedia(),
  },
}

t.test(
  'uuidV5 follows RFC 4122 (the published example) and names each movie by its strongest id',
  async (t) => {
    // RFC 4122 / Python's uuid.uuid5(uuid.NAMESPACE_DNS, 'www.example.com').
    t.equal(
      uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    )
    t.match(
      heatId,
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      'a version 5 UUID',
    )
    t.equal(
      importedMovieId({ tmdb: 949 }),
      heatId,
      'TMDb id alone: the same movie as from MovieLens with links',
    )
    t.equal(importedMovieId({ movielens: 6 }), uuidV5('movielens:6'), 'without tmdb: the MovieLens id')
    t.equal(importedMovieId({ movielens: 6, imdb: 'tt0113277' }), uuidV5('movielens:6'))
    t.equal(importedMovieId({ imdb: 'tt0113277' }), uuidV5('imdb:tt0113277'), 'IMDb id last')
    t.not(
      importedMovieId({ movielens100k: 2 }),
      importedMovieId({ movielens: 2 }),
      'ml-100k ids are their own',
    )
    t.not(importedMovieId({ tmdb: 6 }), importedMovieId({ movielens: 6 }), 'sources never collide')
    t.throws(() => importedMovieId({}), TypeError, 'no id at all')
    t.throws(() => importedMovieId({ tmdb: 0 }), TypeError)
    t.throws(() => importedMovieId({ imdb: '113277' }), TypeError, 'IMDb ids carry their tt')
  },
)

t.test('IMDb ids from MovieLens links.csv are padded to tt + 7 digits', async (t) => {
  t.equal(normaliseImdbId('113277'), 'tt0113277')
  t.equal(normaliseImdbId('0113277'), 'tt0113277')
  t.equal(normaliseImdbId('tt10872600'), 'tt10872600', 'eight digits stay')
  t.equal(normaliseImdbId(114369), 'tt0114369')
  t.equal(normaliseImdbId('abc'), null)
  t.equal(normaliseImdbId('0'), null)
  t.equal(externalIdsProblem({ movielens: 1.5 }), 'externalIds.movielens must be a positive integer')
})

t.test('importing a new movie cleans it like AddMovie and keeps its external ids', async (t) => {
  movie(t)
    .given([])
    .when(importHeat({ title: '  Heat ', genres: ['Action', ' action', 'Crime', 'Thriller'] }))
    .then([imported])
  movie(t)
    .given([])
    .when(
      importHeat({
        overview: '  A thief and a detective. ',
        releaseDate: '1995-12-15',
        source: 'tmdb',
        jobId: '0b6f8a4e-2f3c-4d5e-8a9b-1c2d3e4f5a6b',
      }),
    )
    .then([
      {
        ...imported,
        data: {
          ...imported.data,
          overview: 'A thief and a detective.',
          releaseDate: '1995-12-15',
          source: 'tmdb',
          jobId: '0b6f8a4e-2f3c-4d5e-8a9b-1c2d3e4f5a6b',
        },
      },
    ])
})

t.test('a movie without genres may be imported (MovieLens "(no genres listed)")', async (t) => {
  movie(t)
    .given([])
    .when(importHeat({ genres: [] }))
    .then([{ ...imported, data: { ...imported.data, genres: [] } }])
})

t.test('a movie without a year (a MovieLens title without one) is imported with year null', async (t) => {
  const unknown = { ...imported, data: { ...imported.data, year: null } }
  movie(t)
    .given([])
    .when(importHeat({ year: null }))
    .then([unknown])
  // With the year unknown, any calendar date stands; a bad one is still refused.
  movie(t)
    .given([])
    .when(importHeat({ year: null, releaseDate: '1995-12-15' }))
    .then([{ ...unknown, data: { ...unknown.data, releaseDate: '1995-12-15' } }])
  movie(t)
    .given([])
    .when(importHeat({ year: null, releaseDate: '1995-02-30' }))
    .thenThrows(DomainRuleError, 'INVALID_RELEASE_DATE')
  const state = evolve(initialState(), unknown)
  t.match(state, { status: 'active', year: null })
  // An admin gives it a year later: `previous` says it was unknown.
  movie(t)
    .given([unknown])
    .when({
      type: 'UpdateMovieDetails',
      data: { movieId: heatId, changes: { year: 1995 }, updatedBy: null },
      metadata: { now },
    })
    .then([
      {
        type: 'MovieDetailsUpdated',
        data: {
          movieId: heatId,
          changes: { year: 1995 },
          previous: { year: null },
          updatedAt: now.toISOString(),
          updatedBy: null,
        },
      },
    ])
  // The catalogue's schemas: null where it may be (MovieImported v2 on), not where an admin sets it.
  t.equal(eventCatalogue.currentVersion('MovieImported'), 3)
  t.equal(eventCatalogue.check('MovieImported', unknown.data), null)
  t.strictSame(
    eventCatalogue.upcast('MovieImported', 1, imported.data),
    { data: imported.data, version: 3 },
    'a stored version 1 (with the v3 fields already there) reads as the current version unchanged',
  )
  t.not(
    eventCatalogue.check('MovieAdded', { ...unknown.data, addedAt: now.toISOString(), addedBy: null }),
    null,
  )
})

t.test('an imported movie breaks no rule of AddMovie', async (t) => {
  const refused = (data: Partial<ImportMovie['data']>, code: string) =>
    movie(t).given([]).when(importHeat(data)).thenThrows(DomainRuleError, code)
  refused({ title: '   ' }, 'TITLE_REQUIRED')
  refused({ title: 'x'.repeat(301) }, 'TITLE_TOO_LONG')
  refused({ year: 1850 }, 'YEAR_OUT_OF_RANGE')
  refused({ year: 2040 }, 'YEAR_OUT_OF_RANGE')
  refused({ year: 1995.5 }, 'YEAR_OUT_OF_RANGE')
  refused({ genres: ['x'.repeat(41)] }, 'GENRE_TOO_LONG')
  refused({ genres: Array.from({ length: 11 }, (_, i) => `Genre ${i}`) }, 'TOO_MANY_GENRES')
  refused({ releaseDate: '1996-01-01' }, 'RELEASE_DATE_NOT_IN_YEAR')
  refused({ releaseDate: '1995-02-30' }, 'INVALID_RELEASE_DATE')
  refused({ overview: 'x'.repeat(5001) }, 'OVERVIEW_TOO_LONG')
  refused({ externalIds: {} }, 'INVALID_EXTERNAL_IDS')
  refused({ externalIds: { tmdb: -1 } }, 'INVALID_EXTERNAL_IDS')
  refused({ movieId: importedMovieId({ tmdb: 950 }) }, 'MOVIE_ID_MISMATCH')
})

t.test('a movie already in the catalogue is not imported again, whatever its history', async (t) => {
  movie(t).given([imported]).when(importHeat()).then([])
  movie(t)
    .given([imported])
    .when(importHeat({ source: 'tmdb', title: 'Heat (TMDb title)' }))
    .then([])
  const removed: MovieEvent = {
    type: 'MovieRemoved',
    data: {
      movieId: heatId,
      genres: imported.data.genres,
      reason: null,
      removedAt: now.toISOString(),
      removedBy: null,
    },
  }
  movie(t).given([imported, removed]).when(importHeat()).then([])
})

t.test('evolve: an imported movie is an active movie like an added one', async (t) => {
  const state = evolve(initialState(), imported)
  t.strictSame(state, {
    status: 'active',
    movieId: heatId,
    title: 'Heat',
    year: 1995,
    genres: ['Action', 'Crime', 'Thriller'],
    overview: null,
    releaseDate: null,
    tags: [],
  })
  // The rules for imported movies are the catalogue's rules: it can be updated and removed.
  const updated = decide(
    {
      type: 'UpdateMovieDetails',
      data: { movieId: heatId, changes: { title: 'Heat!' }, updatedBy: null },
      metadata: { now },
    },
    state,
  )
  t.equal(updated[0]?.type, 'MovieDetailsUpdated')
  t.strictSame(
    decide(
      { type: 'RemoveMovie', data: { movieId: heatId, reason: null, removedBy: null }, metadata: { now } },
      state,
    ).map((e) => e.type),
    ['MovieRemoved'],
  )
})
