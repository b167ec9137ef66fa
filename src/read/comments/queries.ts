/**
 * Queries over the comments read model: a movie's threads (top-level comments, newest or most liked
 * first, in keyset pages) with their replies (oldest first). Deleted comments come back as
 * tombstones: in place, without text.
 */
import { type Kysely, type SqlBool, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { decodeKeys, encodeKeys } from '../serving/keyset-cursor.ts'

export const THREAD_SORTS = ['newest', 'liked'] as const
export type ThreadSort = (typeof THREAD_SORTS)[number]
/** Replies shown per thread; `replyCount` tells a client there are more. */
export const REPLIES_PER_THREAD = 50

export type ThreadCursor = { sort: ThreadSort; value: string; id: string }

export function encodeCursor(cursor: ThreadCursor): string {
  return encodeKeys([cursor.sort, cursor.value, cursor.id])
}

/** The cursor, or null when it is not one we issued for this sort. */
export function decodeCursor(raw: string, sort: ThreadSort): ThreadCursor | null {
  const keys = decodeKeys(raw, [sort === 'liked' ? 'int4' : 'timestamptz', 'uuid'], sort)
  return keys && { sort, value: keys[0] as string, id: keys[1] as string }
}

type Row = {
  id: string
  author_id: string
  text: string | null
  added_at: Date
  edited_at: Date | null
  deleted_at: Date | null
  likes_count: number
  hidden_at: Date | null
  spoiler: boolean
  author_name: string | null
  author_erased: boolean | null
}

/** Who wrote a comment, as others see them: null name once erased ("deleted user" to show). */
export type CommentAuthor = { id: string; displayName: string | null; erased: boolean }

const toComment = (row: Row, liked: ReadonlySet<string> | null) => ({
  id: row.id,
  author: {
    id: row.author_id,
    displayName: row.author_erased ? null : row.author_name,
    erased: row.author_erased === true,
  },
  // Deleted and hidden comments keep their place in the thread, without their text.
  text: row.deleted_at === null && row.hidden_at === null ? row.text : null,
  deleted: row.deleted_at !== null,
  hidden: row.deleted_at === null && row.hidden_at !== null,
  spoiler: row.spoiler,
  addedAt: row.added_at.toISOString(),
  editedAt: row.edited_at?.toISOString() ?? null,
  likes: row.likes_count,
  likedByMe: liked === null ? null : liked.has(row.id),
})

const COLUMNS = [
  'c.id',
  'c.author_id',
  'c.text',
  'c.added_at',
  'c.edited_at',
  'c.deleted_at',
  'c.likes_count',
  'c.hidden_at',
  'c.spoiler',
] as const

/**
 * The author's public name from the users read model: the display name they chose, else their
 * username; null once erased (the users projection scrubs both) or while it has not caught up.
 */
const authorName = sql<string | null>`coalesce(u.display_name, u.username)`
const authorErased = sql<boolean | null>`u.erased_at IS NOT NULL`

/** Whether the movie is listed (comments of a removed or unknown movie answer 404). */
export async function movieListed(db: Kysely<Database>, movieId: string): Promise<boolean> {
  const row = await db
    .selectFrom('movies')
    .select('id')
    .where('id', '=', movieId)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
  return row !== undefined
}

export async function listThreads(
  db: Kysely<Database>,
  movieId: string,
  sort: ThreadSort,
  limit: number,
  after: ThreadCursor | null,
  viewerId: string | null,
) {
  // Served by comments_threads_newest / comments_threads_liked: (movie_id, key desc, id desc).
  const key = sort === 'liked' ? sql`c.likes_count` : sql`c.added_at`
  let query = db
    .selectFrom('comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .select([
      ...COLUMNS,
      'c.reply_count',
      sql<string>`(${key})::text`.as('sort_value'),
      authorName.as('author_name'),
      authorErased.as('author_erased'),
    ])
    .where('c.movie_id', '=', movieId)
    .where('c.parent_id', 'is', null)
  if (after) {
    const cast = sql.raw(sort === 'liked' ? 'int4' : 'timestamptz')
    // Raw SQL: the row comparison on (key, id) is the keyset condition the index serves.
    query = query.where(sql<SqlBool>`(${key}, c.id) < (${after.value}::${cast}, ${after.id}::uuid)`)
  }
  const rows = await query
    .orderBy(sql`${key} desc`)
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute()
  const threads = rows.slice(0, limit)
  const ids = threads.map((row) => row.id)
  const replies =
    ids.length === 0
      ? []
      : await db
          .selectFrom((eb) =>
            eb
              .selectFrom('comments as c')
              .select([
                ...COLUMNS,
                'c.parent_id',
                sql<number>`row_number() OVER (PARTITION BY c.parent_id ORDER BY c.added_at, c.id)`.as('n'),
              ])
              .where('c.parent_id', 'in', ids)
              .as('r'),
          )
          .leftJoin('users as u', 'u.id', 'r.author_id')
          .selectAll('r')
          .select([authorName.as('author_name'), authorErased.as('author_erased')])
          .where('r.n', '<=', REPLIES_PER_THREAD)
          .orderBy('r.added_at')
          .orderBy('r.id')
          .execute()
  const liked =
    viewerId === null ? null : await likedBy(db, viewerId, [...ids, ...replies.map((reply) => reply.id)])
  const byThread = new Map<string, ReturnType<typeof toComment>[]>()
  for (const reply of replies) {
    const list = byThread.get(reply.parent_id as string) ?? []
    list.push(toComment(reply, liked))
    byThread.set(reply.parent_id as string, list)
  }
  const last = threads.at(-1)
  return {
    items: threads.map((row) => ({
      ...toComment(row, liked),
      replyCount: row.reply_count,
      replies: byThread.get(row.id) ?? [],
    })),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ sort, value: last.sort_value, id: last.id }) : null,
    total: await countThreads(db, movieId),
  }
}

/** Which of these comments the viewer likes (one index lookup per comment). */
async function likedBy(db: Kysely<Database>, viewerId: string, commentIds: string[]): Promise<Set<string>> {
  if (commentIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('comment_likes')
    .select('comment_id')
    .where('user_id', '=', viewerId)
    .where('comment_id', 'in', commentIds)
    .execute()
  return new Set(rows.map((row) => row.comment_id))
}

/** Threads (top-level comments, tombstones included) of a movie: an index-only count on one movie. */
async function countThreads(db: Kysely<Database>, movieId: string): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('movie_id', '=', movieId)
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
