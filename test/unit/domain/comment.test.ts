/** The rules of a comment stream: adding, replying, editing, deleting and liking, pure decide/evolve. */
import t from 'tap'
import {
  type CommentAdded,
  type CommentDeleted,
  type CommentEvent,
  evolve,
  initialState,
} from '../../../src/domain/comment/comment.ts'
import {
  type AddComment,
  type DeleteComment,
  decide,
  type EditComment,
  MAX_COMMENT_LENGTH,
} from '../../../src/domain/comment/decide.ts'
import { AppError, DomainRuleError } from '../../../src/errors.ts'
import { type Assertions, spec } from '../../support/decider-spec.ts'

const commentId = '9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a01'
const parentId = '9c0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a02'
const movieId = '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99'
const authorId = '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11'
const otherId = '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a22'
const adminId = '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a33'
const now = new Date('2026-11-24T12:00:00.000Z')
const at = now.toISOString()
const comment = (t: Assertions) =>
  spec<Parameters<typeof decide>[0], CommentEvent, ReturnType<typeof initialState>>(t, {
    initialState,
    evolve,
    decide,
  })

const add = (overrides: Partial<AddComment> = {}, data: Partial<AddComment['data']> = {}): AddComment => ({
  type: 'AddComment',
  data: { commentId, movieId, authorId, parentId: null, text: 'Loved the ending.', ...data },
  metadata: { now },
  movie: 'active',
  parent: null,
  ...overrides,
})
const added: CommentAdded = {
  type: 'CommentAdded',
  data: { commentId, movieId, authorId, parentId: null, text: 'Loved the ending.', addedAt: at },
}
const edit = (editorId: string, text: string): EditComment => ({
  type: 'EditComment',
  data: { commentId, editorId, text },
  metadata: { now },
})
const del = (actorId: string, actorRole: 'user' | 'admin', reason: string | null = null): DeleteComment => ({
  type: 'DeleteComment',
  data: { commentId, actorId, actorRole, reason },
  metadata: { now },
})
const deleted = (deletedBy: string, reason: string | null = null): CommentDeleted => ({
  type: 'CommentDeleted',
  data: { commentId, movieId, parentId: null, deletedBy, reason, deletedAt: at },
})
const like = (userId: string) => ({
  type: 'LikeComment' as const,
  data: { commentId, userId },
  metadata: { now },
})
const unlike = (userId: string) => ({
  type: 'UnlikeComment' as const,
  data: { commentId, userId },
  metadata: { now },
})

t.test('a comment is added with its text trimmed', async (t) => {
  comment(t)
    .given([])
    .when(add({}, { text: '  Loved the ending.\n' }))
    .then([added])
})

t.test('comment text must hold 1 to 2000 characters after trimming', async (t) => {
  comment(t)
    .given([])
    .when(add({}, { text: '   ' }))
    .thenThrows(DomainRuleError, 'COMMENT_LENGTH')
  comment(t)
    .given([])
    .when(add({}, { text: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }))
    .thenThrows(DomainRuleError, 'COMMENT_LENGTH')
  const longest = 'x'.repeat(MAX_COMMENT_LENGTH)
  comment(t)
    .given([])
    .when(add({}, { text: ` ${longest} ` }))
    .then([{ ...added, data: { ...added.data, text: longest } }])
})

t.test('no comment on a removed or unknown movie', async (t) => {
  comment(t)
    .given([])
    .when(add({ movie: 'removed' }))
    .thenThrows(DomainRuleError, 'MOVIE_REMOVED')
  comment(t)
    .given([])
    .when(add({ movie: 'unknown' }))
    .thenThrows(AppError, 'MOVIE_NOT_FOUND')
})

t.test("a reply's parent must exist on the same movie, not be deleted, and be top-level", async (t) => {
  const reply = (parent: AddComment['parent']) => add({ parent }, { parentId })
  comment(t)
    .given([])
    .when(reply({ status: 'active', movieId, parentId: null }))
    .then([{ ...added, data: { ...added.data, parentId } }])
  comment(t)
    .given([])
    .when(reply({ status: 'unknown' }))
    .thenThrows(DomainRuleError, 'PARENT_NOT_FOUND')
  comment(t)
    .given([])
    .when(reply({ status: 'active', movieId: otherId, parentId: null }))
    .thenThrows(DomainRuleError, 'PARENT_NOT_FOUND')
  comment(t)
    .given([])
    .when(reply({ status: 'deleted', movieId, parentId: null }))
    .thenThrows(DomainRuleError, 'PARENT_DELETED')
  comment(t)
    .given([])
    .when(reply({ status: 'active', movieId, parentId: commentId }))
    .thenThrows(DomainRuleError, 'REPLY_TO_REPLY')
})

