/**
 * Imports a MovieLens directory (./read-movielens.ts) into the event log through the bulk path:
 * 1. movies: MovieImported via importMovies (src/ingest/import-movies.ts), external ids
 *    movielens (ml-100k: movielens100k), imdb and tmdb from links.csv;
 * 2. a user per MovieLens userId, registered the way the identity code registers anyone (the user
 *    domain's RegisterUser decides UserRegistered, personal fields sealed with a new per-user key,
 *    the username held by its reservation stream) but with no email and no password: username
 *    `ml-<userId>` (`ml-<userId>-x2`, `-x3`... if someone else holds it), and it cannot sign in;
 * 3. RatingGiven per rating on `interaction-<user>-<movie>`, half stars kept, the MovieLens
 *    timestamp as `ratedAt` and as the event's `occurredAt`;
 * 4. tags.csv (when there is one): MovieTaggedByUser per tag on the same interaction streams, the
 *    tag normalised by the domain (src/domain/tag/tag.ts; a tag it refuses is counted, not
 *    imported), each user's repeated tag on a movie once, at most MAX_USER_TAGS per user and movie;
 *    a user who tagged but never rated is registered as in 2. Each event's id derives from its
 *    stream and tag, so running the import again appends nothing.
 *
 * Ratings stream through in chunks of about `chunkSize` events (users registered in the chunk of
 * their first rating), each chunk one appendMany, committed on its own: no long transaction, and a
 * chunk is all or nothing on PostgreSQL. Every event id is derived from its stream, so running the
 * import again appends nothing; after Ctrl-C it continues: a chunk whose first and last events are
 * stored is skipped without writing (the same directory gives the same chunks) until this run has
 * appended a chunk, anything else is appended idempotently.
 */
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { MovieTaggedByUser, RatingGiven } from '../../domain/interaction/interaction.ts'
import { interactionStream } from '../../domain/interaction/interaction.ts'
import { type ExternalIds, importedMovieId, uuidV5 } from '../../domain/movie/external-ids.ts'
import { MAX_USER_TAGS, normaliseTag } from '../../domain/tag/tag.ts'
import { decide as decideUser, type RegisterUser } from '../../domain/user/decide.ts'
import {
  evolve as evolveReservation,
  initialState as initialReservation,
  type ReservationEvent,
  reservationStream,
} from '../../domain/user/reservation.ts'
import { initialState as initialUser, userStream } from '../../domain/user/user.ts'
import type { EventStore, ExpectedRevision, Position, StreamWrite } from '../../event-store/contract.ts'
import { canonicalUsername, usernameKey } from '../../identity/usernames.ts'
import { newUserKey, sealUserEvent } from '../../privacy/personal-data.ts'
import { aggregateStream } from '../../write/aggregate-stream.ts'
import {
  type ImportedMovieInput,
  type ImportFailure,
  ImportInterruptedError,
  importEventId,
  importMovies,
  lastPosition,
  mapLimit,
} from '../import-movies.ts'
import {
  type BadLine,
  checkMovieLensDirectory,
  type MovieLensLayout,
  type MovieLensRating,
  readMovieLensMovies,
  readMovieLensRatings,
  readMovieLensTags,
} from './read-movielens.ts'

export type MovieLensImportOptions = {
  eventStore: EventStore
  db: Kysely<Database>
  dir: string
  now: Date
  /** Each malformed line; throw to abort the import (what was committed stays). */
  onBadLine?: (problem: BadLine) => void
  /** Events per appendMany call (default 5,000). */
  chunkSize?: number
  /** Stops between chunks; running the import again continues. */
  signal?: AbortSignal
  /** Progress of each phase: `total` may be an estimate (lines of the ratings file). */
  onProgress?: (phase: 'movies' | 'ratings' | 'tags', done: number, total: number) => void
  onPhaseEnd?: (phase: 'movies' | 'ratings' | 'tags') => void
}

