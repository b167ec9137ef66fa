/**
 * Recommendations for one user and similar movies, from read models and the recommender's tables
 * only (never the event store): the user's relations (user_ratings, user_library), dismissals
 * (recommendation_feedback), the serving model's neighbours, and a popularity prior from the
 * trending projection. Ranking is src/recommend/rank.ts, the function the offline evaluation runs.
 *
 * Answers are cached in Redis under the serving model, the user's activity version (the position
 * of their last interaction event, kept by recommendation_feedback) and the genres asked (or their
 * favourite genres), so their next rating, watch, dismissal or profile change misses the cache at once. An answer is cached only when the read models it came from
 * have all passed that position, so a cache entry is never older than its key. The TTL bounds how
 * long the popularity part (everyone's activity) may lag.
 */
import { type Kysely, type SqlBool, sql } from 'kysely'
import type pg from 'pg'
import { genreSlug, movies } from '../../../projections/movies.ts'
import { recommendationFeedback } from '../../../projections/recommendation-feedback.ts'
import { hourKey, trending } from '../../../projections/trending.ts'
import { userLibrary } from '../../../projections/user-library.ts'
import { userRatings } from '../../../projections/user-ratings.ts'
import { userWatchlist } from '../../../projections/user-watchlist.ts'
import type { Database } from '../../db/schema.ts'
import type { KeyValueStore } from '../../key-value/contract.ts'
import { feedbackWeight, isPositive } from '../../recommend/feedback.ts'
import { userRelations } from '../../recommend/feedback-source.ts'
import { activeModel } from '../../recommend/model-store.ts'
import { personalShare, rankingHistory, rankRecommendations } from '../../recommend/rank.ts'
import type { ServingModel } from '../../recommend/serving-model.ts'
import { waitForProjections } from '../serving/consistency.ts'
import { projectionTag } from '../serving/etag.ts'
import { type TrendingAnswer, trendingMovies } from '../trending/queries.ts'

export const CACHE_TTL_SECONDS = 900
/** Share of the popularity prior from the last week's trend; the rest is all-time popularity. */
const RECENT_SHARE = 0.7
const POPULAR_POOL = 100

export type RecommendationItem = {
  movieId: string
  title: string
  year: number | null
  genres: string[]
  score: number
  reason: string
  because: { movieId: string; title: string } | null
}
export type RecommendationsAnswer = {
  items: RecommendationItem[]
  /** How much the personal model weighs against popularity for this user, 0 to 1. */
  personalShare: number
  model: { id: number; name: string; trainedAt: string | null }
}

/**
 * `keyValue` carries the app's key prefix (in embedded mode it is the in-process store's view); `pool`
 * answers the registry queries (positions, tags) as prepared statements.
 */
type Deps = {
  db: Kysely<Database>
  pool: Pick<pg.Pool, 'query'>
  keyValue: KeyValueStore
  /** The serving model's neighbours held in memory (from PostgreSQL until loaded). */
  servingModel: ServingModel
  /** Priors kept per projection positions (the API's); without it every miss computes its own. */
  priors?: PopularityPriors
}
type MovieRow = { id: string; title: string; year: number | null; genres: string[]; genre_names: string[] }

async function listedMovies(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, MovieRow>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('movies')
    .select(['id', 'title', 'year', 'genres', 'genre_names'])
    .where('id', 'in', ids)
    .where('removed_at', 'is', null)
    .execute()
  return new Map(rows.map((row) => [row.id, row]))
}

/**
 * Which of `ids` are listed movies (in `genre` when one is asked): ids only, as a prepared
 * statement over an array (one text for any number of ids). Raw SQL: rows as arrays (rowMode), no
 * object per row, are beyond the builder.
 */
async function listedIds(
  pool: Pick<pg.Pool, 'query'>,
  ids: readonly string[],
  genre: string | null,
): Promise<string[]> {
  if (ids.length === 0) return []
  const { rows } =
    genre === null
      ? await pool.query<[string]>({
          name: 'recommendations-listed-ids',
          text: 'SELECT id FROM movies WHERE id = ANY($1::uuid[]) AND removed_at IS NULL',
          values: [ids],
          rowMode: 'array',
        })
      : await pool.query<[string]>({
          name: 'recommendations-listed-ids-in-genre',
          text: 'SELECT id FROM movies WHERE id = ANY($1::uuid[]) AND removed_at IS NULL AND $2 = ANY(genres)',
          values: [ids, genre],
          rowMode: 'array',
        })
  return rows.map((row) => row[0])
}