t.test('only the author edits, with the previous text recorded; the same text changes nothing', async (t) => {
  comment(t)
    .given([added])
    .when(edit(authorId, ' Loved the twist. '))
    .then([
      {
        type: 'CommentEdited',
        data: {
          commentId,
          movieId,
          authorId,
          text: 'Loved the twist.',
          previousText: 'Loved the ending.',
          editedAt: at,
        },
      },
    ])
  comment(t).given([added]).when(edit(authorId, 'Loved the ending.')).then([])
  comment(t).given([added]).when(edit(otherId, 'mine now')).thenThrows(AppError, 'NOT_COMMENT_AUTHOR')
  comment(t).given([added]).when(edit(adminId, 'moderated')).thenThrows(AppError, 'NOT_COMMENT_AUTHOR')
  comment(t).given([added]).when(edit(authorId, ' ')).thenThrows(DomainRuleError, 'COMMENT_LENGTH')
  comment(t).given([]).when(edit(authorId, 'hello')).thenThrows(AppError, 'COMMENT_NOT_FOUND')
})

t.test('a deleted comment cannot be edited', async (t) => {
  comment(t)
    .given([added, deleted(authorId)])
    .when(edit(authorId, 'again'))
    .thenThrows(DomainRuleError, 'COMMENT_DELETED')
})

t.test('the author or an admin with a reason deletes; deleting twice changes nothing', async (t) => {
  comment(t)
    .given([added])
    .when(del(authorId, 'user'))
    .then([deleted(authorId)])
  comment(t)
    .given([added])
    .when(del(adminId, 'admin', ' spoilers '))
    .then([deleted(adminId, 'spoilers')])
  comment(t).given([added]).when(del(adminId, 'admin')).thenThrows(DomainRuleError, 'REASON_REQUIRED')
  comment(t)
    .given([added])
    .when(del(adminId, 'admin', '  '))
    .thenThrows(DomainRuleError, 'REASON_REQUIRED')
  comment(t)
    .given([added])
    .when(del(otherId, 'user', 'I dislike it'))
    .thenThrows(AppError, 'NOT_COMMENT_AUTHOR')
  comment(t)
    .given([added, deleted(authorId)])
    .when(del(authorId, 'user'))
    .then([])
})

t.test('likes are idempotent; a deleted comment takes no new like but can be unliked', async (t) => {
  const liked: CommentEvent = {
    type: 'CommentLiked',
    data: { commentId, movieId, userId: otherId, likedAt: at },
  }
  comment(t).given([added]).when(like(otherId)).then([liked])
  comment(t).given([added, liked]).when(like(otherId)).then([])
  comment(t).given([added]).when(unlike(otherId)).then([])
  comment(t)
    .given([added, liked, deleted(authorId)])
    .when(unlike(otherId))
    .then([{ type: 'CommentUnliked', data: { commentId, movieId, userId: otherId, unlikedAt: at } }])
  comment(t)
    .given([added, deleted(authorId)])
    .when(like(otherId))
    .thenThrows(DomainRuleError, 'COMMENT_DELETED')
  comment(t).given([]).when(like(otherId)).thenThrows(AppError, 'COMMENT_NOT_FOUND')
})

const moderatorId = '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a44'
const report = (reporterId: string, reason = '  spoils the twist  ') => ({
  type: 'ReportComment' as const,
  data: { commentId, reporterId, reason },
  metadata: { now },
})
const reported = (reportedBy: string): CommentEvent => ({
  type: 'CommentReported',
  data: { commentId, movieId, reportedBy, reason: 'spoils the twist', reportedAt: at },
})
const moderate = (
  type: 'HideComment' | 'RestoreComment',
  actorRole: 'user' | 'analyst' | 'moderator' | 'admin' = 'moderator',
  reason = 'insults',
  actorId = moderatorId,
) => ({ type, data: { commentId, actorId, actorRole, reason }, metadata: { now } })
const hidden: CommentEvent = {
  type: 'CommentHidden',
  data: { commentId, movieId, hiddenBy: moderatorId, reason: 'insults', hiddenAt: at },
}
const spoiler = (
  value: boolean,
  actorRole: 'user' | 'moderator' | 'admin' = 'moderator',
  reason = 'twist',
) => ({
  type: 'MarkSpoiler' as const,
  data: { commentId, actorId: moderatorId, actorRole, reason, spoiler: value },
  metadata: { now },
})

