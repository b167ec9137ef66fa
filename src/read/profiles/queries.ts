/** The public profile of a user, from the users, comments and user_ratings read models. */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

/** Ratings a public profile shows (the newest; `ratingCount` says how many in all). */
export const PUBLIC_RATINGS = 20

/**
 * What anyone may see of a user: the public name, how many comments they wrote (comments are public
 * anyway), and their ratings only if they made them public. Null for an unknown or erased user.
 * Never the email, the username beside a display name, the role or the favourite genres.
 */
export async function findPublicProfile(db: Kysely<Database>, id: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'username', 'ratings_public', 'erased_at'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!user || user.erased_at !== null) return null
  const comments = db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('author_id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow()
  const ratingCount = user.ratings_public
    ? db
        .selectFrom('user_ratings')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('user_id', '=', id)
        .executeTakeFirstOrThrow()
    : null
  const ratings = user.ratings_public
    ? db
        .selectFrom('user_ratings as r')
        .leftJoin('movies as m', (join) =>
          join.onRef('m.id', '=', 'r.movie_id').on('m.removed_at', 'is', null),
        )
        .select(['r.movie_id', 'r.stars', 'r.review', 'r.rated_at', 'm.title', 'm.year'])
        .where('r.user_id', '=', id)
        .orderBy('r.rated_at', 'desc')
        .orderBy('r.movie_id', 'desc')
        .limit(PUBLIC_RATINGS)
        .execute()
    : null
  return {
    id: user.id,
    displayName: user.display_name ?? user.username,
    ratingsPublic: user.ratings_public,
    commentCount: Number((await comments).n),
    ratingCount: ratingCount === null ? null : Number((await ratingCount).n),
    ratings:
      ratings === null
        ? null
        : (await ratings).map((row) => ({
            movieId: row.movie_id,
            title: row.title,
            year: row.year,
            stars: Number(row.stars),
            review: row.review,
            ratedAt: row.rated_at.toISOString(),
          })),
  }
}
