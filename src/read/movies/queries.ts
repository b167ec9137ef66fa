/**
 * Queries over the movies read model: the filtered, sorted, keyset-paged list, one movie with the
 * viewer's own state, and the genres. Every filter and sort maps to an index of projections/movies.ts.
 */
import { type CompiledQuery, type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import type pg from 'pg'
import { genreSlug } from '../../../projections/movies.ts'
import { queryPrepared } from '../../db/prepared.ts'
import type { Database } from '../../db/schema.ts'
import {
  RESOLVED_STAND_IN,
  type ResolvedTerms,
  resolvedParameter,
  resolvedTermsCte,
  type SearchWord,
  searchTermsCte,
  termsOf,
} from '../search/terms.ts'
import { decodeKeys, encodeKeys, type KeyType } from '../serving/keyset-cursor.ts'
import { TOP_TAGS } from '../tags/queries.ts'
import { detailDocument } from './detail-document.ts'

export const SORTS = ['popularity', 'rating', 'release', 'title', 'newest', 'relevance'] as const
export type MovieSort = (typeof SORTS)[number]

export type MovieFilters = {
  genres: string[]
  yearFrom: number | null
  yearTo: number | null
  minRating: number | null
  /**
   * The search's words as typed (searchWords, at least one), null without one: the statement folds
   * them and finds their corrections itself (search_terms, src/read/search/terms.ts).
   */
  search: string[] | null
  /**
   * The search's terms resolved before (ResolvedWords), taken as they are by the statement; null or
   * absent: the statement resolves the words itself.
   */
  resolvedSearch?: ResolvedTerms | null
  /** Normalised tags: a movie must have every one. */
  tags?: string[]
  /** Only movies this person is in (cast, director or writer). */
  person?: string | null
}

export type MovieCursor = { sort: MovieSort; value: string; id: string }

export function encodeCursor(cursor: MovieCursor): string {
  return encodeKeys([cursor.sort, cursor.value, cursor.id])
}

/** The cursor, or null when it is not one we issued for this sort (relevance without a query: popularity). */
export function decodeCursor(raw: string, sort: MovieSort): MovieCursor | null {
  const keys = decodeKeys(raw, [sortKey(sort).type, 'uuid'], sort)
  return keys && { sort, value: keys[0] as string, id: keys[1] as string }
}

type Key = {
  expression: Expression<unknown>
  type: KeyType
  direction: 'asc' | 'desc'
}

/** A column of the one-row search_terms CTE, as a scalar subquery (an InitPlan: computed once). */
const term = (column: string) => sql`(SELECT ${sql.ref(column)} FROM search_terms)`

function sortKey(sort: MovieSort): Key {
  switch (sort) {
    case 'popularity':
      return { expression: sql`popularity`, type: 'int4', direction: 'desc' }
    case 'rating':
      return { expression: sql`rating_avg`, type: 'numeric', direction: 'desc' }
    case 'release':
      return { expression: sql`released_on`, type: 'date', direction: 'desc' }
    case 'title':
      return { expression: sql`title`, type: 'text', direction: 'asc' }
    case 'newest':
      return { expression: sql`added_at`, type: 'timestamptz', direction: 'desc' }
    case 'relevance':
      // Ranked together: the full-text rank of what matched (corrections included), again of what
      // was typed exactly (a typo match ranks below an exact one), and the trigram similarity of the
      // whole title to the search (the closest title first among equals). Without a correction both
      // ranks are one: computed once (a rank reads the row's tsvector). Only with a search (search_terms).
      return {
        expression: sql`(CASE WHEN ${term('corrected')}
          THEN ts_rank(search, ${term('matches_query')}) + ts_rank(search, ${term('exact_query')})
          ELSE 2::float4 * ts_rank(search, ${term('matches_query')}) END
          + public.similarity(title_folded, ${term('folded')}))`,
        type: 'float4',
        direction: 'desc',
      }
  }
}

/** The list query (exported so a test can EXPLAIN exactly what the API runs). */
export function movieListQuery(
  db: Kysely<Database>,
  filters: MovieFilters,
  sort: MovieSort,
  limit: number,
  after: MovieCursor | null,
) {
  const search = filters.search !== null && filters.search.length > 0 ? filters.search : null
  const resolved = search === null ? null : (filters.resolvedSearch ?? null)
  const key = sortKey(sort === 'relevance' && search === null ? 'popularity' : sort)
  // With a search, its terms are computed in this statement (one round trip): the search_terms CTE,
  // or taken as resolved before.
  let query = (
    search === null
      ? db
      : db.with('search_terms', () =>
          resolved === null ? searchTermsCte(search) : resolvedTermsCte(resolved),
        )
  )
    .selectFrom('movies')
    .select([
      'id',
      'title',
      'year',
      'genre_names',
      'rating_avg',
      'rating_count',
      'favorites_count',
      'likes_count',
      'popularity',
      'external_ids',
      sql<string | null>`to_char(release_date, 'YYYY-MM-DD')`.as('release_date'),
      // Raw SQL: the sort key as text is the cursor value, exact for every type (numeric, float4, timestamptz).
      sql<string>`(${key.expression})::text`.as('sort_value'),
    ])
    .where('removed_at', 'is', null)
    // What the statement made of the words, for ResolvedWords: one value (an InitPlan) on every row.
    // Raw SQL: the CTE's JSON as text, which pg does not parse per row.
    .$if(search !== null && resolved === null, (qb) =>
      qb.select(sql<string>`(SELECT json_build_array(terms, origins)::text FROM search_terms)`.as('learned')),
    )
  if (filters.genres.length > 0) {
    // Raw SQL: array overlap (any of the genres), served by the GIN index movies_by_genre.
    query = query.where(sql<SqlBool>`genres && ${sql.val(filters.genres.map(genreSlug))}::text[]`)
  }
  if (filters.tags !== undefined && filters.tags.length > 0) {
    // Raw SQL: array containment (all of the tags), served by the GIN index movies_by_tag.
    query = query.where(sql<SqlBool>`tags @> ${sql.val(filters.tags)}::text[]`)
  }
  if (filters.person !== undefined && filters.person !== null) {
    const person = filters.person
    // The person's range of movie_people_pk (person_id leads it), then movies by primary key.
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('movie_people').select('movie_id').where('person_id', '=', person),
    )
  }
  if (filters.yearFrom !== null) query = query.where('year', '>=', filters.yearFrom)
  if (filters.yearTo !== null) query = query.where('year', '<=', filters.yearTo)
  if (filters.minRating !== null) query = query.where('rating_avg', '>=', String(filters.minRating))
  if (search !== null) {
    // Raw SQL: full-text match (typo corrections as alternatives), served by the GIN index movies_search.
    query = query.where(sql<SqlBool>`search @@ ${term('matches_query')}`)
  }
  if (after) {
    const cast = sql.raw(key.type)
    const op = sql.raw(key.direction === 'desc' ? '<' : '>')
    // Raw SQL: a row comparison on (sort key, id) is the keyset condition the sort index serves.
    query = query.where(
      sql<SqlBool>`(${key.expression}, id) ${op} (${after.value}::${cast}, ${after.id}::uuid)`,
    )
  }
  const direction = sql.raw(key.direction)
  return query
    .orderBy(sql`${key.expression} ${direction}`)
    .orderBy(sql`id ${direction}`)
    .limit(limit + 1)
}

