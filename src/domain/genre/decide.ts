/**
 * The commands on the genre stream (admin) and their rules. Pure: time, the acting admin and what
 * the catalogue lists arrive on the command.
 *
 * Genres that movies brought in by name (imports, movies added before genres were first-class) are
 * not on the genre stream; the handler passes what the catalogue read model lists for the slugs a
 * command names (`listed`: name and listed movie count), so such a genre can be renamed, merged or
 * removed like a created one. The stream has the last word: a slug it saw renamed or merged away
 * is gone whatever a lagging read model still lists.
 */
import { AppError, DomainRuleError, notFound } from '../../errors.ts'
import { type GenreEvent, type GenreState, genreSlug } from './genre.ts'

export const MAX_GENRE_NAME_LENGTH = 40
export const MAX_MERGE_SOURCES = 20

/** What the catalogue lists for a slug: its display name and how many listed movies have it. */
export type Listed = Record<string, { name: string; movies: number }>

type Meta = { metadata: { now: Date }; listed: Listed }

export type CreateGenre = Meta & { type: 'CreateGenre'; data: { name: string; createdBy: string | null } }
export type RenameGenre = Meta & {
  type: 'RenameGenre'
  data: { slug: string; name: string; renamedBy: string | null }
}
export type MergeGenres = Meta & {
  type: 'MergeGenres'
  data: { target: string; sources: string[]; mergedBy: string | null }
}
export type RemoveGenre = Meta & { type: 'RemoveGenre'; data: { slug: string; removedBy: string | null } }

export type GenreCommand = CreateGenre | RenameGenre | MergeGenres | RemoveGenre

/** Trimmed and single-spaced; a name must give a slug (letters or digits). */
export function cleanGenreName(raw: string): { name: string; slug: string } {
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ')
  const slug = genreSlug(name)
  if (slug === '')
    throw new DomainRuleError('GENRE_NAME_REQUIRED', 'a genre needs a name with a letter or digit')
  if ([...name].length > MAX_GENRE_NAME_LENGTH)
    throw new DomainRuleError(
      'GENRE_TOO_LONG',
      `a genre name holds at most ${MAX_GENRE_NAME_LENGTH} characters`,
    )
  return { name, slug }
}

/** The genre a slug names now (created, or listed by the catalogue and not gone), or null. */
function current(state: GenreState, listed: Listed, slug: string): { slug: string; name: string } | null {
  const known = state.genres.get(slug)
  if (known?.status === 'active') return { slug, name: known.name }
  if (known?.status === 'gone') return null
  const entry = listed[slug]
  return entry && entry.movies > 0 ? { slug, name: entry.name } : null
}

function requireGenre(state: GenreState, listed: Listed, slug: string) {
  const genre = current(state, listed, slug)
  if (!genre) throw notFound('GENRE_NOT_FOUND', `no genre ${slug}`)
  return genre
}

const taken = (name: string) =>
  new AppError(409, 'GENRE_EXISTS', `a genre named ${name} exists: merge into it instead`)

function create(command: CreateGenre, state: GenreState): GenreEvent[] {
  const { name, slug } = cleanGenreName(command.data.name)
  const existing = current(state, command.listed, slug)
  if (existing) throw taken(existing.name)
  return [
    {
      type: 'GenreCreated',
      data: { slug, name, createdAt: command.metadata.now.toISOString(), createdBy: command.data.createdBy },
    },
  ]
}

function rename(command: RenameGenre, state: GenreState): GenreEvent[] {
  const genre = requireGenre(state, command.listed, command.data.slug)
  const { name, slug: newSlug } = cleanGenreName(command.data.name)
  if (name === genre.name) return []
  if (newSlug !== genre.slug) {
    const other = current(state, command.listed, newSlug)
    if (other) throw taken(other.name)
  }
  return [
    {
      type: 'GenreRenamed',
      data: {
        slug: genre.slug,
        previousName: genre.name,
        newSlug,
        name,
        renamedAt: command.metadata.now.toISOString(),
        renamedBy: command.data.renamedBy,
      },
    },
  ]
}

function merge(command: MergeGenres, state: GenreState): GenreEvent[] {
  const { target: targetSlug, sources: raw } = command.data
  const slugs = [...new Set(raw)]
  if (slugs.length === 0 || slugs.includes(targetSlug))
    throw new DomainRuleError('GENRE_MERGE_INVALID', 'merge at least one other genre into the target')
  const target = requireGenre(state, command.listed, targetSlug)
  const sources = slugs.map((slug) => requireGenre(state, command.listed, slug))
  return [
    {
      type: 'GenresMerged',
      data: {
        sources,
        target,
        mergedAt: command.metadata.now.toISOString(),
        mergedBy: command.data.mergedBy,
      },
    },
  ]
}

/** A genre listed movies still have is not removed (409 GENRE_IN_USE): merge it into another instead. */
function remove(command: RemoveGenre, state: GenreState): GenreEvent[] {
  const genre = requireGenre(state, command.listed, command.data.slug)
  const movies = command.listed[genre.slug]?.movies ?? 0
  if (movies > 0)
    throw new AppError(
      409,
      'GENRE_IN_USE',
      `${movies} listed movies have ${genre.name}: merge it into another genre`,
    )
  return [
    {
      type: 'GenreRemoved',
      data: { ...genre, removedAt: command.metadata.now.toISOString(), removedBy: command.data.removedBy },
    },
  ]
}

export function decide(command: GenreCommand, state: GenreState): GenreEvent[] {
  switch (command.type) {
    case 'CreateGenre':
      return create(command, state)
    case 'RenameGenre':
      return rename(command, state)
    case 'MergeGenres':
      return merge(command, state)
    case 'RemoveGenre':
      return remove(command, state)
    default: {
      const unknown: never = command
      return unknown
    }
  }
}
