/** user_ratings: each user's current rating of each movie (GET /api/v1/me/ratings). */
import { sql } from 'kysely'
import { defineProjection } from '../src/projector/projection.ts'

type Row = { user_id: string; movie_id: string; stars: number; review: string | null; rated_at: string }

export const userRatings = defineProjection({
  kind: 'postgres',
  name: 'user_ratings',
  version: 1,
  handles: ['RatingGiven', 'RatingRemoved'],
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
    for (const event of events) {
      if (event.type === 'RatingGiven') {
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
    if (upserts.length > 0) {
      await trx
        .insertInto('user_ratings')
        .values(upserts)
        .onConflict((oc) =>
          oc.columns(['user_id', 'movie_id']).doUpdateSet((eb) => ({
            stars: eb.ref('excluded.stars'),
            review: eb.ref('excluded.review'),
            rated_at: eb.ref('excluded.rated_at'),
          })),
        )
        .execute()
    }
    if (removals.length > 0) {
      await trx
        .deleteFrom('user_ratings')
        .where((eb) =>
          eb.or(
            removals.map((r) => eb.and([eb('user_id', '=', r.user_id), eb('movie_id', '=', r.movie_id)])),
          ),
        )
        .execute()
    }
  },
})
