/**
 * The comment stream: one comment on a movie, or a reply to one (`comment-<id>`). Its events, its
 * state and evolve. Pure: no I/O, no clock. Every event carries the comment and movie ids, so read
 * models (the movie's comment count) move without reading state.
 */
import { Type } from 'typebox'
import { defineEvent, type EventOf, Nullable } from '../event-catalogue.ts'

export const commentStream = (commentId: string) => `comment-${commentId}`

/**
 * Comment text is the author's personal data: the write side seals it with the author's key
 * (src/privacy/personal-data.ts) before it is stored, so erasing the author makes it unreadable.
 * Events stored before version 2 hold it in clear; they are read as they are (docs/identity.md,
 * "Free text").
 */
const SEALED_TEXT =
  "Personal: sealed with the author's key in the store (`sealed:v1:...`), unreadable once the author is " +
  'erased; in clear in events stored before version 2.'

export const commentAdded = defineEvent('CommentAdded', {
  description: 'A comment on a movie, or a reply to a top-level comment (`parentId`).',
  version: 2,
  upcasters: [
    {
      from: 1,
      change: "`text` is sealed with the author's key; a version 1 event keeps its clear text, read as it is",
      up: (data) => data,
    },
  ],
  data: Type.Object({
    commentId: Type.String(),
    movieId: Type.String(),
    authorId: Type.String(),
    parentId: Nullable(Type.String(), {
      description: 'The top-level comment this one answers; null for a top-level comment.',
    }),
    text: Type.String({ description: SEALED_TEXT }),
    addedAt: Type.String(),
  }),
})
export type CommentAdded = EventOf<typeof commentAdded>

export const commentEdited = defineEvent('CommentEdited', {
  description: 'The author changed the text; `previousText` is absent on the oldest edits.',
  version: 2,
  upcasters: [
    {
      from: 1,
      change:
        '`authorId` added (whose key seals `text` and `previousText`); null on version 1 events, whose texts are in clear',
      up: (data) => ({ ...data, authorId: null }),
    },
  ],
  data: Type.Object({
    commentId: Type.String(),
    movieId: Type.String(),
    authorId: Nullable(Type.String(), {
      description: 'The author, whose key seals the texts; null on events stored before version 2.',
    }),
    text: Type.String({ description: SEALED_TEXT }),
    previousText: Type.Optional(Type.String({ description: `Absent on the oldest edits. ${SEALED_TEXT}` })),
    editedAt: Type.String(),
  }),
})
export type CommentEdited = EventOf<typeof commentEdited>

/** `reason` is required when someone other than the author (an admin) deletes. */
export const commentDeleted = defineEvent('CommentDeleted', {
  description:
    'The comment was deleted; `reason` is required when someone other than the author (an admin) deletes.',
  data: Type.Object({
    commentId: Type.String(),
    movieId: Type.String(),
    parentId: Nullable(Type.String()),
    deletedBy: Type.String(),
    reason: Nullable(Type.String(), { description: 'Required when someone other than the author deletes.' }),
    deletedAt: Type.String(),
  }),
})
export type CommentDeleted = EventOf<typeof commentDeleted>

export const commentLiked = defineEvent('CommentLiked', {
  description: 'A user liked the comment.',
  data: Type.Object({
    commentId: Type.String(),
    movieId: Type.String(),
    userId: Type.String(),
    likedAt: Type.String(),
  }),
})
export type CommentLiked = EventOf<typeof commentLiked>

export const commentUnliked = defineEvent('CommentUnliked', {
  description: 'A user took their like back.',
  data: Type.Object({
    commentId: Type.String(),
    movieId: Type.String(),
    userId: Type.String(),
    unlikedAt: Type.String(),
  }),
})
export type CommentUnliked = EventOf<typeof commentUnliked>

export const commentReported = defineEvent('CommentReported', {
  description: 'A user reported the comment to the moderators, with a reason (once per user).',
  data: Type.Object({
    commentId: Type.String(),
    movieId: Type.String(),
    reportedBy: Type.String(),
    reason: Type.String(),
    reportedAt: Type.String(),
  }),
})
export type CommentReported = EventOf<typeof commentReported>

