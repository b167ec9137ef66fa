/** TMDb answers as import input, Retry-After and the error mapping: pure functions. */
import t from 'tap'
import { errorFromResponse, parseRetryAfter, TmdbRateLimitedError } from '../../../src/ingest/tmdb/errors.ts'
import { genreNames, toImportedMovie } from '../../../src/ingest/tmdb/to-imported-movie.ts'

const genres = genreNames([
  { id: 18, name: 'Drama' },
  { id: 878, name: 'Science Fiction' },
])

t.test('a results entry maps genre ids to names, the year from release_date', async (t) => {
  t.same(
    toImportedMovie(
      { id: 603, title: ' The Matrix ', release_date: '1999-03-30', genre_ids: [878, 18, 99], overview: '' },
      genres,
    ),
    {
      ok: true,
      movie: {
        title: 'The Matrix',
        year: 1999,
        genres: ['Science Fiction', 'Drama'],
        overview: null,
        releaseDate: '1999-03-30',
        externalIds: { tmdb: 603 },
        media: {
          posterPath: null,
          backdropPath: null,
          imageConfig: null,
          runtime: null,
          originalLanguage: null,
          tagline: null,
          cast: [],
          crew: [],
        },
      },
    },
    'unknown genre ids are dropped, an empty overview is null',
  )
})

t.test('details bring genre names and the IMDb id', async (t) => {
  const mapped = toImportedMovie(
    {
      id: 550,
      title: 'Fight Club',
      release_date: '1999-10-15',
      genres: [{ id: 18, name: 'Drama' }],
      overview: 'An insomniac office worker...',
      imdb_id: 'tt0137523',
    },
    new Map(),
  )
  t.same(mapped.ok && mapped.movie.externalIds, { tmdb: 550, imdb: 'tt0137523' })
  t.same(mapped.ok && mapped.movie.genres, ['Drama'])
  const noImdb = toImportedMovie(
    { id: 551, title: 'X', release_date: '2001-01-01', genres: [{ id: 18, name: 'Drama' }], imdb_id: '' },
    new Map(),
  )
  t.same(noImdb.ok && noImdb.movie.externalIds, { tmdb: 551 }, 'an empty imdb_id is left out')
})

t.test('what the catalogue would refuse is a reason, not a movie', async (t) => {
  t.same(toImportedMovie({ id: 1, title: 'Soon', release_date: '', genre_ids: [18] }, genres), {
    ok: false,
    tmdbId: 1,
    reason: 'no release date, so no year',
  })
  t.same(toImportedMovie({ id: 2, title: '  ', release_date: '2020-01-01', genre_ids: [18] }, genres), {
    ok: false,
    tmdbId: 2,
    reason: 'no title',
  })
  const bare = toImportedMovie({ id: 3, title: 'Bare', release_date: '2020-01-01', genre_ids: [] }, genres)
  t.same(bare.ok && bare.movie.genres, [], 'no genre is not a refusal: imported without genres')
})

t.test('TMDb error bodies map to typed errors by HTTP status', async (t) => {
  const invalid = errorFromResponse(
    '/movie/1',
    401,
    { status_code: 7, status_message: 'Invalid API key' },
    null,
  )
  t.match(invalid, { code: 'TMDB_INVALID_KEY', status: 401, tmdbStatusCode: 7, retryable: false })
  t.match(errorFromResponse('/movie/1', 404, { status_code: 34 }, null), {
    code: 'TMDB_NOT_FOUND',
    retryable: false,
  })
  const limited = errorFromResponse('/x', 429, { status_code: 25 }, 3)
  t.ok(limited instanceof TmdbRateLimitedError)
  t.match(limited, { code: 'TMDB_RATE_LIMITED', retryAfterSeconds: 3, retryable: true })
  t.match(errorFromResponse('/x', 503, null, null), {
    code: 'TMDB_UNAVAILABLE',
    status: 503,
    retryable: true,
  })
  t.match(errorFromResponse('/x', 400, 'not json', null), { code: 'TMDB_REJECTED', tmdbStatusCode: null })
})

t.test('Retry-After in seconds or as an HTTP date', async (t) => {
  t.equal(parseRetryAfter('12'), 12)
  t.equal(parseRetryAfter(null), null)
  t.equal(parseRetryAfter('soon'), null)
  const now = Date.parse('2026-11-24T12:00:00Z')
  t.equal(parseRetryAfter('Tue, 24 Nov 2026 12:00:30 GMT', now), 30)
  t.equal(parseRetryAfter('Tue, 24 Nov 2026 11:00:00 GMT', now), 0, 'a date in the past: no wait')
})
