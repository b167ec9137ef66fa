/**
 * user_watchlist: the movies each user wants to watch, for GET /me/watchlist, the viewer's own state
 * on GET /movies/:id and the recommender's watchlist signal. A movie leaves the list when the user
 * takes it off, watches at least WATCHLIST_DONE_PROGRESS of it or rates it (`endsWatchlist`), and
 * every row of a user goes when the user is erased.
 */
import { endsWatchlist } from '../src/domain/interaction/interaction.ts'
import { defineProjection } from '../src/projector/projection.ts'
import { deleteRows, insertRows } from '../src/projector/set-based.ts'

type Mark = { user_id: string; movie_id: string; at: string | null }

export const userWatchlist = defineProjection({
  kind: 'postgres',
  name: 'user_watchlist',
  version: 1,
  handles: ['MovieWatchlisted', 'MovieUnwatchlisted', 'MovieWatched', 'RatingGiven', 'UserErased'],
  tables: ['user_watchlist'],
  async setup(db) {
    await db.schema
      .createTable('user_watchlist')
      .addColumn('user_id', 'uuid', (c) => c.notNull())
      .addColumn('movie_id', 'uuid', (c) => c.notNull())
      .addColumn('watchlisted_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_watchlist_pk', ['user_id', 'movie_id'])
      .execute()
  },
  async indexes(db) {
    // Backs GET /me/watchlist: newest first, keyset on (watchlisted_at, movie_id).
    await db.schema
      .createIndex('user_watchlist_by_user_recent')
      .ifNotExists()
      .on('user_watchlist')
      .columns(['user_id', 'watchlisted_at desc', 'movie_id desc'])
      .execute()
  },
  async apply(events, trx) {
    // The last mark per (user, movie) in the batch wins (null `at`: off the list); an erasure
    // drops the user's earlier marks of the batch and clears their rows first.
    const marks = new Map<string, Mark>()
    const erased = new Set<string>()
    for (const event of events) {
      if (event.type === 'UserErased') {
        erased.add(event.data.userId)
        for (const [key, mark] of marks) if (mark.user_id === event.data.userId) marks.delete(key)
        continue
      }
      const { userId, movieId } = event.data
      const key = `${userId}/${movieId}`
      if (event.type === 'MovieWatchlisted') {
        marks.set(key, { user_id: userId, movie_id: movieId, at: event.data.watchlistedAt })
      } else if (endsWatchlist(event)) {
        marks.set(key, { user_id: userId, movie_id: movieId, at: null })
      }
    }
    if (erased.size > 0) {
      await trx
        .deleteFrom('user_watchlist')
        .where('user_id', 'in', [...erased])
        .execute()
    }
    const all = [...marks.values()]
    if (all.length === 0) return
    // Clear every pair the batch touched, then write the ones that end on the list.
    await deleteRows(
      trx,
      'user_watchlist',
      all.map((m) => ({ user_id: m.user_id, movie_id: m.movie_id })),
      { user_id: 'uuid', movie_id: 'uuid' },
    )
    const on = all.flatMap((m) =>
      m.at === null ? [] : [{ user_id: m.user_id, movie_id: m.movie_id, watchlisted_at: m.at }],
    )
    await insertRows(trx, 'user_watchlist', on, {
      user_id: 'uuid',
      movie_id: 'uuid',
      watchlisted_at: 'timestamptz',
    })
  },
})
