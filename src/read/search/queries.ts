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
  termsOf,
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

export type SuggestRow = {
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
  const { popularTitles, matchingTitles, people } = suggestionQueries(db, input.limit)
  const tags = tagListQuery(db, input.tagPrefix, MAX_TAG_SUGGESTIONS)
  const none = sql<null>`NULL`
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
      (words ? peopleJson(people) : none).as('people'),
      (input.tagPrefix !== null ? tagsJson(tags) : none).as('tags'),
    ])
    .$castTo<SuggestRow>()
}

/**
 * The titles (the most popular first, and all matches) and people of a suggestion, read from the
 * `search_terms` CTE of the statement they are in; `limit` a parameter, or a column of the statement
 * (suggestBatchQuery).
 */
function suggestionQueries(db: Kysely<Database>, limit: number | Expression<number>) {
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
    .limit(limit)
  const matchingTitles = db
    .selectFrom('movies')
    .select(['id', 'title', 'year', 'popularity'])
    .where('removed_at', 'is', null)
    .where((eb) => eb.and(titleMatch))
    .orderBy('popularity', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
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
  return { popularTitles, matchingTitles, people }
}

const titlesJson = (from: Expression<unknown>) =>
  sql`(SELECT json_agg(json_build_object('id', t.id, 'title', t.title, 'year', t.year)
           ORDER BY t.popularity DESC, t.id DESC) FROM ${from} AS t)`
const peopleJson = (from: Expression<unknown>) =>
  sql`(SELECT json_agg(json_build_object('id', p.person_id, 'name', p.name, 'movieCount', p.movie_count)
                 ORDER BY p.movie_count DESC, p.person_id) FROM ${from} AS p)`
const tagsJson = (from: Expression<unknown>) =>
  sql`(SELECT json_agg(json_build_object('tag', g.tag, 'movieCount', g.movie_count)
                 ORDER BY g.uses DESC, g.tag) FROM ${from} AS g)`

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
  return suggestionsOf(input, row, genres, learn)
}

