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
import { users } from '../../../projections/users.ts'
import { notFound } from '../../errors.ts'
import { authenticatedErrors, ErrorBody, PositionToken, Uuid } from '../../http/schemas.ts'
import { consistentWith } from '../serving/consistency.ts'
import { recommendationsFor, similarMovies } from './queries.ts'

const movieExample = {
  movieId: '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
  title: 'Silent Harbor',
  year: 2024,
  genres: ['Drama', 'Mystery'],
  score: 0.8731,
}
const Item = {
  movieId: Uuid,
  title: Type.String(),
  year: Type.Integer(),
  genres: Type.Array(Type.String()),
  score: Type.Number({ description: 'Blended score, 0 to 1; higher is better' }),
  reason: Type.String({ description: '"because you liked <title>", "popular in <genre>"...' }),
}
const Recommendations = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        ...Item,
        because: Type.Union([Type.Object({ movieId: Uuid, title: Type.String() }), Type.Null()], {
          description: 'The movie of yours that weighed most, when the personal model decided',
        }),
      }),
    ),
    personalShare: Type.Number({
      description: 'Weight of the personal model against popularity for this user (grows with interactions)',
    }),
    model: Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      trainedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    }),
  },
  {
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
const Similar = Type.Object(
  { movieId: Uuid, title: Type.String(), items: Type.Array(Type.Object(Item)) },
  {
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
const ConsistencyHeaders = Type.Object({ 'x-consistency-token': Type.Optional(PositionToken) })
// users: the profile's favourite genres shape the cold start.
const reads = [userRatings, userLibrary, recommendationFeedback, movies, users]
const description =
  'Top movies for the user, leaving out what they rated, watched, favourited, liked or dismissed and ' +
  'removed movies; optionally in one genre (slug or name). Each item has a score and a reason. With no ' +
  'interactions the list is trending titles in their favourite genres (or overall); the personal model ' +
  'takes over smoothly as interactions grow (personalShare = n / (n + 3)). Cached per user until their ' +
  'next interaction or profile change (X-Cache: hit | miss).'

const recommendationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const answer = async (reply: FastifyReply, userId: string, query: { limit?: number; genre?: string }) => {
    const result = await recommendationsFor(
      { db: app.db, pool: app.pool, redis: app.redis, keyPrefix: app.config.redisKeyPrefix },
      { userId, limit: query.limit ?? 20, genre: query.genre ?? null, now: new Date() },
    )
    reply.header('x-cache', result.cached ? 'hit' : 'miss')
    reply.header('cache-control', 'private, no-cache')
    return result.answer
  }

  app.get(
    '/me/recommendations',
    {
      config: { access: 'authenticated' },
      preHandler: consistentWith(reads),
      schema: {
        tags: ['recommendations'],
        summary: 'My recommendations',
        description,
        headers: ConsistencyHeaders,
        querystring: RecommendationQuery,
        response: { 200: Recommendations, ...authenticatedErrors, 429: ErrorBody },
      },
    },
    async (request, reply) => answer(reply, request.user.id, request.query),
  )

  app.get(
    '/users/:id/recommendations',
    {
      config: { access: { roles: ['analyst', 'admin'] } },
      preHandler: consistentWith(reads),
      schema: {
        tags: ['recommendations'],
        summary: "A user's recommendations",
        description: `For analysts and admins: what any user is recommended. ${description}`,
        headers: ConsistencyHeaders,
        params: Type.Object({ id: Uuid }),
        querystring: RecommendationQuery,
        response: { 200: Recommendations, ...authenticatedErrors, 404: ErrorBody, 429: ErrorBody },
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
        tags: ['recommendations'],
        summary: 'Similar movies',
        description:
          "The serving model's nearest movies to this one (people who liked it also liked them), listed " +
          'ones only, each with a reason; before any model knows the movie, popular movies of its genres. ' +
          'An unknown or removed movie answers 404.',
        headers: ConsistencyHeaders,
        params: Type.Object({ id: Uuid }),
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) },
          { additionalProperties: false },
        ),
        response: { 200: Similar, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody, 503: ErrorBody },
      },
    },
    async (request) => {
      const found = await similarMovies(app.db, request.params.id, request.query.limit ?? 20)
      if (!found) throw notFound('MOVIE_NOT_FOUND', 'no such movie')
      return { movieId: found.movie.id, title: found.movie.title, items: found.items }
    },
  )
}

export default recommendationRoutes