export const commentHidden = defineEvent('CommentHidden', {
  description:
    'A moderator (or admin) hid the comment: threads show it as hidden, without its text, until restored.',
  data: Type.Object({
    commentId: Type.String(),
    movieId: Type.String(),
    hiddenBy: Type.String(),
    reason: Type.String(),
    hiddenAt: Type.String(),
  }),
})
export type CommentHidden = EventOf<typeof commentHidden>

export const commentRestored = defineEvent('CommentRestored', {
  description: 'A moderator (or admin) restored a hidden comment.',
  data: Type.Object({
    commentId: Type.String(),
    movieId: Type.String(),
    restoredBy: Type.String(),
    reason: Type.String(),
    restoredAt: Type.String(),
  }),
})
export type CommentRestored = EventOf<typeof commentRestored>

export const commentSpoilerMarked = defineEvent('CommentSpoilerMarked', {
  description: 'A moderator (or admin) marked the comment as a spoiler, or took the mark away (`spoiler`).',
  data: Type.Object({
    commentId: Type.String(),
    movieId: Type.String(),
    spoiler: Type.Boolean(),
    markedBy: Type.String(),
    reason: Type.String(),
    markedAt: Type.String(),
  }),
})
export type CommentSpoilerMarked = EventOf<typeof commentSpoilerMarked>

/** The comment stream's events, for the catalogue (src/domain/events.ts). */
export const COMMENT_EVENTS = [
  commentAdded,
  commentEdited,
  commentDeleted,
  commentLiked,
  commentUnliked,
  commentReported,
  commentHidden,
  commentRestored,
  commentSpoilerMarked,
] as const

export type CommentEvent =
  | CommentAdded
  | CommentEdited
  | CommentDeleted
  | CommentLiked
  | CommentUnliked
  | CommentReported
  | CommentHidden
  | CommentRestored
  | CommentSpoilerMarked

/** The moderation decisions (each with its actor and reason), as the comment's history lists them. */
export const MODERATION_EVENT_TYPES = [
  'CommentReported',
  'CommentHidden',
  'CommentRestored',
  'CommentSpoilerMarked',
] as const

export type CommentState =
  | { status: 'unknown' }
  | {
      status: 'active' | 'deleted'
      commentId: string
      movieId: string
      authorId: string
      parentId: string | null
      text: string
      /** Who likes it now: likes and unlikes are idempotent against this set. */
      likedBy: ReadonlySet<string>
      /** Hidden by a moderator: not shown to the public, cannot be edited, liked or replied to. */
      hidden: boolean
      spoiler: boolean
      /** Who reported it: a user reports a comment once. */
      reportedBy: ReadonlySet<string>
    }

export const initialState = (): CommentState => ({ status: 'unknown' })

export function evolve(state: CommentState, event: CommentEvent): CommentState {
  switch (event.type) {
    case 'CommentAdded': {
      const { commentId, movieId, authorId, parentId, text } = event.data
      return {
        status: 'active',
        commentId,
        movieId,
        authorId,
        parentId,
        text,
        likedBy: new Set(),
        hidden: false,
        spoiler: false,
        reportedBy: new Set(),
      }
    }
    case 'CommentEdited':
      return state.status === 'unknown' ? state : { ...state, text: event.data.text }
    case 'CommentDeleted':
      return state.status === 'unknown' ? state : { ...state, status: 'deleted' }
    case 'CommentLiked':
      return state.status === 'unknown'
        ? state
        : { ...state, likedBy: new Set([...state.likedBy, event.data.userId]) }
    case 'CommentUnliked': {
      if (state.status === 'unknown') return state
      const likedBy = new Set(state.likedBy)
      likedBy.delete(event.data.userId)
      return { ...state, likedBy }
    }
    case 'CommentReported':
      return state.status === 'unknown'
        ? state
        : { ...state, reportedBy: new Set([...state.reportedBy, event.data.reportedBy]) }
    case 'CommentHidden':
      return state.status === 'unknown' ? state : { ...state, hidden: true }
    case 'CommentRestored':
      return state.status === 'unknown' ? state : { ...state, hidden: false }
    case 'CommentSpoilerMarked':
      return state.status === 'unknown' ? state : { ...state, spoiler: event.data.spoiler }
    default: {
      const unknown: never = event
      return unknown
    }
  }
}

/** What adding a reply needs to know about its parent; the handler folds the parent's stream. */
export type ParentComment =
  | { status: 'unknown' }
  | { status: 'active' | 'deleted'; movieId: string; parentId: string | null }
