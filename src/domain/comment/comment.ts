/**
 * The comment stream: one comment on a movie, or a reply to one (`comment-<id>`). Its events, its
 * state and evolve. Pure: no I/O, no clock. Every event carries the comment and movie ids, so read
 * models (the movie's comment count) move without reading state.
 */

export const commentStream = (commentId: string) => `comment-${commentId}`

export type CommentAdded = {
  type: 'CommentAdded'
  data: {
    commentId: string
    movieId: string
    authorId: string
    /** The top-level comment this one answers; null for a top-level comment. */
    parentId: string | null
    text: string
    addedAt: string
  }
}
export type CommentEdited = {
  type: 'CommentEdited'
  data: { commentId: string; movieId: string; text: string; previousText?: string; editedAt: string }
}
/** `reason` is required when someone other than the author (an admin) deletes. */
export type CommentDeleted = {
  type: 'CommentDeleted'
  data: {
    commentId: string
    movieId: string
    parentId: string | null
    deletedBy: string
    reason: string | null
    deletedAt: string
  }
}
export type CommentLiked = {
  type: 'CommentLiked'
  data: { commentId: string; movieId: string; userId: string; likedAt: string }
}
export type CommentUnliked = {
  type: 'CommentUnliked'
  data: { commentId: string; movieId: string; userId: string; unlikedAt: string }
}

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
