/**
 * Reports and moderation decisions on the comment stream (comment-<id>): a user reports a comment
 * (POST /comments/:id/reports); a moderator or an admin hides and restores it and marks it as a
 * spoiler (POST /moderation/comments/:id/...). Each decision is an event with its actor (in the data
 * and the metadata) and its reason, so the comment's history says who decided what and why.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { commentStream, evolve, initialState } from '../../domain/comment/comment.ts'
import { type CommentCommand, decide, MODERATOR_ROLES } from '../../domain/comment/decide.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { Uuid } from '../../http/schemas.ts'
import { CommandAccepted, IdempotencyHeaders, ModerationDecision, Reason } from '../command-schemas.ts'
import { answerCommand, handleCommand } from '../handle-command.ts'

const commentDecider = { initialState, evolve, decide }
const Params = Type.Object({ id: Uuid })

const SpoilerDecision = Type.Object(
  {
    spoiler: Type.Boolean({ description: 'True marks the comment as a spoiler; false takes the mark away' }),
    reason: Reason,
  },
  {
    title: 'SpoilerDecision',
    description: 'Whether the comment is a spoiler, and why.',
    additionalProperties: false,
    examples: [{ spoiler: true, reason: 'reveals the ending' }],
  },
)

const moderatorAccess = { roles: MODERATOR_ROLES }

const commentModerationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const run = (
    commentId: string,
    command: CommentCommand,
    actorId: string,
    correlationId: string,
    idempotencyKey: string | null,
  ) =>
    handleCommand(app.eventStore, commentStream(commentId), commentDecider, command, {
      metadata: { actorId, correlationId },
      idempotencyKey,
    })

  app.post(
    '/comments/:id/reports',
    {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'reportComment',
        tags: ['moderation'],
        summary: 'Report a comment to the moderators',
        description:
          'Appends CommentReported with the reason; the comment enters the moderation queue. A user reports ' +
          'a comment once (reporting again changes nothing), never their own (422 CANNOT_REPORT_OWN), never ' +
          'a deleted one (422 COMMENT_DELETED).',
        headers: IdempotencyHeaders,
        params: Params,
        body: ModerationDecision,
        response: {
          200: CommandAccepted,
          ...errorResponses(
            'COMMENT_NOT_FOUND',
            'COMMENT_DELETED',
            'CANNOT_REPORT_OWN',
            'REASON_REQUIRED',
            'REASON_TOO_LONG',
            'CONCURRENT_MODIFICATION',
          ),
        },
      },
    },
    async (request, reply) => {
      const commentId = request.params.id
      const reporterId = request.user.id
      const result = await run(
        commentId,
        {
          type: 'ReportComment',
          data: { commentId, reporterId, reason: request.body.reason },
          metadata: { now: new Date() },
        },
        reporterId,
        request.id,
        request.headers['idempotency-key'] ?? null,
      )
      return answerCommand(reply, result)
    },
  )

  for (const [action, type, operationId, summary, description] of [
    [
      'hide',
      'HideComment',
      'hideComment',
      'Hide a comment',
      'Appends CommentHidden with the moderator and the reason: threads show the comment as hidden, ' +
        'without its text, and it cannot be edited or liked until restored. Hiding a hidden comment ' +
        'changes nothing; a deleted one answers 422 COMMENT_DELETED.',
    ],
    [
      'restore',
      'RestoreComment',
      'restoreComment',
      'Restore a hidden comment',
      'Appends CommentRestored with the moderator and the reason; restoring a visible comment changes nothing.',
    ],
  ] as const) {
    app.post(
      `/moderation/comments/:id/${action}`,
      {
        config: { access: moderatorAccess },
        schema: {
          operationId,
          tags: ['moderation'],
          summary,
          description,
          params: Params,
          body: ModerationDecision,
          response: {
            200: CommandAccepted,
            ...errorResponses(
              'COMMENT_NOT_FOUND',
              'COMMENT_DELETED',
              'REASON_REQUIRED',
              'REASON_TOO_LONG',
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
            type,
            data: { commentId, actorId, actorRole, reason: request.body.reason },
            metadata: { now: new Date() },
          },
          actorId,
          request.id,
          null,
        )
        return answerCommand(reply, result)
      },
    )
  }

  app.post(
    '/moderation/comments/:id/spoiler',
    {
      config: { access: moderatorAccess },
      schema: {
        operationId: 'markCommentSpoiler',
        tags: ['moderation'],
        summary: 'Mark a comment as a spoiler, or take the mark away',
        description:
          'Appends CommentSpoilerMarked with the moderator and the reason; threads carry `spoiler` so ' +
          'clients can blur the text. The same mark again changes nothing.',
        params: Params,
        body: SpoilerDecision,
        response: {
          200: CommandAccepted,
          ...errorResponses(
            'COMMENT_NOT_FOUND',
            'COMMENT_DELETED',
            'REASON_REQUIRED',
            'REASON_TOO_LONG',
            'CONCURRENT_MODIFICATION',
          ),
        },
      },
    },
    async (request, reply) => {
      const commentId = request.params.id
      const { id: actorId, role: actorRole } = request.user
      const { spoiler, reason } = request.body
      const result = await run(
        commentId,
        {
          type: 'MarkSpoiler',
          data: { commentId, actorId, actorRole, reason, spoiler },
          metadata: { now: new Date() },
        },
        actorId,
        request.id,
        null,
      )
      return answerCommand(reply, result)
    },
  )
}

export default commentModerationRoutes
