/**
 * The commands on a movie stream (admin catalogue management) and their rules. Pure: time and the
 * acting admin arrive on the command.
 */

import { AppError, DomainRuleError, notFound } from '../../errors.ts'
import { cleanTag, MAX_CURATED_TAGS } from '../tag/tag.ts'
import { cleanExternalIds, type ExternalIds, externalIdsProblem, importedMovieId } from './external-ids.ts'
import { cleanMedia, type MovieMedia } from './media.ts'
import type { ImportSource, MovieDetails, MovieEvent, MovieState } from './movie.ts'

export const MAX_TITLE_LENGTH = 300
export const MAX_OVERVIEW_LENGTH = 5000
export const MAX_GENRES = 10
export const MAX_GENRE_LENGTH = 40
export const FIRST_YEAR = 1870

type Meta = { metadata: { now: Date } }

export type AddMovie = Meta & {
  type: 'AddMovie'
  data: {
    movieId: string
    title: string
    year: number
    genres: string[]
    overview?: string | null
    releaseDate?: string | null
    addedBy: string | null
  }
}
export type UpdateMovieDetails = Meta & {
  type: 'UpdateMovieDetails'
  /** An absent field keeps its value; overview/releaseDate null clears it. */
  data: { movieId: string; changes: Partial<MovieDetails>; updatedBy: string | null }
}
export type RemoveMovie = Meta & {
  type: 'RemoveMovie'
  data: { movieId: string; reason: string | null; removedBy: string | null }
}

/**
 * A movie from an import (MovieLens, TMDb). Its id must be the one its external ids give; a movie
 * already in the catalogue (imported before, from either source) is left as it is: importing again
 * decides nothing. AddMovie's rules apply, except that a movie may come without genres.
 */
export type ImportMovie = Meta & {
  type: 'ImportMovie'
  data: {
    movieId: string
    title: string
    /** Null: unknown (a MovieLens title without a year); the movie is imported all the same. */
    year: number | null
    genres: string[]
    overview?: string | null
    releaseDate?: string | null
    externalIds: ExternalIds
    source: ImportSource
    jobId: string | null
    /** Images, runtime, language, tagline and people, where the source has them (cleaned leniently). */
    media?: Partial<MovieMedia>
  }
}

/** A curated tag on or off (admin); the raw tag is normalised here (src/domain/tag/tag.ts). */
export type TagMovie = Meta & {
  type: 'TagMovie'
  data: { movieId: string; tag: string; taggedBy: string | null }
}
export type UntagMovie = Meta & {
  type: 'UntagMovie'
  data: { movieId: string; tag: string; untaggedBy: string | null }
}

export type MovieCommand = AddMovie | ImportMovie | UpdateMovieDetails | RemoveMovie | TagMovie | UntagMovie

const rule = (code: string, message: string) => new DomainRuleError(code, message)

function cleanTitle(raw: string): string {
  const title = raw.normalize('NFC').trim().replace(/\s+/g, ' ')
  if (title === '') throw rule('TITLE_REQUIRED', 'a movie needs a title')
  if ([...title].length > MAX_TITLE_LENGTH)
    throw rule('TITLE_TOO_LONG', `a title holds at most ${MAX_TITLE_LENGTH} characters`)
  return title
}

function checkYear(year: number, now: Date): number {
  const last = now.getUTCFullYear() + 10
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > last)
    throw rule('YEAR_OUT_OF_RANGE', `year must be a whole number from ${FIRST_YEAR} to ${last}`)
  return year
}

/**
 * Trimmed, single-spaced, de-duplicated case-insensitively (the first spelling wins), in given order.
 * `allowNone`: imports keep a movie whose source lists no genre (MovieLens "(no genres listed)").
 */