type ListStatement = CompiledQuery<Awaited<ReturnType<ReturnType<typeof movieListQuery>['execute']>>[number]>

/** Stand-ins the search-alone list statement is compiled with once per shape, replaced per request. */
const SEARCH_STAND_IN = '\u0001search'
const AFTER_VALUE_STAND_IN = '\u0001after'
const AFTER_ID_STAND_IN = '\u0001after-id'
/** limit + 1 of the stand-in statement: no other parameter of the list is a number this large. */
const LIMIT_STAND_IN = 1_000_003

/** The search-alone list statement of each shape (sort, a cursor or not, words resolved or not), compiled once. */
const searchStatements = new Map<string, ListStatement>()

/**
 * The list statement of a search alone (no other filter), as movieListQuery compiles it. Building
 * and compiling the list's query tree cost the API tens of microseconds per request; its text
 * depends on the sort, the cursor's presence and whether the words come resolved only, so each shape
 * is compiled once with stand-ins and a request puts its own values in the parameters (as the
 * suggest statement and the movie detail do).
 */
export function compiledSearch(
  db: Kysely<Database>,
  filters: MovieFilters,
  sort: MovieSort,
  limit: number,
  after: MovieCursor | null,
): ListStatement {
  const search = filters.search ?? []
  const resolved = filters.resolvedSearch ?? null
  const shape = `${sort}:${after !== null}:${resolved !== null}`
  let statement = searchStatements.get(shape)
  if (statement === undefined) {
    statement = movieListQuery(
      db,
      {
        genres: [],
        yearFrom: null,
        yearTo: null,
        minRating: null,
        search: [SEARCH_STAND_IN],
        resolvedSearch: resolved === null ? null : RESOLVED_STAND_IN,
      },
      sort,
      LIMIT_STAND_IN - 1,
      after === null ? null : { sort, value: AFTER_VALUE_STAND_IN, id: AFTER_ID_STAND_IN },
    ).compile()
    searchStatements.set(shape, statement)
  }
  const parameters = statement.parameters.map((value) => {
    if (Array.isArray(value) && value.length === 1 && value[0] === SEARCH_STAND_IN) return [...search]
    if (value === AFTER_VALUE_STAND_IN) return after?.value
    if (value === AFTER_ID_STAND_IN) return after?.id
    if (value === LIMIT_STAND_IN) return limit + 1
    if (resolved !== null) {
      const replaced = resolvedParameter(value, resolved)
      if (replaced !== null) return replaced.value
    }
    return value
  })
  return { ...statement, parameters }
}

