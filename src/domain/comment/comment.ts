/**
 * The comment stream: one comment on a movie, or a reply to one (`comment-<id>`). Its events, its
 * state and evolve. Pure: no I/O, no clock. Every event carries the comment and movie ids, so read
 * models (the movie's comment count) move without reading state.
 */
import { Type } from 'typebox'
import { defineEvent, type EventOf, Nullable } from '../event-catalogue.ts'

export const commentStream = (commentId: string) => `comment-${commentId}`

export const commentAdded = defineEvent('CommentAdded', {
  description: 'A comment on a movie, or a reply to a top-level comment (`parentId`).',
  data: Type.Object({
    commentId: Type.String(),
    movieId: Type.String(),
    authorId: Type.String(),
    parentId: Nullable(Type.String(), {
      description: 'The top-level comment this one answers; null for a top-level comment.',
    }),
    text: Type.String(),
    addedAt: Type.String(),
  }),
})
export type CommentAdded = EventOf<typeof commentAdded>

export const commentEdited = defineEvent('CommentEdited', {
  description: 'The author changed the text; `previousText` is absent on the oldest edits.',
  data: Type.Object({
    commentId: Type.String(),
    movieId: Type.String(),
    text: Type.String(),
    previousText: Type.Optional(Type.String({ description: 'Absent on the oldest edits.' })),
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

/** The comment stream's events, for the catalogue (src/domain/events.ts). */
export const COMMENT_EVENTS = [
  commentAdded,
  commentEdited,
  commentDeleted,
  commentLiked,
  commentUnliked,
] as const

export type CommentEvent = CommentAdded | CommentEdited | CommentDeleted | CommentLiked | CommentUnliked

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
    }

export const initialState = (): CommentState => ({ status: 'unknown' })

export function evolve(state: CommentState, event: CommentEvent): CommentState {
  switch (event.type) {
    case 'CommentAdded': {
      const { commentId, movieId, authorId, parentId, text } = event.data
      return { status: 'active', commentId, movieId, authorId, parentId, text, likedBy: new Set() }
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
