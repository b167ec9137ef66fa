/**
 * TMDb movies (a results entry or the details) as the importer's input: genre ids named through
 * genre/movie/list, the year from release_date, overview, external ids (tmdb always, imdb when the
 * details were fetched). What the catalogue would refuse (no title, no release year) is reported
 * as a reason instead, so the import counts it as failed; a movie without genres is imported
 * without (as MovieLens' "(no genres listed)"). Pure.
 */
import type { ExternalIds } from '../../domain/movie/external-ids.ts'
import type { TmdbGenre, TmdbMovieDetails, TmdbMovieSummary } from './responses.ts'

export type MappedMovie = {
  title: string
  year: number
  genres: string[]
  overview: string | null
  releaseDate: string | null
  externalIds: ExternalIds
}

export type MappingResult = { ok: true; movie: MappedMovie } | { ok: false; tmdbId: number; reason: string }

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const IMDB_ID = /^tt\d{7,}$/

export function genreNames(genres: readonly TmdbGenre[]): Map<number, string> {
  return new Map(genres.map((genre) => [genre.id, genre.name]))
}

/** A results entry (genre ids) or the details (genres with names, imdb_id). */
export function toImportedMovie(
  movie: TmdbMovieSummary | TmdbMovieDetails,
  genresById: ReadonlyMap<number, string>,
): MappingResult {
  const fail = (reason: string): MappingResult => ({ ok: false, tmdbId: movie.id, reason })
  const title = movie.title.trim()
  if (title === '') return fail('no title')
  const date = DATE.exec(movie.release_date ?? '')
  if (!date) return fail('no release date, so no year')
  const releaseDate = Number.isNaN(Date.parse(`${date[0]}T00:00:00Z`)) ? null : date[0]
  const names =
    'genres' in movie && movie.genres
      ? movie.genres.map((genre) => genre.name)
      : 'genre_ids' in movie && movie.genre_ids
        ? movie.genre_ids.flatMap((id) => genresById.get(id) ?? [])
        : []
  const externalIds: ExternalIds = { tmdb: movie.id }
  if ('imdb_id' in movie && typeof movie.imdb_id === 'string' && IMDB_ID.test(movie.imdb_id)) {
    externalIds.imdb = movie.imdb_id
  }
  const overview = movie.overview?.trim() ?? ''
  return {
    ok: true,
    movie: {
      title,
      year: Number(date[1]),
      genres: names,
      overview: overview === '' ? null : overview,
      releaseDate,
      externalIds,
    },
  }
}
