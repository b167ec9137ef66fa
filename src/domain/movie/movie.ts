/**
 * The movie stream: one catalogue entry (`movie-<id>`). Its events, its state and evolve. Pure.
 * Removal is soft and final: the movie leaves lists, its interactions stay. A movie enters the
 * catalogue either added by an admin (MovieAdded) or imported (MovieImported, from MovieLens files or
 * TMDb, with its external ids; its id derives from them: ./external-ids.ts).
 */
import type { ExternalIds } from './external-ids.ts'

export const movieStream = (movieId: string) => `movie-${movieId}`

export type MovieDetails = {
  title: string
  year: number
  genres: string[]
  overview: string | null
  /** YYYY-MM-DD, within `year`. */
  releaseDate: string | null
}

export type MovieAdded = {
  type: 'MovieAdded'
  data: MovieDetails & { movieId: string; addedAt: string; addedBy: string | null }
}
/** `demo`: embedded mode's demo catalogue (src/ingest/demo/demo-data.ts). */
export type ImportSource = 'movielens' | 'tmdb' | 'demo'

/** Like MovieAdded, from an import: `jobId` is the job that imported it (null from a script). */
export type MovieImported = {
  type: 'MovieImported'
  data: MovieDetails & {
    movieId: string
    externalIds: ExternalIds
    source: ImportSource
    importedAt: string
    jobId: string | null
  }
}
/** `previous` holds the old value of every changed field, so read models can move counters. */
export type MovieDetailsUpdated = {
  type: 'MovieDetailsUpdated'
  data: {
    movieId: string
    changes: Partial<MovieDetails>
    previous: Partial<MovieDetails>
    updatedAt: string
    updatedBy: string | null
  }
}
/** Carries the genres the movie had, so genre counters and sets can drop it without state. */
export type MovieRemoved = {
  type: 'MovieRemoved'
  data: {
    movieId: string
    genres: string[]
    reason: string | null
    removedAt: string
    removedBy: string | null
  }
}

export type MovieEvent = MovieAdded | MovieImported | MovieDetailsUpdated | MovieRemoved

export type MovieState =
  | { status: 'unknown' }
  | ({ status: 'active' | 'removed'; movieId: string } & MovieDetails)

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
      }
    }
    case 'MovieDetailsUpdated':
      return state.status === 'unknown' ? state : { ...state, ...event.data.changes }
    case 'MovieRemoved':
      return state.status === 'unknown' ? state : { ...state, status: 'removed' }
    default: {
      const unknown: never = event
      return unknown
    }
  }
}

/** What an interaction command needs to know about its movie; the handler reads it from the movie stream. */
export type MovieAvailability = 'active' | 'removed' | 'unknown'
