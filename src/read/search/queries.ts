/**
 * As-you-type suggestions: titles whose words begin with what was typed (the last word a prefix,
 * typos corrected as in search), most popular first, and genres whose name words do. Titles come
 * from the GIN index movies_search restricted to title lexemes (weight A); genres from the genres
 * table, a few dozen rows, read whole.
 */
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { type SearchTerms, tsquery } from './terms.ts'

/** Genres suggested at most, after the titles. */
export const MAX_GENRE_SUGGESTIONS = 3

export type Suggestion =
  | { kind: 'movie'; label: string; id: string; title: string; year: number }
  | { kind: 'genre'; label: string; slug: string; name: string; movieCount: number }

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

/** Genres every word of the search begins a word of (or is a typo of, for words of 4 letters and more). */
function genreSuggestionQuery(db: Kysely<Database>, terms: SearchTerms) {
  const words = terms.words.map((w) => w.word)
  // Raw SQL: unnest, regexp_split_to_table and levenshtein have no builder form.
  return sql<{ slug: string; name: string; movie_count: number }>`
    SELECT g.slug, g.name, g.movie_count FROM genres g
    WHERE g.movie_count > 0 AND NOT EXISTS (
      SELECT 1 FROM unnest(${words}::text[]) AS typed(word)
      WHERE NOT EXISTS (
        SELECT 1 FROM regexp_split_to_table(public.search_fold(g.name), '[[:space:][:punct:]]+') AS part(word)
        WHERE starts_with(part.word, typed.word)
          OR (length(typed.word) >= 4 AND length(part.word) <= 60
              AND public.levenshtein_less_equal(part.word, typed.word, 1) <= 1)
      )
    )
    ORDER BY g.movie_count DESC, g.slug
    LIMIT ${MAX_GENRE_SUGGESTIONS}`.execute(db)
}

export async function suggest(
  db: Kysely<Database>,
  terms: SearchTerms,
  limit: number,
): Promise<{ items: Suggestion[] }> {
  // Suggestions match titles only: a word no title holds, with no correction, matches none, and
  // asking would walk the popularity index to its end looking for one.
  const hopeless = terms.words.some((w) => !w.known && w.corrections.length === 0)
  const [titles, genres] = await Promise.all([
    hopeless ? [] : titleSuggestionQuery(db, terms, limit).execute(),
    genreSuggestionQuery(db, terms),
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
      ...genres.rows.map(
        (row): Suggestion => ({
          kind: 'genre',
          label: row.name,
          slug: row.slug,
          name: row.name,
          movieCount: row.movie_count,
        }),
      ),
    ],
  }
}
