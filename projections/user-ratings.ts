/** user_ratings: each user's current rating of each movie (GET /api/v1/me/ratings). */
import type { RatingGiven, RatingRemoved } from '../src/domain/interaction/interaction.ts'
import type { PostgresProjection } from '../src/projection/projection.ts'

type Row = { user_id: string; movie_id: string; stars: number; review: string | null; rated_at: string }

export const userRatings: PostgresProjection = {
  name: 'user_ratings',
  version: 1,
  handles: ['RatingGiven', 'RatingRemoved'],
  async apply(events, trx) {
    // Last event per (user, movie) wins; the batch then becomes one upsert and one delete.
    const latest = new Map<string, Row | { user_id: string; movie_id: string; removed: true }>()
    for (const event of events) {
      if (event.type === 'RatingGiven') {
        const data = event.data as RatingGiven['data']
        latest.set(`${data.userId}/${data.movieId}`, {
          user_id: data.userId,
          movie_id: data.movieId,
          stars: data.stars,
          review: data.review,
          rated_at: event.metadata.occurredAt ?? data.ratedAt,
        })
      } else if (event.type === 'RatingRemoved') {
        const data = event.data as RatingRemoved['data']
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
}
