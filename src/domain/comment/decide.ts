/**
 * The commands on a comment stream and the rules that decide them. Pure: time arrives on the
 * command, what the handler read about the movie and the parent comment arrives on it too.
 */
import { AppError, DomainRuleError, notFound } from '../../errors.ts'
import type { MovieAvailability } from '../movie/movie.ts'
import type { Role } from '../user/user.ts'
import type { CommentEvent, CommentState, ParentComment } from './comment.ts'

export const MIN_COMMENT_LENGTH = 1
export const MAX_COMMENT_LENGTH = 2000
export const MAX_REASON_LENGTH = 500

export type AddComment = {
  type: 'AddComment'
  data: { commentId: string; movieId: string; authorId: string; parentId: string | null; text: string }
  metadata: { now: Date }
  movie: MovieAvailability
  /** The parent's state when `parentId` is set; ignored otherwise. */
  parent: ParentComment | null
}
export type EditComment = {
  type: 'EditComment'
  data: { commentId: string; editorId: string; text: string }
  metadata: { now: Date }
}
export type DeleteComment = {
  type: 'DeleteComment'
  data: { commentId: string; actorId: string; actorRole: Role; reason: string | null }
  metadata: { now: Date }
}
export type LikeComment = {
  type: 'LikeComment'
  data: { commentId: string; userId: string }
  metadata: { now: Date }
}
export type UnlikeComment = {
  type: 'UnlikeComment'
  data: { commentId: string; userId: string }
  metadata: { now: Date }
}

/** A user reports a comment to the moderators. */
export type ReportComment = {
  type: 'ReportComment'
  data: { commentId: string; reporterId: string; reason: string }
  metadata: { now: Date }
}
/** A moderator's (or admin's) decision on a comment; `reason` is required and recorded. */
export type ModerateComment = {
  type: 'HideComment' | 'RestoreComment'
  data: { commentId: string; actorId: string; actorRole: Role; reason: string }
  metadata: { now: Date }
}
export type MarkSpoiler = {
  type: 'MarkSpoiler'
  data: { commentId: string; actorId: string; actorRole: Role; reason: string; spoiler: boolean }
  metadata: { now: Date }
}

export type CommentCommand =
  | AddComment
  | EditComment
  | DeleteComment
  | LikeComment
  | UnlikeComment
  | ReportComment
  | ModerateComment
  | MarkSpoiler

/** The roles that moderate comments and users: moderators, and admins, who can do all they can. */
export const MODERATOR_ROLES: readonly Role[] = ['moderator', 'admin']
export const canModerate = (role: Role): boolean => MODERATOR_ROLES.includes(role)

type Existing = Exclude<CommentState, { status: 'unknown' }>

function requireComment(state: CommentState): Existing {
  if (state.status === 'unknown') throw notFound('COMMENT_NOT_FOUND', 'no such comment')
  return state
}

function requireNotDeleted(state: Existing): void {
  if (state.status === 'deleted') throw new DomainRuleError('COMMENT_DELETED', 'this comment was deleted')
}

function requireNotHidden(state: Existing): void {
  if (state.hidden) throw new DomainRuleError('COMMENT_HIDDEN', 'this comment was hidden by a moderator')
}

/** A trimmed reason of 1 to MAX_REASON_LENGTH characters, or a 422. */
export function requiredReason(raw: string | null): string {
  const reason = raw?.trim() ?? ''
  if (reason === '') throw new DomainRuleError('REASON_REQUIRED', 'give a reason')
  if (reason.length > MAX_REASON_LENGTH) {
    throw new DomainRuleError('REASON_TOO_LONG', `a reason holds at most ${MAX_REASON_LENGTH} characters`)
  }
  return reason
}

function requireModerator(role: Role): void {
  if (!canModerate(role)) throw new AppError(403, 'FORBIDDEN', 'this needs the moderator or admin role')
}

/** Trimmed text within the limits, or a 422. */
function validText(raw: string): string {
  const text = raw.trim()
  if (text.length < MIN_COMMENT_LENGTH || text.length > MAX_COMMENT_LENGTH) {
    throw new DomainRuleError(
      'COMMENT_LENGTH',
      `a comment holds ${MIN_COMMENT_LENGTH} to ${MAX_COMMENT_LENGTH} characters after trimming`,
    )
  }
  return text
}

function add(command: AddComment, state: CommentState): CommentEvent[] {
  // The same comment id again (a retry without an Idempotency-Key cannot produce one): nothing new.
  if (state.status !== 'unknown') return []
  const { commentId, movieId, authorId, parentId } = command.data
  if (command.movie === 'unknown') throw notFound('MOVIE_NOT_FOUND', 'no such movie')
  if (command.movie === 'removed') {
    throw new DomainRuleError('MOVIE_REMOVED', 'this movie was removed from the catalogue')
  }
  const text = validText(command.data.text)
  if (parentId !== null) {
    const parent = command.parent ?? { status: 'unknown' }
    if (parent.status === 'unknown' || parent.movieId !== movieId) {
      throw new DomainRuleError('PARENT_NOT_FOUND', 'the comment replied to is not on this movie')
    }
    if (parent.status === 'deleted') {
      throw new DomainRuleError('PARENT_DELETED', 'the comment replied to was deleted')
    }
    // Threads are one level deep: a reply answers a top-level comment.
    if (parent.parentId !== null) {
      throw new DomainRuleError('REPLY_TO_REPLY', 'reply to the top-level comment of the thread')
    }
  }
  return [
    {
      type: 'CommentAdded',
      data: { commentId, movieId, authorId, parentId, text, addedAt: command.metadata.now.toISOString() },
    },
  ]
}

