/**
 * As-you-type suggestions: titles whose words begin with what was typed (the last word a prefix,
 * typos corrected as in search), most popular first, and genres whose name words do. Titles come
 * from the GIN index movies_search restricted to title lexemes (weight A) or movies_by_popularity;
 * genres from the genres table, a few dozen rows read whole once per ETag and matched in memory;
 * people from the movie_credits projection's `people`, by the GIN index over their folded names.
 */
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { type SearchTerms, tsquery } from './terms.ts'

/** Genres suggested at most, after the titles. */
export const MAX_GENRE_SUGGESTIONS = 3
/** People suggested at most, after the titles. */
export const MAX_PERSON_SUGGESTIONS = 3

export type Suggestion =
  | { kind: 'movie'; label: string; id: string; title: string; year: number | null }
  | { kind: 'genre'; label: string; slug: string; name: string; movieCount: number }
  | { kind: 'tag'; label: string; tag: string; movieCount: number }
  | { kind: 'person'; label: string; id: string; name: string; movieCount: number }

/**
 * The people query: every typed word begins a word of the person's folded name (no typo
 * corrections: the lexicon holds title words), most credited first. Exported for EXPLAIN.
 */
export function personSuggestionQuery(db: Kysely<Database>, terms: SearchTerms, limit: number) {
  const last = terms.words.length - 1
  // Words are letters and digits only (searchWords), so nothing reaches tsquery syntax.
  const query = terms.words.map(({ word }, i) => (i === last ? `${word}:*` : word)).join(' & ')
  return (
    db
      .selectFrom('people')
      .select(['person_id', 'name', 'movie_count'])
      // Raw SQL: the expression people_name_words indexes.
      .where(sql<boolean>`to_tsvector('simple', public.search_fold(name)) @@ to_tsquery('simple', ${query})`)
      .orderBy('movie_count', 'desc')
      .orderBy('person_id')
      .limit(limit)
  )
}

/** The titles query (exported so a test can EXPLAIN exactly what the API runs). */
export function titleSuggestionQuery(db: Kysely<Database>, terms: SearchTerms, limit: number) {
  const matches = tsquery(terms, { corrections: true, titleOnly: true })
  // No tier for exact matches before corrected ones: a word is corrected only when no title holds
  // it, so no title matches what was typed exactly when a correction exists.
  return (
    db
      .selectFrom('movies')
      .select(['id', 'title', 'year'])
      .where('removed_at', 'is', null)
      // Raw SQL: full-text match on title lexemes only (weight A), served by movies_search.
      .where(sql<boolean>`search @@ to_tsquery('simple', ${matches})`)
      .orderBy('popularity', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
  )
}

/** A listed genre with the words of its folded name, as suggestions match them. */
export type GenreWords = { slug: string; name: string; movieCount: number; words: string[] }

/** Every listed genre with its folded name's words: a few dozen rows, kept by the route per ETag. */
export async function genreWords(db: Kysely<Database>): Promise<GenreWords[]> {
  const rows = await db
    .selectFrom('genres')
    // Raw SQL: the same folding as the search's words.
    .select(['slug', 'name', 'movie_count', sql<string>`public.search_fold(name)`.as('folded')])
    .where('movie_count', '>', 0)
    .execute()
  return rows.map((row) => ({
    slug: row.slug,
    name: row.name,
    movieCount: row.movie_count,
    words: row.folded.match(/[\p{L}\p{N}]+/gu) ?? [],
  }))
}

/** Whether a and b are at most one insertion, deletion or substitution apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1)
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}

/** Genres every word of the search begins a word of (or is 1 edit from, for words of 4 letters and more). */
export function matchGenres(genres: readonly GenreWords[], terms: SearchTerms): GenreWords[] {
  return genres
    .filter((genre) =>
      terms.words.every(({ word }) =>
        genre.words.some((part) => part.startsWith(word) || (word.length >= 4 && withinOneEdit(part, word))),
      ),
    )
    .sort((a, b) => b.movieCount - a.movieCount || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .slice(0, MAX_GENRE_SUGGESTIONS)
}

export async function suggest(
  db: Kysely<Database>,
  terms: SearchTerms,
  limit: number,
  genres: readonly GenreWords[],
): Promise<{ items: Suggestion[] }> {
  // Suggestions match titles only: a word no title holds, with no correction, matches none, and
  // asking would walk the popularity index to its end looking for one.
  const hopeless = terms.words.some((w) => !w.known && w.corrections.length === 0)
  const [titles, people] = await Promise.all([
    hopeless ? [] : titleSuggestionQuery(db, terms, limit).execute(),
    personSuggestionQuery(db, terms, MAX_PERSON_SUGGESTIONS).execute(),
  ])
  return {
    items: [
      ...titles.map(
        (row): Suggestion => ({
          kind: 'movie',
          label: row.title,
          id: row.id,
          title: row.title,
          year: row.year,
        }),
      ),
      ...people.map(
        (row): Suggestion => ({
          kind: 'person',
          label: row.name,
          id: row.person_id,
          name: row.name,
          movieCount: row.movie_count,
        }),
      ),
      ...matchGenres(genres, terms).map(
        (genre): Suggestion => ({
          kind: 'genre',
          label: genre.name,
          slug: genre.slug,
          name: genre.name,
          movieCount: genre.movieCount,
        }),
      ),
    ],
  }
}
