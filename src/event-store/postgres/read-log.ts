/**
 * Reading the global log: windows in (transaction_id, global_position) order, only from
 * transactions no longer running (VISIBLE_END), so a reader never skips an event whose transaction commits late
 * (see the event-store migration). readAll and subscriptions read through readLogPage.
 */
import {
  decodePosition,
  encodePosition,
  type LogFilter,
  type Position,
  type ReadAllOptions,
  START,
  type StoredEvent,
} from '../contract.ts'
import { type Queryable, query, queryArrays } from './events-table.ts'

export const DEFAULT_BATCH = 1_000

/**
 * The log's visible end as a SQL expression: every event whose transaction id is below it has been
 * committed (or rolled back) in the statement's snapshot, so a reader that stops there never skips
 * an event that commits late. It is the oldest transaction still running in the snapshot (its xip
 * list) that could write this database's events, else the snapshot's xmax. A running transaction
 * of ANOTHER database (pg_stat_get_activity still shows it there) can never insert into this
 * table, so it does not count: pg_snapshot_xmin alone, used before, is the oldest transaction of the
 * whole server, and a long write anywhere on it held every reader back. Any doubt counts as a
 * writer: a transaction that ended since the snapshot (not in the activity list any more), a
 * backend whose database or transaction is hidden (NULL), a subtransaction id. An inner subquery
 * runs only when transactions are running at all (PGlite has one backend: never).
 */
export const VISIBLE_END = `coalesce(
    (SELECT min(running) FROM pg_snapshot_xip(pg_current_snapshot()) AS running
     WHERE NOT EXISTS (
       SELECT 1 FROM pg_stat_get_activity(NULL) AS a
       WHERE a.backend_xid = running::xid
         AND a.datid <> (SELECT oid FROM pg_database WHERE datname = current_database()))),
    pg_snapshot_xmax(pg_current_snapshot()))`

export type LogPage = {
  /** The matching events of the window. */
  events: StoredEvent[]
  /** Rows scanned: fewer than asked means the visible end of the log was reached. */
  scanned: number
  /** Position of the last row scanned (matching or not); `after` when nothing was scanned. */
  scannedTo: Position
}

/** LIKE pattern matching names that start with `prefix`, wildcards escaped. */
function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** A boolean SQL expression for the filter over alias `e`, its values pushed to `params`. */
function filterSql(filter: LogFilter, params: unknown[]): string {
  const conditions = ['true']
  if (filter.types && filter.types.length > 0) {
    params.push(filter.types)
    conditions.push(`e.type = ANY($${params.length}::text[])`)
  }
  if (filter.streamPrefix) {
    params.push(prefixPattern(filter.streamPrefix))
    conditions.push(`e.stream_id LIKE $${params.length}`)
  }
  return `(${conditions.join(' AND ')})`
}

/**
 * One window of the global log after `after`: up to `limit` rows in position order, of which the
 * filter's matches carry their payload. Filtering inside the window (not in the scan) keeps the
 * plan a primary-key range scan whatever the filter's selectivity, and tells the caller how far it
 * has scanned even when nothing matched.
 */
export async function readLogPage(
  db: Queryable,
  after: Position,
  limit: number,
  filter: LogFilter,
): Promise<LogPage> {
  const { high, low } = decodePosition(after)
  const params: unknown[] = [high.toString(), low.toString(), limit]
  const match = filterSql(filter, params)
  // Rows as arrays (no object per row for pg to build), the position token encoded by PostgreSQL
  // (no two BigInts and hex strings per row here) and the time as epoch milliseconds, floored: the
  // same Date as pg's text parser (which drops the microseconds) without its regular expression.
  // A rebuild reads millions of rows, and its process is the one thread of the pipeline: 5.1-5.5 ->
  // 3.6-3.7 µs of its CPU per event read (docs/benchmarks.md, session 12).
  const { rows } = await queryArrays<PageRow>(
    db,
    `SELECT lpad(to_hex(e.transaction_id::text::bigint), 16, '0') || lpad(to_hex(e.global_position), 16, '0') AS position,
            ${match} AS matched,
            CASE WHEN ${match} THEN e.id END AS id, e.stream_id, e.revision::text AS rev, e.type,
            CASE WHEN ${match} THEN e.data END AS data, CASE WHEN ${match} THEN e.metadata END AS metadata,
            floor(extract(epoch FROM e.created_at) * 1000)::float8 AS created_ms
     FROM events e
     WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
       AND e.transaction_id < ${VISIBLE_END}
     ORDER BY e.transaction_id, e.global_position
     LIMIT $3`,
    params,
  )
  const events: StoredEvent[] = []
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as PageRow
    if (!row[1]) continue
    events.push({
      id: row[2],
      type: row[5],
      stream: row[3],
      revision: BigInt(row[4]),
      position: row[0],
      data: row[6],
      metadata: row[7] ?? {},
      createdAt: new Date(row[8]),
    })
  }
  const last = rows.at(-1)
  return { events, scanned: rows.length, scannedTo: last ? last[0] : after }
}

/** A row of readLogPage: position, matched, id, stream_id, rev, type, data, metadata, created_at. */
type PageRow = [
  Position,
  boolean,
  string,
  string,
  string,
  string,
  unknown,
  StoredEvent['metadata'] | null,
  number,
]

/** The log after `options.after`, window by window; memory stays bounded by the window. */
export async function* readAll(db: Queryable, options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
  let after = options.after ?? START
  let remaining = options.limit ?? Number.POSITIVE_INFINITY
  const batchSize = options.batchSize ?? DEFAULT_BATCH
  // A filtered read scans wider windows: fewer round trips when few rows match.
  const window = options.types?.length || options.streamPrefix ? batchSize * 4 : batchSize
  while (remaining > 0) {
    const page = await readLogPage(db, after, window, options)
    for (const event of page.events) {
      if (remaining <= 0) return
      yield event
      remaining -= 1
    }
    if (page.scanned < window) return
    after = page.scannedTo
  }
}

/** Position of the last event visible to readers (below VISIBLE_END), START when none. */
export async function headPosition(db: Queryable): Promise<Position> {
  const { rows } = await query<{ tx: string; pos: string }>(
    db,
    `SELECT transaction_id::text AS tx, global_position::text AS pos FROM events
     WHERE transaction_id < ${VISIBLE_END}
     ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    [],
  )
  const row = rows[0]
  return row ? encodePosition(BigInt(row.tx), BigInt(row.pos)) : START
}
