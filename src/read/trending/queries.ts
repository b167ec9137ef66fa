/**
 * Trending movies from the trending Redis projection: hour buckets summed into the asked window
 * (optionally narrowed to a genre) by a Lua script, titles joined from the movies read model in one
 * query. Answers are cached in Redis under the projection's checkpoint and the current hour, so any
 * new projected event (or the window sliding) makes a new key: invalidation by events, the TTL only
 * collects garbage. The cached entry is the ETag (read before the data, as etag.ts does) and the
 * JSON text: a hit is one Redis round trip (scripts by SHA) and no query, parse or serialisation.
 */
import type { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { genreSlug, movies } from '../../../projections/movies.ts'
import { ALL_TIME_KEY, genreKey, hourKey, trending } from '../../../projections/trending.ts'
import type { Database } from '../../db/schema.ts'
import { MemoryStore } from '../../embedded/memory-store.ts'
import { generationKeyPrefix, type Projection } from '../../projector/projection.ts'

const tagged = [trending, movies]

export type TrendingWindow = 'day' | 'week' | 'all'
export const WINDOW_HOURS = { day: 24, week: 168 } as const
const CACHE_TTL_SECONDS = 300
/** Extra candidates fetched so that removed movies (filtered by the join) rarely shorten a page. */
const SPARE = 10

// One round trip: the active generation, its checkpoint and the cached answer for them.
const LOOKUP = `
local gen = redis.call('GET', ARGV[1] .. 'proj:' .. ARGV[2] .. ':active')
if not gen then return {'', '', ''} end
local cp = redis.call('GET', ARGV[1] .. 'proj:' .. ARGV[2] .. ':g' .. gen .. ':checkpoint') or ''
local cached = redis.call('GET', ARGV[1] .. 'cache:trending:g' .. gen .. ':' .. cp .. ':' .. ARGV[3]) or ''
return {gen, cp, cached}
`

// Sums the window's buckets (or reads all-time), narrows to a genre, answers the top entries.
const RANK = `
local base, tmp, genre, count = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local source = base .. ARGV[5]
if #ARGV > 5 then
  local keys = {}
  for i = 5, #ARGV do keys[#keys + 1] = base .. ARGV[i] end
  redis.call('ZUNIONSTORE', tmp, #keys, unpack(keys))
  source = tmp
end
if genre ~= '' then
  redis.call('ZINTERSTORE', tmp, 2, source, base .. genre, 'WEIGHTS', 1, 0)
  source = tmp
end
local top = redis.call('ZREVRANGE', source, 0, count - 1, 'WITHSCORES')
redis.call('DEL', tmp)
return top
`

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

/**
 * LOOKUP in embedded mode: the same keys on the in-process store. `store` is the app's view, whose
 * keys already carry the app's prefix (as ioredis' keyPrefix does for the cache key below).
 */
async function lookupInMemory(store: MemoryStore, variant: string) {
  const generation = await store.get(`proj:${trending.name}:active`)
  if (generation === null) return ['', '', ''] as const
  const checkpoint = (await store.get(`proj:${trending.name}:g${generation}:checkpoint`)) ?? ''
  const cached = (await store.get(`cache:trending:g${generation}:${checkpoint}:${variant}`)) ?? ''
  return [generation, checkpoint, cached] as const
}

type Scripts = {
  nexusTrendingLookup(prefix: string, projection: string, variant: string): Promise<[string, string, string]>
  nexusTrendingRank(...args: (string | number)[]): Promise<string[]>
}

/**
 * The scripts as ioredis commands: sent by SHA (EVALSHA), loaded once per connection. The API defines
 * them when its routes register (defineTrendingScripts), before any traffic: ioredis copies custom
 * commands into an auto-pipeline when it opens one, so a script first defined while a pipeline
 * waits makes that pipeline throw and its results reach no one (every later command hangs).
 */
export function defineTrendingScripts(redis: Redis): void {
  scripts(redis)
}

function scripts(redis: Redis): Scripts {
  if (!('nexusTrendingLookup' in redis)) {
    redis.defineCommand('nexusTrendingLookup', { numberOfKeys: 0, lua: LOOKUP })
    redis.defineCommand('nexusTrendingRank', { numberOfKeys: 0, lua: RANK })
  }
  return redis as unknown as Scripts
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
    redis: Redis | MemoryStore
    keyPrefix: string
  },
  query: { window: TrendingWindow; genre: string | null; limit: number; now: Date },
): Promise<TrendingResult> {
  const { redis, keyPrefix } = deps
  const memory = redis instanceof MemoryStore ? redis : null
  const genre = query.genre === null ? null : genreSlug(query.genre)
  const hour = hourKey(query.now)
  const variant = `${query.window}:${genre ?? ''}:${query.limit}:${query.window === 'all' ? '' : hour}`
  const [generation, checkpoint, cached] =
    memory !== null
      ? await lookupInMemory(memory, variant)
      : await scripts(redis as Redis).nexusTrendingLookup(keyPrefix, trending.name, variant)
  const split = cached.indexOf('\n')
  if (split > 0) return { tag: cached.slice(0, split), answer: cached.slice(split + 1), cached: true }
  // The tag before the data: it can only be older than the answer, never newer.
  const tag = `${await deps.tags(tagged)}-${hour}`
  let top: string[] = []
  if (generation !== '') {
    const generationPrefix = generationKeyPrefix(trending.name, Number(generation))
    const base = `${keyPrefix}${generationPrefix}`
    const sources = query.window === 'all' ? [ALL_TIME_KEY] : windowBuckets(query.window, query.now)
    if (memory !== null) {
      const ranked = await memory.topOfUnion(
        sources.map((source) => `${generationPrefix}${source}`),
        genre === null ? null : `${generationPrefix}${genreKey(genre)}`,
        query.limit + SPARE,
      )
      top = ranked.flatMap(([member, score]) => [member, String(score)])
    } else {
      top = await scripts(redis as Redis).nexusTrendingRank(
        base,
        `${keyPrefix}cache:trending:tmp:${process.pid}:${Math.random().toString(36).slice(2)}`,
        genre === null ? '' : genreKey(genre),
        query.limit + SPARE,
        ...sources,
      )
    }
  }
  const scores = new Map<string, number>()
  for (let i = 0; i + 1 < top.length; i += 2) scores.set(top[i] as string, Number(top[i + 1]))
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
    if (redis instanceof MemoryStore) await redis.set(key, entry, CACHE_TTL_SECONDS)
    else await redis.set(key, entry, 'EX', CACHE_TTL_SECONDS)
  }
  return { answer, tag, cached: false }
}
