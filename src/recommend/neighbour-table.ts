/**
 * A model's neighbour table (`recommender.item_neighbors_m<id>`) as the serving model holds it:
 * typed arrays and one string per movie, no object per row. Read on a worker thread
 * (serving-model-worker.ts: COPY, then the arrays transferred to the event loop's thread, not
 * copied), or page by page on the event loop where no worker can reach the database (embedded
 * mode); both fill it through createTableBuilder, so both hold the same thing.
 */
import type pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'

export type HeldNeighbours = {
  /** Every movie id met, as source or target; `sources` and `targets` index into it. */
  ids: string[]
  /** Source s is the movie ids[sources[s]]; its neighbours span offsets[s] .. offsets[s + 1], best first. */
  sources: Int32Array
  offsets: Int32Array
  targets: Int32Array
  /** The number PostgreSQL answers for the `real` score (a double), so memory and SQL rank alike. */
  scores: Float64Array
}

/** The buffers a HeldNeighbours moves between threads with. */
export const transferables = (table: HeldNeighbours): ArrayBuffer[] =>
  [table.sources.buffer, table.offsets.buffer, table.targets.buffer, table.scores.buffer] as ArrayBuffer[]

export const neighbourTable = (modelId: number) => {
  if (!Number.isSafeInteger(modelId) || modelId <= 0) throw new Error(`no model ${modelId}`)
  return `recommender.item_neighbors_m${modelId}`
}

/**
 * Rows in (movie_id, rank) order; `rows` is the table's count (rows beyond it are ignored: a model's
 * table is complete before it activates).
 */
export function createTableBuilder(rows: number) {
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
  const sources: number[] = []
  const starts: number[] = []
  const targets = new Int32Array(rows)
  const scores = new Float64Array(rows)
  let filled = 0
  let source: string | null = null
  return {
    get filled() {
      return filled
    },
    add(movieId: string, neighbourId: string, score: number): void {
      if (filled === rows) return
      if (movieId !== source) {
        source = movieId
        sources.push(intern(movieId))
        starts.push(filled)
      }
      targets[filled] = intern(neighbourId)
      scores[filled] = score
      filled++
    },
    build(): HeldNeighbours {
      const offsets = new Int32Array(starts.length + 1)
      offsets.set(starts)
      offsets[starts.length] = filled
      return {
        ids,
        sources: Int32Array.from(sources),
        offsets,
        targets: filled === rows ? targets : targets.slice(0, filled),
        scores: filled === rows ? scores : scores.slice(0, filled),
      }
    },
  }
}

/** The table's row count: the memory bound is checked on it before anything is read. */
export async function countNeighbours(
  client: Pick<pg.ClientBase, 'query'>,
  modelId: number,
): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${neighbourTable(modelId)}`)
  return Number(rows[0]?.n ?? 0)
}

/**
 * The whole table through one COPY ... TO STDOUT (text format: tab-separated, one row a line; uuids
 * and numbers need no unescaping), parsed chunk by chunk. For a worker thread: the strings it
 * makes and drops are that thread's garbage.
 */
export async function copyNeighbourTable(
  client: pg.ClientBase,
  modelId: number,
  rows: number,
): Promise<HeldNeighbours> {
  const builder = createTableBuilder(rows)
  const stream = client.query(
    copyTo(
      `COPY (SELECT movie_id, neighbor_id, score FROM ${neighbourTable(modelId)} ORDER BY movie_id, rank) TO STDOUT`,
    ),
  )
  let rest = ''
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = rest + chunk.toString('latin1')
    let start = 0
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const first = text.indexOf('\t', start)
      const second = text.indexOf('\t', first + 1)
      // parseFloat, as node-postgres parses a `real`: the same double as the paged read.
      builder.add(
        text.slice(start, first),
        text.slice(first + 1, second),
        Number.parseFloat(text.slice(second + 1, end)),
      )
      start = end + 1
    }
    rest = text.slice(start)
  }
  return builder.build()
}