export type MovieLensImportResult = {
  layout: MovieLensLayout
  movies: { read: number; imported: number; skipped: number; failed: ImportFailure[] }
  /** MovieLens movies whose links.csv tmdbId another movie of the file had already claimed. */
  sharedTmdbIds: number
  users: { registered: number; existing: number; renamed: number }
  ratings: {
    read: number
    /** Appended by this run. */
    appended: number
    /** Already stored by an earlier run. */
    existing: number
    /** Of movies that are not in the file or failed to import. */
    unknownMovie: number
    /** The same user and movie again in the file (the first wins). */
    duplicate: number
  }
  tags: {
    read: number
    /** Appended by this run or already stored by an earlier one (idempotent by event id). */
    imported: number
    /** Of movies that are not in the file or failed to import. */
    unknownMovie: number
    /** Refused by the domain's rules (blank, too long, control characters). */
    refused: number
    /** The same user's same tag on the same movie again, or beyond MAX_USER_TAGS. */
    duplicate: number
  }
  badLines: number
  /** Global position of the last event this run appended (a consistency token); null if none. */
  position: Position | null
}

// Thrown between chunks of either phase (movies, ratings) when the signal stops the import.
export { ImportInterruptedError }

const DEFAULT_CHUNK = 5_000
/** Users looked up at once (user stream and username reservation). */
const LOOKUP_CONCURRENCY = 16

/** The Nexus id of a MovieLens user: name-based, so every run gives the same one. */
export const movieLensUserId = (layout: MovieLensLayout, userId: number): string =>
  uuidV5(layout === 'csv' ? `movielens-user:${userId}` : `movielens-100k-user:${userId}`)

/** `ml-<userId>`, then `ml-<userId>-x<n>`: no two MovieLens users' names share a reservation key. */
export const movieLensUsername = (userId: number, attempt: number): string =>
  attempt === 1 ? `ml-${userId}` : `ml-${userId}-x${attempt}`

/** Lines of a file (a cheap first pass for the progress bar's total). */
async function countLines(path: string): Promise<number> {
  let count = 0
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++
  }
  return count
}

type PendingUser = { mlUserId: number; userId: string }
type Registration = { userId: string; writes: StreamWrite[]; renamed: boolean }

