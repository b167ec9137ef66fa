/**
 * One append to one stream: the fast path (a single INSERT) for the common one-event command, and
 * append_events (PL/pgSQL, append-guard migration, over append_to_stream of the event-store
 * migration) for everything else: several events, a guard, or a fast path that inserted nothing.
 */
import pg from 'pg'
import {
  type AppendGuard,
  type AppendResult,
  DuplicateEventIdError,
  type ExpectedRevision,
  encodePosition,
  type NewEvent,
  WrongExpectedRevisionError,
} from '../contract.ts'
import { expectedText, type Queryable, STREAM_LOCK, streamRevision } from './events-table.ts'

/** What append_events answers for one write (append_events_group too, per write). */
export type AppendRow = {
  result: 'ok' | 'duplicate' | 'wrong_revision' | 'id_conflict' | 'guard_failed'
  next_revision: string | null
  transaction_id: string | null
  global_position: string | null
}

export type AppendHow = {
  /**
   * Take the stream's lock before inserting (append-guard migration): every append to an existing
   * stream outside appendMany, whose one bulk lock stands for all of them.
   */
  lock: boolean
  guard: AppendGuard | null
}

const APPEND_ONE = `SELECT * FROM append_events($1, $2, ARRAY[$3::uuid], ARRAY[$4::text], ARRAY[$5::jsonb],
  ARRAY[$6::jsonb], $7, $8, $9::bigint)`
const APPEND_MANY = `SELECT * FROM append_events($1, $2, $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[],
  $7, $8, $9::bigint)`

/**
 * The fast path of a one-event append: one INSERT whose revision comes from the expectation, with
 * the unique indexes as concurrency and idempotency checks. It inserts nothing when anything is
 * unusual (conflict, retry, missing stream); append_events then sorts out which it was. An append
 * to an existing stream first takes its stream's lock, which a guarded append on it holds shared
 * (see the append-guard migration); the insert, which assigns the log position, comes after it.
 */
const NEXT_REVISION: Record<'no_stream' | 'any' | 'stream_exists' | 'revision', string> = {
  no_stream: '0::bigint',
  any: '(SELECT coalesce(max(revision) + 1, 0) FROM events WHERE stream_id = $1)',
  stream_exists: '(SELECT max(revision) + 1 FROM events WHERE stream_id = $1)',
  revision: '(SELECT revision + 1 FROM events WHERE stream_id = $1 AND revision = $6::bigint)',
}
const insertOne = (next: string, lock: boolean) => `
  ${lock ? `WITH stream_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock(${STREAM_LOCK}, hashtext($1)))` : ''}
  INSERT INTO events (id, stream_id, revision, type, data, metadata)
  SELECT $2::uuid, $1, r.next, $3, $4::jsonb, $5::jsonb
  FROM ${lock ? 'stream_lock, ' : ''}(SELECT ${next} AS next) r WHERE r.next IS NOT NULL
  ON CONFLICT DO NOTHING
  RETURNING 'ok' AS result, revision::text AS next_revision, transaction_id::text AS transaction_id,
            global_position::text AS global_position`

/**
 * Appends `events` to `stream` on `db` (the pool, or appendMany's transaction). Connection errors
 * are the caller's to map. On the pool, an 'any' append that lost a race takes the next revisions.
 */
export async function appendToStream(
  db: Queryable,
  stream: string,
  events: NewEvent[],
  expectedRevision: ExpectedRevision,
  how: AppendHow,
): Promise<AppendResult> {
  if (events.length === 0) throw new RangeError('append needs at least one event')
  const { lock, guard } = how
  // One event (the common command) goes as plain parameters: no array literal to build and parse.
  const single = events.length === 1 ? events[0] : undefined
  const text = single ? APPEND_ONE : APPEND_MANY
  const params = [
    ...(single
      ? [
          stream,
          expectedText(expectedRevision),
          single.id,
          single.type,
          JSON.stringify(single.data ?? null),
          JSON.stringify(single.metadata ?? {}),
        ]
      : [
          stream,
          expectedText(expectedRevision),
          events.map((e) => e.id),
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.data ?? null)),
          events.map((e) => JSON.stringify(e.metadata ?? {})),
        ]),
    lock,
    guard?.stream ?? null,
    guard === null ? null : guard.revision.toString(),
  ]
  let row: AppendRow | undefined
  // A guarded append always goes through append_events, which checks the guard under its lock.
  if (single && guard === null) {
    const kind = typeof expectedRevision === 'bigint' ? 'revision' : expectedRevision
    const values = [stream, single.id, single.type, params[4], params[5]]
    if (typeof expectedRevision === 'bigint') values.push(expectedRevision.toString())
    const locks = lock && kind !== 'no_stream'
    const fast = await db.query<AppendRow>({
      name: `append-fast-${kind}${locks ? '-locked' : ''}`,
      text: insertOne(NEXT_REVISION[kind], locks),
      values,
    })
    row = fast.rows[0]
  }
  for (let attempt = 1; !row; attempt++) {
    try {
      const result = await db.query<AppendRow>({
        name: single ? 'append-events-one' : 'append-events-many',
        text,
        values: params,
      })
      row = result.rows[0]
      break
    } catch (error) {
      // NX409: another append took some of these revisions while this one ran; nothing was written.
      if ((error as { code?: string }).code !== 'NX409') throw error
      // 'any' promises no check: take the next revisions. In a transaction (appendMany) the
      // error has aborted it, so it surfaces as a conflict there.
      if (expectedRevision === 'any' && db instanceof pg.Pool && attempt < 5) continue
      throw new WrongExpectedRevisionError(
        stream,
        expectedRevision,
        db instanceof pg.Pool ? await streamRevision(db, stream) : null,
      )
    }
  }
  if (!row) throw new Error('append_events returned no row')
  return appendOutcome(row, stream, events, expectedRevision, guard)
}

/** What append_events answered for one write, as the contract says it: a result or the error to throw. */
export function appendOutcome(
  row: AppendRow,
  stream: string,
  events: NewEvent[],
  expectedRevision: ExpectedRevision,
  guard: AppendGuard | null,
): AppendResult {
  switch (row.result) {
    case 'ok':
    case 'duplicate':
      return {
        nextExpectedRevision: BigInt(row.next_revision as string),
        position: encodePosition(BigInt(row.transaction_id as string), BigInt(row.global_position as string)),
      }
    case 'wrong_revision':
      throw new WrongExpectedRevisionError(
        stream,
        expectedRevision,
        row.next_revision === null ? null : BigInt(row.next_revision),
      )
    case 'guard_failed':
      throw new WrongExpectedRevisionError(
        (guard as AppendGuard).stream,
        (guard as AppendGuard).revision,
        row.next_revision === null ? null : BigInt(row.next_revision),
      )
    case 'id_conflict':
      throw new DuplicateEventIdError(
        events[0]?.id ?? '',
        `the ids of this append are not the events already stored in ${stream}`,
      )
  }
}
