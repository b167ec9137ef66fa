/** The schemas of the catalogue queries: movies in lists and alone, genres, the list's filters. */
import { Type } from 'typebox'
import { NextCursor, ReleaseYear, StringEnum, Uuid } from '../../http/schemas.ts'
import { ImageUrls } from './images.ts'
import { SORTS } from './queries.ts'

const movieFields = {
  id: Uuid,
  title: Type.String(),
  year: ReleaseYear,
  releaseDate: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  genres: Type.Array(Type.String()),
  averageRating: Type.Number({ description: '0 when unrated' }),
  ratingCount: Type.Integer(),
  favorites: Type.Integer(),
  likes: Type.Integer(),
  popularity: Type.Integer({
    description: 'All-time weighted interactions: favourite 3, like 2, watch 1, rating 1',
  }),
  externalIds: Type.Object(
    {
      movielens: Type.Optional(Type.Integer()),
      imdb: Type.Optional(Type.String({ examples: ['tt0113277'] })),
      tmdb: Type.Optional(Type.Integer()),
      movielens100k: Type.Optional(Type.Integer({ description: 'Movie id in the ml-100k dataset' })),
      demo: Type.Optional(
        Type.String({
          description: "Embedded mode's demo catalogue: the film's title and year as a slug",
          examples: ['the-big-parade-1925'],
        }),
      ),
    },
    {
      description:
        'Ids in MovieLens, IMDb and TMDb of an imported movie (or its demo catalogue key); empty for one added by an admin',
    },
  ),
}

/**
 * A person's id: their TMDb person id, or `name-<slug>` for one from a source without ids (the two
 * forms personKey in src/domain/movie/media.ts gives).
 */
export const PersonId = Type.String({
  pattern: '^([1-9][0-9]{0,9}|name-[a-z0-9]+(-[a-z0-9]+)*)$',
  maxLength: 130,
  description:
    "A person's id: their TMDb person id (`525`), or `name-<slug of the name>` for a person from a " +
    'source without ids (the demo catalogue). In a list query: only movies this person is in (cast, ' +
    'director or writer).',
  examples: ['525'],
})

export const PersonRef = Type.Object(
  { id: PersonId, name: Type.String(), image: ImageUrls },
  { title: 'PersonRef', description: 'A person, as a movie or a list names them.' },
)

export const CastCredit = Type.Object(
  {
    person: PersonRef,
    character: Type.Union([Type.String(), Type.Null()]),
    order: Type.Integer({ description: 'Billing order, 0 first' }),
  },
  { title: 'CastCredit', description: 'A top-billed cast member of a movie.' },
)

export const CrewCredit = Type.Object(
  {
    person: PersonRef,
    role: StringEnum(['director', 'writer'] as const),
    job: Type.String({ description: "The source's job title: Director, Screenplay, Novel..." }),
  },
  { title: 'CrewCredit', description: 'A director or writer of a movie.' },
)

export const ViewerFlags = Type.Object(
  {
    rating: Type.Union([Type.Number(), Type.Null()], {
      description: 'My stars; null when I did not rate it',
    }),
    favorite: Type.Boolean(),
    liked: Type.Boolean(),
  },
  { title: 'ViewerFlags', description: "The signed-in viewer's own relation to a movie in a list." },
)

const summaryExample = {
  id: '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
  title: 'Silent Harbor',
  year: 2024,
  releaseDate: '2024-03-08',
  genres: ['Drama', 'Mystery'],
  averageRating: 4.25,
  ratingCount: 4,
  favorites: 2,
  likes: 3,
  popularity: 16,
  externalIds: { movielens: 6, imdb: 'tt0113277', tmdb: 949 },
}

export const MovieSummary = Type.Object(
  {
    ...movieFields,
    me: Type.Optional(ViewerFlags),
  },
  {
    title: 'MovieSummary',
    description: 'A movie in a list; `me` only with a bearer token.',
    examples: [{ ...summaryExample, me: { rating: 4, favorite: true, liked: false } }],
  },
)

export const MoviePage = Type.Object(
  { items: Type.Array(MovieSummary), nextCursor: NextCursor },
  {
    title: 'MoviePage',
    description:
      'A page of movies. No total: counting every match of a search or filter costs as much as reading ' +
      'them all, which keyset pages exist to avoid; `GET /genres` counts the movies of each genre.',
    examples: [{ items: [summaryExample], nextCursor: null }],
  },
)

export const MovieTag = Type.Object(
  {
    tag: Type.String(),
    curated: Type.Boolean({ description: 'Given by an admin' }),
    count: Type.Integer({ description: 'Users who put it on this movie' }),
  },
  { title: 'MovieTag', description: "One of a movie's tags." },
)

