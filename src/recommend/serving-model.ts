/**
 * The serving model's item-item data held in memory, one copy per process: what
 * /me/recommendations and /movies/:id/similar read instead of querying the neighbour table per
 * request (up to 250 history movies x 200 neighbours = 50,000 rows a request, most of a cache
 * miss's time).
 *
 * Refresh: every request already reads which model is active (`activeModel`, one indexed row). When
 * that id is not the one held, the new model's table is loaded (one load at a time) and the
 * requests that need it wait for it (a second or two, once per model and process: reading their
 * neighbours from PostgreSQL instead holds the event loop longer); once loaded, it replaces the old
 * copy. A model that is not loaded (too big, or its table gone) is read from PostgreSQL per request
 * as before. So a model activated by any process (the retrain reactor, `npm run recommender --
 * train`) is picked up by every API process on its next request.
 *
 * The load runs on a worker thread with its own connection (serving-model-worker.ts, given
 * `databaseUrl`): decoding hundreds of thousands of rows on the event loop held it for tens of
 * milliseconds at a time, mostly collecting their garbage; the worker hands over typed arrays and
 * the movie ids, and the loop only builds the index of source movies. Without a URL (embedded mode:
 * PGlite lives in this process) it reads keyset pages on the event loop, yielding between them.
 *
 * Memory is bounded: a model with more than `maxEntries` neighbour rows is not loaded (it is served
 * from PostgreSQL, and said once in the log). An entry costs 12 bytes (Int32 target, Float64 score:
 * the number PostgreSQL answers, so both paths rank alike) plus the movie ids (one string per
 * movie): 200 neighbours x 10,000 movies is ~24 MB. Rankings read it indexed by movie
 * (rank.ts: indexNeighbours), with 44 bytes per movie of arrays they sum in (reused by every ranking:
 * a ranking allocates next to nothing). During a load the old copy and the new one coexist.
 */
import { setImmediate } from 'node:timers/promises'
import { Worker } from 'node:worker_threads'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { Neighbour } from './item-neighbours.ts'
import { neighboursOf } from './model-store.ts'
import { createTableBuilder, type HeldNeighbours, neighbourTable } from './neighbour-table.ts'
import { type IndexedNeighbours, indexNeighbours, type NeighbourWalk, walkLists } from './rank.ts'
import type { LoadMessage, LoadRequest } from './serving-model-worker.ts'

const WORKER = new URL('./serving-model-worker.ts', import.meta.url)

/** Neighbour rows held at most (12 bytes each): 8M is 96 MB. */
export const DEFAULT_MAX_ENTRIES = 8_000_000
const PAGE_ROWS = 2_000

type Loaded = {
  modelId: number
  /** The table indexed by movie, as rankRecommendations reads it. */
  indexed: IndexedNeighbours
}

/** Where a ranking reads the neighbours from (rankRecommendations' input). */
export type RankingNeighbours = { indexedNeighbours: IndexedNeighbours } | { walkNeighbours: NeighbourWalk }

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
  /**
   * The same neighbours as neighboursOf, for rankRecommendations: the held model's typed arrays
   * indexed by movie when it is held (no object per neighbour, nothing hashed per neighbour), else a
   * walk over what PostgreSQL answered for `movieIds`.
   */
  rankingNeighbours(modelId: number, movieIds: readonly string[]): Promise<RankingNeighbours>
  /** The id of the model held in memory (0: none); for tests and the status. */
  heldModelId(): number
  /** Resolves when no load is running (tests, benchmarks). */
  idle(): Promise<void>
  /** Stops a running load (a worker at once, a paged load at its next page) and loads nothing more. */
  close(): Promise<void>
}

export type ServingModelOptions = {
  maxEntries?: number
  log?: ServingModelLog
  /** Where a worker thread reads the tables from; null or absent: on the event loop, through `db`. */
  databaseUrl?: string | null
  /** The worker's connection's application_name (the process's connection budget counts it). */
  applicationName?: string
}

