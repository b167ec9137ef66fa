/**
 * The trained model in PostgreSQL. Each training writes its own table
 * `recommender.item_neighbors_m<id>` (COPY, then the primary key and ANALYZE), and one transaction
 * retires the serving model, activates the new one and re-points the `recommendation_neighbors`
 * view: queries see the old model or the new one, never half of either. The old table is dropped
 * after. An interrupted training leaves a `building` row whose table discardModel removes.
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setImmediate } from 'node:timers/promises'
import { type Kysely, sql } from 'kysely'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { Database } from '../db/schema.ts'
import type { ItemNeighbours, Neighbour } from './item-neighbours.ts'

const tableOf = (id: number) => `item_neighbors_m${id}`

export type ModelInfo = {
  id: number
  model: string
  trainedAt: Date | null
}

/** The serving model (id 0, `none`, before any training). */
export async function activeModel(db: Kysely<Database>): Promise<ModelInfo | null> {
  const row = await db
    .selectFrom('recommender_models')
    .select(['id', 'model', 'trained_at'])
    .where('state', '=', 'active')
    .executeTakeFirst()
  return row ? { id: row.id, model: row.model, trainedAt: row.trained_at } : null
}

/**
 * Interaction events counted since the serving model's training read the read models (see
 * interactionEventCount), and when it was trained: what the retrain reactor decides on. Derived
 * from stored numbers only, so it survives restarts and is the same in every process.
 */
export async function interactionsSinceActiveModel(
  db: Kysely<Database>,
): Promise<{ modelId: number; since: number; trainedAt: Date | null }> {
  const { rows } = await sql<{ id: number; since: string; trained_at: Date | null }>`
    SELECT m.id, (SELECT coalesce(sum(events), 0) FROM user_activity) - m.feedback_events AS since,
           m.trained_at
    FROM recommender_models m WHERE m.state = 'active'`.execute(db)
  const row = rows[0]
  return row
    ? { modelId: row.id, since: Number(row.since), trainedAt: row.trained_at }
    : { modelId: 0, since: 0, trainedAt: null }
}

/** Registers a model being built and creates its empty table; answers its id. */
export async function beginModel(db: Kysely<Database>, model: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // Serialises id allocation between concurrent trainings (released at commit).
    await sql`SELECT pg_advisory_xact_lock(hashtext('nexus-recommender-models'))`.execute(trx)
    const { max } = await trx
      .selectFrom('recommender_models')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow()
    const id = (max ?? 0) + 1
    await trx.insertInto('recommender_models').values({ id, model, state: 'building' }).execute()
    await sql`CREATE TABLE ${sql.table(`recommender.${tableOf(id)}`)} (
      movie_id uuid NOT NULL, rank smallint NOT NULL, neighbor_id uuid NOT NULL, score real NOT NULL)`.execute(
      trx,
    )
    return id
  })
}

/**
 * The model's neighbour rows as COPY text (`movie_id rank neighbor_id score`, tab-separated) in
 * 64 KB chunks. Every movie id's bytes once; each row is copied into the chunk, with only its rank
 * and score made into strings: a string per row concatenated into chunks left megabytes of garbage
 * that outlived the young generation, and the event loop later paid for collecting it. Async, and
 * back to the event loop after each chunk: the socket takes chunks as fast as they come, so a
 * synchronous generator would build the whole table without letting timers run. `onRows` hears
 * the rows encoded so far after each chunk; `signal` stops it between two chunks.
 */
export async function* neighbourRows(
  model: ItemNeighbours,
  options: { onRows?: (rows: number) => void; signal?: AbortSignal } = {},
): AsyncGenerator<Buffer> {
  const { onRows, signal } = options
  const names = model.itemIds.map((itemId) => Buffer.from(itemId, 'latin1'))
  const longest = names.reduce((most, name) => Math.max(most, name.length), 0)
  const CHUNK = 64 * 1024
  let written = 0
  let chunk = Buffer.allocUnsafe(CHUNK)
  let at = 0
  for (let i = 0; i < model.itemIds.length; i++) {
    const source = names[i] as Buffer
    const first = model.offsets[i] as number
    for (let k = first; k < (model.offsets[i + 1] as number); k++) {
      // Two ids, a rank, a score (at most 24 characters as JavaScript writes a number), 4 separators.
      if (at + 2 * longest + 40 > CHUNK) {
        yield chunk.subarray(0, at)
        chunk = Buffer.allocUnsafe(CHUNK)
        at = 0
        onRows?.(written)
        await setImmediate()
        signal?.throwIfAborted()
      }
      at += source.copy(chunk, at)
      chunk[at++] = 9
      at += chunk.write(String(k - first + 1), at, 'latin1')
      chunk[at++] = 9
      at += (names[model.targets[k] as number] as Buffer).copy(chunk, at)
      chunk[at++] = 9
      at += chunk.write(String(model.scores[k]), at, 'latin1')
      chunk[at++] = 10
      written++
    }
  }
  if (at > 0) yield chunk.subarray(0, at)
  onRows?.(written)
}

