/**
 * What a search text means to the catalogue: its words folded as the index folds titles (lower
 * case, no accents: public.search_fold), and for a word the titles do not hold, the title words
 * within a small edit distance of it (the typo corrections). One query resolves both, on the
 * movie_words lexicon of the movies projection: the nearest words by trigram distance come from
 * its GiST index (ORDER BY word <-> w LIMIT 40), then levenshtein keeps those at most 1 edit away
 * (words of 4-5 letters) or 2 (6 and more; a swap of two letters is 2). Shorter words are never
 * corrected, and a word the titles hold (for the last one: begin) is taken as meant.
 */
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'

/** At most this many words of a search count. */
export const MAX_SEARCH_WORDS = 8
/** Words are cut at this length (no title word is longer in practice; the lexicon keeps up to 60). */
const MAX_WORD_LENGTH = 60
/** Nearest lexicon words by trigram distance that levenshtein then checks. */
const CANDIDATES = 40
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

/**
 * The lookup of the typed words (exported so a test can EXPLAIN exactly what the API runs). A word
 * is taken as meant when the lexicon holds it (the last word: a word it begins).
 */
export function searchTermsQuery(typed: string[]) {
  // Raw SQL: trigram KNN (<->) over the lexicon's GiST index and levenshtein (fuzzystrmatch) have no
  // builder form.
  return sql<{ n: string; word: string; known: boolean; corrections: string[] }>`
    WITH typed AS (
      SELECT n, public.search_fold(w) AS word FROM unnest(${typed}::text[]) WITH ORDINALITY AS x(w, n)
    ), looked_up AS (
      SELECT typed.n, typed.word,
        CASE WHEN typed.n < ${typed.length}
          THEN EXISTS (SELECT 1 FROM movie_words m WHERE m.word = typed.word COLLATE "C")
          ELSE EXISTS (
            SELECT 1 FROM movie_words m
            WHERE m.word >= typed.word COLLATE "C" AND m.word < (typed.word || U&'\\+10FFFF') COLLATE "C"
          )
        END AS known
      FROM typed
    )
    SELECT n, word, known,
      CASE WHEN known OR length(word) < 4 THEN ARRAY[]::text[]
        ELSE ARRAY(
          SELECT near.word FROM (
            SELECT m.word FROM movie_words m
            ORDER BY m.word OPERATOR(public.<->) looked_up.word LIMIT ${CANDIDATES}
          ) AS near
          WHERE public.levenshtein_less_equal(near.word, looked_up.word, 2)
                <= CASE WHEN length(looked_up.word) >= 6 THEN 2 ELSE 1 END
          ORDER BY public.levenshtein(near.word, looked_up.word), near.word
          LIMIT ${CORRECTIONS}
        )
      END AS corrections
    FROM looked_up ORDER BY n`
}

/** The terms of a search text, or null when it has no words. One round trip. */
export async function searchTerms(db: Kysely<Database>, q: string): Promise<SearchTerms | null> {
  const typed = searchWords(q)
  if (typed.length === 0) return null
  const { rows } = await searchTermsQuery(typed).execute(db)
  const words: SearchWord[] = []
  for (const row of rows) {
    // Folding can turn a letter into more than letters (unaccent: '½' -> ' 1/2'): keep its words,
    // uncorrected, so nothing but letters and digits ever reaches tsquery syntax.
    const pieces = row.word.match(WORD) ?? []
    if (pieces.length === 1 && pieces[0] === row.word) {
      words.push({
        word: row.word,
        known: row.known,
        corrections: row.corrections.filter((c) => c.match(WORD)?.[0] === c),
      })
    } else {
      for (const piece of pieces) words.push({ word: piece, known: row.known, corrections: [] })
    }
  }
  if (words.length === 0) return null
  return { words, folded: words.map((w) => w.word).join(' ') }
}
