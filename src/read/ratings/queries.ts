/** Queries over the user_ratings read model. */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

export type RatingsCursor = { ratedAt: string; movieId: string }

export function encodeCursor(cursor: RatingsCursor): string {
  return Buffer.from(JSON.stringify([cursor.ratedAt, cursor.movieId])).toString('base64url')
}

/** The cursor, or null when it is not one we issued. */
export function decodeCursor(raw: string): RatingsCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (!Array.isArray(value) || value.length !== 2) return null
    const [ratedAt, movieId] = value
    if (typeof ratedAt !== 'string' || Number.isNaN(Date.parse(ratedAt)) || typeof movieId !== 'string')
      return null
    if (!/^[0-9a-f-]{36}$/i.test(movieId)) return null
    return { ratedAt, movieId }
  } catch {
    return null
  }
}

/** A user's ratings, newest first, keyset-paged on (rated_at, movie_id) by user_ratings_by_user_recent. */
export async function listUserRatings(
  db: Kysely<Database>,
  userId: string,
  limit: number,
  after: RatingsCursor | null,
) {
  let query = db
    .selectFrom('user_ratings')
    .select(['movie_id', 'stars', 'review', 'rated_at'])
    .where('user_id', '=', userId)
    .orderBy('rated_at', 'desc')
    .orderBy('movie_id', 'desc')
    .limit(limit + 1)
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple('rated_at', 'movie_id'), '<', eb.tuple(new Date(after.ratedAt), after.movieId)),
    )
  }
  const [rows, count] = await Promise.all([
    query.execute(),
    // The user's range of the primary key (user_id, movie_id): cheap whatever the catalogue.
    db
      .selectFrom('user_ratings')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
  ])
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((row) => ({
      movieId: row.movie_id,
      stars: Number(row.stars),
      review: row.review,
      ratedAt: row.rated_at.toISOString(),
    })),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ ratedAt: last.rated_at.toISOString(), movieId: last.movie_id })
        : null,
    total: Number(count.n),
  }
}
