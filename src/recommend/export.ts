/**
 * `npm run recommender -- export`: every user's top-N as CSV rows `username,movieId,externalIds,
 * rank,score`, ranked by the serving function over the serving model. Memory is bounded by the
 * model and the catalogue, not by users: the neighbour table and listed movies are loaded once,
 * users and their relations are walked in id order, a page at a time. Erased users (no username)
 * are left out.
 */
import { type Kysely, sql } from 'kysely'
import { genreSlug } from '../../projections/movies.ts'
import type { Database } from '../db/schema.ts'
import { feedbackWeight } from './feedback.ts'
import { allUserRelations, type Relation } from './feedback-source.ts'
import type { Neighbour } from './item-neighbours.ts'
import { rankRecommendations } from './rank.ts'

export const EXPORT_HEADER = 'username,movieId,externalIds,rank,score'

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

export type ExportDeps = {
  db: Kysely<Database>
  /** The popularity prior for a set of genre slugs (serving's: trending), asked once per set. */
  popularity: (genres: readonly string[]) => Promise<Map<string, number>>
}

/** The serving model's whole neighbour table, keyset-paged by source movie. */
async function loadNeighbours(db: Kysely<Database>): Promise<Map<string, Neighbour[]>> {
  const all = new Map<string, Neighbour[]>()
  let after: string | null = null
  while (true) {
    const from: string | null = after
    const rows = await db
      .selectFrom('recommendation_neighbors')
      .select(['movie_id', 'neighbor_id', 'score'])
      .$if(from !== null, (q) => q.where('movie_id', '>', from as string))
      .where('movie_id', 'in', (eb) =>
        eb
          .selectFrom('recommendation_neighbors')
          .select('movie_id')
          .distinct()
          .$if(from !== null, (q) => q.where('movie_id', '>', from as string))
          .orderBy('movie_id')
          .limit(2_000),
      )
      .orderBy('movie_id')
      .orderBy('rank')
      .execute()
    if (rows.length === 0) return all
    for (const row of rows) {
      let list = all.get(row.movie_id)
      if (!list) {
        list = []
        all.set(row.movie_id, list)
      }
      list.push({ movieId: row.neighbor_id, score: row.score })
    }
    after = rows.at(-1)?.movie_id ?? null
  }
}

/**
 * Yields the CSV lines (header first). `onUser` counts users for a progress bar; the signal stops
 * between users.
 */
export async function* exportRecommendations(
  deps: ExportDeps,
  options: { limit: number; signal?: AbortSignal; onUser?: (done: number) => void },
): AsyncGenerator<string> {
  const { db } = deps
  const neighbours = await loadNeighbours(db)
  // to_jsonb(m) -> 'external_ids' reads the imported ids (null for movies added through the API).
  const { rows: listed } = await sql<{ id: string; genres: string[]; external_ids: unknown }>`
    SELECT m.id, m.genres, to_jsonb(m) -> 'external_ids' AS external_ids
    FROM movies m WHERE m.removed_at IS NULL`.execute(db)
  const movies = new Map(listed.map((m) => [m.id, m]))
  const dismissals = new Map<string, string[]>()
  for (const row of await db.selectFrom('user_dismissals').select(['user_id', 'movie_id']).execute()) {
    dismissals.set(row.user_id, [...(dismissals.get(row.user_id) ?? []), row.movie_id])
  }
  const priors = new Map<string, Map<string, number>>()
  const priorFor = async (genres: readonly string[]) => {
    const key = [...genres].sort().join(',')
    let prior = priors.get(key)
    if (!prior) {
      prior = await deps.popularity(genres)
      priors.set(key, prior)
    }
    return prior
  }

  yield `${EXPORT_HEADER}\n`
  // Users and relations are both walked in id order; a user without relations gets the cold start.
  const relations = allUserRelations(db)[Symbol.asyncIterator]()
  let pending = await relations.next()
  let after: string | null = null
  let done = 0
  while (true) {
    const from: string | null = after
    const page = await db
      .selectFrom('users')
      .select(['id', 'username', 'favourite_genres'])
      .$if(from !== null, (q) => q.where('id', '>', from as string))
      .orderBy('id')
      .limit(500)
      .execute()
    if (page.length === 0) break
    for (const user of page) {
      options.signal?.throwIfAborted()
      while (!pending.done && pending.value.userId < user.id) pending = await relations.next()
      let mine: Relation[] = []
      if (!pending.done && pending.value.userId === user.id) mine = pending.value.relations
      done++
      if (user.username === null) continue
      const exclude = new Set([...mine.map((r) => r.movieId), ...(dismissals.get(user.id) ?? [])])
      const ranked = rankRecommendations({
        history: mine
          .map((r) => ({ movieId: r.movieId, weight: feedbackWeight(r.signals) }))
          .filter((h) => h.weight > 0),
        neighbours: (movieId) => neighbours.get(movieId) ?? [],
        popularity: await priorFor(user.favourite_genres.map(genreSlug)),
        exclude,
        eligible: (movieId) => movies.has(movieId),
        limit: options.limit,
      })
      let lines = ''
      ranked.forEach((r, i) => {
        const ids = movies.get(r.movieId)?.external_ids ?? null
        lines += `${csvField(user.username as string)},${r.movieId},${csvField(ids === null ? '' : JSON.stringify(ids))},${i + 1},${r.score.toFixed(6)}\n`
      })
      if (lines !== '') yield lines
      options.onUser?.(done)
    }
    after = page.at(-1)?.id ?? null
  }
  await relations.return?.(undefined)
}