export async function importMovieLens(options: MovieLensImportOptions): Promise<MovieLensImportResult> {
  const { eventStore, db, dir, now } = options
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK)
  // Every file and header checked first: a bad directory stops before the first movie is written.
  const layout = await checkMovieLensDirectory(dir)
  const result: MovieLensImportResult = {
    layout,
    movies: { read: 0, imported: 0, skipped: 0, failed: [] },
    sharedTmdbIds: 0,
    users: { registered: 0, existing: 0, renamed: 0 },
    ratings: { read: 0, appended: 0, existing: 0, unknownMovie: 0, duplicate: 0 },
    tags: { read: 0, imported: 0, unknownMovie: 0, refused: 0, duplicate: 0 },
    badLines: 0,
    position: null,
  }
  const readOptions = {
    onBadLine: (problem: BadLine) => {
      result.badLines++
      options.onBadLine?.(problem)
    },
  }
  const checkSignal = () => {
    if (options.signal?.aborted) throw new ImportInterruptedError()
  }

  // 1. Movies: all of them in memory (tens of thousands at most), then importMovies in chunks.
  const inputs: ImportedMovieInput[] = []
  const mlIds: number[] = []
  const claimedTmdb = new Set<number>()
  for await (const movie of readMovieLensMovies(dir, readOptions)) {
    const externalIds: ExternalIds =
      layout === 'csv' ? { movielens: movie.movieId } : { movielens100k: movie.movieId }
    if (movie.imdbId !== undefined) externalIds.imdb = movie.imdbId
    // A TMDb id names one movie: a second MovieLens entry naming it keeps its own identity.
    if (movie.tmdbId !== undefined) {
      if (claimedTmdb.has(movie.tmdbId)) result.sharedTmdbIds++
      else {
        claimedTmdb.add(movie.tmdbId)
        externalIds.tmdb = movie.tmdbId
      }
    }
    inputs.push({ title: movie.title, year: movie.year, genres: movie.genres, externalIds })
    mlIds.push(movie.movieId)
  }
  result.movies.read = inputs.length
  checkSignal()
  const movies = await importMovies(eventStore, inputs, {
    source: 'movielens',
    jobId: null,
    now,
    chunkSize,
    signal: options.signal,
    onProgress: (done) => options.onProgress?.('movies', done, inputs.length),
  })
  options.onPhaseEnd?.('movies')
  result.movies.imported = movies.imported
  result.movies.skipped = movies.skipped
  result.movies.failed = movies.failed
  result.position = movies.position
  const failed = new Set(movies.failed.map((f) => f.index))
  /** MovieLens movie id -> Nexus movie id, for the movies now in the catalogue. */
  const movieIds = new Map<number, string>()
  for (const [index, input] of inputs.entries()) {
    if (!failed.has(index) && !movieIds.has(mlIds[index] as number))
      movieIds.set(mlIds[index] as number, importedMovieId(input.externalIds))
  }

  // 2 and 3. Users and ratings, chunk by chunk.
  const ratingsFile = join(dir, layout === 'csv' ? 'ratings.csv' : 'u.data')
  const estimatedRatings = Math.max(0, (await countLines(ratingsFile)) - (layout === 'csv' ? 1 : 0))
  const seenUsers = new Set<number>()
  let newUsers: PendingUser[] = []
  let ratingWrites: StreamWrite[] = []
  let chunkStreams = new Set<string>()
  let processed = 0
  // What earlier runs committed is a prefix of the file's chunks: once this run has appended a
  // chunk, no later chunk is skipped on the evidence of its two ends (a rating repeated from an
  // earlier chunk would make the ends look stored while the ratings between them are not).
  let appendedThisRun = false

  const flush = async () => {
    if (ratingWrites.length === 0 && newUsers.length === 0) return
    checkSignal()
    const users = newUsers
    const writes = ratingWrites
    newUsers = []
    ratingWrites = []
    chunkStreams = new Set()
    if (!appendedThisRun && (await chunkStored(eventStore, writes))) {
      // Committed whole by an earlier run, with the users it registered.
      result.ratings.existing += writes.length
      result.users.existing += users.length
    } else {
      const registrations = await registerUsers(eventStore, db, users, now)
      for (const registration of registrations) {
        if (registration === null) result.users.existing++
        else {
          result.users.registered++
          if (registration.renamed) result.users.renamed++
        }
      }
      const all = [...registrations.flatMap((r) => r?.writes ?? []), ...writes]
      if (all.length > 0) result.position = lastPosition(await eventStore.appendMany(all), result.position)
      appendedThisRun = true
      result.ratings.appended += writes.length
    }
    options.onProgress?.('ratings', processed, Math.max(estimatedRatings, processed))
  }

  for await (const rating of readMovieLensRatings(dir, readOptions)) {
    result.ratings.read++
    processed++
    const movieId = movieIds.get(rating.movieId)
    if (movieId === undefined) {
      result.ratings.unknownMovie++
      continue
    }
    const userId = movieLensUserId(layout, rating.userId)
    const stream = interactionStream(userId, movieId)
    if (chunkStreams.has(stream)) {
      result.ratings.duplicate++
      continue
    }
    if (!seenUsers.has(rating.userId)) {
      seenUsers.add(rating.userId)
      newUsers.push({ mlUserId: rating.userId, userId })
    }
    chunkStreams.add(stream)
    ratingWrites.push(ratingWrite(stream, userId, movieId, rating))
    if (ratingWrites.length + 2 * newUsers.length >= chunkSize) await flush()
  }
  await flush()
  options.onPhaseEnd?.('ratings')

  // 4. Tags, chunk by chunk: a chunk's writes grouped by stream, with the users it needs registered.
  const tagsFile = join(dir, 'tags.csv')
  const estimatedTags = layout === 'csv' ? Math.max(0, (await countLines(tagsFile).catch(() => 1)) - 1) : 0
  const tagsPerStream = new Map<string, Set<string>>()
  let tagWrites = new Map<string, StreamWrite>()
  let tagEvents = 0
  const flushTags = async () => {
    if (tagWrites.size === 0 && newUsers.length === 0) return
    checkSignal()
    const users = newUsers
    const writes = [...tagWrites.values()]
    newUsers = []
    tagWrites = new Map()
    tagEvents = 0
    const registrations = await registerUsers(eventStore, db, users, now)
    for (const registration of registrations) {
      if (registration === null) result.users.existing++
      else {
        result.users.registered++
        if (registration.renamed) result.users.renamed++
      }
    }
    const all = [...registrations.flatMap((r) => r?.writes ?? []), ...writes]
    if (all.length > 0) result.position = lastPosition(await eventStore.appendMany(all), result.position)
    options.onProgress?.('tags', result.tags.read, Math.max(estimatedTags, result.tags.read))
  }
  for await (const row of readMovieLensTags(dir, readOptions)) {
    result.tags.read++
    const movieId = movieIds.get(row.movieId)
    if (movieId === undefined) {
      result.tags.unknownMovie++
      continue
    }
    const normalised = normaliseTag(row.tag)
    if (!normalised.ok) {
      result.tags.refused++
      continue
    }
    const userId = movieLensUserId(layout, row.userId)
    const stream = interactionStream(userId, movieId)
    const seen = tagsPerStream.get(stream) ?? new Set<string>()
    tagsPerStream.set(stream, seen)
    if (seen.has(normalised.tag) || seen.size >= MAX_USER_TAGS) {
      result.tags.duplicate++
      continue
    }
    seen.add(normalised.tag)
    if (!seenUsers.has(row.userId)) {
      seenUsers.add(row.userId)
      newUsers.push({ mlUserId: row.userId, userId })
    }
    const taggedAt = new Date(row.timestamp * 1000).toISOString()
    const data: MovieTaggedByUser['data'] = { userId, movieId, tag: normalised.tag, taggedAt }
    const event = {
      id: importEventId(`${stream}/tag/${normalised.tag}`),
      type: 'MovieTaggedByUser',
      data,
      metadata: { actorId: userId, occurredAt: taggedAt },
    }
    const write = tagWrites.get(stream)
    // 'any': the stream may hold the user's rating; the event id makes a repeated run a no-op.
    if (write) write.events.push(event)
    else tagWrites.set(stream, { stream, expectedRevision: 'any', events: [event] })
    result.tags.imported++
    tagEvents++
    if (tagEvents + 2 * newUsers.length >= chunkSize) await flushTags()
  }
  await flushTags()
  options.onPhaseEnd?.('tags')
  return result
}

