/**
 * Trending movies from the trending Redis projection: hour buckets summed into the asked window
 * (optionally narrowed to a genre) through the key-value port (one Lua script on Redis), titles
 * joined from the movies read model in one query. One path for both adapters. Answers are cached
 * under the projection's checkpoint and the current hour, so any new projected event (or the window
 * sliding) makes a new key: invalidation by events, the TTL only collects garbage. The cached entry
 * is the ETag (read before the data, as etag.ts does) and the JSON text: a hit is one round trip
 * (the active generation, its checkpoint and the entry, read as a chain) and no query, parse or
 * serialisation.
 */
import type { Kysely } from 'kysely'
import { genreSlug, movies } from '../../../projections/movies.ts'
import { ALL_TIME_KEY, genreKey, hourKey, trending } from '../../../projections/trending.ts'
import type { Database } from '../../db/schema.ts'
import type { KeyValueStore } from '../../key-value/contract.ts'
import { generationKeyPrefix, type Projection } from '../../projector/projection.ts'

const tagged = [trending, movies]

export type TrendingWindow = 'day' | 'week' | 'all'
export const WINDOW_HOURS = { day: 24, week: 168 } as const
const CACHE_TTL_SECONDS = 300
/** Extra candidates fetched so that removed movies (filtered by the join) rarely shorten a page. */
const SPARE = 10

export type TrendingItem = {
  movieId: string
  title: string
  year: number | null
  genres: string[]
  score: number
}
export type TrendingAnswer = { window: TrendingWindow; genre: string | null; items: TrendingItem[] }

/** The hour bucket keys of a window ending in the current hour. */
export function windowBuckets(window: 'day' | 'week', now: Date): string[] {
  const hour = Math.floor(now.getTime() / 3_600_000) * 3_600_000
  return Array.from({ length: WINDOW_HOURS[window] }, (_, i) => hourKey(new Date(hour - i * 3_600_000)))
}

/** The active generation, its checkpoint and the cached answer for them ('' for what is missing), in one round trip. */
async function lookup(store: KeyValueStore, variant: string) {
  const [generation, checkpoint, cached] = await store.getChain([
    `proj:${trending.name}:active`,
    `proj:${trending.name}:g{0}:checkpoint`,
    `cache:trending:g{0}:{1}:${variant}`,
  ])
  if (generation === null || generation === undefined) return ['', '', ''] as const
  return [generation, checkpoint ?? '', cached ?? ''] as const
}

export type TrendingResult = {
  /** The JSON text of a TrendingAnswer. */
  answer: string
  /** The ETag value (unquoted) of this answer: the trending and movies positions, and the hour. */
  tag: string
  cached: boolean
}

export async function trendingMovies(
  deps: {
    /** The positions of projections (projectionTag or ProjectionTags.tag). */
    tags: (projections: readonly Pick<Projection, 'name'>[]) => Promise<string>
    db: Kysely<Database>
    /** The app's store: keys after its REDIS_KEY_PREFIX. */
    keyValue: KeyValueStore
  },
  query: { window: TrendingWindow; genre: string | null; limit: number; now: Date },
): Promise<TrendingResult> {
  const { keyValue } = deps
  const genre = query.genre === null ? null : genreSlug(query.genre)
  const hour = hourKey(query.now)
  const variant = `${query.window}:${genre ?? ''}:${query.limit}:${query.window === 'all' ? '' : hour}`
  const [generation, checkpoint, cached] = await lookup(keyValue, variant)
  const split = cached.indexOf('\n')
  if (split > 0) return { tag: cached.slice(0, split), answer: cached.slice(split + 1), cached: true }
  // The tag before the data: it can only be older than the answer, never newer.
  const tag = `${await deps.tags(tagged)}-${hour}`
  let top: [string, number][] = []
  if (generation !== '') {
    const generationPrefix = generationKeyPrefix(trending.name, Number(generation))
    const sources = query.window === 'all' ? [ALL_TIME_KEY] : windowBuckets(query.window, query.now)
    top = await keyValue.topOfUnion(
      sources.map((source) => `${generationPrefix}${source}`),
      genre === null ? null : `${generationPrefix}${genreKey(genre)}`,
      query.limit + SPARE,
    )
  }
  const scores = new Map<string, number>(top)
  const rows =
    scores.size === 0
      ? []
      : await deps.db
          .selectFrom('movies')
          .select(['id', 'title', 'year', 'genre_names'])
          .where('id', 'in', [...scores.keys()])
          .where('removed_at', 'is', null)
          .execute()
  const byId = new Map(rows.map((row) => [row.id, row]))
  const items: TrendingItem[] = []
  for (const [movieId, score] of scores) {
    const row = byId.get(movieId)
    if (!row) continue
    items.push({ movieId, title: row.title, year: row.year, genres: row.genre_names, score })
    if (items.length === query.limit) break
  }
  const answer = JSON.stringify({ window: query.window, genre, items } satisfies TrendingAnswer)
  if (generation !== '') {
    const key = `cache:trending:g${generation}:${checkpoint}:${variant}`
    const entry = `${tag}\n${answer}`
    await keyValue.set(key, entry, CACHE_TTL_SECONDS)
  }
  return { answer, tag, cached: false }
}
