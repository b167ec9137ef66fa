/** GET /api/v1/me/ratings: the signed-in user's ratings, from the user_ratings read model only. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { userRatings } from '../../../projections/user-ratings.ts'
import { badRequest } from '../../errors.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { NextCursor, Uuid } from '../../http/schemas.ts'
import { consistentWith } from '../serving/consistency.ts'
import { etagFrom } from '../serving/etag.ts'
import { decodeCursor, listUserRatings } from './queries.ts'

const MyRating = Type.Object(
  {
    movieId: Uuid,
    stars: Type.Number({ description: 'Stars from 0.5 to 5 in half-star steps' }),
    review: Type.Union([Type.String(), Type.Null()]),
    ratedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'MyRating', description: 'A rating I gave.' },
)

const RatingsPage = Type.Object(
  {
    items: Type.Array(MyRating),
    nextCursor: NextCursor,
    total: Type.Integer({ description: "Ratings in all (a count over the user's own rows)" }),
  },
  {
    title: 'MyRatingPage',
    description: 'A page of my ratings.',
    examples: [
      {
        items: [
          {
            movieId: '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
            stars: 4,
            review: null,
            ratedAt: '2026-11-24T10:00:00.000Z',
          },
        ],
        nextCursor: null,
        total: 1,
      },
    ],
  },
)

const myRatingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me/ratings',
    {
      config: { access: 'authenticated' },
      preHandler: [consistentWith([userRatings]), etagFrom([userRatings])],
      schema: {
        operationId: 'listMyRatings',
        tags: ['me'],
        summary: 'My ratings',
        description:
          "The signed-in user's ratings, newest first, in keyset pages. With X-Consistency-Token it waits " +
          '(about a second at most) until the ratings include that write; X-Consistency says whether they do.',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: RatingsPage, ...errorResponses('INVALID_CURSOR') },
      },
    },
    async (request) => {
      const { cursor } = request.query
      const after = cursor === undefined ? null : decodeCursor(cursor)
      if (cursor !== undefined && after === null)
        throw badRequest('INVALID_CURSOR', 'cursor is not one this API issued')
      return listUserRatings(app.db, request.user.id, request.query.limit ?? 20, after)
    },
  )
}

export default myRatingsRoutes
