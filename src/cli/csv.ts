/**
 * Every CSV the project writes goes through csv-stringify, as RFC 4180 says: a field holding a
 * comma, a quote, a CR or an LF is quoted, its quotes doubled, and every record ends with CRLF.
 * (csv-stringify leaves line breaks unquoted once a record delimiter is chosen unless told:
 * `quote_record_delimiter` below.)
 */
import { stringify } from 'csv-stringify/sync'

export type CsvField = string | number | null

const OPTIONS = { record_delimiter: 'windows', quote_record_delimiter: true } as const

/** The records as RFC 4180 text, each ending with CRLF. */
export function csvRecords(rows: readonly (readonly CsvField[])[]): string {
  return stringify(rows as CsvField[][], OPTIONS)
}

/** One record, ending with CRLF. */
export const csvRecord = (row: readonly CsvField[]): string => csvRecords([row])
