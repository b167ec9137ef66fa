/**
 * user_library: each user's favourites and likes (current state) and watch history (one row per
 * viewing), for GET /me/favorites, /me/history and the viewer's own state on GET /movies/:id.
 */
import { sql } from 'kysely'
import { defineProjection } from '../src/projector/projection.ts'
import { deleteRows, insertRows } from '../src/projector/set-based.ts'

type Key = { user_id: string; movie_id: string }
type Mark = Key & { at: string; on: boolean }

/** The tables of marks, with the column of the time marked. */
const MARK_TABLES = [
  ['user_favorites', 'favorited_at'],
  ['user_likes', 'liked_at'],
] as const

export const userLibrary = defineProjection({
  kind: 'postgres',
  name: 'user_library',
  version: 1,
  handles: ['MovieFavorited', 'MovieUnfavorited', 'MovieLiked', 'MovieUnliked', 'MovieWatched'],
  tables: ['user_favorites', 'user_likes', 'watch_history'],
  async setup(db) {
    for (const [table, column] of [
      ['user_favorites', 'favorited_at'],
      ['user_likes', 'liked_at'],
    ] as const) {
      await db.schema
        .createTable(table)
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('movie_id', 'uuid', (c) => c.notNull())
        .addColumn(column, 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint(`${table}_pk`, ['user_id', 'movie_id'])
        .execute()
    }
    await db.schema
      .createTable('watch_history')
      .addColumn('event_id', 'uuid', (c) => c.primaryKey())
      .addColumn('user_id', 'uuid', (c) => c.notNull())
      .addColumn('movie_id', 'uuid', (c) => c.notNull())
      .addColumn('progress', sql`numeric(4,3)`, (c) => c.notNull())
      .addColumn('watched_at', 'timestamptz', (c) => c.notNull())
      .execute()
  },
  // Query-only: a rebuild creates them once caught up (see PostgresProjection.indexes).
  async indexes(db) {
    // Backs GET /me/favorites: newest first, keyset on (favorited_at, movie_id).
    await db.schema
      .createIndex('user_favorites_by_user_recent')
      .ifNotExists()
      .on('user_favorites')
      .columns(['user_id', 'favorited_at desc', 'movie_id desc'])
      .execute()
    // Backs GET /me/history: newest first, keyset on (watched_at, event_id).
    await db.schema
      .createIndex('watch_history_by_user_recent')
      .ifNotExists()
      .on('watch_history')
      .columns(['user_id', 'watched_at desc', 'event_id desc'])
      .execute()
  },
  // A rebuild appends each batch's last mark per (user, movie) and keeps the last one of all once
  // caught up: no delete and insert per touched pair and batch.
  staging: {
    tables: ['user_marks_staged'],
    async setup(db) {
      await db.schema
        .createTable('user_marks_staged')
        .addColumn('mark', 'text', (c) => c.notNull())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('movie_id', 'uuid', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('marked', 'boolean', (c) => c.notNull())
        // The last event of the marking batch (one mark per pair and batch; before, the marking
        // event's own, which orders the same): the last one per pair wins.
        .addColumn('position', sql`text COLLATE "C"`, (c) => c.notNull())
        .modifyEnd(sql`WITH (autovacuum_enabled = false)`)
        .execute()
    },
    async fold(db) {
      for (const [table, column] of MARK_TABLES) {
        // Raw SQL: DISTINCT ON, the last mark of each pair.
        await sql`
          INSERT INTO ${sql.id(table)} (user_id, movie_id, ${sql.id(column)})
          SELECT user_id, movie_id, at FROM (
            SELECT DISTINCT ON (user_id, movie_id) user_id, movie_id, at, marked
            FROM user_marks_staged WHERE mark = ${table}
            ORDER BY user_id, movie_id, position DESC) AS last
          WHERE marked`.execute(db)
      }
    },
  },
  async apply(events, trx, options) {
    // The last mark per (user, movie) in the batch wins: one upsert and one delete per table.
    const marks = { user_favorites: new Map<string, Mark>(), user_likes: new Map<string, Mark>() }
    const watches: {
      event_id: string
      user_id: string
      movie_id: string
      progress: number
      watched_at: string
    }[] = []
    for (const event of events) {
      const data = event.data
      const at = event.metadata.occurredAt ?? event.createdAt.toISOString()
      const key = `${data.userId}/${data.movieId}`
      const mark = (on: boolean, when: string | undefined): Mark => ({
        user_id: data.userId,
        movie_id: data.movieId,
        at: when ?? at,
        on,
      })
      switch (event.type) {
        case 'MovieFavorited':
          marks.user_favorites.set(key, mark(true, event.data.favoritedAt))
          break
        case 'MovieUnfavorited':
          marks.user_favorites.set(key, mark(false, undefined))
          break
        case 'MovieLiked':
          marks.user_likes.set(key, mark(true, event.data.likedAt))
          break
        case 'MovieUnliked':
          marks.user_likes.set(key, mark(false, undefined))
          break
        case 'MovieWatched': {
          const watched = event.data
          watches.push({
            event_id: event.id,
            user_id: watched.userId,
            movie_id: watched.movieId,
            progress: watched.progress,
            watched_at: watched.watchedAt ?? at,
          })
          break
        }
      }
    }
    if (options?.staged) {
      // One mark per pair and table in a batch (`marks`), so the batch's last event orders them as
      // well as each mark's own: one parameter for all rows, not an array of 32-character tokens.
      await insertRows(
        trx,
        'user_marks_staged',
        MARK_TABLES.flatMap(([table]) =>
          [...marks[table].values()].map((m) => ({
            mark: table,
            user_id: m.user_id,
            movie_id: m.movie_id,
            at: m.at,
            marked: m.on,
          })),
        ),
        { mark: 'text', user_id: 'uuid', movie_id: 'uuid', at: 'timestamptz', marked: 'boolean' },
        undefined,
        { position: { value: (events.at(-1) as (typeof events)[number]).position, type: 'text' } },
      )
    }
    for (const [table, column] of options?.staged ? [] : MARK_TABLES) {
      const all = [...marks[table].values()]
      if (all.length === 0) continue
      // Clear every pair the batch touched, then write the ones that end marked: a re-favourite
      // gets its new time, an unfavourite leaves no row.
      await deleteRows(
        trx,
        table,
        all.map((m) => ({ user_id: m.user_id, movie_id: m.movie_id })),
        { user_id: 'uuid', movie_id: 'uuid' },
      )
      await insertRows(
        trx,
        table,
        all.flatMap((m) => (m.on ? [{ user_id: m.user_id, movie_id: m.movie_id, [column]: m.at }] : [])),
        { user_id: 'uuid', movie_id: 'uuid', [column]: 'timestamptz' },
      )
    }
    await insertRows(
      trx,
      'watch_history',
      watches,
      { event_id: 'uuid', user_id: 'uuid', movie_id: 'uuid', progress: 'numeric', watched_at: 'timestamptz' },
      sql`ON CONFLICT (event_id) DO NOTHING`,
    )
  },
})
