/**
 * The global log as analysts export it, page by page: the store's filters (types, stream prefix,
 * after), a time window on createdAt, a limit, and the export view applied per page. Memory is
 * bounded by the page size whatever the length of the log. Shared by `npm run events -- export` and
 * GET /api/v1/events.
 */
import { type CsvField, csvRecord, csvRecords } from '../cli/csv.ts'
import type { EventStore, Position, StoredEvent } from '../event-store/contract.ts'
import type { ExportedEvent, ExportView } from './export-view.ts'

export type ExportFilter = {
  types?: readonly string[]
  streamPrefix?: string
  /** Events strictly after this position. */
  after?: Position
  /** createdAt >= since. */
  since?: Date
  /** createdAt < until. */
  until?: Date
  limit?: number
}

/**
 * createdAt is the time the appending transaction started and the log is ordered by transaction, so
 * it only ever runs backwards by the length of a transaction. Once events are this far past `until`,
 * none before it can follow and the scan stops instead of reading the rest of the log.
 */
export const UNTIL_SLACK_MS = 5 * 60_000
export const DEFAULT_PAGE_SIZE = 1_000

/** An ISO 8601 date (midnight UTC) or date-time with a zone: the accepted form of since and until. */
export const INSTANT_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?$'
const INSTANT = new RegExp(INSTANT_PATTERN)

/** The instant `text` names, or null when it is not an INSTANT_PATTERN date that exists (no 30 February). */
export function parseInstant(text: string): Date | null {
  if (!INSTANT.test(text)) return null
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  const at = Date.parse(text)
  return Number.isNaN(at) ? null : new Date(at)
}

/** Groups an async stream into arrays of at most `size` items (the last one may be shorter). */
export async function* pages<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let page: T[] = []
  for await (const item of source) {
    page.push(item)
    if (page.length >= size) {
      yield page
      page = []
    }
  }
  if (page.length > 0) yield page
}

/** Pages of exported events in log order; never an empty page. */
export async function* exportPages(
  store: EventStore,
  view: ExportView,
  filter: ExportFilter,
  options: { pageSize?: number } = {},
): AsyncGenerator<ExportedEvent[]> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE
  const { since, until } = filter
  const timed = since !== undefined || until !== undefined
  let remaining = filter.limit ?? Number.POSITIVE_INFINITY
  if (remaining <= 0) return
  const source = store.readAll({
    ...(filter.after ? { after: filter.after } : {}),
    ...(filter.types && filter.types.length > 0 ? { types: filter.types } : {}),
    ...(filter.streamPrefix ? { streamPrefix: filter.streamPrefix } : {}),
    // Without a time window the store can stop at the limit itself.
    ...(timed ? {} : { limit: remaining }),
    batchSize: pageSize,
  })
  for await (const page of pages(source, pageSize)) {
    let kept: StoredEvent[] = page
    let pastUntil = false
    if (timed) {
      kept = []
      for (const event of page) {
        const at = event.createdAt.getTime()
        if (until !== undefined && at >= until.getTime()) {
          if (at > until.getTime() + UNTIL_SLACK_MS) {
            pastUntil = true
            break
          }
          continue
        }
        if (since !== undefined && at < since.getTime()) continue
        kept.push(event)
      }
    }
    if (kept.length > remaining) kept = kept.slice(0, remaining)
    if (kept.length > 0) {
      yield await view(kept)
      remaining -= kept.length
    }
    if (remaining <= 0 || pastUntil) return
  }
}

/** One NDJSON line. */
export const ndjsonLine = (event: ExportedEvent): string => `${JSON.stringify(event)}\n`

export const CSV_COLUMNS = [
  'position',
  'id',
  'type',
  'stream',
  'revision',
  'createdAt',
  'data',
  'metadata',
] as const

export const csvHeader = (): string => csvRecord(CSV_COLUMNS)

/** An event's CSV fields, in CSV_COLUMNS order; data and metadata as JSON. */
const csvFields = (event: ExportedEvent): CsvField[] => [
  event.position,
  event.id,
  event.type,
  event.stream,
  event.revision,
  event.createdAt,
  JSON.stringify(event.data),
  JSON.stringify(event.metadata),
]

/** One CSV record (RFC 4180 through csv-stringify, ending with CRLF). */
export const csvRow = (event: ExportedEvent): string => csvRecord(csvFields(event))

/** The CSV records of a page of events. */
export const csvRows = (events: readonly ExportedEvent[]): string => csvRecords(events.map(csvFields))
