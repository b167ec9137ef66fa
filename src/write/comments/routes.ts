/**
 * Comment commands on the comment stream (comment-<id>): POST /movies/:id/comments, PATCH and
 * DELETE /comments/:id, PUT and DELETE /comments/:id/like. The handler reads what the pure decide
 * needs from other streams: the movie's availability and, for a reply, the parent comment.
 */
import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  type CommentEvent,
  type CommentState,
  commentStream,
  evolve,
  initialState,
  type ParentComment,
} from '../../domain/comment/comment.ts'
import { type CommentCommand, decide, MAX_REASON_LENGTH } from '../../domain/comment/decide.ts'
import type { MovieAvailability } from '../../domain/movie/movie.ts'
import type { EventStore } from '../../event-store/contract.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { PositionToken, Uuid } from '../../http/schemas.ts'
import { keyForWriting } from '../../identity/user-streams.ts'
import { openFreeText, sealFreeText } from '../../privacy/personal-data.ts'
import { aggregateStream } from '../aggregate-stream.ts'
import { CommandAccepted, IdempotencyHeaders } from '../command-schemas.ts'
import { answerCommand, handleCommand, idempotentEventId } from '../handle-command.ts'
import { movieContext } from '../movies/movie-availability.ts'

/**
 * The comment decider with the author's text opened on the way in and sealed on the way out with
 * the acting user's key (src/privacy/personal-data.ts): the domain sees plain text, the store
 * never does. Only the actor's own text is opened (an edit compares and keeps it); anyone else's
 * stays sealed in the state, where no rule reads it.
 */
function sealedDecider(actorId: string, key: Buffer) {
  const keyOf = (userId: string) => (userId === actorId ? key : undefined)
  return {
    initialState,
    evolve: (state: CommentState, event: CommentEvent) => evolve(state, openFreeText(event, keyOf)),
    decide: (command: CommentCommand, state: CommentState) =>
      decide(command, state).map((event) => sealFreeText(event, key)),
  }
}

// Bounds the body; the 1-2000 characters after trimming are decide's rule (422 COMMENT_LENGTH).
const Text = Type.String({ maxLength: 4000, description: '1 to 2000 characters after trimming' })

const NewComment = Type.Object(
  {
    text: Text,
    parentId: Type.Optional(
      Type.Union([Uuid, Type.Null()], { description: 'The top-level comment this one answers' }),
    ),
  },
  {
    title: 'CommentInput',
    description: 'A comment, or a reply with `parentId`.',
    additionalProperties: false,
    examples: [{ text: 'The last shot stayed with me.', parentId: null }],
  },
)
const CommentChange = Type.Object(
  { text: Text },
  {
    title: 'CommentChange',
    description: 'The new text of a comment.',
    additionalProperties: false,
    examples: [{ text: 'The last shot stayed with me for days.' }],
  },
)
const CommentCreated = Type.Object(
  { id: Uuid, position: PositionToken },
  {
    title: 'CommentCreated',
    description: 'The new comment and the position of its CommentAdded.',
    examples: [{ id: '9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a01', position: '000000000000031a0000000000000042' }],
  },
)

const Params = Type.Object({ id: Uuid })

async function parentComment(store: EventStore, parentId: string): Promise<ParentComment> {
  const { state } = await aggregateStream(store, commentStream(parentId), { initialState, evolve })
  return state.status === 'unknown'
    ? state
    : { status: state.status, movieId: state.movieId, parentId: state.parentId }
}

const commentCommandRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const identity = { store: app.eventStore, db: app.db }
  const run = async (
    commentId: string,
    command: CommentCommand,
    actorId: string,
    correlationId: string,
    idempotencyKey: string | null,
  ) =>
    handleCommand(
      app.eventStore,
      commentStream(commentId),
      sealedDecider(actorId, await keyForWriting(identity, actorId)),
      command,
      { metadata: { actorId, correlationId }, idempotencyKey },
    )

  // Per-user limit on new comments and replies, on top of the general limit: a flood of comments is
  // refused with 429 RATE_LIMITED (Retry-After says when to try again). docs/api.md, Moderation.
  const perAuthor = {
    max: app.config.commentRateLimitMax,
    timeWindow: app.config.commentRateLimitWindowSeconds * 1000,
    keyGenerator: (request: { user?: unknown }) => `comments:${(request.user as { id: string }).id}`,
  }

  app.post(
    '/movies/:id/comments',
    {
      config: { access: 'authenticated', traits: ['creates-resource'], rateLimit: perAuthor },
      schema: {
        operationId: 'addComment',
        tags: ['comments'],
        summary: 'Comment on a movie or reply to a comment',
        description:
          'Appends CommentAdded on a new comment-<id> stream. `parentId` makes it a reply: the parent must ' +
          'be a top-level comment of the same movie that is not deleted (422 PARENT_NOT_FOUND, ' +
          'PARENT_DELETED, REPLY_TO_REPLY). Text holds 1 to 2000 characters after trimming (422 ' +
          'COMMENT_LENGTH). A removed movie answers 422 MOVIE_REMOVED. With an Idempotency-Key the id is ' +
          'derived from the key, so a retry answers the same comment. Each user adds at most ' +
          'COMMENT_RATE_LIMIT_MAX comments per COMMENT_RATE_LIMIT_WINDOW_SECONDS (default 10 a minute): ' +
          'more answer 429 RATE_LIMITED with Retry-After. A suspended user gets 403 USER_SUSPENDED.',
        headers: IdempotencyHeaders,
        params: Params,
        body: NewComment,
        response: {
          201: CommentCreated,
          ...errorResponses(
            'MOVIE_NOT_FOUND',
            'MOVIE_REMOVED',
            'PARENT_NOT_FOUND',
            'PARENT_DELETED',
            'REPLY_TO_REPLY',
            'COMMENT_LENGTH',
            'CONCURRENT_MODIFICATION',
          ),
        },
      },
    },
    async (request, reply) => {
      const authorId = request.user.id
      const movieId = request.params.id
      const key = request.headers['idempotency-key'] ?? null
      const commentId = key === null ? randomUUID() : idempotentEventId(authorId, key, 'comment-id', 0)
      const parentId = request.body.parentId ?? null
      const movie = movieContext(app.eventStore, movieId)
      // The movie (whose revision guards the append) and the parent, beside the comment's stream.
      const result = await handleCommand(
        app.eventStore,
        commentStream(commentId),
        sealedDecider(authorId, await keyForWriting(identity, authorId)),
        (context: { movie: MovieAvailability; parent: ParentComment | null }): CommentCommand => ({
          type: 'AddComment',
          data: { commentId, movieId, authorId, parentId, text: request.body.text },
          metadata: { now: new Date() },
          movie: context.movie,
          parent: context.parent,
        }),
        {
          metadata: { actorId: authorId, correlationId: request.id },
          idempotencyKey: key,
          context: {
            read: async () => {
              const [read, parent] = await Promise.all([
                movie.read(),
                parentId === null ? null : parentComment(app.eventStore, parentId),
              ])
              return { value: { movie: read.value, parent }, guard: read.guard }
            },
          },
        },
      )
      const position = result.position as string
      reply.header('x-consistency-token', position).header('location', `/api/v1/comments/${commentId}`)
      return reply.code(201).send({ id: commentId, position })
    },
  )

  app.patch(
    '/comments/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'editComment',
        tags: ['comments'],
        summary: 'Edit my comment',
        description:
          'Appends CommentEdited with the previous text. Only the author edits (403 NOT_COMMENT_AUTHOR); a ' +
          'deleted comment cannot be edited (422 COMMENT_DELETED), nor one a moderator hid (422 COMMENT_HIDDEN). ' +
          'The same text changes nothing.',
        headers: IdempotencyHeaders,
        params: Params,
        body: CommentChange,
        response: {
          200: CommandAccepted,
          ...errorResponses(
            'COMMENT_NOT_FOUND',
            'COMMENT_DELETED',
            'COMMENT_HIDDEN',
            'NOT_COMMENT_AUTHOR',
            'COMMENT_LENGTH',
            'CONCURRENT_MODIFICATION',
          ),
        },
      },
    },
    async (request, reply) => {
      const commentId = request.params.id
      const editorId = request.user.id
      const result = await run(
        commentId,
        {
          type: 'EditComment',
          data: { commentId, editorId, text: request.body.text },
          metadata: { now: new Date() },
        },
        editorId,
        request.id,
        request.headers['idempotency-key'] ?? null,
      )
      return answerCommand(reply, result)
    },
  )

  app.delete(
    '/comments/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'deleteComment',
        tags: ['comments'],
        summary: 'Delete a comment',
        description:
          'Appends CommentDeleted. The author deletes their own comment; a moderator or an admin deletes any ' +
          "comment but must give a `reason` for someone else's (422 REASON_REQUIRED). Anyone else gets 403. Threads " +
          'keep a deleted comment as a tombstone without its text. Deleting twice changes nothing.',
        params: Params,
        querystring: Type.Object(
          {
            reason: Type.Optional(
              Type.String({ maxLength: MAX_REASON_LENGTH, examples: ['spoilers without warning'] }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: CommandAccepted,
          ...errorResponses(
            'COMMENT_NOT_FOUND',
            'NOT_COMMENT_AUTHOR',
            'REASON_REQUIRED',
            'CONCURRENT_MODIFICATION',
          ),
        },
      },
    },
    async (request, reply) => {
      const commentId = request.params.id
      const { id: actorId, role: actorRole } = request.user
      const result = await run(
        commentId,
        {
          type: 'DeleteComment',
          data: { commentId, actorId, actorRole, reason: request.query.reason ?? null },
          metadata: { now: new Date() },
        },
        actorId,
        request.id,
        null,
      )
      return answerCommand(reply, result)
    },
  )

  for (const [method, type, operationId, summary, description, codes] of [
    [
      'PUT',
      'LikeComment',
      'likeComment',
      'Like a comment',
      'Appends CommentLiked; liking twice changes nothing. A deleted comment answers 422 COMMENT_DELETED, ' +
        'a hidden one 422 COMMENT_HIDDEN.',
      ['COMMENT_NOT_FOUND', 'COMMENT_DELETED', 'COMMENT_HIDDEN', 'CONCURRENT_MODIFICATION'],
    ],
    [
      'DELETE',
      'UnlikeComment',
      'unlikeComment',
      'Take back my like of a comment',
      'Appends CommentUnliked; nothing when there was no like. Allowed on deleted comments.',
      ['COMMENT_NOT_FOUND', 'CONCURRENT_MODIFICATION'],
    ],
  ] as const) {
    app.route({
      method,
      url: '/comments/:id/like',
      config: { access: 'authenticated' },
      schema: {
        operationId,
        tags: ['comments'],
        summary,
        description,
        headers: IdempotencyHeaders,
        params: Params,
        response: { 200: CommandAccepted, ...errorResponses(...codes) },
      },
      handler: async (request, reply) => {
        const commentId = request.params.id
        const userId = request.user.id
        const result = await run(
          commentId,
          { type, data: { commentId, userId }, metadata: { now: new Date() } },
          userId,
          request.id,
          request.headers['idempotency-key'] ?? null,
        )
        return answerCommand(reply, result)
      },
    })
  }
}

export default commentCommandRoutes
