/** The schemas of search suggestions: one item per kind, each with `kind` and `label`. */
import { Type } from 'typebox'
import { ReleaseYear, Uuid } from '../../http/schemas.ts'
import { PersonId } from '../movies/schemas.ts'

export const MovieSuggestion = Type.Object(
  {
    kind: Type.Literal('movie'),
    label: Type.String({ description: 'What to show: the title' }),
    id: Uuid,
    title: Type.String(),
    year: ReleaseYear,
  },
  {
    title: 'MovieSuggestion',
    description: 'A listed movie whose title matches; GET /movies/{id} has the rest.',
    examples: [
      {
        kind: 'movie',
        label: 'The Matrix',
        id: '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
        title: 'The Matrix',
        year: 1999,
      },
    ],
  },
)

export const GenreSuggestion = Type.Object(
  {
    kind: Type.Literal('genre'),
    label: Type.String({ description: 'What to show: the genre name' }),
    slug: Type.String({ description: 'For GET /movies?genre=' }),
    name: Type.String(),
    movieCount: Type.Integer({ description: 'Listed movies' }),
  },
  {
    title: 'GenreSuggestion',
    description: 'A genre whose name matches.',
    examples: [{ kind: 'genre', label: 'Mystery', slug: 'mystery', name: 'Mystery', movieCount: 42 }],
  },
)

export const PersonSuggestion = Type.Object(
  {
    kind: Type.Literal('person'),
    label: Type.String({ description: "What to show: the person's name" }),
    id: PersonId,
    name: Type.String(),
    movieCount: Type.Integer({ description: 'Movies they are credited in (cast, director, writer)' }),
  },
  {
    title: 'PersonSuggestion',
    description: 'A person whose name matches; GET /people/{id} has their movies.',
    examples: [{ kind: 'person', label: 'Sofia Coppola', id: '1769', name: 'Sofia Coppola', movieCount: 8 }],
  },
)

export const TagSuggestion = Type.Object(
  {
    kind: Type.Literal('tag'),
    label: Type.String({ description: 'What to show: the tag' }),
    tag: Type.String({ description: 'For GET /movies?tag=' }),
    movieCount: Type.Integer({ description: 'Listed movies with this tag' }),
  },
  {
    title: 'TagSuggestion',
    description: 'A tag that begins with what was typed (normalised like a tag), most used first.',
    examples: [{ kind: 'tag', label: 'time travel', tag: 'time travel', movieCount: 12 }],
  },
)

export const SuggestionList = Type.Object(
  { items: Type.Array(Type.Union([MovieSuggestion, PersonSuggestion, GenreSuggestion, TagSuggestion])) },
  {
    title: 'SuggestionList',
    description:
      'Suggestions by kind: movies first (best first), then people, then genres, then tags. No pages: a few items for a list under a search box.',
    examples: [
      {
        items: [
          {
            kind: 'movie',
            label: 'The Matrix',
            id: '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
            title: 'The Matrix',
            year: 1999,
          },
          { kind: 'genre', label: 'Mystery', slug: 'mystery', name: 'Mystery', movieCount: 42 },
          { kind: 'tag', label: 'time travel', tag: 'time travel', movieCount: 12 },
        ],
      },
    ],
  },
)
