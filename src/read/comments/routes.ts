/** GET /api/v1/movies/:id/comments: a movie's comment threads, from the comments read model. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { comments } from '../../../projections/comments.ts'
import { movies } from '../../../projections/movies.ts'
import { users } from '../../../projections/users.ts'
import { badRequest, notFound } from '../../errors.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { NextCursor, StringEnum, Uuid } from '../../http/schemas.ts'
import { consistentWith } from '../serving/consistency.ts'
import { etagFrom } from '../serving/etag.ts'
import { decodeCursor, listThreads, movieListed, REPLIES_PER_THREAD, THREAD_SORTS } from './queries.ts'

const CommentAuthor = Type.Object(
  {
    id: Uuid,
    displayName: Type.Union([Type.String(), Type.Null()], {
      description:
        'The name the author chose, else their username; null once the author erased their account (show ' +
        '"deleted user")',
    }),
    erased: Type.Boolean({ description: 'The author erased their account' }),
  },
  { title: 'CommentAuthor', description: 'Who wrote a comment, as everyone sees them.' },
)

const commentFields = {
  id: Uuid,
  author: CommentAuthor,
  text: Type.Union([Type.String(), Type.Null()], {
    description: 'Null for a deleted comment (a tombstone) and for one a moderator hid',
  }),
  deleted: Type.Boolean(),
  hidden: Type.Boolean({ description: 'Hidden by a moderator: shown in place, without its text' }),
  spoiler: Type.Boolean({ description: 'A moderator marked it as a spoiler: blur it until the reader asks' }),
  addedAt: Type.String({ format: 'date-time' }),
  editedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  likes: Type.Integer(),
  likedByMe: Type.Union([Type.Boolean(), Type.Null()], {
    description: 'Whether the signed-in viewer likes it; null without a bearer token',
  }),
}

const example = {
  id: '9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a01',
  author: { id: '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11', displayName: 'Ada L.', erased: false },
  text: 'The last shot stayed with me.',
  deleted: false,
  hidden: false,
  spoiler: false,
  addedAt: '2026-11-24T10:00:00.000Z',
  editedAt: null,
  likes: 3,
  likedByMe: true,
}
const replyExample = {
  ...example,
  id: '9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a02',
  author: { id: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a', displayName: null, erased: true },
  text: null,
  deleted: true,
  likes: 0,
  likedByMe: false,
}

const Comment = Type.Object(commentFields, {
  title: 'Comment',
  description: 'A comment or a reply.',
  examples: [example],
})

const CommentThread = Type.Object(
  {
    ...commentFields,
    replyCount: Type.Integer({ description: `Replies in all; the first ${REPLIES_PER_THREAD} are listed` }),
    replies: Type.Array(Comment, { description: 'Oldest first' }),
  },
  {
    title: 'CommentThread',
    description: 'A top-level comment with its replies.',
    examples: [{ ...example, replyCount: 1, replies: [replyExample] }],
  },
)

const CommentThreadPage = Type.Object(
  {
    items: Type.Array(CommentThread),
    nextCursor: NextCursor,
    total: Type.Integer({ description: 'Threads (top-level comments, tombstones included) on the movie' }),
  },
  {
    title: 'CommentThreadPage',
    description: "A page of a movie's comment threads.",
    examples: [
      { items: [{ ...example, replyCount: 1, replies: [replyExample] }], nextCursor: null, total: 1 },
    ],
  },
)

const THREAD_READS = [comments, movies, users]

const commentQueryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/movies/:id/comments',
    {
      config: { access: 'public' },
      preHandler: [consistentWith(THREAD_READS), etagFrom(THREAD_READS)],
      schema: {
        operationId: 'listMovieComments',
        tags: ['comments'],
        summary: "A movie's comment threads",
        description:
          'Top-level comments (`sort`: `newest` first, or most `liked`) with their replies, oldest first, in ' +
          'keyset pages: pass `nextCursor` back as `cursor` with the same sort. Each comment names its ' +
          'author (null once they erased their account: show "deleted user"); with a bearer token ' +
          '(optional) `likedByMe` says whether the viewer likes it. A deleted comment stays in its thread ' +
          'as a tombstone (`deleted: true`, `text: null`); one a moderator hid stays in place as `hidden: true` ' +
          'with `text: null`, and `spoiler` says a moderator marked it as a spoiler. A removed or unknown movie answers 404.',
        security: [{}, { bearerAuth: [] }],
        params: Type.Object({ id: Uuid }),
        querystring: Type.Object(
          {
            sort: Type.Optional(StringEnum(THREAD_SORTS, { default: 'newest' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
            cursor: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: CommentThreadPage,
          ...errorResponses('INVALID_CURSOR', 'MOVIE_NOT_FOUND', 'UNAUTHENTICATED'),
        },
      },
    },
    async (request, reply) => {
      let viewerId: string | null = null
      if (request.headers.authorization !== undefined) {
        await app.authenticate(request, reply)
        viewerId = request.user.id
      }
      const sort = request.query.sort ?? 'newest'
      const raw = request.query.cursor
      const after = raw === undefined ? null : decodeCursor(raw, sort)
      if (raw !== undefined && after === null) {
        throw badRequest('INVALID_CURSOR', 'cursor is not one this API issued for this sort')
      }
      if (!(await movieListed(app.db, request.params.id))) throw notFound('MOVIE_NOT_FOUND', 'no such movie')
      return listThreads(app.db, request.params.id, sort, request.query.limit ?? 20, after, viewerId)
    },
  )
}

export default commentQueryRoutes
