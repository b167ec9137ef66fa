/**
 * The events table as every operation of the PostgreSQL store reads and writes it: the row shape,
 * the row -> StoredEvent mapping, the advisory lock classes of the write path, and how a lost
 * connection becomes EventStoreUnavailableError. The table, its indexes and the append functions
 * are created by src/db/migrations/*-event-store.ts, *-append-guard.ts and *-append-group.ts.
 */
import type pg from 'pg'
import { isConnectionError } from '../../db/connection-errors.ts'
import {
  EventStoreUnavailableError,
  type ExpectedRevision,
  encodePosition,
  type StoredEvent,
} from '../contract.ts'

/**
 * Advisory lock classes of the append-guard migration: one lock per stream (two-int key
 * (STREAM_LOCK, hashtext(stream))) and one for bulk writes. Raw SQL takes them: kysely has no form.
 */
export const STREAM_LOCK = 1314391297
export const BULK_LOCK = 1314391298

/** Where appends wake subscribers (NOTIFY after commit) and subscriptions listen. */
export const EVENTS_CHANNEL = 'nexus_events'

/** What runs a query: the pool, or one client inside a transaction (appendMany). */
export type Queryable = pg.Pool | pg.PoolClient

export type EventRow = {
  tx: string
  pos: string
  id: string
  stream_id: string
  rev: string
  type: string
  data: unknown
  metadata: StoredEvent['metadata'] | null
  created_at: Date
}

// Output names differ from the columns (tx, pos, rev) so ORDER BY never sorts the text aliases.
export const EVENT_COLUMNS =
  'e.transaction_id::text AS tx, e.global_position::text AS pos, e.id, e.stream_id, e.revision::text AS rev, e.type, e.data, e.metadata, e.created_at'

export function toStored(row: EventRow): StoredEvent {
  return {
    id: row.id,
    type: row.type,
    stream: row.stream_id,
    revision: BigInt(row.rev),
    position: encodePosition(BigInt(row.tx), BigInt(row.pos)),
    data: row.data,
    metadata: row.metadata ?? {},
    createdAt: row.created_at,
  }
}

/** An expected revision as the append functions take it: 'no_stream' | 'any' | 'stream_exists' | '<n>'. */
export function expectedText(expected: ExpectedRevision): string {
  if (typeof expected === 'bigint') {
    if (expected < 0n) throw new RangeError(`expected revision must be >= 0, got ${expected}`)
    return expected.toString()
  }
  return expected
}

/** Rethrows a lost or refused connection as EventStoreUnavailableError, anything else as it is. */
export function unavailable(error: unknown): never {
  if (isConnectionError(error)) {
    throw new EventStoreUnavailableError(`PostgreSQL event store unavailable: ${(error as Error).message}`, {
      cause: error,
    })
  }
  throw error
}

/** A query whose connection errors surface as EventStoreUnavailableError. */
export async function query<Row extends pg.QueryResultRow>(
  db: Queryable,
  text: string,
  params: unknown[],
): Promise<pg.QueryResult<Row>> {
  try {
    return await db.query<Row>(text, params)
  } catch (error) {
    unavailable(error)
  }
}

/** query() with each row as an array of its columns, in the order selected. */
export async function queryArrays<Row extends unknown[]>(
  db: Queryable,
  text: string,
  values: unknown[],
): Promise<{ rows: Row[] }> {
  try {
    return await db.query<Row>({ text, values, rowMode: 'array' })
  } catch (error) {
    unavailable(error)
  }
}

/** Revision of the stream's last event, or null when it does not exist. */
export async function streamRevision(db: Queryable, stream: string): Promise<bigint | null> {
  const { rows } = await query<{ revision: string | null }>(
    db,
    'SELECT max(revision)::text AS revision FROM events WHERE stream_id = $1',
    [stream],
  )
  const revision = rows[0]?.revision
  return revision ? BigInt(revision) : null
}
