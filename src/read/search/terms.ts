/**
 * What a search text means to the catalogue, computed inside the statement that answers it: the
 * `search_terms` common table expression (one row) folds the typed words as the index folds titles
 * (lower case, no accents: public.search_fold), looks each up in the movie_words lexicon of the
 * movies projection (the primary key: the word, or for the last one a word it begins) and, for a
 * word of 4 letters or more the titles do not hold, finds its typo corrections: lexicon words
 * sharing at least a fifth of their trigrams with it (pg_trgm's `%`, served by the lexicon's GIN
 * index), of which levenshtein keeps those at most 1 edit away (words of 4-5 letters) or 2 (6 and
 * more; a swap of two letters is 2), closest first. From them it builds the tsquery texts the
 * statement matches and ranks with. So a search or a suggestion is one round trip. The suggestions
 * copy in memory makes the same corrections without the statement (typo-corrections.ts).
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
  /** The typed word (1 for the first) each of `terms` came from: a typed word can fold into several or none. */
  origins: number[]
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
 * of `terms` (json, SearchWord[]), `origins` (the typed word each term came from), `folded`, the tsquery texts `matches`, `exact`, `title_matches`
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
  // 10,000 words, to look up two (milliseconds per statement; docs/benchmarks.md, issue 17). Each
  // lateral subquery ends in LIMIT 1, which keeps PostgreSQL from pulling it up into the join: pulled
  // up, the whole-word lookup was planned as a hash join over the entire lexicon, a sequential scan
  // of it per statement, whenever the lexicon was a few thousand words or its pages not all visible
  // (a projection writing it). With the limit, each is a key lookup per word. The words reach
  // unnest through a sub-select, which hides their number from the planner in custom plans as in the
  // generic one: with the count visible, custom plans (re-planned, a millisecond each time) looked
  // cheaper than the generic plan, so PostgreSQL never settled on the generic one.
  return sql`(
    WITH typed AS (
      SELECT n, public.search_fold(w) AS folded FROM unnest((SELECT ${[...typed]}::text[])) WITH ORDINALITY AS x(w, n)
    ), pieces AS (
      SELECT row_number() OVER (ORDER BY t.n, p.k) AS i, t.n, p.word
      FROM typed t, unnest(regexp_split_to_array(t.folded, '[[:space:][:punct:]]+')) WITH ORDINALITY AS p(word, k)
      WHERE p.word <> ''
    ), looked AS MATERIALIZED (
      SELECT p.i, p.n, p.word, p.last, coalesce(prefix.hit, whole.hit, false) AS known
      FROM (SELECT i, n, word, i = max(i) OVER () AS last FROM pieces) AS p
      LEFT JOIN LATERAL (
        SELECT true AS hit FROM movie_words m
        WHERE p.last AND m.word >= p.word COLLATE "C" AND m.word < (p.word || U&'\\+10FFFF') COLLATE "C"
        LIMIT 1
      ) AS prefix ON true
      LEFT JOIN LATERAL (
        SELECT true AS hit FROM movie_words m WHERE NOT p.last AND m.word = p.word COLLATE "C" LIMIT 1
      ) AS whole ON true
    ), words AS MATERIALIZED (
      SELECT i, n, word, last, known,
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
        coalesce(array_agg(n::int ORDER BY i), '{}') AS origins,
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

/**
 * What search_terms makes of typed words, computed from words already resolved (ResolvedWords):
 * the texts and flags its `texts` CTE aggregates, built the same way, piece by piece.
 */
export type ResolvedTerms = {
  words: SearchWord[]
  folded: string
  /** Null without a word, as string_agg over no rows. */
  matches: string | null
  exact: string | null
  titleMatches: string | null
  corrected: boolean
  hopeless: boolean
}

/** The texts and flags of search_terms for its words in order (the last one a prefix), as its SQL builds them. */
export function termsOf(words: readonly SearchWord[]): ResolvedTerms {
  const matches: string[] = []
  const exact: string[] = []
  const titleMatches: string[] = []
  let corrected = false
  let hopeless = words.length === 0
  words.forEach(({ word, known, corrections }, i) => {
    const last = i === words.length - 1
    const own = last ? `${word}:*` : word
    const ownA = last ? `${word}:*A` : `${word}:A`
    exact.push(own)
    if (corrections.length === 0) {
      matches.push(own)
      titleMatches.push(ownA)
      if (!known) hopeless = true
    } else {
      corrected = true
      matches.push(`(${own} | ${corrections.join(' | ')})`)
      titleMatches.push(`(${ownA} | ${corrections.join(':A | ')}:A)`)
    }
  })
  const none = words.length === 0
  return {
    words: [...words],
    folded: words.map(({ word }) => word).join(' '),
    matches: none ? null : matches.join(' & '),
    exact: none ? null : exact.join(' & '),
    titleMatches: none ? null : titleMatches.join(' & '),
    corrected,
    hopeless,
  }
}

/** The columns of search_terms the statements read, from resolved terms. */
export type ResolvedTermsRow = Pick<
  SearchTermsRow,
  'folded' | 'corrected' | 'hopeless' | 'matches_query' | 'exact_query' | 'title_query'
>

/**
 * The body of a `search_terms` CTE for terms resolved already: the columns the statements read
 * (`folded`, `corrected`, `hopeless` and the three tsqueries), from parameters, so PostgreSQL
 * neither folds, nor looks up, nor corrects. The tsqueries go through the same to_tsquery of the
 * same texts as searchTermsCte's. The flags travel as text ('true', 'false'), which the statements
 * compiled once per shape replace as they replace the words (queries.ts).
 */
export function resolvedTermsCte(terms: ResolvedTerms): RawBuilder<ResolvedTermsRow> {
  return sql`(
    SELECT ${terms.folded}::text AS folded,
      ${String(terms.corrected)}::boolean AS corrected,
      ${String(terms.hopeless)}::boolean AS hopeless,
      to_tsquery('simple', ${terms.matches}::text) AS matches_query,
      to_tsquery('simple', ${terms.exact}::text) AS exact_query,
      to_tsquery('simple', ${terms.titleMatches}::text) AS title_query
  )`
}

/**
 * Resolved terms of stand-ins, for statements compiled once per shape (queries.ts of search and
 * movies): each text a parameter of its own (resolvedTermsCte), the flags as text.
 */
export const RESOLVED_STAND_IN: ResolvedTerms = {
  words: [],
  folded: '\u0001folded',
  matches: '\u0001matches',
  exact: '\u0001exact',
  titleMatches: '\u0001title',
  corrected: '\u0001corrected' as unknown as boolean,
  hopeless: '\u0001hopeless' as unknown as boolean,
}

/** The parameters of resolvedTermsCte's stand-ins, with what replaces each for `resolved`. */
export function resolvedParameter(value: unknown, resolved: ResolvedTerms): { value: unknown } | null {
  switch (value) {
    case RESOLVED_STAND_IN.folded:
      return { value: resolved.folded }
    case RESOLVED_STAND_IN.matches:
      return { value: resolved.matches }
    case RESOLVED_STAND_IN.exact:
      return { value: resolved.exact }
    case RESOLVED_STAND_IN.titleMatches:
      return { value: resolved.titleMatches }
    case String(RESOLVED_STAND_IN.corrected):
      return { value: String(resolved.corrected) }
    case String(RESOLVED_STAND_IN.hopeless):
      return { value: String(resolved.hopeless) }
    default:
      return null
  }
}

/** Entries of each map of ResolvedWords at most: the oldest goes first. */
const MAX_RESOLVED = 50_000

type Lookup = { known: boolean; corrections: string[] }

/**
 * Typed words as search_terms resolved them, kept per tag (the catalogue tag of the read models they
 * were read from, projection-tags.ts: it moves when a title, person, tag or genre changes or a rebuild
 * swaps, not with ratings, favourites or watches, which change no word's resolution): what each
 * typed word folds into (its pieces: search_fold does not depend on the catalogue, but the tag
 * empties everything), and for each piece, as the last word (a prefix) or
 * not, whether a title holds it and its corrections. As-you-type texts share their words ('star w',
 * 'star wa', 'star war'), so a text whose words were all resolved before is answered without the
 * folding, the lexicon lookups and the trigram search (resolvedTermsCte). Learned from what the
 * statements with search_terms return. Like the answer memo, an entry can come from a read model a
 * little past its tag (the statement runs after the tag is read); the next tag starts over.
 */
export class ResolvedWords {
  #tag: string | null = null
  #folds = new Map<string, readonly string[]>()
  #lookups = new Map<string, Lookup>()

  /** The terms of `typed` (searchWords' output) when every word is known under `tag`, else null. */
  resolve(tag: string | null, typed: readonly string[]): ResolvedTerms | null {
    if (tag === null || tag !== this.#tag) return null
    const pieces: string[] = []
    for (const word of typed) {
      const folded = this.#folds.get(word)
      if (folded === undefined) return null
      pieces.push(...folded)
    }
    const words: SearchWord[] = []
    for (let i = 0; i < pieces.length; i++) {
      const word = pieces[i] as string
      const lookup = this.#lookups.get(lookupKey(word, i === pieces.length - 1))
      if (lookup === undefined) return null
      words.push({ word, known: lookup.known, corrections: lookup.corrections })
    }
    return termsOf(words)
  }

  /** Keeps what search_terms made of `typed` under `tag` (its `terms` and `origins`). */
  learn(
    tag: string | null,
    typed: readonly string[],
    terms: readonly SearchWord[],
    origins: readonly number[],
  ): void {
    if (tag === null || terms.length !== origins.length) return
    if (tag !== this.#tag) {
      this.#tag = tag
      this.#folds = new Map()
      this.#lookups = new Map()
    }
    typed.forEach((word, k) => {
      remember(
        this.#folds,
        word,
        terms.filter((_, i) => origins[i] === k + 1).map((term) => term.word),
      )
    })
    terms.forEach(({ word, known, corrections }, i) => {
      remember(this.#lookups, lookupKey(word, i === terms.length - 1), { known, corrections })
    })
  }

  /** Entries held now (typed words and lookups), for tests. */
  get size(): { folds: number; lookups: number } {
    return { folds: this.#folds.size, lookups: this.#lookups.size }
  }
}

const lookupKey = (word: string, last: boolean) => (last ? `*${word}` : `=${word}`)

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.has(key)) return
  if (map.size >= MAX_RESOLVED) {
    const oldest = map.keys().next()
    if (oldest.done !== true) map.delete(oldest.value)
  }
  map.set(key, value)
}

/** One ResolvedWords per owner (the app's pool): the suggest and search routes share their words. */
const resolvedWordsByOwner = new WeakMap<object, ResolvedWords>()

export function resolvedWordsOf(owner: object): ResolvedWords {
  let words = resolvedWordsByOwner.get(owner)
  if (words === undefined) {
    words = new ResolvedWords()
    resolvedWordsByOwner.set(owner, words)
  }
  return words
}
