/** GET /api/v1/movies/trending: the most interacted-with movies of the day, week or all time. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { movies } from '../../../projections/movies.ts'
import { trending } from '../../../projections/trending.ts'
import { ErrorBody, PositionToken, Uuid } from '../../http/schemas.ts'
import { consistentWith } from '../consistency.ts'
import { answerConditionally, projectionTag } from '../etag.ts'
import { type TrendingAnswer, trendingMovies } from './queries.ts'

const Trending = Type.Object(
  {
    window: Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('all')]),
    genre: Type.Union([Type.String(), Type.Null()], { description: 'The genre slug asked for' }),
    items: Type.Array(
      Type.Object({
        movieId: Uuid,
        title: Type.String(),
        year: Type.Integer(),
        genres: Type.Array(Type.String()),
        score: Type.Number({ description: 'Weighted interactions in the window' }),
      }),
    ),
  },
  {
    examples: [
      {
        window: 'day',
        genre: null,
        items: [
          {
            movieId: '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
            title: 'Silent Harbor',
            year: 2024,
            genres: ['Drama', 'Mystery'],
            score: 17,
          },
        ],
      },
    ],
  },
)

const trendingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/movies/trending',
    {
      config: { access: 'public' },
      // The ETag comes with the (cached) answer: see queries.ts.
      preHandler: consistentWith([trending, movies]),
      schema: {
        tags: ['movies'],
        summary: 'Trending movies',
        description:
          'Movies ranked by weighted interactions (watch 1, like 2, favourite 3, a rating of 4-5 stars 3, ' +
          'a comment or reply 2) ' +
          'in the last 24 hours (`day`), 168 hours (`week`) or ever (`all`), optionally in one genre. ' +
          'Answers are cached until the next projected interaction or the next hour.',
        headers: Type.Object({ 'x-consistency-token': Type.Optional(PositionToken) }),
        querystring: Type.Object(
          {
            window: Type.Optional(
              Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('all')], {
                default: 'day',
              }),
            ),
            genre: Type.Optional(Type.String({ minLength: 1, maxLength: 60, examples: ['science-fiction'] })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Trending, 400: ErrorBody, 429: ErrorBody, 503: ErrorBody },
      },
    },
    async (request, reply) => {
      const { answer, tag, cached } = await trendingMovies(
        {
          // After a read-your-writes wait the registry itself, otherwise the in-memory positions.
          tags: (projections) =>
            request.headers['x-consistency-token'] === undefined
              ? app.projectionTags.tag(projections)
              : projectionTag(app.pool, projections),
          db: app.db,
          redis: app.redis,
          keyPrefix: app.config.redisKeyPrefix,
        },
        {
          window: request.query.window ?? 'day',
          genre: request.query.genre ?? null,
          limit: request.query.limit ?? 20,
          now: new Date(),
        },
      )
      reply.header('x-cache', cached ? 'hit' : 'miss')
      if (await answerConditionally(request, reply, tag)) return reply
      // Already JSON (the shape of Trending): sent as it is, not parsed and serialised again.
      // (The type provider expects the object; the text is that object's JSON.)
      return reply.type('application/json; charset=utf-8').send(answer as unknown as TrendingAnswer)
    },
  )
}

export default trendingRoutes
