/** Queries over the user_library and user_watchlist read models, titles joined from movies. */
import { type Kysely, sql } from 'kysely'
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

/** The movie sets a user keeps: (user_id, movie_id, <added at>), newest first by <table>_by_user_recent. */
const MOVIE_SETS = {
  favorites: { table: 'user_favorites', at: 'favorited_at' },
  watchlist: { table: 'user_watchlist', at: 'watchlisted_at' },
} as const

/** One page of a movie set, keyset on (added at, movie_id), with the set's size. */
async function listMovieSet(
  db: Kysely<Database>,
  set: keyof typeof MOVIE_SETS,
  userId: string,
  limit: number,
  after: LibraryCursor | null,
) {
  const { table, at } = MOVIE_SETS[set]
  const added = sql.ref<Date>(`s.${at}`)
  let query = db
    .selectFrom(sql<{ user_id: string; movie_id: string }>`${sql.table(table)}`.as('s'))
    .leftJoin('movies as m', 'm.id', 's.movie_id')
    .select(['s.movie_id', added.as('added_at'), 'm.title', 'm.year', 'm.removed_at'])
    .where('s.user_id', '=', userId)
    .orderBy(added, 'desc')
    .orderBy('s.movie_id', 'desc')
    .limit(limit + 1)
  if (after) query = query.where(sql<boolean>`(${added}, s.movie_id) < (${new Date(after.at)}, ${after.id})`)
  const [rows, total] = await Promise.all([query.execute(), countOf(db, table, userId)])
  const result = page(rows, limit, (row) => ({ at: row.added_at.toISOString(), id: row.movie_id }))
  return {
    items: result.items.map((row) => ({
      movieId: row.movie_id,
      title: row.title,
      year: row.year,
      removed: row.removed_at !== null,
      addedAt: row.added_at.toISOString(),
    })),
    nextCursor: result.nextCursor,
    total,
  }
}

export async function listFavorites(
  db: Kysely<Database>,
  userId: string,
  limit: number,
  after: LibraryCursor | null,
) {
  const { items, ...rest } = await listMovieSet(db, 'favorites', userId, limit, after)
  return { items: items.map(({ addedAt, ...item }) => ({ ...item, favoritedAt: addedAt })), ...rest }
}

export async function listWatchlist(
  db: Kysely<Database>,
  userId: string,
  limit: number,
  after: LibraryCursor | null,
) {
  const { items, ...rest } = await listMovieSet(db, 'watchlist', userId, limit, after)
  return { items: items.map(({ addedAt, ...item }) => ({ ...item, watchlistedAt: addedAt })), ...rest }
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
