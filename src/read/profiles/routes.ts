/** GET /api/v1/users/:id: a user's public profile, from read models only. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { comments } from '../../../projections/comments.ts'
import { movies } from '../../../projections/movies.ts'
import { userRatings } from '../../../projections/user-ratings.ts'
import { users } from '../../../projections/users.ts'
import { notFound } from '../../errors.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { Uuid } from '../../http/schemas.ts'
import { consistentWith } from '../serving/consistency.ts'
import { etagFrom } from '../serving/etag.ts'
import { findPublicProfile, PUBLIC_RATINGS } from './queries.ts'

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])

const PublicRating = Type.Object(
  {
    movieId: Uuid,
    title: Nullable(Type.String({ description: 'Null when the movie left the catalogue' })),
    year: Type.Union([Type.Integer(), Type.Null()]),
    stars: Type.Number(),
    review: Nullable(Type.String()),
    ratedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'PublicRating', description: 'A rating on a public profile.' },
)

const PublicProfile = Type.Object(
  {
    id: Uuid,
    displayName: Nullable(Type.String({ description: 'The name the user chose, else their username' })),
    ratingsPublic: Type.Boolean({ description: 'The user shows their ratings (PATCH /me `ratingsPublic`)' }),
    commentCount: Type.Integer({ description: 'Comments and replies they wrote, deleted ones left out' }),
    ratingCount: Type.Union([Type.Integer(), Type.Null()], { description: 'Null unless ratings are public' }),
    ratings: Type.Union([Type.Array(PublicRating), Type.Null()], {
      description: `The ${PUBLIC_RATINGS} newest ratings, null unless the user made them public`,
    }),
  },
  {
    title: 'PublicProfile',
    description: 'What anyone may see of a user: never the email, role or anything not made public.',
    examples: [
      {
        id: '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11',
        displayName: 'Ada L.',
        ratingsPublic: true,
        commentCount: 12,
        ratingCount: 48,
        ratings: [
          {
            movieId: '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
            title: 'Silent Harbor',
            year: 2024,
            stars: 4,
            review: 'Slow start, great ending.',
            ratedAt: '2026-11-24T10:00:00.000Z',
          },
        ],
      },
    ],
  },
)

const PROFILE_READS = [users, comments, userRatings, movies]

const profileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/users/:id',
    {
      config: { access: 'public' },
      preHandler: [consistentWith(PROFILE_READS), etagFrom(PROFILE_READS)],
      schema: {
        operationId: 'getPublicProfile',
        tags: ['users'],
        summary: "A user's public profile",
        description:
          'The name a user shows, how many comments they wrote and, if they made them public (`ratingsPublic` ' +
          `on PATCH /me), how many ratings they gave and the ${PUBLIC_RATINGS} newest. Never the email, the ` +
          'role or anything else. An unknown or erased user answers 404.',
        params: Type.Object({ id: Uuid }),
        response: { 200: PublicProfile, ...errorResponses('USER_NOT_FOUND') },
      },
    },
    async (request) => {
      const profile = await findPublicProfile(app.db, request.params.id)
      if (!profile) throw notFound('USER_NOT_FOUND', 'no such user')
      return profile
    },
  )
}

export default profileRoutes
