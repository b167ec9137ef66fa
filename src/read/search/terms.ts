/**
 * What a search text means to the catalogue: its words folded as the index folds titles (lower
 * case, no accents: public.search_fold), and for a word the titles do not hold, the title words
 * within a small edit distance of it (the typo corrections), from the movie_words lexicon of the
 * movies projection.
 *
 * One query folds the words and looks each up (the lexicon's primary key: the word, or for the last
 * one a word it begins). Only when a word of 4 letters or more is unknown does a second one look for
 * corrections: lexicon words sharing at least a fifth of their trigrams with it (pg_trgm's `%`,
 * served by the lexicon's GIN index, its threshold set for that transaction only), of which
 * levenshtein keeps those at most 1 edit away (words of 4-5 letters) or 2 (6 and more; a swap of two
 * letters is 2), closest first. A fifth, not pg_trgm's default of 0.3: a swap inside a 6-letter word
 * ('matirx' for 'matrix') leaves it 0.27.
 */
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'

/** At most this many words of a search count. */
export const MAX_SEARCH_WORDS = 8
/** Words are cut at this length (the lexicon keeps title words of up to 60). */
const MAX_WORD_LENGTH = 60
/** Corrections kept per word, closest first. */
const CORRECTIONS = 3
/** pg_trgm.similarity_threshold while looking for corrections. */
export const TRIGRAM_THRESHOLD = 0.2

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

export type SearchTerms = {
  words: SearchWord[]
  /** The folded words joined by spaces: the text trigram similarity ranks titles against. */
  folded: string
}

/** tsquery text for the terms; words are letters and digits only, so nothing reaches tsquery syntax. */
export function tsquery(terms: SearchTerms, options: { corrections: boolean; titleOnly?: boolean }): string {
  const weight = options.titleOnly ? 'A' : ''
  const last = terms.words.length - 1
  return terms.words
    .map(({ word, corrections }, i) => {
      const alternatives = [i === last ? `${word}:*${weight}` : weight ? `${word}:${weight}` : word]
      if (options.corrections) {
        for (const correction of corrections)
          alternatives.push(weight ? `${correction}:${weight}` : correction)
      }
      return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' | ')})`
    })
    .join(' & ')
}

/** The typed words folded and looked up (exported so a test can EXPLAIN exactly what the API runs). */
export function lookupQuery(typed: string[]) {
  // Raw SQL: unnest WITH ORDINALITY and the prefix range on the C-collated key have no builder form.
  return sql<{ word: string; known: boolean }>`
    SELECT folded.word,
      CASE WHEN folded.n < ${typed.length}
        THEN EXISTS (SELECT 1 FROM movie_words m WHERE m.word = folded.word COLLATE "C")
        ELSE EXISTS (
          SELECT 1 FROM movie_words m
          WHERE m.word >= folded.word COLLATE "C" AND m.word < (folded.word || U&'\\+10FFFF') COLLATE "C"
        )
      END AS known
    FROM (
      SELECT n, public.search_fold(w) AS word FROM unnest(${typed}::text[]) WITH ORDINALITY AS x(w, n)
    ) AS folded
    ORDER BY folded.n`
}

/** The corrections of unknown folded words (exported so a test can EXPLAIN it). */
export function correctionsQuery(words: string[]) {
  // Raw SQL: pg_trgm's % and fuzzystrmatch's levenshtein have no builder form.
  return sql<{ word: string; corrections: string[] }>`
    SELECT typed.word, ARRAY(
      SELECT m.word FROM movie_words m
      WHERE m.word OPERATOR(public.%) typed.word
        AND public.levenshtein_less_equal(m.word, typed.word, 2)
            <= CASE WHEN length(typed.word) >= 6 THEN 2 ELSE 1 END
      ORDER BY public.levenshtein(m.word, typed.word), m.word
      LIMIT ${CORRECTIONS}
    ) AS corrections
    FROM unnest(${words}::text[]) AS typed(word)`
}

/** The terms of a search text, or null when it has no words. One round trip without a typo. */
export async function searchTerms(db: Kysely<Database>, q: string): Promise<SearchTerms | null> {
  const typed = searchWords(q)
  if (typed.length === 0) return null
  const { rows } = await lookupQuery(typed).execute(db)
  const words: SearchWord[] = []
  for (const row of rows) {
    // Folding can turn a letter into more than letters (unaccent: '½' -> ' 1/2'): keep its words,
    // so nothing but letters and digits ever reaches tsquery syntax.
    const pieces = row.word.match(WORD) ?? []
    if (pieces.length === 1 && pieces[0] === row.word) words.push({ ...row, corrections: [] })
    else for (const piece of pieces) words.push({ word: piece, known: row.known, corrections: [] })
  }
  if (words.length === 0) return null
  const unknown = [
    ...new Set(
      words
        .filter((w) => !w.known && w.word.length >= 4 && w.word.length <= MAX_WORD_LENGTH)
        .map((w) => w.word),
    ),
  ]
  if (unknown.length > 0) {
    const found = await db.transaction().execute(async (trx) => {
      // Raw SQL: SET LOCAL's value cannot be a bound parameter; set_config is the same, bound.
      await sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(TRIGRAM_THRESHOLD)}, true)`.execute(
        trx,
      )
      return (await correctionsQuery(unknown).execute(trx)).rows
    })
    const corrections = new Map(found.map((row) => [row.word, row.corrections]))
    for (const w of words) {
      w.corrections = (corrections.get(w.word) ?? []).filter((c) => c.match(WORD)?.[0] === c)
    }
  }
  return { words, folded: words.map((w) => w.word).join(' ') }
}
