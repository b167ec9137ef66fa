/**
 * comments: one row per comment or reply, for GET /movies/:id/comments (threads of a top-level
 * comment and its replies, newest or most liked first), and comment_likes, who likes which comment
 * (each viewer's own likes in a thread). Deleted comments stay as tombstones: the row keeps its
 * place in the thread, its text is cleared. A comment hidden by a moderator keeps its text here
 * (a restore shows it again); the thread query withholds it from everyone while `hidden_at` is set.
 *
 * Texts are sealed with their author's key in the events: they are opened here with the key from
 * user_keys (null once the author is erased: a rebuild after erasure never sees them), and
 * UserErased clears every text of the author and shows their comments as deleted.
 */
import { sql } from 'kysely'
import { openFreeText } from '../src/privacy/personal-data.ts'
import { defineProjection } from '../src/projector/projection.ts'

export const comments = defineProjection({
  kind: 'postgres',
  name: 'comments',
  // 2: comment_likes (who likes what) and an index by author (public profiles count comments).
  // 3: hidden_at and spoiler (moderation); texts opened with the author's key, UserErased clears them.
  version: 3,
  handles: [
    'CommentAdded',
    'CommentEdited',
    'CommentDeleted',
    'CommentLiked',
    'CommentUnliked',
    'CommentHidden',
    'CommentRestored',
    'CommentSpoilerMarked',
    'UserErased',
  ],
  tables: ['comments', 'comment_likes'],
  async setup(db) {
    await db.schema
      .createTable('comments')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('movie_id', 'uuid', (c) => c.notNull())
      .addColumn('parent_id', 'uuid')
      .addColumn('author_id', 'uuid', (c) => c.notNull())
      .addColumn('text', 'text')
      .addColumn('added_at', 'timestamptz', (c) => c.notNull())
      .addColumn('edited_at', 'timestamptz')
      .addColumn('deleted_at', 'timestamptz')
      .addColumn('likes_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('hidden_at', 'timestamptz')
      .addColumn('spoiler', 'boolean', (c) => c.notNull().defaultTo(false))
      .execute()
    const topLevel = sql<boolean>`parent_id IS NULL`
    // The two thread orders, keyset on (key, id) within one movie.
    await db.schema
      .createIndex('comments_threads_newest')
      .on('comments')
      .columns(['movie_id', 'added_at desc', 'id desc'])
      .where(topLevel)
      .execute()
    await db.schema
      .createIndex('comments_threads_liked')
      .on('comments')
      .columns(['movie_id', 'likes_count desc', 'id desc'])
      .where(topLevel)
      .execute()
    await db.schema
      .createTable('comment_likes')
      .addColumn('comment_id', 'uuid', (c) => c.notNull())
      .addColumn('user_id', 'uuid', (c) => c.notNull())
      .addColumn('liked_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('comment_likes_pkey', ['comment_id', 'user_id'])
      .execute()
    await db.schema.createIndex('comments_by_author').on('comments').column('author_id').execute()
    await db.schema
      .createIndex('comments_replies')
      .on('comments')
      .columns(['parent_id', 'added_at', 'id'])
      .where(sql<boolean>`parent_id IS NOT NULL`)
      .execute()
  },
  async apply(events, trx) {
    // Like counters are summed over the batch and moved once per comment at the end; who likes
    // what is the last word of each (comment, user) in the batch, written at the end too.
    const likes = new Map<string, number>()
    const likers = new Map<string, { commentId: string; userId: string; at: string | null }>()
    const authors = [
      ...new Set(
        events.flatMap((event) =>
          event.type === 'CommentAdded' || event.type === 'CommentEdited' ? [event.data.authorId ?? ''] : [],
        ),
      ),
    ].filter((id) => id !== '')
    // public.user_keys, named: an analyst's replay runs with its own schema alone on the search path.
    // No row: erased (the text reads as null).
    const keys = new Map(
      authors.length === 0
        ? []
        : (
            await trx
              .withSchema('public')
              .selectFrom('user_keys')
              .select(['user_id', 'key'])
              .where('user_id', 'in', authors)
              .execute()
          ).map((row) => [row.user_id, row.key]),
    )
    const keyOf = (userId: string) => keys.get(userId) ?? null
    for (const stored of events) {
      const event = openFreeText(stored, keyOf)
      switch (event.type) {
        case 'CommentAdded': {
          const data = event.data
          const inserted = await trx
            .insertInto('comments')
            .values({
              id: data.commentId,
              movie_id: data.movieId,
              parent_id: data.parentId,
              author_id: data.authorId,
              text: data.text,
              added_at: data.addedAt,
            })
            .onConflict((oc) => oc.column('id').doNothing())
            .executeTakeFirst()
          if (data.parentId !== null && inserted.numInsertedOrUpdatedRows === 1n) {
            await trx
              .updateTable('comments')
              .set((eb) => ({ reply_count: eb('reply_count', '+', 1) }))
              .where('id', '=', data.parentId)
              .execute()
          }
          break
        }
        case 'CommentEdited': {
          const data = event.data
          await trx
            .updateTable('comments')
            .set({ text: data.text, edited_at: data.editedAt })
            .where('id', '=', data.commentId)
            .where('deleted_at', 'is', null)
            .execute()
          break
        }
        case 'CommentDeleted': {
          const data = event.data
          await trx
            .updateTable('comments')
            .set({ text: null, deleted_at: data.deletedAt })
            .where('id', '=', data.commentId)
            .execute()
          break
        }
        case 'CommentHidden':
        case 'CommentRestored': {
          const hiddenAt = event.type === 'CommentHidden' ? event.data.hiddenAt : null
          await trx
            .updateTable('comments')
            .set({ hidden_at: hiddenAt })
            .where('id', '=', event.data.commentId)
            .execute()
          break
        }
        case 'CommentSpoilerMarked':
          await trx
            .updateTable('comments')
            .set({ spoiler: event.data.spoiler })
            .where('id', '=', event.data.commentId)
            .execute()
          break
        case 'UserErased':
          // The author's words are theirs: gone from every thread, shown as deleted.
          await trx
            .updateTable('comments')
            .set({ text: null, deleted_at: sql`coalesce(deleted_at, ${event.data.erasedAt}::timestamptz)` })
            .where('author_id', '=', event.data.userId)
            .execute()
          break
        case 'CommentLiked':
        case 'CommentUnliked': {
          const liked = event.type === 'CommentLiked'
          const { commentId, userId } = event.data
          likes.set(commentId, (likes.get(commentId) ?? 0) + (liked ? 1 : -1))
          const at = event.type === 'CommentLiked' ? event.data.likedAt : null
          likers.set(`${commentId} ${userId}`, { commentId, userId, at })
          break
        }
      }
    }
    const added = [...likers.values()].filter((like) => like.at !== null)
    const removed = [...likers.values()].filter((like) => like.at === null)
    if (added.length > 0) {
      await trx
        .insertInto('comment_likes')
        .values(
          added.map((like) => ({
            comment_id: like.commentId,
            user_id: like.userId,
            liked_at: like.at ?? '',
          })),
        )
        .onConflict((oc) => oc.columns(['comment_id', 'user_id']).doNothing())
        .execute()
    }
    for (const like of removed) {
      await trx
        .deleteFrom('comment_likes')
        .where('comment_id', '=', like.commentId)
        .where('user_id', '=', like.userId)
        .execute()
    }
    for (const [commentId, delta] of likes) {
      if (delta === 0) continue
      await trx
        .updateTable('comments')
        .set((eb) => ({ likes_count: eb('likes_count', '+', delta) }))
        .where('id', '=', commentId)
        .execute()
    }
  },
})