/** The suggestions of the suggest statement's row for `input` (suggest, SuggestBatch). */
export async function suggestionsOf(
  input: SuggestInput,
  row: SuggestRow | undefined,
  genres: () => Promise<readonly GenreWords[]>,
  learn?: (terms: SearchWord[], origins: number[]) => void,
): Promise<{ items: Suggestion[] }> {
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

/**
 * One input of the batched suggest statement: a row of its `inputs` (json_to_recordset). The
 * resolved columns are null unless `resolved`; `tag` and `tag_like` null without a tag prefix.
 */
export type BatchInput = {
  i: number
  exact: string | null
  title_matches: string | null
  hopeless: boolean
  tag: string | null
  tag_like: string | null
  lim: number
  popular: boolean
}

/**
 * The suggest statement of several inputs at once (SuggestBatch): one row per input (`i`, its place
 * in $1), each the row suggestQuery answers for it alone. Each input is a row of $1 (JSON), and what
 * suggestQuery makes a choice of its shape (words resolved before or not, the popular titles first
 * or not, a tag prefix or not) is a column each part reads: a CTE of the LATERAL subquery runs again
 * for every input, and the branch an input does not take is a one-time filter or a CASE arm that
 * never runs. Only inputs with typed words and a non-empty tag prefix or none.
 */
export function suggestBatchQuery(db: Kysely<Database>, inputs: readonly BatchInput[] | string) {
  const b = (column: keyof BatchInput) => sql.ref(`b.${column}`)
  const { popularTitles, matchingTitles, people } = suggestionQueries(db, b('lim') as Expression<number>)
  const tags = tagListQuery(
    db,
    { prefix: b('tag') as Expression<string>, pattern: b('tag_like') as Expression<string> },
    MAX_TAG_SUGGESTIONS,
  )
  // Raw SQL: json_to_recordset and a LATERAL subquery with CTEs of its own have no builder form. The
  // resolved branch builds the same tsqueries as resolvedTermsCte (the suggestion reads no others).
  // The tsqueries of the words resolved before, as resolvedTermsCte builds them (the suggestion
  // reads no others).
  const searchTerms = sql<{ hopeless: boolean; exact_query: string | null; title_query: string | null }>`(
        SELECT ${b('hopeless')} AS hopeless, to_tsquery('simple', ${b('exact')}) AS exact_query,
          to_tsquery('simple', ${b('title_matches')}) AS title_query
      )`
  const perInput = db
    .with('search_terms', () => searchTerms)
    .with('popular_titles', () => popularTitles)
    .selectNoFrom([
      sql<null>`NULL`.as('terms'),
      sql<null>`NULL`.as('origins'),
      sql`CASE WHEN ${b('popular')} AND (SELECT count(*) FROM popular_titles) >= ${b('lim')}
        THEN ${titlesJson(sql`popular_titles`)} ELSE ${titlesJson(matchingTitles)} END`.as('movies'),
      peopleJson(people).as('people'),
      sql`CASE WHEN ${b('tag')} IS NOT NULL THEN ${tagsJson(tags)} END`.as('tags'),
    ])
  const json = typeof inputs === 'string' ? inputs : JSON.stringify(inputs)
  return sql<SuggestRow & { i: number }>`SELECT b.i, s.terms, s.origins, s.movies, s.people, s.tags
    FROM json_to_recordset(${json}::json) AS b(i int, exact text, title_matches text, hopeless boolean,
      tag text, tag_like text, lim int, popular boolean)
    CROSS JOIN LATERAL (${perInput}) AS s`
}

/**
 * Whether the batched statement answers `input`: words resolved before (most misses, once a few
 * thousand texts were asked), and a non-empty tag prefix or none. Words to resolve in the statement
 * go alone: with search_terms in each row, the planner's estimate for a batch (100 rows of the
 * function, each with the lexicon lookups and the trigram search) passed jit_above_cost, and JIT
 * compiling the plan took 1.3 s (EXPLAIN ANALYZE, docs/benchmarks.md, issue 17).
 */
const batchable = (input: SuggestInput): input is SuggestInput & { resolved: ResolvedTerms } =>
  input.typed.length > 0 && input.tagPrefix !== '' && (input.resolved ?? null) !== null

/** Most inputs in one batched statement: more wait for the next. */
export const MAX_SUGGEST_BATCH = 32

type Waiter = { resolve: (row: SuggestRow | undefined) => void; reject: (error: unknown) => void }

/**
 * The suggest statements of one turn of the event loop in one: under load many requests miss the
 * answer memo at once, and each one's own statement cost a socket write and a PostgreSQL round trip
 * (its bind, execute and executor start) besides its work (docs/benchmarks.md, issue 17). Inputs
 * join until the loop's check phase (setImmediate), as MovieDetailBatch's ids do; the same key twice
 * is asked once. A lone input is sent as suggest sends it (compiledSuggest). When a batched statement
 * fails, each of its inputs is asked alone, so an input that fails fails alone.
 */
export class SuggestBatch {
  readonly #db: Kysely<Database>
  readonly #pool: Pick<pg.Pool, 'query'>
  #waiting = new Map<string, { input: SuggestInput; waiters: Waiter[] }>()

  constructor(db: Kysely<Database>, pool: Pick<pg.Pool, 'query'>) {
    this.#db = db
    this.#pool = pool
  }

  /**
   * The row of the suggest statement for `input` (typed words or a tag prefix); `key` names it (the
   * same key, the same input: asked once).
   */
  row(key: string, input: SuggestInput): Promise<SuggestRow | undefined> {
    return new Promise((resolve, reject) => {
      if (this.#waiting.size === 0) setImmediate(() => this.#flush())
      const waiting = this.#waiting.get(key)
      if (waiting === undefined) this.#waiting.set(key, { input, waiters: [{ resolve, reject }] })
      else waiting.waiters.push({ resolve, reject })
    })
  }

  #flush(): void {
    const entries = [...this.#waiting.values()]
    this.#waiting = new Map()
    const together = entries.filter(({ input }) => batchable(input))
    const alone = entries.filter(({ input }) => !batchable(input))
    if (together.length === 1) alone.push(...together.splice(0))
    for (const entry of alone) this.#alone(entry)
    for (let from = 0; from < together.length; from += MAX_SUGGEST_BATCH) {
      const chunk = together.slice(from, from + MAX_SUGGEST_BATCH)
      if (chunk.length === 1) {
        for (const entry of chunk) this.#alone(entry)
        continue
      }
      const compiled = compiledSuggestBatch(
        this.#db,
        chunk.map(({ input }, i) => batchInput(i, input as SuggestInput & { resolved: ResolvedTerms })),
      )
      queryPrepared(this.#pool, compiled).then(
        (rows) => {
          const byIndex = new Map(rows.map((row) => [row.i, row]))
          chunk.forEach(({ waiters }, i) => {
            for (const waiter of waiters) waiter.resolve(byIndex.get(i))
          })
        },
        // Each alone: only the input that fails gets the error.
        () => {
          for (const entry of chunk) this.#alone(entry)
        },
      )
    }
  }

  #alone({ input, waiters }: { input: SuggestInput; waiters: Waiter[] }): void {
    queryPrepared(this.#pool, compiledSuggest(this.#db, input)).then(
      ([row]) => {
        for (const waiter of waiters) waiter.resolve(row)
      },
      (error: unknown) => {
        for (const waiter of waiters) waiter.reject(error)
      },
    )
  }
}

/** The stand-in of the batched statement's inputs, which it is compiled with once. */
const INPUTS_STAND_IN = '\u0001inputs'
let batchStatement: CompiledQuery<SuggestRow & { i: number }> | null = null

/** suggestBatchQuery for `inputs`, compiled once (as compiledSuggest): only $1 changes. */
export function compiledSuggestBatch(
  db: Kysely<Database>,
  inputs: readonly BatchInput[],
): CompiledQuery<SuggestRow & { i: number }> {
  batchStatement ??= suggestBatchQuery(db, INPUTS_STAND_IN).compile(db)
  const json = JSON.stringify(inputs)
  return {
    ...batchStatement,
    parameters: batchStatement.parameters.map((value) => (value === INPUTS_STAND_IN ? json : value)),
  }
}

export function batchInput(i: number, input: SuggestInput & { resolved: ResolvedTerms }): BatchInput {
  const resolved = input.resolved
  return {
    i,
    exact: resolved.exact,
    title_matches: resolved.titleMatches,
    hopeless: resolved.hopeless,
    tag: input.tagPrefix,
    tag_like: input.tagPrefix === null ? null : likePrefix(input.tagPrefix),
    lim: input.limit,
    popular: popularTitlesFirst(input.typed),
  }
}

/** Movie suggestions when the request names no limit (the route's default). */
export const DEFAULT_SUGGEST_LIMIT = 8

/**
 * The suggest statements the API warms on each pool connection before it listens
 * (src/db/warm-up.ts): one typed word and two, resolved in the statement and before, with a tag
 * prefix and the default limit (what a search box sends), and the batched statement. The words are
 * any: the plans do not depend on them (the tsqueries and flags reach the plan as the statement's own
 * values, which it cannot see), and words no title holds cost least to run.
 */
export function suggestWarmUpStatements(db: Kysely<Database>): CompiledQuery[] {
  const inputs = [['nexuswarm'], ['nexuswarm', 'up']].flatMap((typed): SuggestInput[] => {
    const input = { typed, tagPrefix: typed.join(' '), limit: DEFAULT_SUGGEST_LIMIT }
    const resolved = termsOf(typed.map((word) => ({ word, known: false, corrections: [] })))
    return [
      { ...input, resolved: null },
      { ...input, resolved },
    ]
  })
  const resolved = inputs.filter(batchable)
  return [
    ...inputs.map((input) => compiledSuggest(db, input)),
    compiledSuggestBatch(
      db,
      resolved.map((input, i) => batchInput(i, input)),
    ),
  ]
}
