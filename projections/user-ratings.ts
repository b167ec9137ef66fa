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
type Change = Row | { user_id: string; movie_id: string; removed: true }

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
  // A rebuild appends each batch's last change per (user, movie) and each erasure, and keeps the
  // last change of every pair once caught up: no upsert per rating and batch.
  staging: {
    tables: ['user_ratings_staged', 'user_ratings_erasures_staged'],
    async setup(db) {
      await db.schema
        .createTable('user_ratings_staged')
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('movie_id', 'uuid', (c) => c.notNull())
        .addColumn('stars', sql`numeric(2,1)`)
        .addColumn('review', 'text')
        .addColumn('rated_at', 'timestamptz')
        // Null stars: the rating was removed.
        // The change's batch's last event, twice: the last one per pair wins (a batch stages one
        // change per pair; before, each change's own event, which orders the same), and an erasure
        // clears the reviews standing at the end of its batch.
        .addColumn('position', sql`text COLLATE "C"`, (c) => c.notNull())
        .addColumn('batch', sql`text COLLATE "C"`, (c) => c.notNull())
        .modifyEnd(sql`WITH (autovacuum_enabled = false)`)
        .execute()
      await db.schema
        .createTable('user_ratings_erasures_staged')
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('batch', sql`text COLLATE "C"`, (c) => c.notNull())
        .modifyEnd(sql`WITH (autovacuum_enabled = false)`)
        .execute()
    },
    async fold(db) {
      // Raw SQL: DISTINCT ON, the last change of each pair; its review cleared by an erasure of the
      // user in the same batch or a later one, as the batch's UPDATE would have.
      await sql`
        INSERT INTO user_ratings (user_id, movie_id, stars, review, rated_at)
        SELECT l.user_id, l.movie_id, l.stars,
               CASE WHEN l.review IS NOT NULL AND EXISTS (
                 SELECT 1 FROM user_ratings_erasures_staged AS e
                 WHERE e.user_id = l.user_id AND e.batch >= l.batch) THEN NULL ELSE l.review END,
               l.rated_at
        FROM (
          SELECT DISTINCT ON (user_id, movie_id) * FROM user_ratings_staged
          ORDER BY user_id, movie_id, position DESC) AS l
        WHERE l.stars IS NOT NULL`.execute(db)
    },
  },
  async apply(events, trx, options) {
    // Last event per (user, movie) wins; the batch then becomes one upsert and one delete.
    const latest = new Map<string, Change>()
    // Keys only for sealed reviews: imported ratings (no review) never look one up.
    const sealedBy = new Set<string>()
    for (const event of events) {
      if (event.type === 'RatingGiven' && isSealed(event.data.review)) sealedBy.add(event.data.userId)
    }
    const reviewers = [...sealedBy]
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
    if (options?.staged) {
      const batch = (events.at(-1) as (typeof events)[number]).position
      // One change per pair in a batch (`latest`), so the batch's position orders them as well as
      // each change's own: sent once for all rows, not as two arrays of 32-character tokens.
      await insertRows(
        trx,
        'user_ratings_staged',
        // A removal has no stars, review or time: null in the staged row.
        [...latest.values()] as Partial<Row>[],
        { user_id: 'uuid', movie_id: 'uuid', stars: 'numeric', review: 'text', rated_at: 'timestamptz' },
        undefined,
        { position: { value: batch, type: 'text' }, batch: { value: batch, type: 'text' } },
      )
      await insertRows(
        trx,
        'user_ratings_erasures_staged',
        erased.map((user_id) => ({ user_id, batch })),
        { user_id: 'uuid', batch: 'text' },
      )
      return
    }
    const upserts: Row[] = []
    const removals: { user_id: string; movie_id: string }[] = []
    for (const change of latest.values()) {
      if ('removed' in change) removals.push({ user_id: change.user_id, movie_id: change.movie_id })
      else
        upserts.push({
          user_id: change.user_id,
          movie_id: change.movie_id,
          stars: change.stars,
          review: change.review,
          rated_at: change.rated_at,
        })
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