/** Movies per list page when the request names no limit (the route's default). */
export const DEFAULT_LIST_LIMIT = 20

/**
 * The search-alone list statements the API warms on each pool connection before it listens
 * (src/db/warm-up.ts): a first page by relevance (what a search box asks), the words resolved in the
 * statement and before. The words are any: the plan does not depend on them (suggestWarmUpStatements).
 */
export function searchWarmUpStatements(db: Kysely<Database>): CompiledQuery[] {
  const typed = ['nexuswarm']
  const filters: MovieFilters = { genres: [], yearFrom: null, yearTo: null, minRating: null, search: typed }
  const resolved = termsOf(typed.map((word) => ({ word, known: false, corrections: [] })))
  return [
    compiledSearch(db, { ...filters, resolvedSearch: null }, 'relevance', DEFAULT_LIST_LIMIT, null),
    compiledSearch(db, { ...filters, resolvedSearch: resolved }, 'relevance', DEFAULT_LIST_LIMIT, null),
  ]
}

export async function listMovies(
  db: Kysely<Database>,
  filters: MovieFilters,
  sort: MovieSort,
  limit: number,
  after: MovieCursor | null,
  pool?: Pick<pg.Pool, 'query'>,
  /** Gets what the statement made of the search's words when it resolved them itself (and found a movie). */
  learn?: (terms: SearchWord[], origins: number[]) => void,
) {
  // A search alone is prepared (given a pool): its statement costs about as much to plan as to run,
  // and its plan hides nothing a literal would show (the tsqueries are the statement's own). Not
  // with other filters: a generic plan cannot size a genre or a tag, whose movies range from a
  // handful to thousands.
  const searchAlone =
    filters.search !== null &&
    filters.search.length > 0 &&
    filters.genres.length === 0 &&
    (filters.tags ?? []).length === 0 &&
    (filters.person ?? null) === null &&
    filters.yearFrom === null &&
    filters.yearTo === null &&
    filters.minRating === null
  const rows =
    pool !== undefined && searchAlone
      ? await queryPrepared(pool, compiledSearch(db, filters, sort, limit, after))
      : await movieListQuery(db, filters, sort, limit, after).execute()
  const learned = rows[0]?.learned
  if (learned !== undefined && learn !== undefined) {
    const [terms, origins] = JSON.parse(learned) as [SearchWord[], number[]]
    learn(terms, origins)
  }
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((row) => ({
      id: row.id,
      title: row.title,
      year: row.year,
      releaseDate: row.release_date,
      genres: row.genre_names,
      averageRating: Number(row.rating_avg),
      ratingCount: row.rating_count,
      favorites: row.favorites_count,
      likes: row.likes_count,
      popularity: row.popularity,
      externalIds: row.external_ids,
    })),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ sort, value: last.sort_value, id: last.id }) : null,
  }
}

