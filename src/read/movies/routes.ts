/** GET /api/v1/movies, /movies/:id and /genres: the catalogue, from the movies read model only. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { movies } from '../../../projections/movies.ts'
import { userLibrary } from '../../../projections/user-library.ts'
import { userRatings } from '../../../projections/user-ratings.ts'
import { badRequest, notFound } from '../../errors.ts'
import { ErrorBody, PositionToken, Uuid } from '../../http/schemas.ts'
import { AnswerMemo, memoTag, sendJson } from '../serving/answer-memo.ts'
import { consistentWith } from '../serving/consistency.ts'
import { etagFrom } from '../serving/etag.ts'
import {
  decodeCursor,
  findMovie,
  listGenres,
  listMovies,
  type MovieSort,
  SORTS,
  searchQuery,
} from './queries.ts'

const ConsistencyHeaders = Type.Object({ 'x-consistency-token': Type.Optional(PositionToken) })
const publicErrors = { 400: ErrorBody, 429: ErrorBody, 503: ErrorBody }

const MovieSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  year: Type.Integer(),
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
})

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

const MoviePage = Type.Object(
  {
    items: Type.Array(MovieSummary),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` for the next page',
    }),
  },
  { examples: [{ items: [summaryExample], nextCursor: null }] },
)

const MovieDetail = Type.Object(
  {
    ...MovieSummary.properties,
    overview: Type.Union([Type.String(), Type.Null()]),
    addedAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    ratingHistogram: Type.Object(
      { 1: Type.Integer(), 2: Type.Integer(), 3: Type.Integer(), 4: Type.Integer(), 5: Type.Integer() },
      { description: 'Ratings per star (imported half stars round up)' },
    ),
    comments: Type.Integer(),
    watches: Type.Integer(),
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
        }),
        Type.Null(),
      ],
      { description: "The signed-in viewer's own rating, favourite and like; null without a token" },
    ),
  },
  {
    examples: [
      {
        ...summaryExample,
        overview: 'A lighthouse keeper finds a boat with no crew.',
        addedAt: '2026-11-24T10:00:00.000Z',
        updatedAt: '2026-11-24T10:00:00.000Z',
        ratingHistogram: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 2 },
        comments: 0,
        watches: 6,
        me: {
          rating: { stars: 5, review: null, ratedAt: '2026-11-24T11:00:00.000Z' },
          favorite: true,
          liked: false,
        },
      },
    ],
  },
)

const Genres = Type.Object(
  {
    items: Type.Array(Type.Object({ slug: Type.String(), name: Type.String(), movieCount: Type.Integer() })),
  },
  { examples: [{ items: [{ slug: 'science-fiction', name: 'Science Fiction', movieCount: 42 }] }] },
)

const ListQuery = Type.Object(
  {
    genre: Type.Optional(
      Type.String({
        maxLength: 400,
        description: 'One genre slug or name, or several separated by commas (any of them)',
        examples: ['drama,science-fiction'],
      }),
    ),
    yearFrom: Type.Optional(Type.Integer({ minimum: 1800, maximum: 2200 })),
    yearTo: Type.Optional(Type.Integer({ minimum: 1800, maximum: 2200 })),
    minRating: Type.Optional(Type.Number({ minimum: 0, maximum: 5, description: 'Lowest average rating' })),
    q: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'Full-text search in titles and overviews; the last word matches as a prefix',
        examples: ['silent har'],
      }),
    ),
    sort: Type.Optional(
      Type.Union(
        SORTS.map((s) => Type.Literal(s)),
        { description: 'Default: relevance with q, popularity without' },
      ),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)

const movieNotFound = () =>
  notFound('MOVIE_NOT_FOUND', 'no such movie (yet: send the X-Consistency-Token of your last command)')

const movieQueryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const listMemo = new AnswerMemo()
  const detailMemo = new AnswerMemo()
  app.get(
    '/movies',
    {
      config: { access: 'public' },
      preHandler: [consistentWith([movies]), etagFrom([movies])],
      schema: {
        tags: ['movies'],
        summary: 'Browse and search the catalogue',
        description:
          'Filters (genre, year range, minimum average rating, full-text `q` with prefix matching) and ' +
          'sorts (popularity, rating, release, title, newest, relevance) over listed movies, in keyset ' +
          'pages: pass `nextCursor` back as `cursor` with the same filters and sort. Pages never repeat ' +
          'or skip a movie whose sort key did not change meanwhile.',
        headers: ConsistencyHeaders,
        querystring: ListQuery,
        response: { 200: MoviePage, ...publicErrors },
      },
    },
    async (request, reply) => {
      const memoized = listMemo.get(memoTag(request, reply), request.url)
      if (memoized !== undefined) {
        // Nothing returned: a returned reply is a thenable Fastify would wait on for nothing.
        sendJson(reply, memoized)
        return
      }
      const query = request.query
      const q = query.q?.trim() ? query.q : null
      const searchable = q !== null && searchQuery(q) !== null
      let sort: MovieSort = query.sort ?? (searchable ? 'relevance' : 'popularity')
      if (sort === 'relevance' && !searchable) sort = 'popularity'
      const after = query.cursor === undefined ? null : decodeCursor(query.cursor, sort)
      if (query.cursor !== undefined && after === null)
        throw badRequest('INVALID_CURSOR', 'cursor is not one this API issued for this sort')
      const genres = (query.genre ?? '')
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean)
        .slice(0, 20)
      const page = await listMovies(
        app.db,
        {
          genres,
          yearFrom: query.yearFrom ?? null,
          yearTo: query.yearTo ?? null,
          minRating: query.minRating ?? null,
          q,
        },
        sort,
        query.limit ?? 20,
        after,
      )
      const text = String(reply.serialize(page))
      listMemo.set(memoTag(request, reply), request.url, text)
      return sendJson(reply, text)
    },
  )

  app.get(
    '/movies/:id',
    {
      config: { access: 'public' },
      preHandler: [
        consistentWith([movies, userRatings, userLibrary]),
        etagFrom([movies, userRatings, userLibrary]),
      ],
      schema: {
        tags: ['movies'],
        summary: 'One movie with its aggregates',
        description:
          'Average rating, rating count and histogram, favourites, likes, comments and watches. With a ' +
          "bearer token (optional) `me` holds the viewer's own rating, favourite and like. Removed movies " +
          'answer 404.',
        // The bearer token is optional here: anonymous and signed-in callers both get an answer.
        security: [{}, { bearerAuth: [] }],
        params: Type.Object({ id: Uuid }),
        headers: ConsistencyHeaders,
        response: { 200: MovieDetail, ...publicErrors, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const memoized = detailMemo.get(memoTag(request, reply), request.url)
      if (memoized !== undefined) {
        // Nothing returned: a returned reply is a thenable Fastify would wait on for nothing.
        sendJson(reply, memoized)
        return
      }
      let viewerId: string | null = null
      if (request.headers.authorization !== undefined) {
        await app.authenticate(request, reply)
        viewerId = request.user.id
      }
      const movie = await findMovie(app.db, request.params.id, viewerId)
      if (!movie) throw movieNotFound()
      const text = String(reply.serialize(movie))
      detailMemo.set(memoTag(request, reply), request.url, text)
      return sendJson(reply, text)
    },
  )

  app.get(
    '/genres',
    {
      config: { access: 'public' },
      preHandler: [consistentWith([movies]), etagFrom([movies])],
      schema: {
        tags: ['movies'],
        summary: 'Genres in the catalogue',
        description: 'Every genre with at least one listed movie, by name, with its movie count.',
        headers: ConsistencyHeaders,
        response: { 200: Genres, ...publicErrors },
      },
    },
    async () => listGenres(app.db),
  )
}

export default movieQueryRoutes
