/** The rules of the genre stream: create, rename, merge and remove, pure decide/evolve. */
import t from 'tap'
import { decide, type GenreCommand, type Listed } from '../../../src/domain/genre/decide.ts'
import {
  evolve,
  type GenreEvent,
  type GenreState,
  genreSlug,
  initialState,
} from '../../../src/domain/genre/genre.ts'
import { AppError, DomainRuleError } from '../../../src/errors.ts'
import { type Assertions, spec } from '../../support/decider-spec.ts'

const adminId = '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a33'
const now = new Date('2026-11-24T12:00:00.000Z')
const at = now.toISOString()
const genres = (t: Assertions) =>
  spec<GenreCommand, GenreEvent, GenreState>(t, { initialState, evolve, decide })

const created = (name: string): GenreEvent => ({
  type: 'GenreCreated',
  data: { slug: genreSlug(name), name, createdAt: at, createdBy: adminId },
})
const create = (name: string, listed: Listed = {}): GenreCommand => ({
  type: 'CreateGenre',
  data: { name, createdBy: adminId },
  listed,
  metadata: { now },
})
const rename = (slug: string, name: string, listed: Listed = {}): GenreCommand => ({
  type: 'RenameGenre',
  data: { slug, name, renamedBy: adminId },
  listed,
  metadata: { now },
})
const merge = (target: string, sources: string[], listed: Listed = {}): GenreCommand => ({
  type: 'MergeGenres',
  data: { target, sources, mergedBy: adminId },
  listed,
  metadata: { now },
})
const remove = (slug: string, listed: Listed = {}): GenreCommand => ({
  type: 'RemoveGenre',
  data: { slug, removedBy: adminId },
  listed,
  metadata: { now },
})

t.test('a slug is lower case without accents, anything else one dash', async (t) => {
  t.equal(genreSlug(' Science  Fiction '), 'science-fiction')
  t.equal(genreSlug('Film-Noir'), 'film-noir')
  t.equal(genreSlug('Comédie'), 'comedie')
  t.equal(genreSlug('!!!'), '')
})

t.test('creating: a trimmed new name; a name another genre has is 409, a nameless one 422', async (t) => {
  genres(t)
    .given([])
    .when(create('  Science   Fiction '))
    .then([created('Science Fiction')])
  genres(t)
    .given([created('Science Fiction')])
    .when(create('science fiction'))
    .thenThrows(AppError, 'GENRE_EXISTS')
  genres(t)
    .given([])
    .when(create('Drama', { drama: { name: 'Drama', movies: 3 } }))
    .thenThrows(AppError, 'GENRE_EXISTS')
  genres(t)
    .given([])
    .when(create('Drama', { drama: { name: 'Drama', movies: 0 } }))
    .then([created('Drama')])
  genres(t).given([]).when(create('---')).thenThrows(DomainRuleError, 'GENRE_NAME_REQUIRED')
  genres(t)
    .given([])
    .when(create('x'.repeat(41)))
    .thenThrows(DomainRuleError, 'GENRE_TOO_LONG')
})

t.test(
  'renaming: the slug follows the name; the same name changes nothing; a taken name is 409',
  async (t) => {
    genres(t)
      .given([created('Sci-Fi')])
      .when(rename('sci-fi', 'Science Fiction'))
      .then([
        {
          type: 'GenreRenamed',
          data: {
            slug: 'sci-fi',
            previousName: 'Sci-Fi',
            newSlug: 'science-fiction',
            name: 'Science Fiction',
            renamedAt: at,
            renamedBy: adminId,
          },
        },
      ])
    genres(t)
      .given([created('Sci-Fi')])
      .when(rename('sci-fi', 'Sci-Fi'))
      .then([])
    genres(t)
      .given([created('Sci-Fi'), created('Science Fiction')])
      .when(rename('sci-fi', 'Science fiction'))
      .thenThrows(AppError, 'GENRE_EXISTS')
    genres(t)
      .given([created('Sci-Fi')])
      .when(rename('sci-fi', 'Sci-fi'))
      .then([
        {
          type: 'GenreRenamed',
          data: {
            slug: 'sci-fi',
            previousName: 'Sci-Fi',
            newSlug: 'sci-fi',
            name: 'Sci-fi',
            renamedAt: at,
            renamedBy: adminId,
          },
        },
      ])
  },
)

