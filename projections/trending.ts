/**
 * trending (Redis): weighted interactions per movie in hour buckets, summed at read time into
 * sliding day (24 h) and week (168 h) windows, plus an all-time sorted set; genre sets narrow any
 * window to a genre. Keys, relative to the generation prefix:
 * - `h:<YYYYMMDDHH>` (UTC hour) sorted set movieId -> weight, expiring after 8 days;
 * - `all` sorted set movieId -> weight; `genre:<slug>` set of the movie ids listed under the genre.
 * Only attention counts: an unlike does not unsay a like. A removed movie leaves `all` and its genres.
 */
import { defineProjection, type RedisCommand } from '../src/projector/projection.ts'
import { genreSlug } from './movies.ts'

export const TRENDING_WEIGHTS = { watch: 1, like: 2, favorite: 3, highRating: 3, comment: 2 } as const
/** Hour buckets outlive the week window by a day, so a rebuild's old buckets also go away. */
export const HOUR_BUCKET_TTL_SECONDS = 8 * 24 * 3600
export const ALL_TIME_KEY = 'all'
const HOUR_MS = 3_600_000
let lastHour = Number.NaN
let lastHourKey = ''
/** `h:YYYYMMDDHH` (UTC) of the hour `at` falls in; the last one is kept (every trending request asks). */
export function hourKey(at: Date): string {
  const hour = Math.floor(at.getTime() / HOUR_MS)
  if (hour !== lastHour) {
    lastHourKey = `h:${at.toISOString().slice(0, 13).replace(/[-T]/g, '')}`
    lastHour = hour
  }
  return lastHourKey
}
export const genreKey = (slug: string) => `genre:${slug}`

const isHigh = (stars: number | null | undefined) => stars != null && stars >= 4

export const trending = defineProjection({
  kind: 'redis',
  name: 'trending',
  version: 1,
  handles: [
    'MovieAdded',
    // Added without a version bump: no MovieImported event existed before this type was handled.
    'MovieImported',
    'MovieDetailsUpdated',
    'MovieRemoved',
    'MovieWatched',
    'MovieLiked',
    'MovieFavorited',
    'RatingGiven',
    // Added without a version bump: no comment event existed before this type was handled.
    'CommentAdded',
  ],
  apply(events) {
    // Sum per (bucket, movie) over the batch: a few commands however many events.
    const buckets = new Map<string, Map<string, number>>()
    const allTime = new Map<string, number>()
    const commands: RedisCommand[] = []
    // An hour that its bucket's TTL would already have expired gets no bucket: no window can read
    // it. Rebuilds and imports of old ratings (MovieLens: years back) then leave no dead keys.
    const oldestBucket = Date.now() - HOUR_BUCKET_TTL_SECONDS * 1000
    const add = (movieId: string, at: Date, weight: number) => {
      allTime.set(movieId, (allTime.get(movieId) ?? 0) + weight)
      if (at.getTime() < oldestBucket) return
      const key = hourKey(at)
      const bucket = buckets.get(key) ?? new Map<string, number>()
      bucket.set(movieId, (bucket.get(movieId) ?? 0) + weight)
      buckets.set(key, bucket)
    }
    const flushAllTime = () => {
      for (const [movieId, weight] of allTime) commands.push(['ZINCRBY', ALL_TIME_KEY, weight, movieId])
      allTime.clear()
    }
    for (const event of events) {
      const at = new Date(event.metadata.occurredAt ?? event.createdAt)
      const movieId = event.data.movieId
      switch (event.type) {
        case 'MovieAdded':
        case 'MovieImported':
          for (const genre of event.data.genres) commands.push(['SADD', genreKey(genreSlug(genre)), movieId])
          break
        case 'MovieDetailsUpdated': {
          const { changes, previous } = event.data
          if (changes.genres === undefined) break
          for (const genre of previous.genres ?? [])
            commands.push(['SREM', genreKey(genreSlug(genre)), movieId])
          for (const genre of changes.genres) commands.push(['SADD', genreKey(genreSlug(genre)), movieId])
          break
        }
        case 'MovieRemoved':
          // Earlier increments of this batch must land before the removal takes the movie out.
          flushAllTime()
          commands.push(['ZREM', ALL_TIME_KEY, movieId])
          for (const genre of event.data.genres ?? [])
            commands.push(['SREM', genreKey(genreSlug(genre)), movieId])
          break
        case 'MovieWatched': {
          const watchedAt = event.data.watchedAt
          add(movieId, watchedAt ? new Date(watchedAt) : at, TRENDING_WEIGHTS.watch)
          break
        }
        case 'MovieLiked':
          add(movieId, at, TRENDING_WEIGHTS.like)
          break
        case 'MovieFavorited':
          add(movieId, at, TRENDING_WEIGHTS.favorite)
          break
        case 'CommentAdded':
          // Replies count too: a discussion is attention.
          add(movieId, at, TRENDING_WEIGHTS.comment)
          break
        case 'RatingGiven': {
          const data = event.data
          // A high rating counts once: re-rating 5 -> 4 is not new attention.
          if (isHigh(data.stars) && !isHigh(data.previousStars)) add(movieId, at, TRENDING_WEIGHTS.highRating)
          break
        }
      }
    }
    for (const [key, bucket] of buckets) {
      for (const [movieId, weight] of bucket) commands.push(['ZINCRBY', key, weight, movieId])
      commands.push(['EXPIRE', key, HOUR_BUCKET_TTL_SECONDS])
    }
    flushAllTime()
    return commands
  },
})
