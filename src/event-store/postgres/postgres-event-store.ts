/**
 * The PostgreSQL event store: the default adapter of the contract in ../contract.ts. Tables and the
 * append function come from src/db/migrations/*-event-store.ts.
 *
 * Raw SQL throughout: kysely's builder cannot express xid8 snapshots or the append function call.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { isConnectionError } from '../../db/connection-errors.ts'
import {
  type AppendGuard,
  type AppendOptions,
  type AppendResult,
  DuplicateEventIdError,
  decodePosition,
  type EventStore,
  EventStoreUnavailableError,
  type ExpectedRevision,
  encodePosition,
  type LogFilter,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  START,
  type StoredEvent,
  type StreamWrite,
  type SubscribeOptions,
  type Subscription,
  WrongExpectedRevisionError,
} from '../contract.ts'

const NOTIFY_CHANNEL = 'nexus_events'
/** Advisory lock classes of src/db/migrations/*-append-guard.ts: one per stream, one for bulk writes. */
const STREAM_LOCK = 1314391297
const BULK_LOCK = 1314391298
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
const DEFAULT_BATCH = 1_000
const STREAM_PAGE = 500

/**
 * Starts listening for NOTIFY on `channel` and answers how to stop. The default opens a dedicated
 * connection from `connectionString`; embedded mode passes PGlite's, whose one session hears all.
 */
export type NotificationListener = (channel: string, onNotify: () => void) => Promise<() => Promise<void>>

export type PostgresEventStoreOptions = {
  /** Used for the LISTEN connection of subscriptions (a pool client cannot hold LISTEN). */
  connectionString?: string
  /** Replaces the LISTEN connection (embedded mode); one of the two is required. */
  listen?: NotificationListener
  /** Subscriptions re-read at least this often even without a notification (e.g. after a missed one). */
  pollIntervalMs?: number
  /** Called when a subscription hits an error it will retry (for logs). */
  onSubscriptionError?: (error: unknown) => void
}

