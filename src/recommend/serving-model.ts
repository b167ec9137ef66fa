/**
 * The serving model's item-item data held in memory, one copy per process: what
 * /me/recommendations and /movies/:id/similar read instead of querying the neighbour table per
 * request (up to 250 history movies x 200 neighbours = 50,000 rows a request, most of a cache
 * miss's time).
 *
 * Refresh: every request already reads which model is active (`activeModel`, one indexed row). When
 * that id is not the one held, the new model's table is loaded (one load at a time, in pages: the
 * event loop keeps serving) and the requests that need it wait for it (a second or two, once per
 * model and process: reading their neighbours from PostgreSQL instead holds the event loop longer);
 * once loaded, it replaces the old copy. A model that is not loaded (too big, or its table gone) is
 * read from PostgreSQL per request as before. So a model activated by any process (the retrain
 * reactor, `npm run recommender -- train`) is picked up by every API process on its next request.
 *
 * Memory is bounded: a model with more than `maxEntries` neighbour rows is not loaded (it is served
 * from PostgreSQL, and said once in the log). An entry costs 12 bytes (Int32 target, Float64 score:
 * the number PostgreSQL answers, so both paths rank alike) plus the movie ids (one string per
 * movie): 200 neighbours x 10,000 movies is ~24 MB. During a
 * load the old copy and the new one coexist.
 */
import { setImmediate } from 'node:timers/promises'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { Neighbour } from './item-neighbours.ts'
import { neighboursOf } from './model-store.ts'

/** Neighbour rows held at most (12 bytes each): 8M is 96 MB. */
export const DEFAULT_MAX_ENTRIES = 8_000_000
const PAGE_ROWS = 2_000

type Loaded = {
  modelId: number
  /** Every movie id met, as source or target; `targets` index into it. */
  ids: string[]
  /** Source movie id -> [start, end) in targets/scores, best first. */
  ranges: Map<string, [number, number]>
  targets: Int32Array
  scores: Float64Array
}

export type ServingModelLog = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void }

export type ServingModel = {
  /**
   * The neighbours of the given movies under model `modelId` (the active one, as the caller just
   * read it), best first, at most `perMovie` each: from memory, the model loaded first when it is
   * not held yet; from PostgreSQL when it is not loaded (over the bound).
   */
  neighboursOf(
    modelId: number,
    movieIds: readonly string[],
    perMovie?: number,
  ): Promise<Map<string, Neighbour[]>>
  /** The id of the model held in memory (0: none); for tests and the status. */
  heldModelId(): number
  /** Resolves when no load is running (tests, benchmarks). */
  idle(): Promise<void>
  /** Stops a running load at its next page and loads nothing more (before the pool closes). */
  close(): Promise<void>
}

export function createServingModel(
  db: Kysely<Database>,
  options: { maxEntries?: number; log?: ServingModelLog } = {},
): ServingModel {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES
  let held: Loaded | null = null
  let loading: Promise<void> | null = null
  // Models not to load again: too big, or their table vanished (retired while loading).
  const refused = new Set<number>()
  let closed = false

  function startLoad(modelId: number): void {
    if (closed || loading !== null || refused.has(modelId) || modelId === 0) return
    loading = load(modelId)
      .then((loaded) => {
        if (loaded) held = loaded
      })
      .catch((error: unknown) => {
        if (closed) return
        refused.add(modelId)
        options.log?.warn(
          { err: error, modelId },
          'serving model not loaded into memory; served from PostgreSQL',
        )
      })
      .finally(() => {
        loading = null
      })
  }

  async function load(modelId: number): Promise<Loaded | null> {
    const table = sql.table(`recommender.item_neighbors_m${modelId}`)
    const started = performance.now()
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${table}`.execute(db)
    const count = Number(rows[0]?.n ?? 0)
    if (count > maxEntries) {
      refused.add(modelId)
      options.log?.warn(
        { modelId, rows: count, maxEntries },
        'serving model larger than the memory bound; served from PostgreSQL',
      )
      return null
    }
    const ids: string[] = []
    const index = new Map<string, number>()
    const intern = (id: string) => {
      let at = index.get(id)
      if (at === undefined) {
        at = ids.length
        ids.push(id)
        index.set(id, at)
      }
      return at
    }
    const ranges = new Map<string, [number, number]>()
    // Rows added since the count (none: a model's table is complete before it activates) are ignored.
    const targets = new Int32Array(count)
    const scores = new Float64Array(count)
    let filled = 0
    let after: { movieId: string; rank: number } | null = null
    while (filled < count) {
      if (closed) return null
      // Keyset pages over the primary key (movie_id, rank): bounded memory per page, and the event
      // loop serves requests between pages.
      const page: { movie_id: string; rank: number; neighbor_id: string; score: number }[] = (
        await sql<{ movie_id: string; rank: number; neighbor_id: string; score: number }>`
          SELECT movie_id, rank, neighbor_id, score FROM ${table}
          ${after === null ? sql`` : sql`WHERE (movie_id, rank) > (${after.movieId}::uuid, ${after.rank})`}
          ORDER BY movie_id, rank LIMIT ${Math.min(PAGE_ROWS, count - filled)}`.execute(db)
      ).rows
      if (page.length === 0) break
      for (const row of page) {
        const range = ranges.get(row.movie_id)
        if (range) range[1] = filled + 1
        else {
          intern(row.movie_id)
          ranges.set(row.movie_id, [filled, filled + 1])
        }
        targets[filled] = intern(row.neighbor_id)
        scores[filled] = row.score
        filled++
      }
      const last = page[page.length - 1] as { movie_id: string; rank: number }
      after = { movieId: last.movie_id, rank: last.rank }
      // Requests first: a page's rows are a few milliseconds of work, then the loop turns.
      await setImmediate()
    }
    options.log?.info(
      {
        modelId,
        rows: filled,
        movies: ids.length,
        bytes: filled * 12,
        ms: Math.round(performance.now() - started),
      },
      'serving model loaded into memory',
    )
    return { modelId, ids, ranges, targets, scores }
  }

  return {
    async neighboursOf(modelId, movieIds, perMovie) {
      // A model not held yet: wait for its load (one for all the requests that ask meanwhile) rather
      // than read thousands of rows per request, which holds the event loop longer than the load.
      while (held?.modelId !== modelId) {
        if (closed || refused.has(modelId) || modelId === 0) return neighboursOf(db, movieIds, perMovie)
        if (loading === null) startLoad(modelId)
        await loading
      }
      const model = held as Loaded
      const found = new Map<string, Neighbour[]>()
      for (const movieId of movieIds) {
        const range = model.ranges.get(movieId)
        if (!range) continue
        const end = perMovie === undefined ? range[1] : Math.min(range[1], range[0] + perMovie)
        const list: Neighbour[] = []
        for (let k = range[0]; k < end; k++)
          list.push({
            movieId: model.ids[model.targets[k] as number] as string,
            score: model.scores[k] as number,
          })
        found.set(movieId, list)
      }
      return found
    },
    heldModelId: () => held?.modelId ?? 0,
    idle: async () => {
      while (loading !== null) await loading
    },
    close: async () => {
      closed = true
      while (loading !== null) await loading
    },
  }
}
