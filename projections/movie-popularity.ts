/**
 * movie_popularity (Redis): per movie, the number of ratings and the sum of their stars (hash
 * `movie:<id>`), and an all-time popularity sorted set `popularity` scored by ratings.
 */
import { defineProjection, type RedisCommand } from '../src/projector/projection.ts'

export const movieKey = (movieId: string) => `movie:${movieId}`
export const POPULARITY_KEY = 'popularity'

export const moviePopularity = defineProjection({
  kind: 'redis',
  name: 'movie_popularity',
  version: 1,
  handles: ['RatingGiven', 'RatingRemoved'],
  apply(events) {
    // Net change per movie for the whole batch: a few commands however many events.
    const changes = new Map<string, { ratings: number; stars: number }>()
    const change = (movieId: string) => {
      let entry = changes.get(movieId)
      if (!entry) {
        entry = { ratings: 0, stars: 0 }
        changes.set(movieId, entry)
      }
      return entry
    }
    for (const event of events) {
      if (event.type === 'RatingGiven') {
        const data = event.data
        const entry = change(data.movieId)
        const previous = data.previousStars ?? null
        if (previous === null) entry.ratings += 1
        entry.stars += data.stars - (previous ?? 0)
      } else if (event.type === 'RatingRemoved') {
        const data = event.data
        const entry = change(data.movieId)
        entry.ratings -= 1
        entry.stars -= data.stars
      }
    }
    const commands: RedisCommand[] = []
    for (const [movieId, { ratings, stars }] of changes) {
      if (ratings !== 0) commands.push(['HINCRBY', movieKey(movieId), 'ratings', ratings])
      // Stars may be halves (imports): a float increment, stored exactly enough for sums of halves.
      if (stars !== 0) commands.push(['HINCRBYFLOAT', movieKey(movieId), 'stars', stars])
      if (ratings !== 0) commands.push(['ZINCRBY', POPULARITY_KEY, ratings, movieId])
    }
    return commands
  },
})