function cleanGenres(raw: string[], { allowNone = false } = {}): string[] {
  const seen = new Set<string>()
  const genres: string[] = []
  for (const value of raw) {
    const genre = value.normalize('NFC').trim().replace(/\s+/g, ' ')
    if (genre === '') continue
    if ([...genre].length > MAX_GENRE_LENGTH)
      throw rule('GENRE_TOO_LONG', `a genre name holds at most ${MAX_GENRE_LENGTH} characters`)
    const key = genre.toLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    genres.push(genre)
  }
  if (genres.length === 0 && !allowNone) throw rule('GENRE_REQUIRED', 'a movie needs at least one genre')
  if (genres.length > MAX_GENRES) throw rule('TOO_MANY_GENRES', `a movie has at most ${MAX_GENRES} genres`)
  return genres
}

function cleanOverview(raw: string | null | undefined): string | null {
  const overview = raw?.normalize('NFC').trim() ?? ''
  if (overview === '') return null
  if ([...overview].length > MAX_OVERVIEW_LENGTH)
    throw rule('OVERVIEW_TOO_LONG', `an overview holds at most ${MAX_OVERVIEW_LENGTH} characters`)
  return overview
}

/** With the year unknown (null), any calendar date is taken. */
function checkReleaseDate(date: string | null | undefined, year: number | null): string | null {
  if (date === null || date === undefined) return null
  const parsed = new Date(`${date}T00:00:00.000Z`)
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== date
  )
    throw rule('INVALID_RELEASE_DATE', 'releaseDate must be a calendar date, YYYY-MM-DD')
  if (year !== null && parsed.getUTCFullYear() !== year)
    throw rule('RELEASE_DATE_NOT_IN_YEAR', `releaseDate ${date} is not in the movie's year ${year}`)
  return date
}

function addMovie(command: AddMovie, state: MovieState): MovieEvent[] {
  if (state.status !== 'unknown') throw new AppError(409, 'MOVIE_EXISTS', 'a movie with this id exists')
  const { data, metadata } = command
  const year = checkYear(data.year, metadata.now)
  return [
    {
      type: 'MovieAdded',
      data: {
        movieId: data.movieId,
        title: cleanTitle(data.title),
        year,
        genres: cleanGenres(data.genres),
        overview: cleanOverview(data.overview),
        releaseDate: checkReleaseDate(data.releaseDate, year),
        addedAt: metadata.now.toISOString(),
        addedBy: data.addedBy,
      },
    },
  ]
}