/** Stand-in ids the detail statement is compiled with once, replaced by the asked ones per request. */
const MOVIE_STAND_IN = '5f1d0000-0000-4000-8000-00000000d371'
const VIEWER_STAND_IN = '5f1d0000-0000-4000-8000-0000000a1e3e'

/**
 * The builder of the detail's single statement: the movies of `movieIds` (one for a signed-in viewer,
 * a batch of anonymous requests otherwise) as detail-document.ts joins them: the pieces the movies
 * projection keeps (movie_details) and the moving parts, genres and top tags as JSON text (nothing
 * for pg to parse); with a viewer, their own state beside.
 */
function movieDetailQuery(db: Kysely<Database>, movieIds: readonly string[], viewerId: string | null) {
  const anonymous = db
    .selectFrom('movies as m')
    .innerJoin('movie_details as d', 'd.movie_id', 'm.id')
    .select([
      'm.id',
      'd.head',
      'd.about',
      'd.media',
      // Raw SQL: the JSON text of what moves, as the response schema's serialiser writes it
      // (compact, members in its order; to_json escapes a string as JSON.stringify does).
      sql<string>`array_to_json(m.genre_names)::text`.as('genres'),
      'm.rating_avg',
      'm.rating_count',
      'm.favorites_count',
      'm.likes_count',
      'm.popularity',
      'm.stars_1',
      'm.stars_2',
      'm.stars_3',
      'm.stars_4',
      'm.stars_5',
      'm.comments_count',
      'm.watches_count',
      // The movie's top tags (curated first, then the most used), in the same statement: one round
      // trip for the whole detail.
      // Raw SQL: the aggregate as JSON text over the top rows.
      sql<string>`(SELECT '[' || coalesce(string_agg('{"tag":' || to_json(top.tag)::text
          || ',"curated":' || top.curated::text || ',"count":' || top.user_count::text || '}',
          ',' ORDER BY top.curated DESC, top.user_count DESC, top.tag), '') || ']'
        FROM (SELECT t.tag, t.curated, t.user_count FROM movie_tags t WHERE t.movie_id = m.id
          ORDER BY t.curated DESC, t.user_count DESC, t.tag LIMIT ${sql.lit(TOP_TAGS)}) AS top)`.as(
        'top_tags',
      ),
    ])
    // = ANY of an array parameter: one statement text (and one prepared plan) for any batch size.
    .where('m.id', '=', sql<string>`any(${movieIds}::uuid[])`)
    .where('m.removed_at', 'is', null)
  if (viewerId === null) return anonymous
  return anonymous
    .leftJoin('user_ratings as r', (join) =>
      join.onRef('r.movie_id', '=', 'm.id').on('r.user_id', '=', viewerId),
    )
    .select((eb) => [
      'r.stars as my_stars',
      'r.review as my_review',
      'r.rated_at as my_rated_at',
      eb
        .exists(
          eb
            .selectFrom('user_favorites as f')
            .select('f.movie_id')
            .whereRef('f.movie_id', '=', 'm.id')
            .where('f.user_id', '=', viewerId),
        )
        .as('my_favorite'),
      eb
        .exists(
          eb
            .selectFrom('user_likes as l')
            .select('l.movie_id')
            .whereRef('l.movie_id', '=', 'm.id')
            .where('l.user_id', '=', viewerId),
        )
        .as('my_like'),
      // Raw SQL: the viewer's own tags as a text array (pg reads it as an array of strings).
      sql<
        string[]
      >`ARRAY(SELECT ut.tag FROM user_tags ut WHERE ut.movie_id = m.id AND ut.user_id = ${viewerId} ORDER BY ut.tag)`.as(
        'my_tags',
      ),
      eb
        .exists(
          eb
            .selectFrom('user_watchlist as w')
            .select('w.movie_id')
            .whereRef('w.movie_id', '=', 'm.id')
            .where('w.user_id', '=', viewerId),
        )
        .as('my_watchlist'),
    ])
}

