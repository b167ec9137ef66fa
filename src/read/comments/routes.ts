/** GET /api/v1/movies/:id/comments: a movie's comment threads, from the comments read model. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { comments } from '../../../projections/comments.ts'
import { movies } from '../../../projections/movies.ts'
import { badRequest, notFound } from '../../errors.ts'
import { ErrorBody, PositionToken, Uuid } from '../../http/schemas.ts'
import { consistentWith } from '../serving/consistency.ts'
import { etagFrom } from '../serving/etag.ts'
import { decodeCursor, listThreads, movieListed, REPLIES_PER_THREAD, THREAD_SORTS } from './queries.ts'

const Comment = {
  id: Uuid,
  authorId: Uuid,
  text: Type.Union([Type.String(), Type.Null()], { description: 'Null for a deleted comment (a tombstone)' }),
  deleted: Type.Boolean(),
  addedAt: Type.String({ format: 'date-time' }),
  editedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  likes: Type.Integer(),
}

const example = {
  id: '9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a01',
  authorId: '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11',
  text: 'The last shot stayed with me.',
  deleted: false,
  addedAt: '2026-11-24T10:00:00.000Z',
  editedAt: null,
  likes: 3,
}

const ThreadPage = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        ...Comment,
        replyCount: Type.Integer({
          description: `Replies in all; the first ${REPLIES_PER_THREAD} are listed`,
        }),
        replies: Type.Array(Type.Object(Comment), { description: 'Oldest first' }),
      }),
    ),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` for the next page',
    }),
  },
  {
    examples: [
      {
        items: [
          {
            ...example,
            replyCount: 1,
            replies: [
              {
                ...example,
                id: '9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a02',
                text: null,
                deleted: true,
                likes: 0,
              },
            ],
          },
        ],
        nextCursor: null,
      },
    ],
  },
)

const commentQueryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/movies/:id/comments',
    {
      config: { access: 'public' },
      preHandler: [consistentWith([comments, movies]), etagFrom([comments, movies])],
      schema: {
        tags: ['comments'],
        summary: "A movie's comment threads",
        description:
          'Top-level comments (`sort`: `newest` first, or most `liked`) with their replies, oldest first, in ' +
          'keyset pages: pass `nextCursor` back as `cursor` with the same sort. A deleted comment stays in ' +
          'its thread as a tombstone (`deleted: true`, `text: null`). A removed or unknown movie answers ' +
          '404. Answers carry a weak ETag; send it as If-None-Match for a 304 while nothing changed.',
        params: Type.Object({ id: Uuid }),
        headers: Type.Object({ 'x-consistency-token': Type.Optional(PositionToken) }),
        querystring: Type.Object(
          {
            sort: Type.Optional(
              Type.Union(
                THREAD_SORTS.map((s) => Type.Literal(s)),
                { default: 'newest' },
              ),
            ),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
            cursor: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ThreadPage, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody, 503: ErrorBody },
      },
    },
    async (request) => {
      const sort = request.query.sort ?? 'newest'
      const raw = request.query.cursor
      const after = raw === undefined ? null : decodeCursor(raw, sort)
      if (raw !== undefined && after === null) {
        throw badRequest('INVALID_CURSOR', 'cursor is not one this API issued for this sort')
      }
      if (!(await movieListed(app.db, request.params.id))) throw notFound('MOVIE_NOT_FOUND', 'no such movie')
      return listThreads(app.db, request.params.id, sort, request.query.limit ?? 20, after)
    },
  )
}

export default commentQueryRoutes
