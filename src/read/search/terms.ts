/**
 * What a search text means to the catalogue, computed inside the statement that answers it: the
 * `search_terms` common table expression (one row) folds the typed words as the index folds titles
 * (lower case, no accents: public.search_fold), looks each up in the movie_words lexicon of the
 * movies projection (the primary key: the word, or for the last one a word it begins) and, for a
 * word of 4 letters or more the titles do not hold, finds its typo corrections: lexicon words
 * sharing at least a fifth of their trigrams with it (pg_trgm's `%`, served by the lexicon's GIN
 * index), of which levenshtein keeps those at most 1 edit away (words of 4-5 letters) or 2 (6 and
 * more; a swap of two letters is 2), closest first. From them it builds the tsquery texts the
 * statement matches and ranks with. So a search or a suggestion is one round trip.
 *
 * The fifth is pg_trgm.similarity_threshold, set for every connection of the pool when it opens
 * (src/db/session-settings.ts), not per query: pg_trgm's default of 0.3 misses a swap inside a
 * 6-letter word ('matirx' for 'matrix' shares 0.27).
 */
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'

/** At most this many words of a search count. */
export const MAX_SEARCH_WORDS = 8
/** Words are cut at this length (the lexicon keeps title words of up to 60). */
const MAX_WORD_LENGTH = 60
/** Corrections kept per word, closest first. */
const CORRECTIONS = 3

const WORD = /[\p{L}\p{N}]+/gu

/** The words of a search as typed (letters and digits only), or [] when it has none. */
export function searchWords(q: string): string[] {
  return (
    q
      .normalize('NFKC')
      .toLowerCase()
      .match(WORD)
      ?.slice(0, MAX_SEARCH_WORDS)
      .map((word) => word.slice(0, MAX_WORD_LENGTH)) ?? []
  )
}

export type SearchWord = {
  /** Folded as the index folds ('Amélie' -> 'amelie'). */
  word: string
  /** Whether a title holds it (the last word: a title word begins with it). */
  known: boolean
  /** Title words close to it when the titles do not hold it; [] otherwise. */
  corrections: string[]
}

/** The row of search_terms a caller reads back (the tsqueries stay in the statement). */
export type SearchTerms = {
  words: SearchWord[]
  /** The folded words joined by spaces: the text trigram similarity ranks titles against. */
  folded: string
  /** tsquery texts: corrections as alternatives; without them; with them, title lexemes (A) only. */
  matches: string
  exact: string
  titleMatches: string
}

/** The one row of search_terms (the tsquery values read back as text). */
export type SearchTermsRow = {
  terms: SearchWord[]
  folded: string
  matches: string | null
  exact: string | null
  title_matches: string | null
  corrected: boolean
  hopeless: boolean
  matches_query: string | null
  exact_query: string | null
  title_query: string | null
}

/**
 * The body of the `search_terms` CTE for the typed words (searchWords' output, at least one): one row
 * of `terms` (json, SearchWord[]), `folded`, the tsquery texts `matches`, `exact`, `title_matches`
 * and their tsquery values `matches_query`, `exact_query`, `title_query`, `corrected` (a correction
 * exists) and `hopeless` (a word no title holds has no correction, or no word survived folding).
 */
