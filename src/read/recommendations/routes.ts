/**
 * GET /api/v1/me/recommendations, GET /api/v1/users/:id/recommendations (analyst, admin) and
 * GET /api/v1/movies/:id/similar: read models and the recommender's tables only.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { movies } from '../../../projections/movies.ts'
import { recommendationFeedback } from '../../../projections/recommendation-feedback.ts'
import { userLibrary } from '../../../projections/user-library.ts'
import { userRatings } from '../../../projections/user-ratings.ts'
import { userWatchlist } from '../../../projections/user-watchlist.ts'
import { users } from '../../../projections/users.ts'
import { notFound } from '../../errors.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { ReleaseYear, Uuid } from '../../http/schemas.ts'
import { consistentWith } from '../serving/consistency.ts'
import { PopularityPriors, recommendationsFor, similarMovies } from './queries.ts'

const movieExample = {
  movieId: '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
  title: 'Silent Harbor',
  year: 2024,
  genres: ['Drama', 'Mystery'],
  score: 0.8731,
}
const item = {
  movieId: Uuid,
  title: Type.String(),
  year: ReleaseYear,
  genres: Type.Array(Type.String()),
  score: Type.Number({ description: 'Blended score, 0 to 1; higher is better' }),
  reason: Type.String({ description: '"because you liked <title>", "popular in <genre>"...' }),
}
const Recommendation = Type.Object(
  {
    ...item,
    because: Type.Union(
      [
        Type.Object(
          { movieId: Uuid, title: Type.String() },
          { title: 'MovieReference', description: 'A movie by id and title.' },
        ),
        Type.Null(),
      ],
      { description: 'The movie of yours that weighed most, when the personal model decided' },
    ),
  },
  { title: 'Recommendation', description: 'A recommended movie and why.' },
)
const Recommendations = Type.Object(
  {
    items: Type.Array(Recommendation),
    personalShare: Type.Number({
      description: 'Weight of the personal model against popularity for this user (grows with interactions)',
    }),
    model: Type.Object(
      {
        id: Type.Integer(),
        name: Type.String(),
        trainedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      },
      { title: 'RecommenderModel', description: 'The model that served the answer.' },
    ),
  },
  {
    title: 'RecommendationList',
    description: "A user's recommendations, best first.",
    examples: [
      {
        items: [
          {
            ...movieExample,
            reason: 'because you liked Iron Garden',
            because: { movieId: '9a0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a11', title: 'Iron Garden' },
          },
        ],
        personalShare: 0.7692,
        model: { id: 3, name: 'item-knn(neighbours=200, shrink=10)', trainedAt: '2026-11-24T03:00:00.000Z' },
      },
    ],
  },
)
const SimilarMovie = Type.Object(item, {
  title: 'SimilarMovie',
  description: 'A movie like the one asked about.',
})
const Similar = Type.Object(
  { movieId: Uuid, title: Type.String(), items: Type.Array(SimilarMovie) },
  {
    title: 'SimilarMovieList',
    description: 'The movies nearest to one movie, best first.',
    examples: [
      {
        movieId: '9a0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a11',
        title: 'Iron Garden',
        items: [{ ...movieExample, reason: 'people who liked Iron Garden also liked it; also Drama' }],
      },
    ],
  },
)
const RecommendationQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    genre: Type.Optional(Type.String({ minLength: 1, maxLength: 60, examples: ['science-fiction'] })),
  },
  { additionalProperties: false },
)
// users: the profile's favourite genres shape the cold start.
const reads = [userRatings, userLibrary, userWatchlist, recommendationFeedback, movies, users]
const description =
  'Top movies for the user, leaving out what they rated, watched, favourited, liked or dismissed and ' +
  'removed movies; optionally in one genre (slug or name). Each item has a score and a reason. With no ' +
  'interactions the list is trending titles in their favourite genres (or overall); the personal model ' +
  'takes over smoothly as interactions grow (personalShare = n / (n + 3)). Cached per user until their ' +
  'next interaction or profile change (X-Cache: hit | miss).'

const recommendationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // One popularity prior per genre list between two moves of trending or movies, for every miss.
  const priors = new PopularityPriors((projections) => app.projectionTags.tag(projections))
  const answer = async (reply: FastifyReply, userId: string, query: { limit?: number; genre?: string }) => {
    const result = await recommendationsFor(
      {
        db: app.db,
        pool: app.pool,
        keyValue: app.keyValue,
        servingModel: app.servingModel,
        priors,
      },
      { userId, limit: query.limit ?? 20, genre: query.genre ?? null, now: new Date() },
    )
    reply.header('x-cache', result.cached ? 'hit' : 'miss')
    reply.header('cache-control', 'private, no-cache')
    return result.answer
  }

  app.get(
    '/me/recommendations',
    {
      config: { access: 'authenticated', traits: ['cached-answer'] },
      preHandler: consistentWith(reads),
      schema: {
        operationId: 'listMyRecommendations',
        tags: ['recommendations'],
        summary: 'My recommendations',
        description,
        querystring: RecommendationQuery,
        response: { 200: Recommendations },
      },
    },
    async (request, reply) => answer(reply, request.user.id, request.query),
  )

  app.get(
    '/users/:id/recommendations',
    {
      config: { access: { roles: ['analyst', 'admin'] }, traits: ['cached-answer'] },
      preHandler: consistentWith(reads),
      schema: {
        operationId: 'listUserRecommendations',
        tags: ['recommendations'],
        summary: "A user's recommendations",
        description: `For analysts and admins: what any user is recommended. ${description}`,
        params: Type.Object({ id: Uuid }),
        querystring: RecommendationQuery,
        response: { 200: Recommendations, ...errorResponses('USER_NOT_FOUND') },
      },
    },
    async (request, reply) => {
      const user = await app.db
        .selectFrom('users')
        .select('id')
        .where('id', '=', request.params.id)
        .executeTakeFirst()
      if (!user) throw notFound('USER_NOT_FOUND', 'no such user')
      return answer(reply, request.params.id, request.query)
    },
  )

  app.get(
    '/movies/:id/similar',
    {
      config: { access: 'public' },
      preHandler: consistentWith([movies]),
      schema: {
        operationId: 'listSimilarMovies',
        tags: ['recommendations'],
        summary: 'Similar movies',
        description:
          "The serving model's nearest movies to this one (people who liked it also liked them), listed " +
          'ones only, each with a reason; before any model knows the movie, the movies sharing the most of ' +
          'its tags, then popular movies of its genres. ' +
          'An unknown or removed movie answers 404.',
        params: Type.Object({ id: Uuid }),
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) },
          { additionalProperties: false },
        ),
        response: { 200: Similar, ...errorResponses('MOVIE_NOT_FOUND') },
      },
    },
    async (request) => {
      const found = await similarMovies(app, request.params.id, request.query.limit ?? 20)
      if (!found) throw notFound('MOVIE_NOT_FOUND', 'no such movie')
      return { movieId: found.movie.id, title: found.movie.title, items: found.items }
    },
  )
}

export default recommendationRoutes
