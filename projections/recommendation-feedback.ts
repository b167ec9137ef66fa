/**
 * recommendation_feedback: what the recommender needs besides the interaction read models.
 * - `user_dismissals`: the movies each user said "not interested" to (MovieDismissed), which
 *   recommendations leave out;
 * - `user_activity`: per user, the position of their last interaction event of any kind and how
 *   many there were. The position is the version of the user's cached recommendations: a new
 *   rating, favourite, watch or dismissal moves it, so the next read misses the cache.
 */
import { sql } from 'kysely'
import { defineProjection } from '../src/projector/projection.ts'
import { insertRows } from '../src/projector/set-based.ts'

/** Every event type of the interaction stream: each one changes what a user should be offered. */
export const INTERACTION_EVENT_TYPES = [
  'RatingGiven',
  'RatingRemoved',
  'MovieFavorited',
  'MovieUnfavorited',
  'MovieLiked',
  'MovieUnliked',
  'MovieWatched',
  'MovieDismissed',
  'MovieWatchlisted',
  'MovieUnwatchlisted',
] as const

export const recommendationFeedback = defineProjection({
  kind: 'postgres',
  name: 'recommendation_feedback',
  version: 1,
  handles: INTERACTION_EVENT_TYPES,
  tables: ['user_dismissals', 'user_activity'],
  async setup(db) {
    await db.schema
      .createTable('user_dismissals')
      .addColumn('user_id', 'uuid', (c) => c.notNull())
      .addColumn('movie_id', 'uuid', (c) => c.notNull())
      .addColumn('dismissed_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_dismissals_pk', ['user_id', 'movie_id'])
      .execute()
    await db.schema
      .createTable('user_activity')
      .addColumn('user_id', 'uuid', (c) => c.primaryKey())
      // Position tokens are fixed-width hex: byte order (COLLATE "C") is log order.
      .addColumn('last_position', sql`text COLLATE "C"`, (c) => c.notNull())
      .addColumn('events', 'bigint', (c) => c.notNull())
      .execute()
  },
  // A rebuild appends each batch's activity per user and sums it once caught up: a user appears in
  // most batches of a rebuild, and an upsert per batch was a fifth of its PostgreSQL time.
  staging: {
    tables: ['user_activity_staged'],
    async setup(db) {
      await db.schema
        .createTable('user_activity_staged')
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('last_position', sql`text COLLATE "C"`, (c) => c.notNull())
        .addColumn('events', 'bigint', (c) => c.notNull())
        .modifyEnd(sql`WITH (autovacuum_enabled = false)`)
        .execute()
    },
    async fold(db) {
      // Raw SQL: an aggregate merged with ON CONFLICT.
      await sql`
        INSERT INTO user_activity (user_id, last_position, events)
        SELECT user_id, max(last_position), sum(events)::bigint FROM user_activity_staged GROUP BY user_id
        ON CONFLICT (user_id) DO UPDATE
        SET last_position = excluded.last_position, events = user_activity.events + excluded.events`.execute(
        db,
      )
    },
  },
  async apply(events, trx, options) {
    const activity = new Map<string, { last_position: string; events: number }>()
    const dismissals = new Map<string, { user_id: string; movie_id: string; dismissed_at: string }>()
    for (const event of events) {
      const { userId, movieId } = event.data
      const entry = activity.get(userId) ?? { last_position: event.position, events: 0 }
      entry.last_position = event.position
      entry.events += 1
      activity.set(userId, entry)
      // The first dismissal stays (the insert below does nothing over an existing row): within a
      // batch too, so a rebuild's large batches keep the time that live batches of one kept.
      if (event.type === 'MovieDismissed' && !dismissals.has(`${userId}/${movieId}`)) {
        const data = event.data
        dismissals.set(`${userId}/${movieId}`, {
          user_id: userId,
          movie_id: movieId,
          dismissed_at: data.dismissedAt,
        })
      }
    }
    if (dismissals.size > 0) {
      await trx
        .insertInto('user_dismissals')
        .values([...dismissals.values()])
        .onConflict((oc) => oc.columns(['user_id', 'movie_id']).doNothing())
        .execute()
    }
    const rows = [...activity].map(([user_id, a]) => ({ user_id, ...a }))
    const types = { user_id: 'uuid', last_position: 'text', events: 'bigint' } as const
    if (options?.staged) await insertRows(trx, 'user_activity_staged', rows, types)
    else {
      await insertRows(
        trx,
        'user_activity',
        rows,
        types,
        sql`ON CONFLICT (user_id) DO UPDATE
          SET last_position = excluded.last_position, events = user_activity.events + excluded.events`,
      )
    }
  },
})