export function searchTermsCte(typed: readonly string[]): RawBuilder<SearchTermsRow> {
  // Raw SQL: unnest WITH ORDINALITY, the prefix range on the C-collated key, pg_trgm's % and
  // fuzzystrmatch's levenshtein have no builder form. Folding can turn a letter into more than
  // letters (unaccent: '½' -> ' 1/2'): the folded text is cut at spaces and punctuation, so only
  // letters and digits reach tsquery syntax; corrections with punctuation ('1.5') are left out.
  // MATERIALIZED: each lookup and correction runs once per word, not once per column that reads it.
  // The lookups are LATERAL joins, not EXISTS: the statement is prepared, and the generic plan (which
  // cannot see how many words came) turned EXISTS into a hashed subplan that read the whole lexicon,
  // 10,000 words, to look up two (milliseconds per statement; docs/benchmarks.md, issue 17). A
  // lateral subquery is always a parameterised index lookup. The words reach unnest through a
  // sub-select, which hides their number from the planner in custom plans as in the generic one: with
  // the count visible, custom plans (re-planned, a millisecond each time) looked cheaper than the
  // generic plan, so PostgreSQL never settled on the generic one.
  return sql`(
    WITH typed AS (
      SELECT n, public.search_fold(w) AS folded FROM unnest((SELECT ${[...typed]}::text[])) WITH ORDINALITY AS x(w, n)
    ), pieces AS (
      SELECT row_number() OVER (ORDER BY t.n, p.k) AS i, p.word
      FROM typed t, unnest(regexp_split_to_array(t.folded, '[[:space:][:punct:]]+')) WITH ORDINALITY AS p(word, k)
      WHERE p.word <> ''
    ), looked AS MATERIALIZED (
      SELECT p.i, p.word, p.last, coalesce(prefix.hit, whole.hit, false) AS known
      FROM (SELECT i, word, i = max(i) OVER () AS last FROM pieces) AS p
      LEFT JOIN LATERAL (
        SELECT true AS hit FROM movie_words m
        WHERE p.last AND m.word >= p.word COLLATE "C" AND m.word < (p.word || U&'\\+10FFFF') COLLATE "C"
        LIMIT 1
      ) AS prefix ON true
      LEFT JOIN LATERAL (
        SELECT true AS hit FROM movie_words m WHERE NOT p.last AND m.word = p.word COLLATE "C"
      ) AS whole ON true
    ), words AS MATERIALIZED (
      SELECT i, word, last, known,
        CASE WHEN NOT known AND length(word) BETWEEN 4 AND ${MAX_WORD_LENGTH} THEN ARRAY(
          SELECT m.word FROM movie_words m
          WHERE m.word OPERATOR(public.%) looked.word
            AND m.word !~ '[[:space:][:punct:]]'
            AND public.levenshtein_less_equal(m.word, looked.word, 2)
                <= CASE WHEN length(looked.word) >= 6 THEN 2 ELSE 1 END
          ORDER BY public.levenshtein(m.word, looked.word), m.word
          LIMIT ${CORRECTIONS}
        ) ELSE '{}'::text[] END AS corrections
      FROM looked
    ), texts AS (
      SELECT
        coalesce(json_agg(json_build_object('word', word, 'known', known, 'corrections', corrections) ORDER BY i), '[]') AS terms,
        coalesce(string_agg(word, ' ' ORDER BY i), '') AS folded,
        string_agg(CASE WHEN cardinality(corrections) = 0 THEN own
          ELSE '(' || own || ' | ' || array_to_string(corrections, ' | ') || ')' END, ' & ' ORDER BY i) AS matches,
        string_agg(own, ' & ' ORDER BY i) AS exact,
        string_agg(CASE WHEN cardinality(corrections) = 0 THEN own_a
          ELSE '(' || own_a || ' | ' || array_to_string(corrections, ':A | ') || ':A)' END, ' & ' ORDER BY i) AS title_matches,
        coalesce(bool_or(cardinality(corrections) > 0), false) AS corrected,
        coalesce(bool_or(NOT known AND cardinality(corrections) = 0), true) AS hopeless
      FROM (
        SELECT *, word || CASE WHEN last THEN ':*' ELSE '' END AS own,
          word || CASE WHEN last THEN ':*A' ELSE ':A' END AS own_a
        FROM words
      ) AS w
    )
    SELECT texts.*,
      to_tsquery('simple', matches) AS matches_query,
      to_tsquery('simple', exact) AS exact_query,
      to_tsquery('simple', title_matches) AS title_query
    FROM texts
  )`
}

/** search_terms alone (for tests and tools: the API reads it inside its own statements), or null without words. */
export async function searchTerms(db: Kysely<Database>, q: string): Promise<SearchTerms | null> {
  const typed = searchWords(q)
  if (typed.length === 0) return null
  const { terms, folded, matches, exact, title_matches } = await db
    .with('search_terms', () => searchTermsCte(typed))
    .selectFrom('search_terms')
    .select(['terms', 'folded', 'matches', 'exact', 'title_matches'])
    .executeTakeFirstOrThrow()
  if (terms.length === 0) return null
  return {
    words: terms,
    folded,
    matches: matches ?? '',
    exact: exact ?? '',
    titleMatches: title_matches ?? '',
  }
}