export const MovieDetail = Type.Object(
  {
    ...movieFields,
    overview: Type.Union([Type.String(), Type.Null()]),
    addedAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    ratingHistogram: Type.Object(
      { 1: Type.Integer(), 2: Type.Integer(), 3: Type.Integer(), 4: Type.Integer(), 5: Type.Integer() },
      { description: 'Ratings per star; a half star counts with the star above (3.5 with the 4s)' },
    ),
    comments: Type.Integer(),
    watches: Type.Integer(),
    tags: Type.Array(MovieTag, {
      description: 'Its top tags: curated first, then by how many users use them',
    }),
    runtime: Type.Union([Type.Integer(), Type.Null()], { description: 'Minutes; null when unknown' }),
    originalLanguage: Type.Union([Type.String(), Type.Null()], { description: 'ISO 639-1 code' }),
    tagline: Type.Union([Type.String(), Type.Null()]),
    images: Type.Object(
      { poster: ImageUrls, backdrop: ImageUrls },
      { description: 'From TMDb imports; null where the source has none (docs/api.md "Images")' },
    ),
    cast: Type.Array(CastCredit, { description: 'Top-billed cast (at most 10), in billing order' }),
    crew: Type.Array(CrewCredit, { description: 'Directors, then writers' }),
    me: Type.Union(
      [
        Type.Object({
          rating: Type.Union([
            Type.Object({
              stars: Type.Number(),
              review: Type.Union([Type.String(), Type.Null()]),
              ratedAt: Type.String({ format: 'date-time' }),
            }),
            Type.Null(),
          ]),
          favorite: Type.Boolean(),
          liked: Type.Boolean(),
          tags: Type.Array(Type.String(), { description: 'My own tags on it' }),
          watchlisted: Type.Boolean({ description: 'On my watchlist' }),
        }),
        Type.Null(),
      ],
      {
        description:
          "The signed-in viewer's own rating, favourite, like and watchlist mark; null without a token",
      },
    ),
  },
  {
    title: 'Movie',
    description:
      "One movie with its aggregates and, with a bearer token, the viewer's own rating, favourite and like.",
    examples: [
      {
        ...summaryExample,
        overview: 'A lighthouse keeper finds a boat with no crew.',
        addedAt: '2026-11-24T10:00:00.000Z',
        updatedAt: '2026-11-24T10:00:00.000Z',
        ratingHistogram: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 2 },
        comments: 0,
        watches: 6,
        tags: [
          { tag: 'lighthouse', curated: true, count: 3 },
          { tag: 'slow burn', curated: false, count: 2 },
        ],
        runtime: 112,
        originalLanguage: 'en',
        tagline: 'Nobody came back. Something did.',
        images: {
          poster: {
            small: 'https://image.tmdb.org/t/p/w185/kyeqWdyUXW608qlYkRqosgbbJyK.jpg',
            medium: 'https://image.tmdb.org/t/p/w500/kyeqWdyUXW608qlYkRqosgbbJyK.jpg',
            original: 'https://image.tmdb.org/t/p/original/kyeqWdyUXW608qlYkRqosgbbJyK.jpg',
          },
          backdrop: null,
        },
        cast: [{ person: { id: '1892', name: 'Matt Damon', image: null }, character: 'Keeper', order: 0 }],
        crew: [
          {
            person: { id: 'name-sofia-coppola', name: 'Sofia Coppola', image: null },
            role: 'director',
            job: 'Director',
          },
        ],
        me: {
          rating: { stars: 5, review: null, ratedAt: '2026-11-24T11:00:00.000Z' },
          favorite: true,
          liked: false,
          tags: ['slow burn'],
          watchlisted: false,
        },
      },
    ],
  },
)

export const Genre = Type.Object(
  { slug: Type.String(), name: Type.String(), movieCount: Type.Integer({ description: 'Listed movies' }) },
  { title: 'Genre', description: 'A genre created by an admin or on at least one listed movie.' },
)

export const Genres = Type.Object(
  { items: Type.Array(Genre) },
  {
    title: 'GenreList',
    description: 'Every genre of the catalogue, by name (the whole list: no pages).',
    examples: [{ items: [{ slug: 'science-fiction', name: 'Science Fiction', movieCount: 42 }] }],
  },
)

export const ListQuery = Type.Object(
  {
    genre: Type.Optional(
      Type.String({
        maxLength: 400,
        description: 'One genre slug or name, or several separated by commas (any of them)',
        examples: ['drama,science-fiction'],
      }),
    ),
    tag: Type.Optional(
      Type.Array(Type.String({ maxLength: 100 }), {
        maxItems: 5,
        description: 'A tag; repeat it (`tag=a&tag=b`) for movies with every one of them',
        examples: [['time travel']],
      }),
    ),
    yearFrom: Type.Optional(
      Type.Integer({
        minimum: 1800,
        maximum: 2200,
        description: 'Earliest year; leaves out movies whose year is unknown',
      }),
    ),
    yearTo: Type.Optional(
      Type.Integer({
        minimum: 1800,
        maximum: 2200,
        description: 'Latest year; leaves out movies whose year is unknown',
      }),
    ),
    minRating: Type.Optional(Type.Number({ minimum: 0, maximum: 5, description: 'Lowest average rating' })),
    person: Type.Optional(PersonId),
    q: Type.Optional(
      Type.String({
        maxLength: 200,
        description:
          'Full-text search in titles and overviews; the last word matches as a prefix, accents and case do not matter, and a word of 4 letters or more that no title holds is corrected towards the title words 1 edit away (2 from 6 letters on)',
        examples: ['silent har', 'amelie', 'matirx'],
      }),
    ),
    sort: Type.Optional(StringEnum(SORTS, { description: 'Default: relevance with q, popularity without' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)