function edit(command: EditComment, state: CommentState): CommentEvent[] {
  const comment = requireComment(state)
  if (comment.authorId !== command.data.editorId) {
    throw new AppError(403, 'NOT_COMMENT_AUTHOR', 'only the author edits a comment')
  }
  requireNotDeleted(comment)
  requireNotHidden(comment)
  const text = validText(command.data.text)
  if (text === comment.text) return []
  return [
    {
      type: 'CommentEdited',
      data: {
        commentId: comment.commentId,
        movieId: comment.movieId,
        authorId: comment.authorId,
        text,
        previousText: comment.text,
        editedAt: command.metadata.now.toISOString(),
      },
    },
  ]
}

function remove(command: DeleteComment, state: CommentState): CommentEvent[] {
  const comment = requireComment(state)
  const { actorId, actorRole } = command.data
  const isAuthor = comment.authorId === actorId
  if (!isAuthor && !canModerate(actorRole)) {
    throw new AppError(
      403,
      'NOT_COMMENT_AUTHOR',
      'only the author, a moderator or an admin deletes a comment',
    )
  }
  const reason = command.data.reason?.trim() || null
  // Moderation is accountable: an admin removing someone else's words says why.
  if (!isAuthor && reason === null) {
    throw new DomainRuleError('REASON_REQUIRED', "deleting another user's comment needs a reason")
  }
  if (reason !== null && reason.length > MAX_REASON_LENGTH) {
    throw new DomainRuleError('REASON_TOO_LONG', `a reason holds at most ${MAX_REASON_LENGTH} characters`)
  }
  if (comment.status === 'deleted') return []
  return [
    {
      type: 'CommentDeleted',
      data: {
        commentId: comment.commentId,
        movieId: comment.movieId,
        parentId: comment.parentId,
        deletedBy: actorId,
        reason,
        deletedAt: command.metadata.now.toISOString(),
      },
    },
  ]
}

function like(command: LikeComment, state: CommentState): CommentEvent[] {
  const comment = requireComment(state)
  requireNotDeleted(comment)
  requireNotHidden(comment)
  const { userId } = command.data
  if (comment.likedBy.has(userId)) return []
  return [
    {
      type: 'CommentLiked',
      data: {
        commentId: comment.commentId,
        movieId: comment.movieId,
        userId,
        likedAt: command.metadata.now.toISOString(),
      },
    },
  ]
}

function unlike(command: UnlikeComment, state: CommentState): CommentEvent[] {
  const comment = requireComment(state)
  const { userId } = command.data
  // Taking a like back stays allowed on a deleted comment.
  if (!comment.likedBy.has(userId)) return []
  return [
    {
      type: 'CommentUnliked',
      data: {
        commentId: comment.commentId,
        movieId: comment.movieId,
        userId,
        unlikedAt: command.metadata.now.toISOString(),
      },
    },
  ]
}

function report(command: ReportComment, state: CommentState): CommentEvent[] {
  const comment = requireComment(state)
  requireNotDeleted(comment)
  const { reporterId } = command.data
  if (comment.authorId === reporterId) {
    throw new DomainRuleError('CANNOT_REPORT_OWN', 'you cannot report your own comment')
  }
  const reason = requiredReason(command.data.reason)
  // One report per user: reporting again changes nothing.
  if (comment.reportedBy.has(reporterId)) return []
  return [
    {
      type: 'CommentReported',
      data: {
        commentId: comment.commentId,
        movieId: comment.movieId,
        reportedBy: reporterId,
        reason,
        reportedAt: command.metadata.now.toISOString(),
      },
    },
  ]
}

function moderate(command: ModerateComment, state: CommentState): CommentEvent[] {
  requireModerator(command.data.actorRole)
  const comment = requireComment(state)
  const reason = requiredReason(command.data.reason)
  const { commentId, movieId } = comment
  const at = command.metadata.now.toISOString()
  const by = command.data.actorId
  if (command.type === 'HideComment') {
    requireNotDeleted(comment)
    if (comment.hidden) return []
    return [{ type: 'CommentHidden', data: { commentId, movieId, hiddenBy: by, reason, hiddenAt: at } }]
  }
  if (!comment.hidden) return []
  return [{ type: 'CommentRestored', data: { commentId, movieId, restoredBy: by, reason, restoredAt: at } }]
}

function markSpoiler(command: MarkSpoiler, state: CommentState): CommentEvent[] {
  requireModerator(command.data.actorRole)
  const comment = requireComment(state)
  requireNotDeleted(comment)
  const reason = requiredReason(command.data.reason)
  const { spoiler, actorId } = command.data
  if (comment.spoiler === spoiler) return []
  return [
    {
      type: 'CommentSpoilerMarked',
      data: {
        commentId: comment.commentId,
        movieId: comment.movieId,
        spoiler,
        markedBy: actorId,
        reason,
        markedAt: command.metadata.now.toISOString(),
      },
    },
  ]
}

export function decide(command: CommentCommand, state: CommentState): CommentEvent[] {
  switch (command.type) {
    case 'AddComment':
      return add(command, state)
    case 'EditComment':
      return edit(command, state)
    case 'DeleteComment':
      return remove(command, state)
    case 'LikeComment':
      return like(command, state)
    case 'UnlikeComment':
      return unlike(command, state)
    case 'ReportComment':
      return report(command, state)
    case 'HideComment':
    case 'RestoreComment':
      return moderate(command, state)
    case 'MarkSpoiler':
      return markSpoiler(command, state)
    default: {
      const unknown: never = command
      return unknown
    }
  }
}
