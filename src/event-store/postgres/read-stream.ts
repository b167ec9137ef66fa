/**
 * Reading one stream, page by page in revision order. The first page (most streams are one page)
 * is coalesced: every first page asked for until the event loop turns (setImmediate) comes back
 * from one query, so a command reads its stream and its movie's in one round trip and concurrent
 * commands share it. One such query runs at a time (MAX_READS_IN_FLIGHT): first pages asked for
 * while it runs wait for its answer and go together in the next, so under load the reads of many
 * turns share a statement (its write, its wake-ups, PostgreSQL's parse and execution start), and
 * alone a read goes in the next turn as before.
 */
import type pg from 'pg'
import type { ReadStreamOptions, StoredEvent } from '../contract.ts'
import { EVENT_COLUMNS, type EventRow, query, toStored, unavailable } from './events-table.ts'
import { TurnBatches } from './turn-batches.ts'

const STREAM_PAGE = 500
/** Coalesced first-page queries running at once, at most (2 cost PostgreSQL 16% more per rating). */
export const MAX_READS_IN_FLIGHT = 1

/** The first pages of many reads, each in its own direction: one index scan per stream. */
const FIRST_PAGES = `SELECT r.read_no::text AS read_no, ${EVENT_COLUMNS}
  FROM unnest($1::text[], $2::boolean[], $3::int[]) WITH ORDINALITY AS r(stream, forwards, lim, read_no)
  CROSS JOIN LATERAL (
    (SELECT * FROM events f WHERE f.stream_id = r.stream AND r.forwards ORDER BY f.revision ASC LIMIT r.lim)
    UNION ALL
    (SELECT * FROM events b WHERE b.stream_id = r.stream AND NOT r.forwards ORDER BY b.revision DESC LIMIT r.lim)
  ) e`

type PendingRead = {
  stream: string
  forwards: boolean
  limit: number
  resolve: (rows: EventRow[]) => void
  reject: (error: unknown) => void
}

export class StreamReader {
  readonly #pool: pg.Pool
  readonly #reads: TurnBatches<PendingRead>

  constructor(pool: pg.Pool) {
    this.#pool = pool
    this.#reads = new TurnBatches(MAX_READS_IN_FLIGHT, (reads, counted) => counted(this.#readPending(reads)))
  }

  async *read(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const forwards = (options.direction ?? 'forwards') === 'forwards'
    let remaining = options.limit ?? Number.POSITIVE_INFINITY
    let from: bigint | null = options.from ?? null
    while (remaining > 0) {
      const page = Math.min(STREAM_PAGE, remaining)
      let rows: EventRow[]
      if (from === null) {
        rows = await this.#firstPage(stream, forwards, page)
      } else {
        const bound = forwards ? ' AND e.revision >= $3::bigint' : ' AND e.revision <= $3::bigint'
        rows = (
          await query<EventRow>(
            this.#pool,
            `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.stream_id = $1${bound}
             ORDER BY e.revision ${forwards ? 'ASC' : 'DESC'} LIMIT $2`,
            [stream, page, from.toString()],
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

  #firstPage(stream: string, forwards: boolean, limit: number): Promise<EventRow[]> {
    return new Promise((resolve, reject) => this.#reads.add({ stream, forwards, limit, resolve, reject }))
  }

  /** The gathered first pages in one query; each read's rows come back in its own order. */
  async #readPending(reads: PendingRead[]): Promise<void> {
    try {
      // Named: parsed and planned once per connection (planning cost more than running it, and
      // every command sends this statement twice: the suspension check's read and its own).
      const { rows } = await this.#pool
        .query<EventRow & { read_no: string }>({
          name: 'read-stream-first-pages',
          text: FIRST_PAGES,
          values: [reads.map((r) => r.stream), reads.map((r) => r.forwards), reads.map((r) => r.limit)],
        })
        .catch(unavailable)
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
}