/** Trending in the last week blended with all time, per genre asked (or overall), scaled to 0..1. */
export async function popularityPrior(
  deps: Omit<Deps, 'servingModel'>,
  genres: readonly string[],
  now: Date,
): Promise<Map<string, number>> {
  const prior = new Map<string, number>()
  for (const genre of genres.length === 0 ? [null] : genres) {
    for (const [window, share] of [
      ['week', RECENT_SHARE],
      ['all', 1 - RECENT_SHARE],
    ] as const) {
      const { answer } = await trendingMovies(
        { ...deps, tags: (projections) => projectionTag(deps.pool, projections) },
        { window, genre, limit: POPULAR_POOL, now },
      )
      const { items } = JSON.parse(answer) as TrendingAnswer
      const max = items[0]?.score ?? 0
      if (max <= 0) continue
      for (const item of items)
        prior.set(item.movieId, (prior.get(item.movieId) ?? 0) + (share * item.score) / max)
    }
  }
  return prior
}

/** The positions (`<generation>-<position>` of trending and movies) a prior was computed at. */
export type PriorPositions = (projections: readonly { name: string }[]) => Promise<string>

/** What a popularity prior reads: one list, so its positions' tag is built once per move. */
const PRIOR_READS = [trending, movies]

/**
 * Popularity priors kept in memory, keyed by the positions of the projections they come from
 * (trending and movies, as the trending answers' own tags) and the hour, so every miss between two
 * moves of those projections shares one prior per genre list instead of reading both trending answers
 * from Redis and parsing them again. Those reads were most of what a miss left alive across a
 * scavenge (docs/recommendations.md, issue 13): ~30 kB of reply text and parsed items per miss.
 * The positions are read before the prior is computed, so a kept prior is never older than its key
 * (as an answer memo's entries). Entries for older positions leave by age (MAX_PRIORS, oldest first).
 */
export class PopularityPriors {
  static readonly MAX_PRIORS = 64
  readonly #positions: PriorPositions
  readonly #kept = new Map<string, Promise<Map<string, number>>>()

  constructor(positions: PriorPositions) {
    this.#positions = positions
  }