/**
 * COPYs the neighbour rows (neighbourRows) into model `id`'s table over `client`; answers the rows
 * PostgreSQL counted. Shared by both writers: writeNeighbours on this thread, and the neighbour writer's
 * worker thread over its own connection (neighbour-writer-worker.ts).
 */
export async function copyNeighbours(
  client: pg.ClientBase,
  id: number,
  model: ItemNeighbours,
  options: { onRows?: (rows: number) => void; signal?: AbortSignal } = {},
): Promise<number> {
  const copy = client.query(
    copyFrom(`COPY recommender.${tableOf(id)} (movie_id, rank, neighbor_id, score) FROM STDIN`),
  )
  await pipeline(Readable.from(neighbourRows(model, options)), copy)
  // The server's count (COPY's command tag), not ours.
  return copy.rowCount
}

/**
 * Streams the neighbour rows into the model's table with COPY over a client of `pool`, on this
 * thread; answers the rows written. Embedded mode's way (PGlite lives in this process); on a server
 * trainRecommender writes from a worker thread instead (writeNeighboursOffThread), so the event
 * loop's heap never holds the rows' text.
 */
export async function writeNeighbours(
  pool: pg.Pool,
  id: number,
  model: ItemNeighbours,
  onRows?: (rows: number) => void,
  signal?: AbortSignal,
): Promise<number> {
  const client = await pool.connect()
  try {
    return await copyNeighbours(client, id, model, { onRows, signal })
  } finally {
    client.release()
  }
}

/**
 * Indexes the new table, then in one transaction makes it the serving model; drops the tables of
 * models it retired.
 */
export async function activateModel(
  db: Kysely<Database>,
  id: number,
  stats: {
    users: number
    items: number
    interactions: number
    durationMs: number
    jobId: string | null
    trainedAt: Date
    /** interactionEventCount when the training read the read models. */
    feedbackEvents: number
    /** The selection report, shown by status and the admin API. */
    report?: unknown
  },
): Promise<void> {
  const table = sql.table(`recommender.${tableOf(id)}`)
  await sql`ALTER TABLE ${table} ADD PRIMARY KEY (movie_id, rank)`.execute(db)
  await sql`ANALYZE ${table}`.execute(db)
  const retired = await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('nexus-recommender-models'))`.execute(trx)
    const old = await trx
      .updateTable('recommender_models')
      .set({ state: 'retired' })
      .where('state', '=', 'active')
      .returning('id')
      .execute()
    await trx
      .updateTable('recommender_models')
      .set({
        state: 'active',
        users: stats.users,
        items: stats.items,
        interactions: stats.interactions,
        duration_ms: Math.round(stats.durationMs),
        job_id: stats.jobId,
        trained_at: stats.trainedAt,
        feedback_events: stats.feedbackEvents,
        report: stats.report === undefined ? null : JSON.stringify(stats.report),
      })
      .where('id', '=', id)
      .execute()
    await sql`CREATE OR REPLACE VIEW recommendation_neighbors AS
      SELECT movie_id, rank, neighbor_id, score FROM ${table}`.execute(trx)
    return old.map((row) => row.id)
  })
  for (const old of retired)
    await sql`DROP TABLE IF EXISTS ${sql.table(`recommender.${tableOf(old)}`)}`.execute(db)
}

/** Removes a model that never became active (an interrupted or failed training). */
export async function discardModel(db: Kysely<Database>, id: number): Promise<void> {
  await sql`DROP TABLE IF EXISTS ${sql.table(`recommender.${tableOf(id)}`)}`.execute(db)
  await db.deleteFrom('recommender_models').where('id', '=', id).where('state', '=', 'building').execute()
}

/** The serving model's neighbours of the given movies, best first per movie. */
export async function neighboursOf(
  db: Kysely<Database>,
  movieIds: readonly string[],
  perMovie?: number,
): Promise<Map<string, Neighbour[]>> {
  const found = new Map<string, Neighbour[]>()
  if (movieIds.length === 0) return found
  const rows = await db
    .selectFrom('recommendation_neighbors')
    .select(['movie_id', 'neighbor_id', 'score'])
    .where('movie_id', 'in', movieIds)
    .$if(perMovie !== undefined, (q) => q.where('rank', '<=', perMovie as number))
    .orderBy('movie_id')
    .orderBy('rank')
    .execute()
  for (const row of rows) {
    let list = found.get(row.movie_id)
    if (!list) {
      list = []
      found.set(row.movie_id, list)
    }
    list.push({ movieId: row.neighbor_id, score: row.score })
  }
  return found
}
