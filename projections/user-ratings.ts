/**
 * user_ratings: each user's current rating of each movie (GET /api/v1/me/ratings). Reviews are
 * sealed with the user's key in the events: opened here with the key from user_keys (null once the
 * user is erased), and UserErased clears every review of the user.
 */
import { sql } from 'kysely'
import { isSealed, openFreeText } from '../src/privacy/personal-data.ts'
import { defineProjection } from '../src/projector/projection.ts'
import { deleteRows, insertRows } from '../src/projector/set-based.ts'

type Row = { user_id: string; movie_id: string; stars: number; review: string | null; rated_at: string }

export const userRatings = defineProjection({
  kind: 'postgres',
  name: 'user_ratings',
  // 2: reviews opened with the user's key; UserErased clears them.
  version: 2,
  handles: ['RatingGiven', 'RatingRemoved', 'UserErased'],
  tables: ['user_ratings'],
  async setup(db) {
    await db.schema
      .createTable('user_ratings')
      .addColumn('user_id', 'uuid', (c) => c.notNull())
      .addColumn('movie_id', 'uuid', (c) => c.notNull())
      // Half stars are kept for imported data (MovieLens); the API accepts whole stars.
      .addColumn('stars', sql`numeric(2,1)`, (c) => c.notNull())
      .addColumn('review', 'text')
      .addColumn('rated_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_ratings_pk', ['user_id', 'movie_id'])
      .execute()
  },
  // Query-only: a rebuild creates it once caught up (see PostgresProjection.indexes).
  async indexes(db) {
    // Backs GET /me/ratings: newest first, keyset on (rated_at, movie_id).
    await db.schema
      .createIndex('user_ratings_by_user_recent')
      .ifNotExists()
      .on('user_ratings')
      .columns(['user_id', 'rated_at desc', 'movie_id desc'])
      .execute()
  },
  async apply(events, trx) {
    // Last event per (user, movie) wins; the batch then becomes one upsert and one delete.
    const latest = new Map<string, Row | { user_id: string; movie_id: string; removed: true }>()
    // Keys only for sealed reviews: imported ratings (no review) never look one up.
    const reviewers = [
      ...new Set(
        events.flatMap((event) =>
          event.type === 'RatingGiven' && isSealed(event.data.review) ? [event.data.userId] : [],
        ),
      ),
    ]
    const keys = new Map(
      reviewers.length === 0
        ? []
        : (
            await trx
              .withSchema('public')
              .selectFrom('user_keys')
              .select(['user_id', 'key'])
              .where('user_id', 'in', reviewers)
              .execute()
          ).map((row) => [row.user_id, row.key]),
    )
    const erased: string[] = []
    for (const stored of events) {
      const event = openFreeText(stored, (userId) => keys.get(userId) ?? null)
      if (event.type === 'UserErased') erased.push(event.data.userId)
      else if (event.type === 'RatingGiven') {
        const data = event.data
        latest.set(`${data.userId}/${data.movieId}`, {
          user_id: data.userId,
          movie_id: data.movieId,
          stars: data.stars,
          review: data.review,
          rated_at: event.metadata.occurredAt ?? data.ratedAt,
        })
      } else if (event.type === 'RatingRemoved') {
        const data = event.data
        latest.set(`${data.userId}/${data.movieId}`, {
          user_id: data.userId,
          movie_id: data.movieId,
          removed: true,
        })
      }
    }
    const upserts: Row[] = []
    const removals: { user_id: string; movie_id: string }[] = []
    for (const change of latest.values()) {
      if ('removed' in change) removals.push({ user_id: change.user_id, movie_id: change.movie_id })
      else upserts.push(change)
    }
    await insertRows(
      trx,
      'user_ratings',
      upserts,
      { user_id: 'uuid', movie_id: 'uuid', stars: 'numeric', review: 'text', rated_at: 'timestamptz' },
      sql`ON CONFLICT (user_id, movie_id) DO UPDATE
          SET stars = excluded.stars, review = excluded.review, rated_at = excluded.rated_at`,
    )
    await deleteRows(trx, 'user_ratings', removals, { user_id: 'uuid', movie_id: 'uuid' })
    // After the batch's upserts: a review given before the erasure in this batch goes too.
    if (erased.length > 0) {
      await trx.updateTable('user_ratings').set({ review: null }).where('user_id', 'in', erased).execute()
    }
  },
})
