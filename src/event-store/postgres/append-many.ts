/**
 * The bulk path (imports, generators): many streams in one transaction under one exclusive bulk
 * lock, first as one set-based INSERT over arrays; when anything is unusual, rolled back and
 * written again write by write (append-to-stream.ts), which tells exactly which write failed.
 */
import type pg from 'pg'
import { type AppendResult, encodePosition, START, type StreamWrite } from '../contract.ts'
import { appendToStream } from './append-to-stream.ts'
import { BULK_LOCK, expectedText, unavailable } from './events-table.ts'

const APPEND_SET_BASED = `
  WITH writes AS (
    SELECT w.stream, w.write_no,
      CASE
        WHEN w.expected = 'no_stream' THEN 0::bigint
        WHEN w.expected = 'any' THEN coalesce(cur.last + 1, 0)
        WHEN w.expected = 'stream_exists' THEN cur.last + 1
        WHEN cur.last = w.expected::bigint THEN cur.last + 1
      END AS first_revision
    FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS w(stream, expected, write_no)
    LEFT JOIN LATERAL (
      SELECT max(e.revision) AS last FROM events e WHERE e.stream_id = w.stream AND w.expected <> 'no_stream'
    ) cur ON true
  )
  INSERT INTO events AS e (id, stream_id, revision, type, data, metadata)
  SELECT ev.id, w.stream, w.first_revision + ev.idx, ev.type, ev.data, ev.metadata
  FROM unnest($3::int[], $4::int[], $5::uuid[], $6::text[], $7::jsonb[], $8::jsonb[]) WITH ORDINALITY
       AS ev(write_no, idx, id, type, data, metadata, ord)
  JOIN writes w ON w.write_no = ev.write_no
  WHERE w.first_revision IS NOT NULL
  ORDER BY ev.ord
  ON CONFLICT DO NOTHING
  RETURNING e.stream_id, e.revision::text AS revision, e.transaction_id::text AS tx, e.global_position::text AS pos`

/** Writes every write of the call in one transaction; connection errors as EventStoreUnavailableError. */
export async function appendMany(pool: pg.Pool, writes: StreamWrite[]): Promise<AppendResult[]> {
  if (writes.length === 0) return []
  let client: pg.PoolClient
  try {
    client = await pool.connect()
  } catch (error) {
    unavailable(error)
  }
  let broken: Error | undefined
  try {
    // One exclusive bulk lock rather than one per stream: guarded appends wait for this write.
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${BULK_LOCK}, 0)`)
    let results = await appendSetBased(client, writes)
    if (!results) {
      // Something was unusual (a conflict, a retry, two writes to one stream): start over write
      // by write, which tells exactly which write failed and why.
      await client.query('ROLLBACK')
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${BULK_LOCK}, 0)`)
      results = []
      for (const write of writes) {
        results.push(
          await appendToStream(client, write.stream, write.events, write.expectedRevision, {
            lock: false,
            guard: null,
          }),
        )
      }
    }
    await client.query('COMMIT')
    return results
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError
    })
    unavailable(error)
  } finally {
    client.release(broken)
  }
}

/**
 * Every write of the call in one INSERT ... SELECT over arrays, each write's first revision taken
 * from its expectation. Answers null, having inserted less than everything, when any write did not
 * go as expected; the caller then rolls back and goes write by write.
 */
async function appendSetBased(client: pg.PoolClient, writes: StreamWrite[]): Promise<AppendResult[] | null> {
  const streams: string[] = []
  const expected: string[] = []
  const eventWrite: number[] = []
  const eventIndex: number[] = []
  const ids: string[] = []
  const types: string[] = []
  const data: string[] = []
  const metadata: string[] = []
  const seen = new Set<string>()
  for (const [w, write] of writes.entries()) {
    if (write.events.length === 0) throw new RangeError('append needs at least one event')
    // Two writes to one stream depend on each other: only the write-by-write path can chain them.
    if (seen.has(write.stream)) return null
    seen.add(write.stream)
    streams.push(write.stream)
    expected.push(expectedText(write.expectedRevision))
    for (const [i, event] of write.events.entries()) {
      eventWrite.push(w + 1)
      eventIndex.push(i)
      ids.push(event.id)
      types.push(event.type)
      data.push(JSON.stringify(event.data ?? null))
      metadata.push(JSON.stringify(event.metadata ?? {}))
    }
  }
  // Unnamed on purpose: a prepared statement soon switches to a generic plan that cannot see the
  // array sizes and degrades to scans as the log grows (measured: 20k -> 2k events/s at 200k events).
  const { rows } = await client.query<{ stream_id: string; revision: string; tx: string; pos: string }>(
    APPEND_SET_BASED,
    [streams, expected, eventWrite, eventIndex, ids, types, data, metadata],
  )
  if (rows.length !== ids.length) return null
  const results: AppendResult[] = writes.map(() => ({ nextExpectedRevision: -1n, position: START }))
  const byStream = new Map(writes.map((write, w) => [write.stream, results[w] as AppendResult]))
  for (const row of rows) {
    const result = byStream.get(row.stream_id) as AppendResult
    const position = encodePosition(BigInt(row.tx), BigInt(row.pos))
    if (position > result.position) {
      result.position = position
      result.nextExpectedRevision = BigInt(row.revision)
    }
  }
  return results
}