export function createServingModel(db: Kysely<Database>, options: ServingModelOptions = {}): ServingModel {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES
  let current: Loaded | null = null
  let loading: Promise<void> | null = null
  // Models not to load again: too big, or their table vanished (retired while loading).
  const refused = new Set<number>()
  let closed = false

  function startLoad(modelId: number): void {
    if (closed || loading !== null || refused.has(modelId) || modelId === 0) return
    loading = load(modelId)
      .then((loaded) => {
        if (loaded) current = loaded
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

  const tooBig = (modelId: number, rows: number) => {
    refused.add(modelId)
    options.log?.warn(
      { modelId, rows, maxEntries },
      'serving model larger than the memory bound; served from PostgreSQL',
    )
  }

  function held(modelId: number, table: HeldNeighbours, ms: number): Loaded {
    const indexed = indexNeighbours(table)
    const rows = table.targets.length
    options.log?.info(
      { modelId, rows, movies: table.ids.length, bytes: rows * 12, ms: Math.round(ms) },
      'serving model loaded into memory',
    )
    return { modelId, indexed }
  }

  function load(modelId: number): Promise<Loaded | null> {
    return options.databaseUrl ? loadOffThread(modelId, options.databaseUrl) : loadInPages(modelId)
  }

  let worker: Worker | null = null
  function loadOffThread(modelId: number, databaseUrl: string): Promise<Loaded | null> {
    const request: LoadRequest = {
      databaseUrl,
      applicationName: options.applicationName ?? 'nexus/serving-model',
      modelId,
      maxEntries,
    }
    const began = performance.now()
    const thread = new Worker(WORKER, { workerData: request })
    worker = thread
    return new Promise<Loaded | null>((resolve, reject) => {
      thread.on('message', (message: LoadMessage) => {
        if (message.type === 'too-big') {
          tooBig(modelId, message.rows)
          resolve(null)
        } else resolve(held(modelId, message.table, performance.now() - began))
      })
      thread.on('error', reject)
      // After the message (resolved already) or when terminated by close() (nothing to hold).
      thread.on('exit', (code) =>
        closed ? resolve(null) : reject(new Error(`serving model worker exited with code ${code}`)),
      )
    }).finally(() => {
      worker = null
    })
  }

  async function loadInPages(modelId: number): Promise<Loaded | null> {
    const table = sql.table(neighbourTable(modelId))
    const started = performance.now()
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${table}`.execute(db)
    const count = Number(rows[0]?.n ?? 0)
    if (count > maxEntries) {
      tooBig(modelId, count)
      return null
    }
    const builder = createTableBuilder(count)
    let after: { movieId: string; rank: number } | null = null
    while (builder.filled < count) {
      if (closed) return null
      // Keyset pages over the primary key (movie_id, rank): bounded memory per page, and the event
      // loop serves requests between pages.
      const page: { movie_id: string; rank: number; neighbor_id: string; score: number }[] = (
        await sql<{ movie_id: string; rank: number; neighbor_id: string; score: number }>`
          SELECT movie_id, rank, neighbor_id, score FROM ${table}
          ${after === null ? sql`` : sql`WHERE (movie_id, rank) > (${after.movieId}::uuid, ${after.rank})`}
          ORDER BY movie_id, rank LIMIT ${Math.min(PAGE_ROWS, count - builder.filled)}`.execute(db)
      ).rows
      if (page.length === 0) break
      for (const row of page) builder.add(row.movie_id, row.neighbor_id, row.score)
      const last = page[page.length - 1] as { movie_id: string; rank: number }
      after = { movieId: last.movie_id, rank: last.rank }
      // Requests first: a page's rows are a few milliseconds of work, then the loop turns.
      await setImmediate()
    }
    return held(modelId, builder.build(), performance.now() - started)
  }

  /**
   * The model held once `modelId` is loaded (one load for all the requests that ask meanwhile: reading
   * thousands of rows per request holds the event loop longer than the load); null when it is not
   * loaded (over the bound, its table gone, or closing): PostgreSQL answers then.
   */
  async function heldModel(modelId: number): Promise<Loaded | null> {
    while (current?.modelId !== modelId) {
      if (closed || refused.has(modelId) || modelId === 0) return null
      if (loading === null) startLoad(modelId)
      await loading
    }
    return current
  }

  return {
    async neighboursOf(modelId, movieIds, perMovie) {
      const model = await heldModel(modelId)
      if (model === null) return neighboursOf(db, movieIds, perMovie)
      const { ids, indexOf, sourceOf, offsets, targets, scores } = model.indexed
      const found = new Map<string, Neighbour[]>()
      for (const movieId of movieIds) {
        const m = indexOf.get(movieId)
        const s = m === undefined ? -1 : (sourceOf[m] as number)
        if (s < 0) continue
        const start = offsets[s] as number
        const stop = offsets[s + 1] as number
        const end = perMovie === undefined ? stop : Math.min(stop, start + perMovie)
        const list: Neighbour[] = []
        for (let k = start; k < end; k++)
          list.push({ movieId: ids[targets[k] as number] as string, score: scores[k] as number })
        found.set(movieId, list)
      }
      return found
    },
    async rankingNeighbours(modelId, movieIds) {
      const model = await heldModel(modelId)
      if (model !== null) return { indexedNeighbours: model.indexed }
      const found = await neighboursOf(db, movieIds)
      return { walkNeighbours: walkLists((movieId) => found.get(movieId) ?? []) }
    },
    heldModelId: () => current?.modelId ?? 0,
    idle: async () => {
      while (loading !== null) await loading
    },
    close: async () => {
      closed = true
      // A worker stops at once (its connection goes with it); a paged load at its next page.
      await worker?.terminate()
      while (loading !== null) await loading
    },
  }
}