function ratingWrite(stream: string, userId: string, movieId: string, rating: MovieLensRating): StreamWrite {
  const ratedAt = new Date(rating.timestamp * 1000).toISOString()
  const data: RatingGiven['data'] = {
    userId,
    movieId,
    stars: rating.rating,
    review: null,
    ratedAt,
    previousStars: null,
  }
  return {
    stream,
    expectedRevision: 'no_stream',
    events: [
      {
        id: importEventId(stream),
        type: 'RatingGiven',
        data,
        metadata: { actorId: userId, occurredAt: ratedAt },
      },
    ],
  }
}

/** Whether an earlier run stored this chunk: its first and last events are in their streams. */
async function chunkStored(store: EventStore, writes: StreamWrite[]): Promise<boolean> {
  const ends = [writes[0], writes.at(-1)].filter((w): w is StreamWrite => w !== undefined)
  if (ends.length === 0) return false
  for (const write of ends) {
    const wanted = write.events.at(-1)?.id
    let found = false
    for await (const event of store.readStream(write.stream, { direction: 'backwards', limit: 50 })) {
      if (event.id === wanted) found = true
    }
    if (!found) return false
  }
  return true
}

/** Who holds a reservation stream now, and its revision (null: no stream). */
async function reservationState(
  store: EventStore,
  stream: string,
): Promise<{ holder: string | null; revision: bigint | null }> {
  const { state, revision } = await aggregateStream(store, stream, {
    initialState: initialReservation,
    evolve: evolveReservation,
  })
  return { holder: state.holder, revision }
}

