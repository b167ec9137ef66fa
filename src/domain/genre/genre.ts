/**
 * Genres as first-class entries: the one genre stream (`genre-catalogue`) and its events, state
 * and evolve. One stream for every genre because its rules span genres (a rename may not take
 * another genre's name; a merge names several), and genres are few and change rarely. Movies keep
 * naming genres by name (MovieAdded, MovieDetailsUpdated); the movies projection resolves a renamed
 * or merged genre's old names to the genre it became (docs/api.md "Genres"). Pure.
 */
import { Type } from 'typebox'
import { defineEvent, type EventOf, Nullable } from '../event-catalogue.ts'

export const GENRE_STREAM = 'genre-catalogue'

/** The stable key of a genre name: lower case, accents off, runs of anything but letters and digits as one '-'. */
export function genreSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
}

const GenreRef = Type.Object({ slug: Type.String(), name: Type.String() })

export const genreCreated = defineEvent('GenreCreated', {
  description: 'An admin created a genre (listed even before a movie has it).',
  data: Type.Object({
    slug: Type.String(),
    name: Type.String(),
    createdAt: Type.String(),
    createdBy: Nullable(Type.String()),
  }),
})
export type GenreCreated = EventOf<typeof genreCreated>

export const genreRenamed = defineEvent('GenreRenamed', {
  description:
    'An admin renamed a genre; its slug follows the new name. Movies naming the old name now have the new one.',
  data: Type.Object({
    slug: Type.String({ description: 'The slug before the rename' }),
    previousName: Type.String(),
    newSlug: Type.String(),
    name: Type.String(),
    renamedAt: Type.String(),
    renamedBy: Nullable(Type.String()),
  }),
})
export type GenreRenamed = EventOf<typeof genreRenamed>

export const genresMerged = defineEvent('GenresMerged', {
  description:
    'An admin merged genres into another: their movies now have the target genre, the sources are gone.',
  data: Type.Object({
    sources: Type.Array(GenreRef),
    target: GenreRef,
    mergedAt: Type.String(),
    mergedBy: Nullable(Type.String()),
  }),
})
export type GenresMerged = EventOf<typeof genresMerged>

export const genreRemoved = defineEvent('GenreRemoved', {
  description: 'An admin removed a genre no listed movie had.',
  data: Type.Object({
    slug: Type.String(),
    name: Type.String(),
    removedAt: Type.String(),
    removedBy: Nullable(Type.String()),
  }),
})
export type GenreRemoved = EventOf<typeof genreRemoved>

/** The genre stream's events, for the catalogue (src/domain/events.ts). */
export const GENRE_EVENTS = [genreCreated, genreRenamed, genresMerged, genreRemoved] as const

export type GenreEvent = GenreCreated | GenreRenamed | GenresMerged | GenreRemoved

/**
 * What the stream says of each slug it has seen: `active` (created, or the result of a rename or
 * merge) with its name, or `gone` (renamed or merged away: its name now means another genre). A
 * removed genre is forgotten: movies may bring its name back.
 */
export type GenreState = {
  genres: Map<string, { status: 'active'; name: string } | { status: 'gone'; into: string }>
}

export const initialState = (): GenreState => ({ genres: new Map() })

export function evolve(state: GenreState, event: GenreEvent): GenreState {
  const genres = new Map(state.genres)
  switch (event.type) {
    case 'GenreCreated':
      genres.set(event.data.slug, { status: 'active', name: event.data.name })
      break
    case 'GenreRenamed':
      if (event.data.newSlug !== event.data.slug)
        genres.set(event.data.slug, { status: 'gone', into: event.data.newSlug })
      genres.set(event.data.newSlug, { status: 'active', name: event.data.name })
      break
    case 'GenresMerged':
      for (const source of event.data.sources)
        genres.set(source.slug, { status: 'gone', into: event.data.target.slug })
      genres.set(event.data.target.slug, { status: 'active', name: event.data.target.name })
      break
    case 'GenreRemoved':
      genres.delete(event.data.slug)
      break
    default: {
      const unknown: never = event
      return unknown
    }
  }
  return { genres }
}
