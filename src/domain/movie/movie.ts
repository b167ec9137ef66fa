/**
 * The movie stream: one catalogue entry (`movie-<id>`). Its events, its state and evolve. Pure.
 * Removal is soft and final: the movie leaves lists, its interactions stay. A movie enters the
 * catalogue either added by an admin (MovieAdded) or imported (MovieImported, from MovieLens files or
 * TMDb, with its external ids; its id derives from them: ./external-ids.ts).
 */
import { type Static, Type } from 'typebox'
import { defineEvent, type EventData, type EventOf, Nullable, StringEnum } from '../event-catalogue.ts'
import { ExternalIdsSchema } from './external-ids.ts'
import { movieMediaFields, noMedia } from './media.ts'

export const movieStream = (movieId: string) => `movie-${movieId}`

const movieDetails = {
  title: Type.String(),
  year: Type.Integer(),
  genres: Type.Array(Type.String()),
  overview: Nullable(Type.String()),
  releaseDate: Nullable(Type.String(), { description: 'YYYY-MM-DD, within `year`.' }),
}
const MovieDetailsSchema = Type.Object(movieDetails)
/** What an admin sets (AddMovie, UpdateMovieDetails): the year is always known. */
export type MovieDetails = Static<typeof MovieDetailsSchema>
/** An imported movie may come without a year (a MovieLens title without one): null, unknown. */
const UnknownYear = Nullable(Type.Integer(), {
  description: 'null: unknown (a MovieLens title without one).',
})
/** Widened in version 2 of MovieImported and MovieDetailsUpdated; every stored version 1 is valid as it is. */
const yearMayBeUnknown = (from: number, change: string) => ({ from, change, up: (data: EventData) => data })

export const movieAdded = defineEvent('MovieAdded', {
  description: 'An admin added a movie to the catalogue.',
  data: Type.Object({
    ...movieDetails,
    movieId: Type.String(),
    addedAt: Type.String(),
    addedBy: Nullable(Type.String()),
  }),
})
export type MovieAdded = EventOf<typeof movieAdded>

/** `demo`: embedded mode's demo catalogue (src/ingest/demo/demo-data.ts). */
export const IMPORT_SOURCES = ['movielens', 'tmdb', 'demo'] as const
export type ImportSource = (typeof IMPORT_SOURCES)[number]

/**
 * Like MovieAdded, from an import: `jobId` is the job that imported it (null from a script). v2 adds
 * images, runtime, original language, tagline and people (./media.ts).
 */
export const movieImported = defineEvent('MovieImported', {
  description:
    'Like MovieAdded, from an import (MovieLens files, TMDb, the demo catalogue), with its external ids; ' +
    '`jobId` is the import job, null from a script. Images, runtime, language, tagline, cast and crew ' +
    'where the source has them (TMDb; the demo catalogue has directors).',
  version: 3,
  upcasters: [
    yearMayBeUnknown(1, '`year` may be null (unknown): nothing to convert.'),
    {
      from: 2,
      change:
        'Adds posterPath, backdropPath, imageConfig, runtime, originalLanguage, tagline (null), cast and crew (empty).',
      up: (data) => ({ ...noMedia(), ...data }),
    },
  ],
  data: Type.Object({
    ...movieDetails,
    year: UnknownYear,
    movieId: Type.String(),
    externalIds: ExternalIdsSchema,
    source: StringEnum(IMPORT_SOURCES),
    importedAt: Type.String(),
    jobId: Nullable(Type.String(), { description: 'The import job; null from a script.' }),
    ...movieMediaFields,
  }),
})
export type MovieImported = EventOf<typeof movieImported>