t.test(
  'a genre only movies brought in is managed like a created one; a renamed-away slug is gone',
  async (t) => {
    const listed = { 'film-noir': { name: 'Film-Noir', movies: 4 } }
    genres(t)
      .given([])
      .when(rename('film-noir', 'Noir', listed))
      .then([
        {
          type: 'GenreRenamed',
          data: {
            slug: 'film-noir',
            previousName: 'Film-Noir',
            newSlug: 'noir',
            name: 'Noir',
            renamedAt: at,
            renamedBy: adminId,
          },
        },
      ])
    genres(t).given([]).when(rename('film-noir', 'Noir')).thenThrows(AppError, 'GENRE_NOT_FOUND')
    const renamed: GenreEvent = {
      type: 'GenreRenamed',
      data: {
        slug: 'film-noir',
        previousName: 'Film-Noir',
        newSlug: 'noir',
        name: 'Noir',
        renamedAt: at,
        renamedBy: adminId,
      },
    }
    genres(t)
      .given([renamed])
      .when(rename('film-noir', 'Black Film', listed))
      .thenThrows(AppError, 'GENRE_NOT_FOUND')
    genres(t)
      .given([renamed])
      .when(create('Film-Noir'))
      .then([created('Film-Noir')])
  },
)

t.test('merging: sources into an existing target, never itself, every source existing', async (t) => {
  const listed = { scifi: { name: 'SciFi', movies: 2 } }
  genres(t)
    .given([created('Science Fiction'), created('Sci-Fi')])
    .when(merge('science-fiction', ['sci-fi', 'scifi', 'sci-fi'], listed))
    .then([
      {
        type: 'GenresMerged',
        data: {
          sources: [
            { slug: 'sci-fi', name: 'Sci-Fi' },
            { slug: 'scifi', name: 'SciFi' },
          ],
          target: { slug: 'science-fiction', name: 'Science Fiction' },
          mergedAt: at,
          mergedBy: adminId,
        },
      },
    ])
  genres(t)
    .given([created('Science Fiction')])
    .when(merge('science-fiction', ['science-fiction']))
    .thenThrows(DomainRuleError, 'GENRE_MERGE_INVALID')
  genres(t)
    .given([created('Science Fiction')])
    .when(merge('science-fiction', []))
    .thenThrows(DomainRuleError, 'GENRE_MERGE_INVALID')
  genres(t)
    .given([created('Science Fiction')])
    .when(merge('science-fiction', ['nope']))
    .thenThrows(AppError, 'GENRE_NOT_FOUND')
  genres(t)
    .given([created('Sci-Fi')])
    .when(merge('nope', ['sci-fi']))
    .thenThrows(AppError, 'GENRE_NOT_FOUND')
})

t.test('removing: only a genre no listed movie has; in use is 409', async (t) => {
  genres(t)
    .given([created('Western')])
    .when(remove('western', { western: { name: 'Western', movies: 0 } }))
    .then([
      { type: 'GenreRemoved', data: { slug: 'western', name: 'Western', removedAt: at, removedBy: adminId } },
    ])
  genres(t)
    .given([created('Western')])
    .when(remove('western', { western: { name: 'Western', movies: 2 } }))
    .thenThrows(AppError, 'GENRE_IN_USE')
  genres(t).given([]).when(remove('western')).thenThrows(AppError, 'GENRE_NOT_FOUND')
  const removed: GenreEvent = {
    type: 'GenreRemoved',
    data: { slug: 'western', name: 'Western', removedAt: at, removedBy: adminId },
  }
  genres(t)
    .given([created('Western'), removed])
    .when(create('Western'))
    .then([created('Western')])
})