type EventRow = {
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

type PendingRead = {
  stream: string
  forwards: boolean
  limit: number
  resolve: (rows: EventRow[]) => void
  reject: (error: unknown) => void
}

/** An append waiting for the next group commit (see #appendGrouped). */
type PendingAppend = {
  stream: string
  events: NewEvent[]
  expectedRevision: ExpectedRevision
  guard: AppendGuard | null
  resolve: (result: AppendResult) => void
  reject: (error: unknown) => void
}
/** Appends committed together at most: one statement's arrays stay small. */
const MAX_GROUP = 100
/** Errors of one write of a group that mean "someone else moved first": the command may retry. */
const CONFLICT_CODES = new Set(['NX409', '40P01', '40001'])

type BatchRow = {
  write_no: number
  result: AppendRow['result'] | 'error'
  next_revision: string | null
  transaction_id: string | null
  global_position: string | null
  error_code: string | null
  error_message: string | null
}

type AppendRow = {
  result: 'ok' | 'duplicate' | 'wrong_revision' | 'id_conflict' | 'guard_failed'
  next_revision: string | null
  transaction_id: string | null
  global_position: string | null
}

// Output names differ from the columns (tx, pos, rev) so ORDER BY never sorts the text aliases.
const EVENT_COLUMNS =
  'e.transaction_id::text AS tx, e.global_position::text AS pos, e.id, e.stream_id, e.revision::text AS rev, e.type, e.data, e.metadata, e.created_at'

function unavailable(error: unknown): never {
  if (isConnectionError(error)) {
    throw new EventStoreUnavailableError(`PostgreSQL event store unavailable: ${(error as Error).message}`, {
      cause: error,
    })
  }
  throw error
}

/** What append_events answered for one write, as the contract says it: a result or the error to throw. */
function appendOutcome(
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

function toStored(row: EventRow): StoredEvent {
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

function expectedText(expected: ExpectedRevision): string {
  if (typeof expected === 'bigint') {
    if (expected < 0n) throw new RangeError(`expected revision must be >= 0, got ${expected}`)
    return expected.toString()
  }
  return expected
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

type Page = {
  /** The matching events of the window. */
  events: StoredEvent[]
  /** Rows scanned: fewer than asked means the visible end of the log was reached. */
  scanned: number
  /** Position of the last row scanned (matching or not); `after` when nothing was scanned. */
  scannedTo: Position
}

export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres'
  readonly #pool: pg.Pool
  readonly #options: PostgresEventStoreOptions
  readonly #subscriptions = new Set<Subscription>()
  #notifying = false
  #notifyAgain = false
  #pendingReads: PendingRead[] | null = null
  #pendingAppends: PendingAppend[] | null = null

  constructor(pool: pg.Pool, options: PostgresEventStoreOptions) {
    if (!options.connectionString && !options.listen) {
      throw new Error('the PostgreSQL event store needs a connectionString or a listen function')
    }
    this.#pool = pool
    this.#options = options
  }

  async append(
    stream: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event')
    let result: AppendResult
    try {
      result = await this.#appendGrouped(stream, events, expectedRevision, options.guard ?? null)
    } catch (error) {
      unavailable(error)
    }
    this.#wakeSubscribers()
    return result
  }

  /**
   * Group commit: appends asked for until the event loop turns (setImmediate) go to PostgreSQL as one
   * statement, one transaction, one WAL flush (append_events_batch, migration 0009), each write in a
   * subtransaction of its own, so one write's failure is its own. A lone append takes the plain path.
   *
   * Only appends that create their stream ('no_stream', the first rating, favourite or comment of a
   * user on a movie) are grouped. An append to an existing stream takes that stream's lock before
   * its transaction id, hence its log position, is assigned: that is what keeps a guarded append
   * that checked a guard before the guard stream moved ahead of that move in the log (migration
   * 0007). In a group the transaction id comes with the group's first write, so an append to an
   * existing stream there could land before a guarded append that saw its stream unmoved.
   * Creating appends take no lock of their own (they cannot move a guard) and only shared ones
   * otherwise; the guard check runs in its own statement, after everything committed before it.
   */
  #appendGrouped(
    stream: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
    guard: AppendGuard | null,
  ): Promise<AppendResult> {
    if (expectedRevision !== 'no_stream') {
      return this.#appendWith(this.#pool, stream, events, expectedRevision, { lock: true, guard })
    }
    return new Promise((resolve, reject) => {
      if (this.#pendingAppends === null) {
        this.#pendingAppends = []
        setImmediate(() => this.#commitPending())
      }
      this.#pendingAppends.push({ stream, events, expectedRevision, guard, resolve, reject })
    })
  }

  #commitPending(): void {
    const pending = this.#pendingAppends ?? []
    this.#pendingAppends = null
    for (let start = 0; start < pending.length; start += MAX_GROUP) {
      const group = pending.slice(start, start + MAX_GROUP)
      const [only] = group
      if (group.length === 1 && only) {
        this.#appendWith(this.#pool, only.stream, only.events, only.expectedRevision, {
          lock: true,
          guard: only.guard,
        }).then(only.resolve, only.reject)
      } else {
        void this.#commitGroup(group)
      }
    }
  }

  async #commitGroup(group: PendingAppend[]): Promise<void> {
    // Stream order: two groups creating the same streams wait on each other's inserts in one order.
    const writes = [...group].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0))
    const events = writes.flatMap((write) => write.events)
    let rows: BatchRow[]
    try {
      rows = (
        await this.#pool.query<BatchRow>({
          name: 'append-events-batch',
          text: 'SELECT * FROM append_events_batch($1, $2, $3, $4, $5::bigint[], $6::uuid[], $7, $8, $9)',
          values: [
            writes.map((write) => write.stream),
            writes.map((write) => expectedText(write.expectedRevision)),
            writes.map((write) => write.events.length),
            writes.map((write) => write.guard?.stream ?? null),
            writes.map((write) => (write.guard === null ? null : write.guard.revision.toString())),
            events.map((event) => event.id),
            events.map((event) => event.type),
            events.map((event) => JSON.stringify(event.data ?? null)),
            events.map((event) => JSON.stringify(event.metadata ?? {})),
          ],
        })
      ).rows
    } catch (error) {
      // Nothing of the group committed (or, a connection lost at commit, nobody can know): each
      // caller sees the error, as a lone append would.
      for (const write of writes) write.reject(error)
      return
    }
    for (const [w, write] of writes.entries()) {
      // One row per write, in write order.
      const row = rows[w]
      try {
        if (row?.write_no !== w + 1) throw new Error('append_events_batch answered out of order')
        if (row.result === 'error') {
          if (CONFLICT_CODES.has(row.error_code ?? '')) {
            // Undone alone: another append took these revisions, or PostgreSQL broke a lock cycle.
            throw new WrongExpectedRevisionError(
              write.stream,
              write.expectedRevision,
              await this.streamRevision(write.stream),
            )
          }
          throw Object.assign(new Error(row.error_message ?? 'append failed'), { code: row.error_code })
        }
        const { result } = row
        write.resolve(
          appendOutcome({ ...row, result }, write.stream, write.events, write.expectedRevision, write.guard),
        )
      } catch (error) {
        write.reject(error)
      }
    }
  }

  /**
   * Wakes subscribers in every process with one NOTIFY after commit, at most one in flight: many
   * appends finishing meanwhile share the next one. A lost notification costs a poll interval.
   */
  #wakeSubscribers(): void {
    if (this.#notifying) {
      this.#notifyAgain = true
      return
    }
    this.#notifying = true
    this.#pool
      .query(`SELECT pg_notify('${NOTIFY_CHANNEL}', '')`)
      .catch(() => {})
      .finally(() => {
        this.#notifying = false
        if (this.#notifyAgain) {
          this.#notifyAgain = false
          this.#wakeSubscribers()
        }
      })
  }

  async appendMany(writes: StreamWrite[]): Promise<AppendResult[]> {
    if (writes.length === 0) return []
    let client: pg.PoolClient
    try {
      client = await this.#pool.connect()
    } catch (error) {
      unavailable(error)
    }
    let broken: Error | undefined
    try {
      // One exclusive bulk lock rather than one per stream: guarded appends wait for this write.
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${BULK_LOCK}, 0)`)
      let results = await this.#appendSetBased(client, writes)
      if (!results) {
        // Something was unusual (a conflict, a retry, two writes to one stream): start over write
        // by write, which tells exactly which write failed and why.
        await client.query('ROLLBACK')
        await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${BULK_LOCK}, 0)`)
        results = []
        for (const write of writes) {
          results.push(
            await this.#appendWith(client, write.stream, write.events, write.expectedRevision, {
              lock: false,
              guard: null,
            }),
          )
        }
      }
      await client.query('COMMIT')
      this.#wakeSubscribers()
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
   * The bulk path: every write of the call in one INSERT ... SELECT over arrays, each write's first
   * revision taken from its expectation. Answers null, having inserted less than everything, when any
   * write did not go as expected; the caller then rolls back and goes write by write.
   */
  async #appendSetBased(client: pg.PoolClient, writes: StreamWrite[]): Promise<AppendResult[] | null> {
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

  async #appendWith(
    db: pg.Pool | pg.PoolClient,
    stream: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
    how: { lock: boolean; guard: AppendGuard | null },
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
          db instanceof pg.Pool ? await this.streamRevision(stream) : null,
        )
      }
    }
    if (!row) throw new Error('append_events returned no row')
    return appendOutcome(row, stream, events, expectedRevision, guard)
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const forwards = (options.direction ?? 'forwards') === 'forwards'
    let remaining = options.limit ?? Number.POSITIVE_INFINITY
    let from: bigint | null = options.from ?? null
    while (remaining > 0) {
      const page = Math.min(STREAM_PAGE, remaining)
      let rows: EventRow[]
      if (from === null) {
        // The first page (most streams are one page) joins the reads of the same moment: one query.
        rows = await this.#firstPage(stream, forwards, page)
      } else {
        const params: unknown[] = [stream, page, from.toString()]
        const bound = forwards ? ' AND e.revision >= $3::bigint' : ' AND e.revision <= $3::bigint'
        rows = (
          await this.#query<EventRow>(
            `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.stream_id = $1${bound}
             ORDER BY e.revision ${forwards ? 'ASC' : 'DESC'} LIMIT $2`,
            params,
          )
        ).rows
      }
      for (const row of rows) yield toStored(row)
      remaining -= rows.length
      const last = rows.at(-1)
      if (rows.length < page || !last) return
      from = BigInt(last.rev) + (forwards ? 1n : -1n)
      if (from < 0n) return
    }
  }

  /**
   * The first page of a stream read, gathered with every other first page asked for until the event
   * loop turns (setImmediate): a command reads its stream and its movie's in one query, and
   * concurrent commands share it. Each read's rows come back in its own order.
   */
  #firstPage(stream: string, forwards: boolean, limit: number): Promise<EventRow[]> {
    return new Promise((resolve, reject) => {
      if (this.#pendingReads === null) {
        this.#pendingReads = []
        setImmediate(() => void this.#readPending())
      }
      this.#pendingReads.push({ stream, forwards, limit, resolve, reject })
    })
  }

  async #readPending(): Promise<void> {
    const reads = this.#pendingReads ?? []
    this.#pendingReads = null
    try {
      const { rows } = await this.#query<EventRow & { read_no: string }>(
        `SELECT r.read_no::text AS read_no, ${EVENT_COLUMNS}
         FROM unnest($1::text[], $2::boolean[], $3::int[]) WITH ORDINALITY AS r(stream, forwards, lim, read_no)
         CROSS JOIN LATERAL (
           (SELECT * FROM events f WHERE f.stream_id = r.stream AND r.forwards ORDER BY f.revision ASC LIMIT r.lim)
           UNION ALL
           (SELECT * FROM events b WHERE b.stream_id = r.stream AND NOT r.forwards ORDER BY b.revision DESC LIMIT r.lim)
         ) e`,
        [reads.map((r) => r.stream), reads.map((r) => r.forwards), reads.map((r) => r.limit)],
      )
      const byRead = reads.map((): EventRow[] => [])
      for (const row of rows) byRead[Number(row.read_no) - 1]?.push(row)
      for (const [i, read] of reads.entries()) {
        const found = byRead[i] ?? []
        found.sort((a, b) => {
          const order = BigInt(a.rev) < BigInt(b.rev) ? -1 : 1
          return read.forwards ? order : -order
        })
        read.resolve(found)
      }
    } catch (error) {
      for (const read of reads) read.reject(error)
    }
  }

  async streamRevision(stream: string): Promise<bigint | null> {
    const { rows } = await this.#query<{ revision: string | null }>(
      'SELECT max(revision)::text AS revision FROM events WHERE stream_id = $1',
      [stream],
    )
    const revision = rows[0]?.revision
    return revision ? BigInt(revision) : null
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    let after = options.after ?? START
    let remaining = options.limit ?? Number.POSITIVE_INFINITY
    const batchSize = options.batchSize ?? DEFAULT_BATCH
    // A filtered read scans wider windows: fewer round trips when few rows match.
    const window = options.types?.length || options.streamPrefix ? batchSize * 4 : batchSize
    while (remaining > 0) {
      const page = await this.#readPage(after, window, options)
      for (const event of page.events) {
        if (remaining <= 0) return
        yield event
        remaining -= 1
      }
      if (page.scanned < window) return
      after = page.scannedTo
    }
  }

  /**
   * One window of the global log after `after`, only from transactions no longer running: up to
   * `limit` rows in position order, of which the filter's matches carry their payload. Filtering
   * inside the window (not in the scan) keeps the plan a primary-key range scan whatever the filter's
   * selectivity, and tells the caller how far it has scanned even when nothing matched.
   */
  async #readPage(after: Position, limit: number, filter: LogFilter): Promise<Page> {
    const { high, low } = decodePosition(after)
    const params: unknown[] = [high.toString(), low.toString(), limit]
    const match = filterSql(filter, params)
    const { rows } = await this.#query<EventRow & { matched: boolean }>(
      `SELECT e.transaction_id::text AS tx, e.global_position::text AS pos, ${match} AS matched,
              CASE WHEN ${match} THEN e.id END AS id, e.stream_id, e.revision::text AS rev, e.type,
              CASE WHEN ${match} THEN e.data END AS data, CASE WHEN ${match} THEN e.metadata END AS metadata,
              e.created_at
       FROM events e
       WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
         AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY e.transaction_id, e.global_position
       LIMIT $3`,
      params,
    )
    const last = rows.at(-1)
    return {
      events: rows.filter((row) => row.matched).map(toStored),
      scanned: rows.length,
      scannedTo: last ? encodePosition(BigInt(last.tx), BigInt(last.pos)) : after,
    }
  }

  async headPosition(): Promise<Position> {
    const { rows } = await this.#query<{ tx: string; pos: string }>(
      `SELECT transaction_id::text AS tx, global_position::text AS pos FROM events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
      [],
    )
    const row = rows[0]
    return row ? encodePosition(BigInt(row.tx), BigInt(row.pos)) : START
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    const subscription = new PostgresSubscription(this.#options, options, (after, limit, filter) =>
      this.#readPage(after, limit, filter),
    )
    this.#subscriptions.add(subscription)
    const close = subscription.close.bind(subscription)
    subscription.close = async () => {
      this.#subscriptions.delete(subscription)
      await close()
    }
    return subscription
  }

  async ping(): Promise<void> {
    await this.#query('SELECT 1 FROM events LIMIT 0', [])
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((s) => s.close()))
  }

  async #query<Row extends pg.QueryResultRow>(text: string, params: unknown[]): Promise<pg.QueryResult<Row>> {
    try {
      return await this.#pool.query<Row>(text, params)
    } catch (error) {
      unavailable(error)
    }
  }
}

type PageReader = (after: Position, limit: number, filter: LogFilter) => Promise<Page>

/**
 * Catch-up then live: reads pages until the log is exhausted, then sleeps until a NOTIFY from an
 * append (or the poll interval, which also covers a missed notification or a long transaction that
 * held the snapshot back). Any error is retried with backoff from the last delivered position, so a
 * killed connection loses and repeats nothing.
 */
class PostgresSubscription implements Subscription {
  readonly #storeOptions: PostgresEventStoreOptions
  readonly #options: SubscribeOptions
  readonly #readPage: PageReader
  readonly #closed = new AbortController()
  #listener: pg.Client | null = null
  #unlisten: (() => Promise<void>) | null = null
  #listening = false
  #wake: (() => void) | null = null
  #notified = false

  constructor(storeOptions: PostgresEventStoreOptions, options: SubscribeOptions, readPage: PageReader) {
    this.#storeOptions = storeOptions
    this.#options = options
    this.#readPage = readPage
    options.signal?.addEventListener('abort', () => void this.close(), { once: true })
  }

  async *[Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    let after = this.#options.after ?? START
    const batchSize = this.#options.batchSize ?? DEFAULT_BATCH
    const pollMs = this.#storeOptions.pollIntervalMs ?? 500
    let failures = 0
    try {
      while (!this.#closed.signal.aborted) {
        if (!this.#listening) void this.#listen()
        let page: Page
        try {
          this.#notified = false
          page = await this.#readPage(after, batchSize, this.#options)
          failures = 0
        } catch (error) {
          failures += 1
          this.#storeOptions.onSubscriptionError?.(error)
          await this.#sleep(Math.min(5_000, 50 * 2 ** failures))
          continue
        }
        for (const event of page.events) {
          if (this.#closed.signal.aborted) return
          yield event
          after = event.position
        }
        after = page.scannedTo
        if (page.scanned < batchSize && !this.#notified) await this.#sleep(pollMs)
      }
    } finally {
      await this.close()
    }
  }

  async close(): Promise<void> {
    if (!this.#closed.signal.aborted) this.#closed.abort()
    this.#wake?.()
    const listener = this.#listener
    this.#listener = null
    this.#listening = false
    if (listener) await listener.end().catch(() => {})
    const unlisten = this.#unlisten
    this.#unlisten = null
    await unlisten?.().catch(() => {})
  }

  /** Listening through the given function (embedded mode): nothing to reconnect. */
  async #listenWith(listen: NotificationListener): Promise<void> {
    try {
      const unlisten = await listen(NOTIFY_CHANNEL, () => {
        this.#notified = true
        this.#wake?.()
      })
      if (this.#closed.signal.aborted) return void (await unlisten())
      this.#unlisten = unlisten
      this.#notified = true
      this.#wake?.()
    } catch (error) {
      this.#storeOptions.onSubscriptionError?.(error)
      await sleep(1_000)
      this.#listening = false
    }
  }

  /** Sleeps until woken by a notification, the timeout, or close(). */
  async #sleep(ms: number): Promise<void> {
    if (this.#closed.signal.aborted) return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.#wake = done
    })
    this.#wake = null
  }

  /** Holds a LISTEN connection; on loss the read loop starts a new one (polling covers the gap). */
  async #listen(): Promise<void> {
    this.#listening = true
    const listen = this.#storeOptions.listen
    if (listen) return this.#listenWith(listen)
    const client = new pg.Client({
      connectionString: this.#storeOptions.connectionString,
      connectionTimeoutMillis: 5_000,
      application_name: 'nexus-subscription',
    })
    let dropped = false
    const drop = (error?: Error) => {
      if (dropped) return
      dropped = true
      if (error) this.#storeOptions.onSubscriptionError?.(error)
      if (this.#listener === client) this.#listener = null
      client.end().catch(() => {})
    }
    client.on('error', (error) => {
      drop(error)
      this.#listening = false
    })
    client.on('end', () => {
      drop()
      this.#listening = false
    })
    client.on('notification', () => {
      this.#notified = true
      this.#wake?.()
    })
    try {
      await client.connect()
      if (this.#closed.signal.aborted) return drop()
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`)
      this.#listener = client
      // Anything committed between our last read and LISTEN did not notify us: read once more.
      this.#notified = true
      this.#wake?.()
    } catch (error) {
      drop(error as Error)
      // Back off before the read loop tries to listen again; polling goes on meanwhile.
      await sleep(1_000)
      this.#listening = false
    }
  }
}
