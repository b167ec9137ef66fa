/**
 * Importing movies into the catalogue (MovieLens files, TMDb, embedded mode's demo): MovieImported on `movie-<id>`, the id
 * derived from the movie's external ids (src/domain/movie/external-ids.ts), through the event store's
 * bulk path in chunks that commit separately.
 *
 * Idempotent: each movie's event id is derived from its movie id, whatever the source, so a movie
 * already imported (by this run before a Ctrl-C, by an earlier run, or from the other source) is
 * skipped, and an append racing another import of the same movie finds its own event and adds
 * nothing. A movie is one event, so an import can stop anywhere without leaving half a movie.
 * Each movie is checked with AddMovie's cleaning rules (decide ImportMovie); a movie that breaks one
 * is reported in `failed` and the others still go in.
 */
import { decide } from '../domain/movie/decide.ts'
import { type ExternalIds, importedMovieId, uuidV5 } from '../domain/movie/external-ids.ts'
import type { MovieMedia } from '../domain/movie/media.ts'
import { type ImportSource, initialState, type MovieEvent, movieStream } from '../domain/movie/movie.ts'
import { AppError } from '../errors.ts'
import type { EventMetadata, EventStore, Position, StreamWrite } from '../event-store/contract.ts'

export type ImportedMovieInput = {
  title: string
  /** Release year; null when unknown (a MovieLens title without one): imported all the same. */
  year: number | null
  genres: string[]
  overview?: string | null
  releaseDate?: string | null
  externalIds: ExternalIds
  /** Images, runtime, language, tagline and people, where the source has them. */
  media?: Partial<MovieMedia>
}

export type ImportMoviesOptions = {
  source: ImportSource
  jobId: string | null
  now: Date
  /** Extra metadata for every event (causationId of the trigger event, correlationId...). */
  metadata?: EventMetadata
  /** Movies per appendMany call, each committed on its own (default 5,000). */
  chunkSize?: number
  /** Streams checked at once for an existing movie (default 16). */
  concurrency?: number
  /** Called after each chunk with the number of input movies handled so far. */
  onProgress?: (done: number) => void
  /** Stops between chunks (what was committed stays; running again continues). */
  signal?: AbortSignal
}

export type ImportFailure = {
  /** Position of the movie in the input. */
  index: number
  externalIds: ExternalIds
  code: string
  message: string
}

export type ImportMoviesResult = {
  /** Movies appended by this call. */
  imported: number
  /** Movies already in the catalogue (or twice in the input: the second is skipped). */
  skipped: number
  /** The id of every movie imported or skipped, in input order (failed ones left out). */
  movieIds: string[]
  /** Movies that broke a rule; nothing was appended for them. */
  failed: ImportFailure[]
  /** Global position of the last event appended (a consistency token for queries); null if none. */
  position: Position | null
}

/** An import stopped by its signal between chunks: what was committed stays, running it again continues. */
export class ImportInterruptedError extends Error {
  constructor() {
    super('import interrupted: run it again to continue')
    this.name = 'ImportInterruptedError'
  }
}

/** The deterministic id of the `index`th event an import appends to `stream`. */
export const importEventId = (stream: string, index = 0): string => uuidV5(`import:${stream}:${index}`)

const DEFAULT_CHUNK = 5_000
const DEFAULT_CONCURRENCY = 16

/** Runs `work` over `items` with at most `limit` in flight; answers the results in order. */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await work(items[i] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/** The latest of the appended positions and `before`. */
export function lastPosition(results: { position: Position }[], before: Position | null): Position | null {
  let last = before
  for (const { position } of results) if (last === null || position > last) last = position
  return last
}

type Decided = { index: number; movieId: string; event: MovieEvent }

function decideOne(
  input: ImportedMovieInput,
  index: number,
  options: ImportMoviesOptions,
): Decided | ImportFailure {
  const fail = (code: string, message: string): ImportFailure => ({
    index,
    externalIds: input.externalIds,
    code,
    message,
  })
  let movieId: string
  try {
    movieId = importedMovieId(input.externalIds ?? {})
  } catch (error) {
    return fail('INVALID_EXTERNAL_IDS', (error as Error).message)
  }
  try {
    const [event] = decide(
      {
        type: 'ImportMovie',
        data: {
          movieId,
          title: input.title,
          year: input.year ?? null,
          genres: input.genres,
          overview: input.overview,
          releaseDate: input.releaseDate,
          externalIds: input.externalIds,
          source: options.source,
          jobId: options.jobId,
          ...(input.media ? { media: input.media } : {}),
        },
        metadata: { now: options.now },
      },
      initialState(),
    )
    if (!event) throw new Error('ImportMovie decided nothing for a new movie')
    return { index, movieId, event }
  } catch (error) {
    if (error instanceof AppError) return fail(error.code, error.message)
    if (error instanceof TypeError) return fail('INVALID_MOVIE', error.message)
    throw error
  }
}

export async function importMovies(
  eventStore: EventStore,
  movies: ImportedMovieInput[],
  options: ImportMoviesOptions,
): Promise<ImportMoviesResult> {
  if (options.source !== 'movielens' && options.source !== 'tmdb' && options.source !== 'demo')
    throw new TypeError(`unknown import source ${String(options.source)}`)
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK)
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY)
  const result: ImportMoviesResult = { imported: 0, skipped: 0, movieIds: [], failed: [], position: null }
  const seen = new Set<string>()
  for (let start = 0; start < movies.length; start += chunkSize) {
    if (options.signal?.aborted) throw new ImportInterruptedError()
    const fresh: Decided[] = []
    for (const [offset, input] of movies.slice(start, start + chunkSize).entries()) {
      const decided = decideOne(input, start + offset, options)
      if (!('event' in decided)) {
        result.failed.push(decided)
        continue
      }
      result.movieIds.push(decided.movieId)
      if (seen.has(decided.movieId)) {
        result.skipped++
        continue
      }
      seen.add(decided.movieId)
      fresh.push(decided)
    }
    // Movies already in the catalogue are left out here rather than appended again: a stream that
    // exists would send the whole chunk down the store's slow write-by-write path.
    const revisions = await mapLimit(fresh, concurrency, (d) =>
      eventStore.streamRevision(movieStream(d.movieId)),
    )
    const writes: StreamWrite[] = []
    for (const [i, d] of fresh.entries()) {
      if (revisions[i] !== null) {
        result.skipped++
        continue
      }
      const stream = movieStream(d.movieId)
      writes.push({
        stream,
        expectedRevision: 'no_stream',
        events: [
          {
            id: importEventId(stream),
            type: d.event.type,
            data: d.event.data,
            metadata: { actorId: null, ...options.metadata },
          },
        ],
      })
    }
    if (writes.length > 0)
      result.position = lastPosition(await eventStore.appendMany(writes), result.position)
    result.imported += writes.length
    options.onProgress?.(Math.min(movies.length, start + chunkSize))
  }
  return result
}