t.test('a user reports a comment once, with a reason; not their own, not a deleted one', async (t) => {
  comment(t)
    .given([added])
    .when(report(otherId))
    .then([reported(otherId)])
  comment(t)
    .given([added, reported(otherId)])
    .when(report(otherId))
    .then([])
  comment(t)
    .given([added, reported(otherId)])
    .when(report(adminId))
    .then([reported(adminId)])
  comment(t).given([added]).when(report(otherId, ' ')).thenThrows(DomainRuleError, 'REASON_REQUIRED')
  comment(t).given([added]).when(report(authorId)).thenThrows(DomainRuleError, 'CANNOT_REPORT_OWN')
  comment(t)
    .given([added, deleted(authorId)])
    .when(report(otherId))
    .thenThrows(DomainRuleError, 'COMMENT_DELETED')
  comment(t).given([]).when(report(otherId)).thenThrows(AppError, 'COMMENT_NOT_FOUND')
})

t.test('a moderator or admin hides and restores with a reason; others cannot', async (t) => {
  comment(t).given([added]).when(moderate('HideComment')).then([hidden])
  comment(t).given([added, hidden]).when(moderate('HideComment')).then([])
  comment(t)
    .given([added, hidden])
    .when(moderate('RestoreComment', 'admin', 'appeal', adminId))
    .then([
      {
        type: 'CommentRestored',
        data: { commentId, movieId, restoredBy: adminId, reason: 'appeal', restoredAt: at },
      },
    ])
  comment(t).given([added]).when(moderate('RestoreComment')).then([])
  comment(t).given([added]).when(moderate('HideComment', 'user')).thenThrows(AppError, 'FORBIDDEN')
  comment(t).given([added]).when(moderate('HideComment', 'analyst')).thenThrows(AppError, 'FORBIDDEN')
  comment(t)
    .given([added])
    .when(moderate('HideComment', 'moderator', ''))
    .thenThrows(DomainRuleError, 'REASON_REQUIRED')
  comment(t)
    .given([added, deleted(authorId)])
    .when(moderate('HideComment'))
    .thenThrows(DomainRuleError, 'COMMENT_DELETED')
})

t.test('a hidden comment cannot be edited or liked', async (t) => {
  comment(t)
    .given([added, hidden])
    .when(edit(authorId, 'new text'))
    .thenThrows(DomainRuleError, 'COMMENT_HIDDEN')
  comment(t).given([added, hidden]).when(like(otherId)).thenThrows(DomainRuleError, 'COMMENT_HIDDEN')
})

t.test('a moderator marks a spoiler and takes the mark back; marking twice changes nothing', async (t) => {
  const marked: CommentEvent = {
    type: 'CommentSpoilerMarked',
    data: { commentId, movieId, spoiler: true, markedBy: moderatorId, reason: 'twist', markedAt: at },
  }
  comment(t).given([added]).when(spoiler(true)).then([marked])
  comment(t).given([added, marked]).when(spoiler(true)).then([])
  comment(t)
    .given([added, marked])
    .when(spoiler(false))
    .then([{ type: 'CommentSpoilerMarked', data: { ...marked.data, spoiler: false } } as CommentEvent])
  comment(t).given([added]).when(spoiler(false)).then([])
  comment(t).given([added]).when(spoiler(true, 'user')).thenThrows(AppError, 'FORBIDDEN')
})

t.test('a moderator deletes another user’s comment with a reason, as an admin does', async (t) => {
  comment(t)
    .given([added])
    .when({
      type: 'DeleteComment',
      data: { commentId, actorId: moderatorId, actorRole: 'moderator', reason: 'doxxing' },
      metadata: { now },
    })
    .then([deleted(moderatorId, 'doxxing')])
})
