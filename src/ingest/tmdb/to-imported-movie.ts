/**
 * TMDb movies (a results entry or the details) as the importer's input: genre ids named through
 * genre/movie/list, the year from release_date, overview, external ids (tmdb always, imdb when the
 * details were fetched). What the catalogue would refuse (no title, no release year) is reported
 * as a reason instead, so the import counts it as failed; a movie without genres is imported
 * without (as MovieLens' "(no genres listed)"). Images (poster, backdrop, profiles) keep TMDb's paths
 * with the image configuration they resolve against; the details add runtime, tagline and, from
 * `credits`, the top-billed cast and the directors and writers (the Writing department). Pure.
 */
import type { ExternalIds } from '../../domain/movie/external-ids.ts'
import {
  type CastMember,
  type CrewMember,
  type ImageConfig,
  MAX_CAST,
  type MovieMedia,
} from '../../domain/movie/media.ts'
import type { TmdbConfiguration, TmdbGenre, TmdbMovieDetails, TmdbMovieSummary } from './responses.ts'

export type MappedMovie = {
  title: string
  year: number
  genres: string[]
  overview: string | null
  releaseDate: string | null
  externalIds: ExternalIds
  media: MovieMedia
}

export type MappingResult = { ok: true; movie: MappedMovie } | { ok: false; tmdbId: number; reason: string }

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const IMDB_ID = /^tt\d{7,}$/

export function genreNames(genres: readonly TmdbGenre[]): Map<number, string> {
  return new Map(genres.map((genre) => [genre.id, genre.name]))
}

/** The part of /configuration image URLs need. */
export function imageConfigOf(configuration: TmdbConfiguration): ImageConfig {
  const images = configuration.images
  return {
    baseUrl: images.secure_base_url,
    posterSizes: images.poster_sizes,
    backdropSizes: images.backdrop_sizes,
    profileSizes: images.profile_sizes ?? [],
  }
}

const orNull = <T>(value: T | null | undefined): T | null => value ?? null

function mediaOf(movie: TmdbMovieSummary | TmdbMovieDetails, imageConfig: ImageConfig | null): MovieMedia {
  const details =
    'credits' in movie || 'tagline' in movie || 'runtime' in movie ? (movie as TmdbMovieDetails) : null
  const cast: CastMember[] = [...(details?.credits?.cast ?? [])]
    .sort((a, b) => (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER))
    .slice(0, MAX_CAST)
    .map((member, index) => ({
      tmdbId: member.id,
      name: member.name,
      character: orNull(member.character),
      order: member.order ?? index,
      profilePath: orNull(member.profile_path),
    }))
  const crew: CrewMember[] = (details?.credits?.crew ?? []).flatMap((member): CrewMember[] => {
    const role = member.job === 'Director' ? 'director' : member.department === 'Writing' ? 'writer' : null
    if (role === null) return []
    const job = member.job ?? (role === 'director' ? 'Director' : 'Writer')
    return [{ tmdbId: member.id, name: member.name, role, job, profilePath: orNull(member.profile_path) }]
  })
  // Directors first: the domain keeps the first MAX_CREW.
  crew.sort((a, b) => (a.role === b.role ? 0 : a.role === 'director' ? -1 : 1))
  return {
    posterPath: orNull(movie.poster_path),
    backdropPath: orNull(movie.backdrop_path),
    imageConfig,
    runtime: orNull(details?.runtime),
    originalLanguage: orNull(movie.original_language),
    tagline: orNull(details?.tagline),
    cast,
    crew,
  }
}

/** A results entry (genre ids) or the details (genres with names, imdb_id, credits). */
export function toImportedMovie(
  movie: TmdbMovieSummary | TmdbMovieDetails,
  genresById: ReadonlyMap<number, string>,
  imageConfig: ImageConfig | null = null,
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
      media: mediaOf(movie, imageConfig),
    },
  }
}
