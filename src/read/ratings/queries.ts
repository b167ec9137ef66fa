/** Queries over the user_ratings read model. */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { decodeKeys, encodeKeys } from '../serving/keyset-cursor.ts'

export type RatingsCursor = { ratedAt: string; movieId: string }

export function encodeCursor(cursor: RatingsCursor): string {
  return encodeKeys([cursor.ratedAt, cursor.movieId])
}

/** The cursor, or null when it is not one we issued. */
export function decodeCursor(raw: string): RatingsCursor | null {
  const keys = decodeKeys(raw, ['timestamptz', 'uuid'])
  return keys && { ratedAt: keys[0] as string, movieId: keys[1] as string }
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
