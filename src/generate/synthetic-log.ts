/**
 * A seeded, realistic event log for benchmarks and crash tests: movies are added, then users rate
 * (and re-rate or remove ratings of) popular movies more than obscure ones, favourite, like and
 * watch them. The same seed always gives the same events, ids included, so an interrupted run
 * resumes by skipping what is already stored.
 */
import { createProgress } from '../cli/progress.ts'
import type { EventStore, NewEvent, StreamWrite } from '../event-store/contract.ts'
import { TITLE_WORDS } from './title-words.ts'

/** mulberry32: small, fast, good enough for synthetic data (not for anything secret). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('')
  // Version 4, variant 10xx: a well-formed UUID whose bits come from the seed.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

const GENRES = [
  'Action',
  'Adventure',
  'Animation',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Horror',
  'Mystery',
  'Romance',
  'Science Fiction',
  'Thriller',
  'War',
  'Western',
]
/** The first 20 title words: the log's seeded output depends on how many there are. */
const WORDS = TITLE_WORDS.slice(0, 20)

export type SyntheticLogOptions = {
  seed: number
  events: number
  /** Events per write batch handed to appendMany. */
  chunkSize: number
  movies?: number
  users?: number
  /** Prefix of every stream name, so several logs can share one store. */
  streamPrefix?: string
  /** When the first event happens (events then come about a second apart); default 2026-01-01. */
  startAt?: Date
  /** Longest gap between two events (the mean is half); default 2000 ms. */
  maxGapMs?: number
  /**
   * Movies that already exist (e.g. the demo catalogue): no MovieAdded is generated and every
   * interaction picks one of these, the first ones the most often.
   */
  movieIds?: readonly string[]
}

/** The data field holding each event's time (the same instant as its occurredAt), where its type has one. */
const TIME_FIELDS: Partial<Record<string, string>> = {
  MovieAdded: 'addedAt',
  MovieFavorited: 'favoritedAt',
  MovieUnfavorited: 'unfavoritedAt',
  MovieLiked: 'likedAt',
  MovieUnliked: 'unlikedAt',
  MovieWatched: 'watchedAt',
}

type Relation = { revision: bigint; stars: number | null; favorite: boolean; liked: boolean }

/**
 * Yields chunks of writes (each chunk at most `chunkSize` events, no stream twice in a chunk) that
 * together hold exactly `events` events.
 */