type AnonymousStatement = ReturnType<ReturnType<typeof movieDetailQuery>['compile']>
type AnonymousRow = AnonymousStatement extends CompiledQuery<infer Row> ? Row : never
type SignedInRow = AnonymousRow & {
  my_stars: string | null
  my_review: string | null
  my_rated_at: Date | null
  my_favorite: boolean
  my_like: boolean
  my_tags: string[]
  my_watchlist: boolean
}

/** The detail statement of each shape (anonymous, signed in), compiled once: its text never varies. */
const detailStatements = new Map<boolean, CompiledQuery<unknown>>()

/** The rows of the detail statement for `movieIds` (removed and unknown ones have none). */
async function detailRows(
  db: Kysely<Database>,
  pool: Pick<pg.Pool, 'query'>,
  movieIds: readonly string[],
  viewerId: string | null,
): Promise<SignedInRow[]> {
  const signedIn = viewerId !== null
  let statement = detailStatements.get(signedIn)
  if (statement === undefined) {
    statement = movieDetailQuery(db, [MOVIE_STAND_IN], signedIn ? VIEWER_STAND_IN : null).compile()
    detailStatements.set(signedIn, statement)
  }
  const parameters = statement.parameters.map((value) =>
    Array.isArray(value) && value[0] === MOVIE_STAND_IN
      ? movieIds
      : value === VIEWER_STAND_IN
        ? viewerId
        : value,
  )
  return queryPrepared(pool, { ...statement, parameters } as CompiledQuery<SignedInRow>)
}

/** Most ids in one anonymous batch: a bigger one waits for the next statement. */
const MAX_BATCH = 64

/**
 * The anonymous movie details asked for in one turn of the event loop, read in one statement: under
 * load, many requests miss the answer memo at once (ids spread over the catalogue), and each one's
 * own round trip (the pg protocol, a pool checkout, PostgreSQL's bind and execute) cost more than
 * reading its row. Requests join the batch until the loop's check phase (setImmediate), so a lone
 * request waits for nothing but that; each gets the statement's result or its error.
 */
export class MovieDetailBatch {
  readonly #db: Kysely<Database>
  readonly #pool: Pick<pg.Pool, 'query'>
  #waiting = new Map<
    string,
    { resolve: (row: AnonymousRow | undefined) => void; reject: (error: unknown) => void }[]
  >()

  constructor(db: Kysely<Database>, pool: Pick<pg.Pool, 'query'>) {
    this.#db = db
    this.#pool = pool
  }

