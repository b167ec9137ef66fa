/**
 * As-you-type suggestions in one statement (one round trip): the search_terms CTE folds the typed
 * words and corrects typos (src/read/search/terms.ts), then titles whose words begin with them
 * (the last word a prefix), most popular first, people whose name words do, and tags beginning with
 * what was typed, each aggregated to a JSON array. Titles come from the GIN index movies_search
 * restricted to title lexemes (weight A) or movies_by_popularity; people from the movie_credits
 * projection's `people`, by the GIN index over their folded names; tags from tags_by_prefix. Genres,
 * a few dozen rows read whole once per ETag, are matched in memory against the folded words.
 */
import { type CompiledQuery, type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import type pg from 'pg'
import { queryPrepared } from '../../db/prepared.ts'
import type { Database } from '../../db/schema.ts'
import { likePrefix, MAX_TAG_SUGGESTIONS, tagListQuery } from '../tags/queries.ts'
import {
  RESOLVED_STAND_IN,
  type ResolvedTerms,
  resolvedParameter,
  resolvedTermsCte,
  type SearchWord,
  searchTermsCte,
} from './terms.ts'

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
 * The most popular titles suggestions look through before asking movies_search for every match. A
 * pure cost knob (when `limit` of them match, they are the most popular matches of all): a short,
 * common prefix finds its matches in the first few dozen rows, and a longer one, which most typed
 * texts are, rarely finds `limit` in any number of them and only paid for reading them all (500 cost
 * more than the index's own answer; docs/benchmarks.md, issue 17).
 */
const POPULAR_TITLES_FIRST = 150

/**
 * Whether the suggest statement looks through the most popular titles first (POPULAR_TITLES_FIRST):
 * for one typed word. Two words or more ('silent ha', 'empire ec') match a few dozen titles of
 * thousands: the most popular 150 seldom hold `limit` of them, and reading them all only added to
 * the index's answer, which comes next anyway (docs/benchmarks.md, issue 17, session 9). Either
 * way the answer is the same: a cost choice.
 */
export function popularTitlesFirst(typed: readonly string[]): boolean {
  return typed.length === 1
}

/**
 * What the suggest statement reads: the typed words (searchWords) and the tag prefix (tagLookupKey);
 * with `resolved`, the typed words' terms resolved before (ResolvedWords), which the statement then
 * takes as they are instead of resolving the words itself.
 */
export type SuggestInput = {
  typed: string[]
  tagPrefix: string | null
  limit: number
  resolved?: ResolvedTerms | null
}

type SuggestRow = {
  /** Resolved in the statement (search_terms): the terms and the typed word each came from; else null. */
  terms: SearchWord[] | null
  origins: number[] | null
  movies: { id: string; title: string; year: number | null }[] | null
  people: { id: string; name: string; movieCount: number }[] | null
  tags: { tag: string; movieCount: number }[] | null
}

/**
 * The suggest statement (exported so a test can EXPLAIN exactly what the API runs). Without typed
 * words only tags are asked; without a tag prefix, no tags.
 */
export function suggestQuery(
  db: Kysely<Database>,
  input: SuggestInput,
  /** For tests: the popular titles first or not, whatever the words (the answer is the same). */
  popularFirst = popularTitlesFirst(input.typed),
) {
  const words = input.typed.length > 0
  const resolved = words ? (input.resolved ?? null) : null
  const titleMatch = [
    // Raw SQL: full-text match on title lexemes only (weight A). No tier for exact matches before
    // corrected ones: a word is corrected only when no title holds it, so no title matches what was
    // typed exactly when a correction exists.
    sql<SqlBool>`search @@ (SELECT title_query FROM search_terms)`,
    // A word no title holds, with no correction, matches none: a one-time filter skips the scan.
    sql<SqlBool>`NOT (SELECT hopeless FROM search_terms)`,
  ]
  // The subqueries read the outer statement's CTEs (a CTE of their own would run twice).
  // The tsquery is the statement's own, which the planner cannot see, so the choice it made from a
  // literal one is made here: first the most popular titles in order (movies_by_popularity), which
  // finds a common word's matches in a few rows; only when fewer than `limit` of them match, every
  // match by movies_search, then sorted (a rare word's few postings; a short prefix's many would cost
  // milliseconds there).
  const popularTitles = db
    .selectFrom((eb) =>
      eb
        .selectFrom('movies')
        .select(['id', 'title', 'year', 'popularity', 'search'])
        .where('removed_at', 'is', null)
        .orderBy('popularity', 'desc')
        .orderBy('id', 'desc')
        .limit(POPULAR_TITLES_FIRST)
        .as('popular'),
    )
    .select(['id', 'title', 'year', 'popularity'])
    .where((eb) => eb.and(titleMatch))
    .limit(input.limit)
  const matchingTitles = db
    .selectFrom('movies')
    .select(['id', 'title', 'year', 'popularity'])
    .where('removed_at', 'is', null)
    .where((eb) => eb.and(titleMatch))
    .orderBy('popularity', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit)
  // Every typed word begins a word of the person's folded name (no typo corrections: the lexicon
  // holds title words), most credited first. Raw SQL: the expression people_name_words indexes.
  const people = db
    .selectFrom('people')
    .select(['person_id', 'name', 'movie_count'])
    .where(
      sql<SqlBool>`to_tsvector('simple', public.search_fold(name)) @@ (SELECT exact_query FROM search_terms)`,
    )
    .orderBy('movie_count', 'desc')
    .orderBy('person_id')
    .limit(MAX_PERSON_SUGGESTIONS)
  const tags = tagListQuery(db, input.tagPrefix, MAX_TAG_SUGGESTIONS)
  const none = sql<null>`NULL`
  const titlesJson = (from: Expression<unknown>) =>
    sql`(SELECT json_agg(json_build_object('id', t.id, 'title', t.title, 'year', t.year)
           ORDER BY t.popularity DESC, t.id DESC) FROM ${from} AS t)`
  // Raw SQL: one row of JSON arrays, each ordered as its query sorts, so one statement answers all.
  // CASE runs only the branch it takes.
  return (
    words
      ? db
          .with('search_terms', () =>
            resolved === null ? searchTermsCte(input.typed) : resolvedTermsCte(resolved),
          )
          // Not read without popularFirst: PostgreSQL then plans and runs none of it.
          .with('popular_titles', () => popularTitles)
      : db
  )
    .selectNoFrom([
      (words && resolved === null ? sql`(SELECT terms FROM search_terms)` : none).as('terms'),
      (words && resolved === null ? sql`(SELECT origins FROM search_terms)` : none).as('origins'),
      (words
        ? popularFirst
          ? sql`CASE WHEN (SELECT count(*) FROM popular_titles) >= ${input.limit}
            THEN ${titlesJson(sql`popular_titles`)} ELSE ${titlesJson(matchingTitles)} END`
          : titlesJson(matchingTitles)
        : none
      ).as('movies'),
      (words
        ? sql`(SELECT json_agg(json_build_object('id', p.person_id, 'name', p.name, 'movieCount', p.movie_count)
                 ORDER BY p.movie_count DESC, p.person_id) FROM ${people} AS p)`
        : none
      ).as('people'),
      (input.tagPrefix !== null
        ? sql`(SELECT json_agg(json_build_object('tag', g.tag, 'movieCount', g.movie_count)
                 ORDER BY g.uses DESC, g.tag) FROM ${tags} AS g)`
        : none
      ).as('tags'),
    ])
    .$castTo<SuggestRow>()
}

/** Stand-ins the suggest statement is compiled with once per shape, replaced by the asked ones per request. */
const WORDS_STAND_IN = '\u0001words'
const TAG_STAND_IN = '\u0001tag'
/** The suggest statement of each shape (words or not, a tag prefix or not, the limit), compiled once. */
const suggestStatements = new Map<string, CompiledQuery<SuggestRow>>()

/**
 * The suggest statement for `input`, compiled as suggestQuery compiles it. Building and compiling
 * the statement's query tree took about as much of the API's time as the rest of a request (0.1-0.3
 * ms); its text depends on the shape only, so each shape is compiled once, with stand-ins, and a
 * request puts its words and tag prefix in the parameters (as the movie detail does).
 */
export function compiledSuggest(db: Kysely<Database>, input: SuggestInput): CompiledQuery<SuggestRow> {
  // An empty tag prefix asks for every tag (tagListQuery): not a shape of its own here.
  if (input.tagPrefix === '') return suggestQuery(db, input).compile()
  const words = input.typed.length > 0
  const resolved = words ? (input.resolved ?? null) : null
  const tags = input.tagPrefix !== null
  const popularFirst = popularTitlesFirst(input.typed)
  const shape = `${words}:${popularFirst}:${resolved !== null}:${tags}:${input.limit}`
  let statement = suggestStatements.get(shape)
  if (statement === undefined) {
    statement = suggestQuery(db, {
      // As many stand-ins as make the same choice of the popular titles first.
      typed: words ? (popularFirst ? [WORDS_STAND_IN] : [WORDS_STAND_IN, WORDS_STAND_IN]) : [],
      tagPrefix: tags ? TAG_STAND_IN : null,
      limit: input.limit,
      resolved: resolved === null ? null : RESOLVED_STAND_IN,
    }).compile()
    suggestStatements.set(shape, statement)
  }
  const tagLike = likePrefix(TAG_STAND_IN)
  const parameters = statement.parameters.map((value) => {
    if (Array.isArray(value) && value[0] === WORDS_STAND_IN) return [...input.typed]
    if (value === TAG_STAND_IN) return input.tagPrefix
    if (value === tagLike) return likePrefix(input.tagPrefix ?? '')
    if (resolved !== null) {
      const replaced = resolvedParameter(value, resolved)
      if (replaced !== null) return replaced.value
    }
    return value
  })
  return { ...statement, parameters }
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
export function matchGenres(genres: readonly GenreWords[], words: readonly SearchWord[]): GenreWords[] {
  return genres
    .filter((genre) =>
      words.every(({ word }) =>
        genre.words.some((part) => part.startsWith(word) || (word.length >= 4 && withinOneEdit(part, word))),
      ),
    )
    .sort((a, b) => b.movieCount - a.movieCount || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .slice(0, MAX_GENRE_SUGGESTIONS)
}

/**
 * The suggestions for what was typed; genres come from memory (genreWords, kept per ETag). When the
 * statement resolved the words itself (no `input.resolved`), `learn` gets what it made of them.
 */
export async function suggest(
  db: Kysely<Database>,
  input: SuggestInput,
  genres: () => Promise<readonly GenreWords[]>,
  pool?: Pick<pg.Pool, 'query'>,
  learn?: (terms: SearchWord[], origins: number[]) => void,
): Promise<{ items: Suggestion[] }> {
  if (input.typed.length === 0 && input.tagPrefix === null) return { items: [] }
  // Prepared with a pool (a few shapes: words or not, a tag prefix or not): planning this statement
  // costs about as much as running it. Its plan hides nothing a literal would show (the tsqueries are
  // the statement's own), so a generic plan is the custom one.
  const [row] =
    pool === undefined
      ? await suggestQuery(db, input).execute()
      : await queryPrepared(pool, compiledSuggest(db, input))
  const resolved = input.typed.length > 0 ? (input.resolved ?? null) : null
  if (resolved === null && row?.terms && row.origins) learn?.(row.terms, row.origins)
  const terms = resolved?.words ?? row?.terms ?? []
  return {
    items: [
      ...(row?.movies ?? []).map((movie): Suggestion => ({ kind: 'movie', label: movie.title, ...movie })),
      ...(row?.people ?? []).map((person): Suggestion => ({ kind: 'person', label: person.name, ...person })),
      ...(terms.length === 0 ? [] : matchGenres(await genres(), terms)).map(
        (genre): Suggestion => ({
          kind: 'genre',
          label: genre.name,
          slug: genre.slug,
          name: genre.name,
          movieCount: genre.movieCount,
        }),
      ),
      ...(row?.tags ?? []).map(
        (tag): Suggestion => ({ kind: 'tag', label: tag.tag, tag: tag.tag, movieCount: tag.movieCount }),
      ),
    ],
  }
}
