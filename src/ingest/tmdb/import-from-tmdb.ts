/**
 * One TMDb import: fetch what the request names (trending pages, or movies by id), map each movie
 * (genres through genre/movie/list), and append them with importMovies, page by page. Idempotent
 * like importMovies (by TMDb id): running it again imports nothing new, so an import cut short
 * (crash, Ctrl-C) is resumed by running it again. The import reactor and `npm run import -- tmdb`
 * both call it. TMDb errors propagate (the caller records them); a movie TMDb does not have (404)
 * or that the catalogue refuses (no release year: importMovies reports it) counts as failed.
 */
import type { ImportCounts, TmdbImportRequest } from '../../domain/job/job.ts'
import type { EventMetadata, EventStore } from '../../event-store/contract.ts'
import { importMovies, mapLimit } from '../import-movies.ts'
import type { TmdbClient } from './client.ts'
import { TmdbError } from './errors.ts'
import type { TmdbMovieDetails, TmdbMovieSummary } from './responses.ts'
import { genreNames, imageConfigOf, type MappedMovie, toImportedMovie } from './to-imported-movie.ts'

export type TmdbImportProgress = ImportCounts & {
  /** Pages (trending) or movies (by id) done, of `total`. */
  done: number
  total: number
}

export type TmdbImportOptions = {
  jobId: string | null
  now?: () => Date
  signal?: AbortSignal
  onProgress?: (progress: TmdbImportProgress) => void
  /** Added to every MovieImported event's metadata (the trigger event as causation...). */
  metadata?: EventMetadata
  /** Told about each movie counted as failed (TMDb id and why). */
  onSkippedMovie?: (problem: { tmdbId: number; reason: string }) => void
}

const DETAILS_CHUNK = 20
/** Detail requests in flight at once: well under TMDb's rate limit (about 50 requests/s). */
const DETAILS_CONCURRENCY = 4

export async function importFromTmdb(
  tmdb: TmdbClient,
  store: EventStore,
  request: TmdbImportRequest,
  options: TmdbImportOptions,
): Promise<ImportCounts> {
  const call = { signal: options.signal }
  const now = options.now ?? (() => new Date())
  const counts: ImportCounts = { imported: 0, skipped: 0, failed: 0 }
  const genresById = genreNames((await tmdb.genres(call)).data.genres)
  const imageConfig = imageConfigOf((await tmdb.configuration(call)).data)

  const failed = (tmdbId: number, reason: string) => {
    counts.failed++
    options.onSkippedMovie?.({ tmdbId, reason })
  }

  /** Details of each id, a few at a time; a 404 counts as failed, other errors end the import. */
  const details = async (ids: number[]): Promise<TmdbMovieDetails[]> => {
    const found = await mapLimit(ids, DETAILS_CONCURRENCY, async (id) => {
      try {
        return (await tmdb.movie(id, call)).data
      } catch (error) {
        if (!(error instanceof TmdbError && error.code === 'TMDB_NOT_FOUND')) throw error
        failed(id, 'TMDb has no such movie')
        return null
      }
    })
    return found.filter((movie) => movie !== null)
  }

  const append = async (movies: readonly (TmdbMovieSummary | TmdbMovieDetails)[]) => {
    const batch: MappedMovie[] = []
    for (const movie of movies) {
      const mapped = toImportedMovie(movie, genresById, imageConfig)
      if (mapped.ok) batch.push(mapped.movie)
      else failed(mapped.tmdbId, mapped.reason)
    }
    await appendMapped(batch)
  }

  const appendMapped = async (batch: MappedMovie[]) => {
    if (batch.length === 0) return
    const result = await importMovies(store, batch, {
      source: 'tmdb',
      jobId: options.jobId,
      now: now(),
      ...(options.metadata ? { metadata: options.metadata } : {}),
    })
    counts.imported += result.imported
    counts.skipped += result.skipped
    for (const failure of result.failed)
      failed(failure.externalIds.tmdb ?? 0, `${failure.code}: ${failure.message}`)
  }

  if (request.kind === 'trending') {
    for (let page = 1; page <= request.pages; page++) {
      const { data } = await tmdb.trending(request.window, page, call)
      await append(request.details ? await details(data.results.map((movie) => movie.id)) : data.results)
      options.onProgress?.({ ...counts, done: page, total: request.pages })
      if (page >= data.total_pages) break
    }
    return counts
  }
  for (let start = 0; start < request.tmdbIds.length; start += DETAILS_CHUNK) {
    const ids = request.tmdbIds.slice(start, start + DETAILS_CHUNK)
    await append(await details(ids))
    options.onProgress?.({ ...counts, done: start + ids.length, total: request.tmdbIds.length })
  }
  return counts
}