  /** The listed movie of `movieId` as findMovie answers it anonymously (JSON text), or null. */
  async find(movieId: string): Promise<string | null> {
    // Rows come back with the id as PostgreSQL writes it (lower case); the route takes either case.
    const id = movieId.toLowerCase()
    const row = await new Promise<AnonymousRow | undefined>((resolve, reject) => {
      if (this.#waiting.size === 0) setImmediate(() => this.#flush())
      const waiting = this.#waiting.get(id)
      if (waiting === undefined) this.#waiting.set(id, [{ resolve, reject }])
      else waiting.push({ resolve, reject })
    })
    return row === undefined ? null : detailDocument(row, null)
  }

  #flush(): void {
    const batch = this.#waiting
    this.#waiting = new Map()
    const ids = [...batch.keys()]
    for (let from = 0; from < ids.length; from += MAX_BATCH) {
      const chunk = ids.slice(from, from + MAX_BATCH)
      detailRows(this.#db, this.#pool, chunk, null).then(
        (rows) => {
          const byId = new Map(rows.map((row) => [row.id, row]))
          for (const id of chunk) for (const waiter of batch.get(id) ?? []) waiter.resolve(byId.get(id))
        },
        (error: unknown) => {
          for (const id of chunk) for (const waiter of batch.get(id) ?? []) waiter.reject(error)
        },
      )
    }
  }
}

/**
 * One listed movie with its aggregates and, for a signed-in viewer, their own rating, favourite,
 * like, tags and watchlist mark, as the JSON text of the answer (detail-document.ts): one round trip,
 * by primary keys, as a prepared statement (src/db/prepared.ts: planning the joins cost several
 * times their execution). The statement is built and compiled once per shape (with stand-in ids); a
 * request only puts its own ids in its parameters. (Anonymous requests of a busy API go through
 * MovieDetailBatch, the same statement for several movies.)
 */
export async function findMovie(
  db: Kysely<Database>,
  movieId: string,
  viewerId: string | null,
  pool: Pick<pg.Pool, 'query'>,
): Promise<string | null> {
  const [row] = await detailRows(db, pool, [movieId], viewerId)
  if (row === undefined) return null
  if (viewerId === null) return detailDocument(row, null)
  return detailDocument(row, {
    rating:
      row.my_stars === null || row.my_rated_at === null
        ? null
        : { stars: Number(row.my_stars), review: row.my_review, ratedAt: row.my_rated_at.toISOString() },
    favorite: Boolean(row.my_favorite),
    liked: Boolean(row.my_like),
    tags: row.my_tags,
    watchlisted: Boolean(row.my_watchlist),
  })
}

export async function listGenres(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('genres')
    .select(['slug', 'name', 'movie_count'])
    .where((eb) => eb.or([eb('movie_count', '>', 0), eb('created', '=', true)]))
    .orderBy('name')
    .execute()
  return { items: rows.map((row) => ({ slug: row.slug, name: row.name, movieCount: row.movie_count })) }
}

/** The viewer's own relation to a movie in a list: their stars, favourite and like. */
export type ViewerFlags = { rating: number | null; favorite: boolean; liked: boolean }

/**
 * The viewer's flags for the movies of one list page: three lookups by primary key
 * (user_id, movie_id) for at most a page of ids.
 */
export async function viewerFlags(
  db: Kysely<Database>,
  viewerId: string,
  movieIds: readonly string[],
): Promise<Map<string, ViewerFlags>> {
  const flags = new Map<string, ViewerFlags>(
    movieIds.map((id) => [id, { rating: null, favorite: false, liked: false }]),
  )
  if (movieIds.length === 0) return flags
  const ids = [...movieIds]
  const [ratings, favorites, likes] = await Promise.all([
    db
      .selectFrom('user_ratings')
      .select(['movie_id', 'stars'])
      .where('user_id', '=', viewerId)
      .where('movie_id', 'in', ids)
      .execute(),
    db
      .selectFrom('user_favorites')
      .select('movie_id')
      .where('user_id', '=', viewerId)
      .where('movie_id', 'in', ids)
      .execute(),
    db
      .selectFrom('user_likes')
      .select('movie_id')
      .where('user_id', '=', viewerId)
      .where('movie_id', 'in', ids)
      .execute(),
  ])
  for (const row of ratings) {
    const entry = flags.get(row.movie_id)
    if (entry) entry.rating = Number(row.stars)
  }
  for (const row of favorites) {
    const entry = flags.get(row.movie_id)
    if (entry) entry.favorite = true
  }
  for (const row of likes) {
    const entry = flags.get(row.movie_id)
    if (entry) entry.liked = true
  }
  return flags
}
