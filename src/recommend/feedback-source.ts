/**
 * Reads the interaction read models (user_ratings, user_favorites, user_likes, watch_history,
 * user_watchlist; never
 * the event store) as one row per (user, movie) with all its signals. Training and the export walk
 * every user through a server-side cursor in bounded memory; serving reads one user.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { Signals } from './feedback.ts'

/** `at`: when the user first showed the relation (seconds since the epoch). */
export type Relation = { movieId: string; signals: Signals; at: number }
export type UserRelations = { userId: string; relations: Relation[] }

type Row = {
  user_id: string
  movie_id: string
  stars: number | null
  favorite: boolean
  liked: boolean
  progress: number | null
  watchlisted: boolean
  at: number
}

// Raw SQL: a UNION ALL of five read models grouped per pair, and (below) a cursor, are beyond the builder.
function relationsQuery(user: string | null): RawBuilder<Row> {
  return relationsIn(user === null ? sql`` : sql`WHERE user_id = ${user}`)
}

function relationsIn(only: RawBuilder<unknown>): RawBuilder<Row> {
  return sql<Row>`
    SELECT user_id, movie_id, max(stars)::float8 AS stars, bool_or(favorite) AS favorite,
           bool_or(liked) AS liked, max(progress)::float8 AS progress,
           bool_or(watchlisted) AS watchlisted, extract(epoch FROM min(at))::float8 AS at
    FROM (
      SELECT user_id, movie_id, stars, false AS favorite, false AS liked, NULL::numeric AS progress,
             false AS watchlisted, rated_at AS at FROM user_ratings ${only}
      UNION ALL SELECT user_id, movie_id, NULL, true, false, NULL, false, favorited_at
        FROM user_favorites ${only}
      UNION ALL SELECT user_id, movie_id, NULL, false, true, NULL, false, liked_at FROM user_likes ${only}
      UNION ALL SELECT user_id, movie_id, NULL, false, false, progress, false, watched_at
        FROM watch_history ${only}
      UNION ALL SELECT user_id, movie_id, NULL, false, false, NULL, true, watchlisted_at
        FROM user_watchlist ${only}
    ) r
    GROUP BY user_id, movie_id
    ORDER BY user_id, movie_id`
}

const relationOf = (row: Row): Relation => ({
  movieId: row.movie_id,
  signals: {
    stars: row.stars,
    favorite: row.favorite,
    liked: row.liked,
    watchProgress: row.progress,
    watchlisted: row.watchlisted,
  },
  at: row.at,
})

/** One user's relations to movies. */
export async function userRelations(db: Kysely<Database>, userId: string): Promise<Relation[]> {
  const { rows } = await relationsQuery(userId).execute(db)
  return rows.map(relationOf)
}

/** How many (user, movie) pairs carry any signal: the total a progress bar counts towards. */
export async function countRelations(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{
    n: number
  }>`SELECT count(*)::int AS n FROM (${relationsQuery(null)}) q`.execute(db)
  return rows[0]?.n ?? 0
}

/**
 * How many interaction events the recommendation_feedback projection has counted (every rating,
 * favourite, like, watch, dismissal and their removals). A model records it when its training reads
 * the read models; the difference to now is the interactions the model has not seen.
 */
export async function interactionEventCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('user_activity')
    .select(sql<string>`coalesce(sum(events), 0)`.as('n'))
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

const SOURCES = ['user_ratings', 'user_favorites', 'user_likes', 'watch_history', 'user_watchlist'] as const

/**
 * Every user's relations (after the user id `after`, when given), user by user in id order, in keyset pages of about `pageUsers` users: each
 * page is the id range up to the smallest of each read model's `pageUsers`-th next user id, so every
 * query walks indexes (user_id leads each primary key) and memory holds one page.
 */
export async function* allUserRelations(
  db: Kysely<Database>,
  options: { pageUsers?: number; onRows?: (rows: number) => void; after?: string | null } = {},
): AsyncGenerator<UserRelations> {
  const pageUsers = options.pageUsers ?? 500
  let after: string | null = options.after ?? null
  let seen = 0
  while (true) {
    const ends: string[] = []
    let last = true
    for (const table of SOURCES) {
      const from: string | null = after
      const next = await db
        .selectFrom(table)
        .select('user_id')
        .distinct()
        .$if(from !== null, (q) => q.where('user_id', '>', from as string))
        .orderBy('user_id')
        .limit(pageUsers)
        .execute()
      const end = next.at(-1)?.user_id
      if (end === undefined) continue
      if (next.length === pageUsers) last = false
      ends.push(end)
    }
    if (ends.length === 0) return
    // The smallest full page's end bounds the range; when every table is short, take them all.
    ends.sort()
    const upto = (last ? ends.at(-1) : ends[0]) as string
    const range = sql`WHERE user_id <= ${upto}${after === null ? sql`` : sql` AND user_id > ${after}`}`
    const { rows } = await relationsIn(range).execute(db)
    let current: UserRelations | null = null
    for (const row of rows) {
      if (current === null || current.userId !== row.user_id) {
        if (current !== null) yield current
        current = { userId: row.user_id, relations: [] }
      }
      current.relations.push(relationOf(row))
    }
    if (current !== null) yield current
    seen += rows.length
    options.onRows?.(seen)
    after = upto
  }
}