  async prior(
    deps: Omit<Deps, 'servingModel'>,
    genres: readonly string[],
    now: Date,
  ): Promise<Map<string, number>> {
    const key = `${await this.#positions(PRIOR_READS)}-${hourKey(now)}:${genres.join('+')}`
    let prior = this.#kept.get(key)
    if (prior === undefined) {
      const computed = popularityPrior(deps, genres, now)
      prior = computed
      // A failed computation is not kept: the next miss computes again.
      computed.catch(() => {
        if (this.#kept.get(key) === computed) this.#kept.delete(key)
      })
      this.#kept.set(key, computed)
      if (this.#kept.size > PopularityPriors.MAX_PRIORS) {
        const oldest = this.#kept.keys().next().value as string
        this.#kept.delete(oldest)
      }
    }
    return prior
  }

  /** How many priors are kept (for tests). */
  get size(): number {
    return this.#kept.size
  }
}

function cacheKey(modelId: number, userId: string, version: string, genres: string, limit: number) {
  return `cache:recommendations:m${modelId}:${userId}:${version}:${genres}:${limit}`
}

export async function recommendationsFor(
  deps: Deps,
  query: { userId: string; limit: number; genre: string | null; now: Date },
): Promise<{ answer: RecommendationsAnswer; cached: boolean }> {
  const { db, keyValue } = deps
  const genre = query.genre === null ? null : genreSlug(query.genre)
  const [model, activity, profile] = await Promise.all([
    activeModel(db),
    db
      .selectFrom('user_activity')
      .select('last_position')
      .where('user_id', '=', query.userId)
      .executeTakeFirst(),
    db.selectFrom('users').select('favourite_genres').where('id', '=', query.userId).executeTakeFirst(),
  ])
  const modelId = model?.id ?? 0
  const version = activity?.last_position ?? 'none'
  const favouriteGenres = (profile?.favourite_genres ?? []).map(genreSlug)
  // The favourite genres shape the popularity part: a profile change is a new key too.
  const key = cacheKey(
    modelId,
    query.userId,
    version,
    genre ?? `fav=${[...favouriteGenres].sort().join('+')}`,
    query.limit,
  )
  const cached = await keyValue.get(key)
  if (cached !== null) {
    const answer = JSON.parse(cached) as RecommendationsAnswer
    // A movie removed since the answer was cached sends the question back to the models.
    const listed = await listedMovies(
      db,
      answer.items.map((item) => item.movieId),
    )
    if (listed.size === answer.items.length) return { answer, cached: true }
  }

  const [relations, dismissed] = await Promise.all([
    userRelations(db, query.userId),
    db.selectFrom('user_dismissals').select('movie_id').where('user_id', '=', query.userId).execute(),
  ])
  const history = relations
    .map((r) => ({ movieId: r.movieId, weight: feedbackWeight(r.signals) }))
    .filter((h) => h.weight > 0)
  const liked = new Set(relations.filter((r) => isPositive(r.signals)).map((r) => r.movieId))
  // Only on the watchlist (not seen): "because you want to watch".
  const wanted = new Set(
    relations
      .filter((r) => r.signals.watchlisted && r.signals.stars === null && r.signals.watchProgress === null)
      .map((r) => r.movieId),
  )
  const exclude = new Set([...relations.map((r) => r.movieId), ...dismissed.map((d) => d.movie_id)])
  const [neighbours, popularity] = await Promise.all([
    deps.servingModel.rankingNeighbours(
      modelId,
      rankingHistory(history).map((h) => h.movieId),
    ),
    deps.priors?.prior(deps, genre === null ? favouriteGenres : [genre], query.now) ??
      popularityPrior(deps, genre === null ? favouriteGenres : [genre], query.now),
  ])

  // Rank generously, then keep what is listed (and in the genre asked); widen until enough. The
  // candidates are checked by id only (listedIds); the details (title, year, genres) are read for
  // the kept items and the liked movies named as their reasons: a miss used to read and decode both
  // genre arrays of every candidate, ~100-400 rows for ~20 kept, and those rows were most of what a
  // miss left alive across a scavenge (docs/recommendations.md, issue 13).
  const eligible = new Set<string>()
  const checked = new Set<string>()
  let ranked: ReturnType<typeof rankRecommendations> = []
  for (let pool = query.limit * 4 + 20; ; pool *= 4) {
    const candidates = rankRecommendations({
      history,
      ...neighbours,
      popularity,
      exclude,
      eligible: (movieId) => !checked.has(movieId) || eligible.has(movieId),
      limit: pool,
    })
    const unknown = candidates.map((c) => c.movieId).filter((id) => !checked.has(id))
    for (const id of await listedIds(deps.pool, unknown, genre)) eligible.add(id)
    for (const id of unknown) checked.add(id)
    ranked = candidates.filter((c) => eligible.has(c.movieId))
    if (ranked.length >= query.limit || candidates.length < pool) break
  }
  ranked = ranked.slice(0, query.limit)
  const named = new Set(ranked.map((r) => r.movieId))
  for (const r of ranked) if (r.because !== null) named.add(r.because)
  const movies = await listedMovies(db, [...named])

  const reasonFor = (movieId: string) =>
    liked.has(movieId)
      ? 'because you liked'
      : wanted.has(movieId)
        ? 'because you want to watch'
        : 'because you watched'
  // A movie removed between the two reads is left out (as it would be a moment later).
  const items = ranked.flatMap((r): RecommendationItem[] => {
    const movie = movies.get(r.movieId)
    if (movie === undefined) return []
    const source = r.because === null ? undefined : movies.get(r.because)
    let reason: string
    if (source) reason = `${reasonFor(source.id)} ${source.title}`
    else {
      const slug = genre ?? favouriteGenres.find((g) => movie.genres.includes(g)) ?? movie.genres[0] ?? null
      const name = slug === null ? null : movie.genre_names[movie.genres.indexOf(slug)]
      reason = name ? `popular in ${name}` : 'popular right now'
    }
    return [
      {
        movieId: r.movieId,
        title: movie.title,
        year: movie.year,
        genres: movie.genre_names,
        score: round(r.score),
        reason,
        because: source ? { movieId: source.id, title: source.title } : null,
      },
    ]
  })
  const answer: RecommendationsAnswer = {
    items,
    personalShare: round(personalShare(history.length)),
    model: { id: modelId, name: model?.model ?? 'none', trainedAt: model?.trainedAt?.toISOString() ?? null },
  }
  // Cache only what is at least as new as the version in its key.
  if (
    version === 'none' ||
    (await waitForProjections(
      deps.pool,
      [userRatings, userLibrary, userWatchlist, recommendationFeedback],
      version,
      0,
    ))
  ) {
    await keyValue.set(key, JSON.stringify(answer), CACHE_TTL_SECONDS)
  }
  return { answer, cached: false }
}

const round = (value: number) => Math.round(value * 10_000) / 10_000

export type SimilarItem = Omit<RecommendationItem, 'because'>

/**
 * The serving model's neighbours of a movie (listed ones); before any model knows it (or to fill
 * up), the movies sharing the most of its tags, then popular movies of its genres.
 */
export async function similarMovies(
  deps: { db: Kysely<Database>; servingModel: ServingModel },
  movieId: string,
  limit: number,
): Promise<{ movie: MovieRow; items: SimilarItem[] } | null> {
  const { db } = deps
  const [movie, model] = await Promise.all([
    db
      .selectFrom('movies')
      .select(['id', 'title', 'year', 'genres', 'genre_names'])
      .where('id', '=', movieId)
      .where('removed_at', 'is', null)
      .executeTakeFirst(),
    activeModel(db),
  ])
  // A removed movie is not found, as in GET /movies/:id.
  if (!movie) return null
  const neighbours =
    (await deps.servingModel.neighboursOf(model?.id ?? 0, [movieId], limit + 20)).get(movieId) ?? []
  const listed = await listedMovies(
    db,
    neighbours.map((n) => n.movieId),
  )
  const shared = (row: MovieRow) =>
    row.genre_names.filter((_, i) => movie.genres.includes(row.genres[i] as string))
  const items: SimilarItem[] = []
  for (const n of neighbours) {
    const row = listed.get(n.movieId)
    if (!row) continue
    const genres = shared(row)
    items.push({
      movieId: row.id,
      title: row.title,
      year: row.year,
      genres: row.genre_names,
      score: round(n.score),
      reason:
        `people who liked ${movie.title} also liked it` +
        (genres.length > 0 ? `; also ${genres.join(', ')}` : ''),
    })
    if (items.length === limit) break
  }
  if (items.length < limit) {
    // Before a model knows this movie: first the listed movies sharing the most of its tags
    // (curated or users'), the most popular first among equals; movies_by_tag serves the overlap.
    const tagged = await db.selectFrom('movies').select(['tags']).where('id', '=', movieId).executeTakeFirst()
    const tags = tagged?.tags ?? []
    if (tags.length > 0) {
      // Raw SQL: the size of an array intersection orders by tags shared.
      const shared = sql<
        string[]
      >`ARRAY(SELECT unnest(tags) INTERSECT SELECT unnest(${sql.val(tags)}::text[]))`
      const rows = await db
        .selectFrom('movies')
        .select(['id', 'title', 'year', 'genre_names', shared.as('shared')])
        .where('removed_at', 'is', null)
        .where(sql<SqlBool>`tags && ${sql.val(tags)}::text[]`)
        .where('id', '!=', movieId)
        .orderBy(sql`cardinality(${shared})`, 'desc')
        .orderBy('popularity', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + items.length)
        .execute()
      for (const row of rows) {
        if (items.length === limit) break
        if (items.some((item) => item.movieId === row.id)) continue
        items.push({
          movieId: row.id,
          title: row.title,
          year: row.year,
          genres: row.genre_names,
          score: 0,
          reason: `also tagged ${[...row.shared].sort().slice(0, 3).join(', ')}`,
        })
      }
    }
  }
  if (items.length < limit && movie.genres.length > 0) {
    // Then the most popular listed movies sharing a genre.
    const fill = await db
      .selectFrom('movies')
      .select(['id', 'title', 'year', 'genres', 'genre_names'])
      .where('removed_at', 'is', null)
      .where(sql<SqlBool>`genres && ${sql.val(movie.genres)}::text[]`)
      .where('id', '!=', movieId)
      .orderBy('popularity', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + items.length)
      .execute()
    for (const row of fill) {
      if (items.length === limit) break
      if (items.some((item) => item.movieId === row.id)) continue
      items.push({
        movieId: row.id,
        title: row.title,
        year: row.year,
        genres: row.genre_names,
        score: 0,
        reason: `popular in ${shared(row)[0] ?? row.genre_names[0]}`,
      })
    }
  }
  return { movie, items }
}