function importMovie(command: ImportMovie, state: MovieState): MovieEvent[] {
  if (state.status !== 'unknown') return []
  const { data, metadata } = command
  const problem = externalIdsProblem(data.externalIds)
  if (problem) throw rule('INVALID_EXTERNAL_IDS', problem)
  if (importedMovieId(data.externalIds) !== data.movieId)
    throw rule('MOVIE_ID_MISMATCH', "an imported movie's id must be the one its external ids give")
  const year = data.year === null ? null : checkYear(data.year, metadata.now)
  return [
    {
      type: 'MovieImported',
      data: {
        movieId: data.movieId,
        title: cleanTitle(data.title),
        year,
        genres: cleanGenres(data.genres, { allowNone: true }),
        overview: cleanOverview(data.overview),
        releaseDate: checkReleaseDate(data.releaseDate, year),
        externalIds: cleanExternalIds(data.externalIds),
        source: data.source,
        importedAt: metadata.now.toISOString(),
        jobId: data.jobId,
        ...cleanMedia(data.media),
      },
    },
  ]
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function updateDetails(command: UpdateMovieDetails, state: MovieState): MovieEvent[] {
  if (state.status === 'unknown') throw notFound('MOVIE_NOT_FOUND', 'there is no such movie')
  if (state.status === 'removed') throw rule('MOVIE_REMOVED', 'this movie was removed from the catalogue')
  const { changes: raw } = command.data
  const wanted: Partial<MovieDetails> = {}
  if (raw.title !== undefined) wanted.title = cleanTitle(raw.title)
  if (raw.year !== undefined) wanted.year = checkYear(raw.year, command.metadata.now)
  if (raw.genres !== undefined) wanted.genres = cleanGenres(raw.genres)
  if (raw.overview !== undefined) wanted.overview = cleanOverview(raw.overview)
  const year = wanted.year ?? state.year
  if (raw.releaseDate !== undefined) wanted.releaseDate = checkReleaseDate(raw.releaseDate, year)
  else if (wanted.year !== undefined && state.releaseDate !== null) checkReleaseDate(state.releaseDate, year)
  const changes: Partial<MovieDetails> = {}
  const previous: Partial<MovieDetails> = {}
  for (const key of Object.keys(wanted) as (keyof MovieDetails)[]) {
    if (sameValue(wanted[key], state[key])) continue
    Object.assign(changes, { [key]: wanted[key] })
    Object.assign(previous, { [key]: state[key] })
  }
  // Nothing different: PATCH with the current values appends nothing.
  if (Object.keys(changes).length === 0) return []
  return [
    {
      type: 'MovieDetailsUpdated',
      data: {
        movieId: command.data.movieId,
        changes,
        previous,
        updatedAt: command.metadata.now.toISOString(),
        updatedBy: command.data.updatedBy,
      },
    },
  ]
}

function removeMovie(command: RemoveMovie, state: MovieState): MovieEvent[] {
  if (state.status === 'unknown') throw notFound('MOVIE_NOT_FOUND', 'there is no such movie')
  // Removing twice changes nothing: DELETE is idempotent.
  if (state.status === 'removed') return []
  const reason = command.data.reason?.trim() || null
  return [
    {
      type: 'MovieRemoved',
      data: {
        movieId: command.data.movieId,
        genres: state.genres,
        reason,
        removedAt: command.metadata.now.toISOString(),
        removedBy: command.data.removedBy,
      },
    },
  ]
}

/** Tagging twice changes nothing. A removed movie's curated tags are frozen (MovieRemoved stays last). */
function tagMovie(command: TagMovie, state: MovieState): MovieEvent[] {
  if (state.status === 'unknown') throw notFound('MOVIE_NOT_FOUND', 'there is no such movie')
  const tag = cleanTag(command.data.tag)
  if (state.status === 'removed') throw rule('MOVIE_REMOVED', 'this movie was removed from the catalogue')
  if (state.tags.includes(tag)) return []
  if (state.tags.length >= MAX_CURATED_TAGS)
    throw rule('TOO_MANY_TAGS', `a movie has at most ${MAX_CURATED_TAGS} curated tags`)
  const { movieId, taggedBy } = command.data
  return [
    { type: 'MovieTagged', data: { movieId, tag, taggedAt: command.metadata.now.toISOString(), taggedBy } },
  ]
}

function untagMovie(command: UntagMovie, state: MovieState): MovieEvent[] {
  if (state.status === 'unknown') throw notFound('MOVIE_NOT_FOUND', 'there is no such movie')
  const tag = cleanTag(command.data.tag)
  if (state.status === 'removed') throw rule('MOVIE_REMOVED', 'this movie was removed from the catalogue')
  if (!state.tags.includes(tag)) return []
  const { movieId, untaggedBy } = command.data
  return [
    {
      type: 'MovieUntagged',
      data: { movieId, tag, untaggedAt: command.metadata.now.toISOString(), untaggedBy },
    },
  ]
}

export function decide(command: MovieCommand, state: MovieState): MovieEvent[] {
  switch (command.type) {
    case 'AddMovie':
      return addMovie(command, state)
    case 'ImportMovie':
      return importMovie(command, state)
    case 'UpdateMovieDetails':
      return updateDetails(command, state)
    case 'RemoveMovie':
      return removeMovie(command, state)
    case 'TagMovie':
      return tagMovie(command, state)
    case 'UntagMovie':
      return untagMovie(command, state)
    default: {
      const unknown: never = command
      return unknown
    }
  }
}
