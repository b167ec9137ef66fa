/** Queries over the user_library and user_watchlist read models, titles joined from movies. */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { decodeKeys, encodeKeys } from '../serving/keyset-cursor.ts'

export type LibraryCursor = { at: string; id: string }

export function encodeCursor(cursor: LibraryCursor): string {
  return encodeKeys([cursor.at, cursor.id])
}

/** The cursor, or null when it is not one we issued. */
export function decodeCursor(raw: string): LibraryCursor | null {
  const keys = decodeKeys(raw, ['timestamptz', 'uuid'])
  return keys && { at: keys[0] as string, id: keys[1] as string }
}

const page = <Row>(rows: Row[], limit: number, cursorOf: (row: Row) => LibraryCursor) => {
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null }
}

/** Newest first, keyset on (favorited_at, movie_id) by user_favorites_by_user_recent. */
export async function listFavorites(
  db: Kysely<Database>,
  userId: string,
  limit: number,
  after: LibraryCursor | null,
) {
  let query = db
    .selectFrom('user_favorites as f')
    .leftJoin('movies as m', 'm.id', 'f.movie_id')
    .select(['f.movie_id', 'f.favorited_at', 'm.title', 'm.year', 'm.removed_at'])
    .where('f.user_id', '=', userId)
    .orderBy('f.favorited_at', 'desc')
    .orderBy('f.movie_id', 'desc')
    .limit(limit + 1)
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple('f.favorited_at', 'f.movie_id'), '<', eb.tuple(new Date(after.at), after.id)),
    )
  }
  const [rows, total] = await Promise.all([query.execute(), countOf(db, 'user_favorites', userId)])
  const result = page(rows, limit, (row) => ({
    at: row.favorited_at.toISOString(),
    id: row.movie_id,
  }))
  return {
    items: result.items.map((row) => ({
      movieId: row.movie_id,
      title: row.title,
      year: row.year,
      removed: row.removed_at !== null,
      favoritedAt: row.favorited_at.toISOString(),
    })),
    nextCursor: result.nextCursor,
    total,
  }
}

/** Newest first, keyset on (watchlisted_at, movie_id) by user_watchlist_by_user_recent. */
export async function listWatchlist(
  db: Kysely<Database>,
  userId: string,
  limit: number,
  after: LibraryCursor | null,
) {
  let query = db
    .selectFrom('user_watchlist as w')
    .leftJoin('movies as m', 'm.id', 'w.movie_id')
    .select(['w.movie_id', 'w.watchlisted_at', 'm.title', 'm.year', 'm.removed_at'])
    .where('w.user_id', '=', userId)
    .orderBy('w.watchlisted_at', 'desc')
    .orderBy('w.movie_id', 'desc')
    .limit(limit + 1)
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple('w.watchlisted_at', 'w.movie_id'), '<', eb.tuple(new Date(after.at), after.id)),
    )
  }
  const [rows, total] = await Promise.all([query.execute(), countOf(db, 'user_watchlist', userId)])
  const result = page(rows, limit, (row) => ({
    at: row.watchlisted_at.toISOString(),
    id: row.movie_id,
  }))
  return {
    items: result.items.map((row) => ({
      movieId: row.movie_id,
      title: row.title,
      year: row.year,
      removed: row.removed_at !== null,
      watchlistedAt: row.watchlisted_at.toISOString(),
    })),
    nextCursor: result.nextCursor,
    total,
  }
}

/** Newest first, keyset on (watched_at, event_id) by watch_history_by_user_recent. */
export async function listHistory(
  db: Kysely<Database>,
  userId: string,
  limit: number,
  after: LibraryCursor | null,
) {
  let query = db
    .selectFrom('watch_history as w')
    .leftJoin('movies as m', 'm.id', 'w.movie_id')
    .select(['w.event_id', 'w.movie_id', 'w.progress', 'w.watched_at', 'm.title', 'm.year', 'm.removed_at'])
    .where('w.user_id', '=', userId)
    .orderBy('w.watched_at', 'desc')
    .orderBy('w.event_id', 'desc')
    .limit(limit + 1)
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple('w.watched_at', 'w.event_id'), '<', eb.tuple(new Date(after.at), after.id)),
    )
  }
  const [rows, total] = await Promise.all([query.execute(), countOf(db, 'watch_history', userId)])
  const result = page(rows, limit, (row) => ({
    at: row.watched_at.toISOString(),
    id: row.event_id,
  }))
  return {
    items: result.items.map((row) => ({
      id: row.event_id,
      movieId: row.movie_id,
      title: row.title,
      year: row.year,
      removed: row.removed_at !== null,
      progress: Number(row.progress),
      watchedAt: row.watched_at.toISOString(),
    })),
    nextCursor: result.nextCursor,
    total,
  }
}

/** How many rows of one user a library table holds: a count over the user's own index range. */
async function countOf(
  db: Kysely<Database>,
  table: 'user_favorites' | 'watch_history' | 'user_watchlist',
  userId: string,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
