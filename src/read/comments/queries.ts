/**
 * Queries over the comments read model: a movie's threads (top-level comments, newest or most liked
 * first, in keyset pages) with their replies (oldest first). Deleted comments come back as
 * tombstones: in place, without text.
 */
import { type Kysely, type SqlBool, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'

export const THREAD_SORTS = ['newest', 'liked'] as const
export type ThreadSort = (typeof THREAD_SORTS)[number]
/** Replies shown per thread; `replyCount` tells a client there are more. */
export const REPLIES_PER_THREAD = 50

export type ThreadCursor = { sort: ThreadSort; value: string; id: string }

export function encodeCursor(cursor: ThreadCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString('base64url')
}

/** The cursor, or null when it is not one we issued for this sort. */
export function decodeCursor(raw: string, sort: ThreadSort): ThreadCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (!Array.isArray(value) || value.length !== 3) return null
    const [s, v, id] = value
    if (s !== sort || typeof v !== 'string' || typeof id !== 'string') return null
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null
    if (sort === 'liked' ? !/^-?\d{1,10}$/.test(v) : Number.isNaN(Date.parse(v))) return null
    return { sort, value: v, id }
  } catch {
    return null
  }
}

type Row = {
  id: string
  author_id: string
  text: string | null
  added_at: Date
  edited_at: Date | null
  deleted_at: Date | null
  likes_count: number
}

const toComment = (row: Row) => ({
  id: row.id,
  authorId: row.author_id,
  text: row.deleted_at === null ? row.text : null,
  deleted: row.deleted_at !== null,
  addedAt: row.added_at.toISOString(),
  editedAt: row.edited_at?.toISOString() ?? null,
  likes: row.likes_count,
})

const COLUMNS = ['id', 'author_id', 'text', 'added_at', 'edited_at', 'deleted_at', 'likes_count'] as const

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
) {
  // Served by comments_threads_newest / comments_threads_liked: (movie_id, key desc, id desc).
  const key = sort === 'liked' ? sql`likes_count` : sql`added_at`
  let query = db
    .selectFrom('comments')
    .select([...COLUMNS, 'reply_count', sql<string>`(${key})::text`.as('sort_value')])
    .where('movie_id', '=', movieId)
    .where('parent_id', 'is', null)
  if (after) {
    const cast = sql.raw(sort === 'liked' ? 'int4' : 'timestamptz')
    // Raw SQL: the row comparison on (key, id) is the keyset condition the index serves.
    query = query.where(sql<SqlBool>`(${key}, id) < (${after.value}::${cast}, ${after.id}::uuid)`)
  }
  const rows = await query
    .orderBy(sql`${key} desc`)
    .orderBy('id', 'desc')
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
              .selectFrom('comments')
              .select([
                ...COLUMNS,
                'parent_id',
                sql<number>`row_number() OVER (PARTITION BY parent_id ORDER BY added_at, id)`.as('n'),
              ])
              .where('parent_id', 'in', ids)
              .as('r'),
          )
          .selectAll()
          .where('n', '<=', REPLIES_PER_THREAD)
          .orderBy('added_at')
          .orderBy('id')
          .execute()
  const byThread = new Map<string, ReturnType<typeof toComment>[]>()
  for (const reply of replies) {
    const list = byThread.get(reply.parent_id as string) ?? []
    list.push(toComment(reply))
    byThread.set(reply.parent_id as string, list)
  }
  const last = threads.at(-1)
  return {
    items: threads.map((row) => ({
      ...toComment(row),
      replyCount: row.reply_count,
      replies: byThread.get(row.id) ?? [],
    })),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ sort, value: last.sort_value, id: last.id }) : null,
  }
}