/**
 * The writes that register these users (null for one already registered): a username reservation
 * (unless they hold it already) and UserRegistered, sealed with the user's key. Keys are created
 * first (kept if a failed run left one), so a write that does not commit leaves only an unused key.
 */
async function registerUsers(
  store: EventStore,
  db: Kysely<Database>,
  users: PendingUser[],
  now: Date,
): Promise<(Registration | null)[]> {
  const claimed = new Set<string>()
  const plans = await mapLimit(users, LOOKUP_CONCURRENCY, async (user) => {
    if ((await store.streamRevision(userStream(user.userId))) !== null) return null
    for (let attempt = 1; ; attempt++) {
      const username = canonicalUsername(movieLensUsername(user.mlUserId, attempt))
      if (!username.ok) throw new Error(`ml username refused: ${username.message}`)
      const stream = reservationStream('username', usernameKey(username.value))
      // Another user of this chunk looking at the same reservation: only one may claim it.
      if (claimed.has(stream)) continue
      claimed.add(stream)
      const { holder, revision } = await reservationState(store, stream)
      if (holder !== null && holder !== user.userId) {
        claimed.delete(stream)
        continue
      }
      return { ...user, username: username.value, stream, holder, revision, renamed: attempt > 1 }
    }
  })
  const fresh = plans.filter((plan) => plan !== null)
  if (fresh.length === 0) return plans.map(() => null)
  await db
    .insertInto('user_keys')
    .values(fresh.map((plan) => ({ user_id: plan.userId, key: newUserKey() })))
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute()
  const keys = new Map(
    (
      await db
        .selectFrom('user_keys')
        .select(['user_id', 'key'])
        .where(
          'user_id',
          'in',
          fresh.map((plan) => plan.userId),
        )
        .execute()
    ).map((row) => [row.user_id, row.key]),
  )
  return plans.map((plan) => {
    if (plan === null) return null
    const key = keys.get(plan.userId)
    if (!key) throw new Error(`no key for user ${plan.userId}`)
    const writes: StreamWrite[] = []
    if (plan.holder === null) {
      const reserved: ReservationEvent = {
        type: 'UniqueValueReserved',
        data: { kind: 'username', userId: plan.userId, reservedAt: now.toISOString() },
      }
      const expected: ExpectedRevision = plan.revision ?? 'no_stream'
      writes.push({
        stream: plan.stream,
        expectedRevision: expected,
        events: [
          {
            id: importEventId(`${plan.stream}/${plan.userId}`),
            type: reserved.type,
            data: reserved.data,
            metadata: { actorId: null },
          },
        ],
      })
    }
    const command: RegisterUser = {
      type: 'RegisterUser',
      data: {
        userId: plan.userId,
        username: plan.username,
        email: null,
        displayName: null,
        role: 'user',
        usernameReservation: plan.stream,
        emailReservation: null,
      },
      metadata: { now },
    }
    const stream = userStream(plan.userId)
    writes.push({
      stream,
      expectedRevision: 'no_stream',
      events: decideUser(command, initialUser()).map((event, index) => {
        const sealed = sealUserEvent(event, key)
        return {
          id: importEventId(stream, index),
          type: sealed.type,
          data: sealed.data,
          metadata: { actorId: null },
        }
      }),
    })
    return { userId: plan.userId, writes, renamed: plan.renamed }
  })
}
