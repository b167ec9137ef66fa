/**
 * The moderators' reads: GET /moderation/queue (the moderation_queue read model) and GET
 * /moderation/comments/:id/history (the comment's own stream: every event with who did it and why,
 * never the text).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { comments } from '../../../projections/comments.ts'
import { moderationQueue } from '../../../projections/moderation-queue.ts'
import type { Role } from '../../domain/user/user.ts'
import { badRequest, notFound } from '../../errors.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { NextCursor, PositionToken, StringEnum, Uuid } from '../../http/schemas.ts'
import { consistentWith } from '../serving/consistency.ts'
import { decodeCursor, listQueue, QUEUE_STATUSES, REPORTS_PER_ITEM } from './queries.ts'

/** As the command side's MODERATOR_ROLES (src/domain/comment/decide.ts): moderators, and admins. */
const MODERATOR_ROLES: readonly Role[] = ['moderator', 'admin']
const DateTime = Type.String({ format: 'date-time' })
const NullableUuid = Type.Union([Uuid, Type.Null()])

const Report = Type.Object(
  { reportedBy: Uuid, reason: Type.String(), reportedAt: DateTime },
  { title: 'CommentReport', description: 'One user’s report of a comment.' },
)

const itemExample = {
  commentId: '9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a01',
  movieId: '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
  authorId: '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11',
  parentId: null,
  text: 'The butler did it, by the way.',
  status: 'open',
  reportCount: 2,
  openReports: 2,
  hidden: false,
  spoiler: false,
  lastDecision: null,
  reports: [
    {
      reportedBy: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
      reason: 'reveals the ending',
      reportedAt: '2026-11-24T10:00:00.000Z',
    },
  ],
  updatedAt: '2026-11-24T10:00:00.000Z',
}

const QueueItem = Type.Object(
  {
    commentId: Uuid,
    movieId: Uuid,
    authorId: Type.Union([Uuid, Type.Null()], { description: 'Null while the comments read model lags' }),
    parentId: NullableUuid,
    text: Type.Union([Type.String(), Type.Null()], {
      description: 'The text, hidden or not; null once deleted or its author erased',
    }),
    status: StringEnum(QUEUE_STATUSES),
    reportCount: Type.Integer({ description: 'Every report ever made' }),
    openReports: Type.Integer({ description: 'Reports since the last decision' }),
    hidden: Type.Boolean(),
    spoiler: Type.Boolean(),
    lastDecision: Type.Union([
      Type.Object({
        action: Type.String({ description: 'hidden, restored, spoiler or spoiler-removed' }),
        by: NullableUuid,
        reason: Type.Union([Type.String(), Type.Null()]),
        at: Type.Union([DateTime, Type.Null()]),
      }),
      Type.Null(),
    ]),
    reports: Type.Array(Report, { description: `The latest ${REPORTS_PER_ITEM}, newest first` }),
    updatedAt: DateTime,
  },
  { title: 'ModerationQueueItem', description: 'A reported or moderated comment.', examples: [itemExample] },
)

const ModerationQueuePage = Type.Object(
  { items: Type.Array(QueueItem), nextCursor: NextCursor },
  {
    title: 'ModerationQueuePage',
    description: 'A page of the moderation queue.',
    examples: [{ items: [itemExample], nextCursor: null }],
  },
)

const HistoryEntry = Type.Object(
  {
    position: PositionToken,
    type: Type.String(),
    at: DateTime,
    actorId: Type.Union([Type.String(), Type.Null()], { description: 'Who sent the command' }),
    reason: Type.Union([Type.String(), Type.Null()], { description: 'Why, for reports and decisions' }),
    spoiler: Type.Optional(Type.Boolean()),
  },
  { title: 'CommentHistoryEntry', description: 'One event of a comment’s stream, without its text.' },
)
const historyExample = {
  position: '000000000000031a0000000000000042',
  type: 'CommentHidden',
  at: '2026-11-24T10:05:00.000Z',
  actorId: '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a44',
  reason: 'insults another user',
}
const CommentHistory = Type.Object(
  { commentId: Uuid, events: Type.Array(HistoryEntry) },
  {
    title: 'CommentHistory',
    description: 'Every event of a comment, oldest first: who did what and why.',
    examples: [{ commentId: itemExample.commentId, events: [historyExample] }],
  },
)

const moderationQueryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/moderation/queue',
    {
      config: { access: { roles: MODERATOR_ROLES } },
      preHandler: consistentWith([moderationQueue, comments]),
      schema: {
        operationId: 'listModerationQueue',
        tags: ['moderation'],
        summary: 'The moderation queue',
        description:
          'Reported and moderated comments of one `status` (default `open`: reports waiting for a decision; ' +
          '`hidden`, `resolved`, `deleted`), most recent activity first, in keyset pages: pass `nextCursor` ' +
          'back as `cursor` with the same status. Each item has its counts, its latest reports with their ' +
          'reasons, the last decision, and the comment’s text (hidden or not).',
        querystring: Type.Object(
          {
            status: Type.Optional(StringEnum(QUEUE_STATUSES, { default: 'open' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
            cursor: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ModerationQueuePage, ...errorResponses('INVALID_CURSOR') },
      },
    },
    async (request) => {
      const status = request.query.status ?? 'open'
      const raw = request.query.cursor
      const after = raw === undefined ? null : decodeCursor(raw, status)
      if (raw !== undefined && after === null) {
        throw badRequest('INVALID_CURSOR', 'cursor is not one this API issued for this status')
      }
      return listQueue(app.db, { status, limit: request.query.limit ?? 20, after })
    },
  )

  app.get(
    '/moderation/comments/:id/history',
    {
      config: { access: { roles: MODERATOR_ROLES } },
      schema: {
        operationId: 'getCommentHistory',
        tags: ['moderation'],
        summary: 'A comment’s history',
        description:
          'Every event of the comment’s stream, oldest first, read from the log (never lags): added, ' +
          'edited, reported, hidden, restored, marked as a spoiler, deleted, with who did it and why. ' +
          'Texts are left out.',
        params: Type.Object({ id: Uuid }),
        response: { 200: CommentHistory, ...errorResponses('COMMENT_NOT_FOUND') },
      },
    },
    async (request) => {
      const commentId = request.params.id
      const events = []
      for await (const event of app.eventStore.readStream(`comment-${commentId}`)) {
        const data = (event.data ?? {}) as Record<string, unknown>
        const reason = typeof data.reason === 'string' ? data.reason : null
        events.push({
          position: event.position,
          type: event.type,
          at: event.createdAt.toISOString(),
          actorId: typeof event.metadata.actorId === 'string' ? event.metadata.actorId : null,
          reason,
          ...(typeof data.spoiler === 'boolean' ? { spoiler: data.spoiler } : {}),
        })
      }
      if (events.length === 0) throw notFound('COMMENT_NOT_FOUND', 'no such comment')
      return { commentId, events }
    },
  )
}

export default moderationQueryRoutes