/** `previous` holds the old value of every changed field, so read models can move counters. */
export const movieDetailsUpdated = defineEvent('MovieDetailsUpdated', {
  description:
    'Some details changed; `previous` holds the old value of every changed field, so read models can move counters.',
  version: 2,
  upcasters: [yearMayBeUnknown(1, '`previous.year` may be null (was unknown): nothing to convert.')],
  data: Type.Object({
    movieId: Type.String(),
    changes: Type.Partial(MovieDetailsSchema, { description: 'The new value of each changed field.' }),
    previous: Type.Partial(Type.Object({ ...movieDetails, year: UnknownYear }), {
      description: 'The old value of each changed field (`year` null: it was unknown).',
    }),
    updatedAt: Type.String(),
    updatedBy: Nullable(Type.String()),
  }),
})
export type MovieDetailsUpdated = EventOf<typeof movieDetailsUpdated>

/** Carries the genres the movie had, so genre counters and sets can drop it without state. */
export const movieRemoved = defineEvent('MovieRemoved', {
  description:
    'Soft and final removal; carries the genres the movie had, so genre counters drop it without state.',
  data: Type.Object({
    movieId: Type.String(),
    genres: Type.Array(Type.String(), { description: 'The genres it had, for counters without state.' }),
    reason: Nullable(Type.String()),
    removedAt: Type.String(),
    removedBy: Nullable(Type.String()),
  }),
})
export type MovieRemoved = EventOf<typeof movieRemoved>

/** A curated tag (src/domain/tag/tag.ts normalised it). */
export const movieTagged = defineEvent('MovieTagged', {
  description: 'An admin gave the movie a curated tag (normalised: trimmed, lower case).',
  data: Type.Object({
    movieId: Type.String(),
    tag: Type.String(),
    taggedAt: Type.String(),
    taggedBy: Nullable(Type.String()),
  }),
})
export type MovieTagged = EventOf<typeof movieTagged>

export const movieUntagged = defineEvent('MovieUntagged', {
  description: 'An admin took a curated tag off the movie.',
  data: Type.Object({
    movieId: Type.String(),
    tag: Type.String(),
    untaggedAt: Type.String(),
    untaggedBy: Nullable(Type.String()),
  }),
})
export type MovieUntagged = EventOf<typeof movieUntagged>

/** The movie stream's events, for the catalogue (src/domain/events.ts). */
export const MOVIE_EVENTS = [
  movieAdded,
  movieImported,
  movieDetailsUpdated,
  movieRemoved,
  movieTagged,
  movieUntagged,
] as const

export type MovieEvent =
  | MovieAdded
  | MovieImported
  | MovieDetailsUpdated
  | MovieRemoved
  | MovieTagged
  | MovieUntagged

export type MovieState =
  | { status: 'unknown' }
  | ({ status: 'active' | 'removed'; movieId: string; tags: string[] } & Omit<MovieDetails, 'year'> & {
        year: number | null
      })

export const initialState = (): MovieState => ({ status: 'unknown' })

export function evolve(state: MovieState, event: MovieEvent): MovieState {
  switch (event.type) {
    case 'MovieAdded':
    case 'MovieImported': {
      const { movieId, title, year, genres, overview, releaseDate } = event.data
      return {
        status: 'active',
        movieId,
        title,
        year,
        genres,
        overview: overview ?? null,
        releaseDate: releaseDate ?? null,
        tags: [],
      }
    }
    case 'MovieDetailsUpdated':
      return state.status === 'unknown' ? state : { ...state, ...event.data.changes }
    case 'MovieRemoved':
      return state.status === 'unknown' ? state : { ...state, status: 'removed' }
    case 'MovieTagged':
      return state.status === 'unknown' ? state : { ...state, tags: [...state.tags, event.data.tag] }
    case 'MovieUntagged':
      return state.status === 'unknown'
        ? state
        : { ...state, tags: state.tags.filter((tag) => tag !== event.data.tag) }
    default: {
      const unknown: never = event
      return unknown
    }
  }
}

/** What an interaction command needs to know about its movie; the handler reads it from the movie stream. */
export type MovieAvailability = 'active' | 'removed' | 'unknown'
