/**
 * Images, runtime, language, tagline and people on MovieImported (v2): TMDb details and credits
 * mapped, cleaned by the domain, old v1 events upcast, person ids and image URLs. Pure.
 */
import t from 'tap'
import { eventCatalogue } from '../../../src/domain/events.ts'
import { cleanMedia, MAX_CAST, noMedia, personKey } from '../../../src/domain/movie/media.ts'
import { imageConfigOf, toImportedMovie } from '../../../src/ingest/tmdb/to-imported-movie.ts'
import { imageUrls } from '../../../src/read/movies/images.ts'
import { fakeCredits, TMDB_IMAGE_CONFIGURATION } from '../../support/fake-tmdb.ts'

const config = imageConfigOf({ images: TMDB_IMAGE_CONFIGURATION })

t.test('TMDb details with credits map to images, runtime, language, tagline, cast and crew', async (t) => {
  const mapped = toImportedMovie(
    {
      id: 1003,
      title: 'Harbor',
      release_date: '2001-05-04',
      runtime: 121,
      original_language: 'fr',
      tagline: ' Nobody came back. ',
      poster_path: '/poster1003.jpg',
      backdrop_path: null,
      credits: fakeCredits(1003),
    },
    new Map(),
    config,
  )
  if (!mapped.ok) throw new Error('not mapped')
  const media = cleanMedia(mapped.movie.media)
  t.equal(media.runtime, 121)
  t.equal(media.originalLanguage, 'fr')
  t.equal(media.tagline, 'Nobody came back.')
  t.equal(media.posterPath, '/poster1003.jpg')
  t.equal(media.backdropPath, null)
  t.same(media.imageConfig?.baseUrl, 'https://image.tmdb.org/t/p/')
  t.equal(media.cast.length, MAX_CAST, 'the top-billed ten of twelve')
  t.same(
    media.cast.map((m) => m.character),
    Array.from({ length: 10 }, (_, i) => `Role ${i + 1}`),
    'in billing order, whatever order TMDb sent',
  )
  t.same(
    media.crew.map((m) => [m.tmdbId, m.role, m.job]),
    [
      [9001 + (1003 % 5), 'director', 'Director'],
      [9101 + (1003 % 7), 'writer', 'Screenplay'],
      [9201, 'writer', 'Novel'],
    ],
    'directors first, then the Writing department; producers and composers are not kept',
  )
})

t.test('cleaning drops what could make a bad URL or a bad row, and keeps the movie', async (t) => {
  const media = cleanMedia({
    posterPath: 'https://evil.example/x.jpg',
    backdropPath: '/ok.jpg',
    imageConfig: {
      baseUrl: 'http://insecure.example/',
      posterSizes: [],
      backdropSizes: ['w300'],
      profileSizes: [],
    },
    runtime: -5,
    originalLanguage: 'English',
    tagline: '   ',
    cast: [
      { tmdbId: 1, name: 'A', character: null, order: 1, profilePath: null },
      { tmdbId: 1, name: 'A', character: 'twice', order: 2, profilePath: null },
      { tmdbId: null, name: '  ', character: null, order: 0, profilePath: null },
    ],
    crew: [],
  })
  t.equal(media.posterPath, null, 'a path that is a URL is dropped')
  t.equal(media.backdropPath, '/ok.jpg')
  t.equal(media.imageConfig, null, 'only an https base URL')
  t.equal(media.runtime, null)
  t.equal(media.originalLanguage, null)
  t.equal(media.tagline, null)
  t.same(
    media.cast.map((m) => [m.name, m.order]),
    [['A', 0]],
    'a nameless member and a second credit of one person are dropped; orders renumbered',
  )
  t.same(cleanMedia(undefined), noMedia())
})

t.test('a MovieImported of schema version 1 reads as the current version with no media', async (t) => {
  const v1 = {
    movieId: 'm',
    title: 'Heat',
    year: 1995,
    genres: ['Crime'],
    overview: null,
    releaseDate: null,
    externalIds: { movielens: 6 },
    source: 'movielens',
    importedAt: '2026-11-24T12:00:00.000Z',
    jobId: null,
  }
  const upcast = eventCatalogue.upcast('MovieImported', 1, v1)
  t.equal(upcast?.version, 3)
  t.same(upcast?.data, { ...v1, ...noMedia() })
  t.equal(eventCatalogue.check('MovieImported', upcast?.data), null, 'matches the current schema')
  t.not(eventCatalogue.check('MovieImported', v1), null, 'the stored v1 shape alone does not')
})

t.test('people are keyed by TMDb id, else by the slug of their name', async (t) => {
  t.equal(personKey({ tmdbId: 525, name: 'Christopher Nolan' }), '525')
  t.equal(personKey({ tmdbId: null, name: 'Pedro Almodóvar' }), 'name-pedro-almodovar')
})

t.test('image URLs: base URL, the size nearest the one wanted among those offered, the path', async (t) => {
  t.same(imageUrls('poster', '/a.jpg', config), {
    small: 'https://image.tmdb.org/t/p/w185/a.jpg',
    medium: 'https://image.tmdb.org/t/p/w500/a.jpg',
    original: 'https://image.tmdb.org/t/p/original/a.jpg',
  })
  const fewer = { ...config, posterSizes: ['w92', 'w342', 'original'] }
  t.same(imageUrls('poster', '/a.jpg', fewer)?.small, 'https://image.tmdb.org/t/p/w92/a.jpg')
  t.same(imageUrls('poster', '/a.jpg', fewer)?.medium, 'https://image.tmdb.org/t/p/w342/a.jpg')
  t.same(
    imageUrls('poster', '/a.jpg', { ...config, posterSizes: [] })?.small,
    'https://image.tmdb.org/t/p/original/a.jpg',
  )
  t.equal(imageUrls('poster', null, config), null)
  t.equal(imageUrls('poster', '/a.jpg', null), null)
})