export function* syntheticLog(options: SyntheticLogOptions): Generator<StreamWrite[]> {
  const random = seededRandom(options.seed)
  const prefix = options.streamPrefix ?? ''
  const movieCount =
    options.movieIds?.length ??
    options.movies ??
    Math.max(50, Math.min(20_000, Math.floor(options.events / 100)))
  const userCount = options.users ?? Math.max(20, Math.floor(options.events / 25))
  const movies = options.movieIds
    ? [...options.movieIds]
    : Array.from({ length: movieCount }, () => uuidFrom(random))
  const users = Array.from({ length: userCount }, () => uuidFrom(random))
  const relations = new Map<string, Relation>()
  const start = options.startAt?.getTime() ?? Date.UTC(2026, 0, 1)
  let produced = 0
  let clock = start

  const event = (type: string, data: Record<string, unknown>, actorId: string | null): NewEvent => {
    clock += Math.floor(random() * (options.maxGapMs ?? 2_000))
    const occurredAt = new Date(clock).toISOString()
    const timeField = TIME_FIELDS[type]
    return {
      id: uuidFrom(random),
      type,
      data: timeField ? { ...data, [timeField]: occurredAt } : data,
      metadata: { actorId, occurredAt },
    }
  }

  // Movies first: every interaction refers to a movie that exists.
  let chunk: StreamWrite[] = []
  let chunkEvents = 0
  const flush = function* () {
    if (chunk.length > 0) yield chunk
    chunk = []
    chunkEvents = 0
  }
  for (const [i, movieId] of movies.entries()) {
    if (produced >= options.events || options.movieIds) break
    const title = `${WORDS[Math.floor(random() * WORDS.length)]} ${WORDS[Math.floor(random() * WORDS.length)]}`
    const genres = [
      GENRES[Math.floor(random() * GENRES.length)],
      GENRES[Math.floor(random() * GENRES.length)],
    ]
    chunk.push({
      stream: `${prefix}movie-${movieId}`,
      expectedRevision: 'no_stream',
      events: [
        event(
          'MovieAdded',
          {
            movieId,
            title: `${title} ${i}`,
            year: 1950 + Math.floor(random() * 76),
            genres: [...new Set(genres)],
            overview: null,
            releaseDate: null,
            addedBy: null,
          },
          null,
        ),
      ],
    })
    produced++
    chunkEvents++
    if (chunkEvents >= options.chunkSize) yield* flush()
  }
  yield* flush()

  // A stream met again within a chunk gets its event added to the same write (consecutive
  // revisions), so chunks stay full however skewed the choice of streams.
  const inChunk = new Map<string, StreamWrite>()
  while (produced < options.events) {
    // Popularity skew: a few movies get most interactions; some users are far more active.
    const movieId = movies[Math.floor(movieCount * random() ** 2.5)] as string
    const userId = users[Math.floor(userCount * random() ** 1.6)] as string
    const stream = `${prefix}interaction-${userId}-${movieId}`
    const relation = relations.get(stream)
    const roll = random()
    let next: NewEvent
    let rated: number | null = null
    const base = { userId, movieId }
    if (relation?.stars != null && roll < 0.08) {
      next = event(
        'RatingRemoved',
        { ...base, stars: relation.stars, removedAt: new Date(clock).toISOString() },
        userId,
      )
    } else if (roll < 0.55) {
      const stars = 1 + Math.floor(random() ** 0.7 * 5)
      rated = stars
      next = event(
        'RatingGiven',
        {
          ...base,
          stars,
          review: random() < 0.1 ? 'Worth watching.' : null,
          ratedAt: new Date(clock).toISOString(),
          previousStars: relation?.stars ?? null,
        },
        userId,
      )
    } else if (roll < 0.7) {
      next = relation?.favorite
        ? event('MovieUnfavorited', base, userId)
        : event('MovieFavorited', base, userId)
    } else if (roll < 0.8) {
      next = relation?.liked ? event('MovieUnliked', base, userId) : event('MovieLiked', base, userId)
    } else {
      next = event('MovieWatched', { ...base, progress: Math.round(random() * 100) / 100 }, userId)
    }
    const state: Relation = relation ?? { revision: -1n, stars: null, favorite: false, liked: false }
    const pending = inChunk.get(stream)
    if (pending) {
      pending.events.push(next)
    } else {
      const write: StreamWrite = {
        stream,
        events: [next],
        expectedRevision: state.revision < 0n ? 'no_stream' : state.revision,
      }
      chunk.push(write)
      inChunk.set(stream, write)
    }
    relations.set(stream, {
      revision: state.revision + 1n,
      stars: next.type === 'RatingGiven' ? rated : next.type === 'RatingRemoved' ? null : state.stars,
      favorite:
        next.type === 'MovieFavorited' ? true : next.type === 'MovieUnfavorited' ? false : state.favorite,
      liked: next.type === 'MovieLiked' ? true : next.type === 'MovieUnliked' ? false : state.liked,
    })
    produced++
    chunkEvents++
    if (chunkEvents >= options.chunkSize) {
      yield* flush()
      inChunk.clear()
    }
  }
  yield* flush()
}

/**
 * Appends a whole synthetic log through the store's bulk path with a progress bar (benchmarks and
 * seeding); answers the seconds it took. Stops with an error when `signal` aborts.
 */
export async function appendSyntheticLog(
  store: Pick<EventStore, 'appendMany'>,
  options: SyntheticLogOptions & { label: string; signal?: AbortSignal },
): Promise<number> {
  const progress = createProgress(options.label, options.events)
  const started = performance.now()
  let appended = 0
  try {
    for (const chunk of syntheticLog(options)) {
      if (options.signal?.aborted) throw new Error('interrupted')
      await store.appendMany(chunk)
      appended += chunk.reduce((n, write) => n + write.events.length, 0)
      progress.update(appended)
    }
  } finally {
    progress.stop()
  }
  return (performance.now() - started) / 1000
}
