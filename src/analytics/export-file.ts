/**
 * `events export --out F` never loses what F holds. An F that already holds exported events is only
 * continued: with `--after P` where P is the position of F's last complete record, the export
 * appends to F (a half-written last line, from a process killed in the middle of a write, is cut
 * off first, and its event comes again); without --after, or with another position, it is refused
 * (the message names the position to continue from) unless `--force` asks to overwrite it. An empty
 * F, or one holding only the CSV header, is simply written.
 */
import { open, stat } from 'node:fs/promises'
import { isPosition, type Position } from '../event-store/contract.ts'
import { CSV_COLUMNS } from './export-log.ts'

export type ExportFormat = 'ndjson' | 'csv'

/** What F holds: its last complete record's position (null: none) and the length up to its end. */
export type ExportFileEnd = { position: Position | null; completeBytes: number }

/** F does not end with a record of this format: it is not an export to continue. */
export class NotAnExportError extends Error {
  override name = 'NotAnExportError'
}

const CHUNK = 64 * 1024
const NEWLINE = 0x0a

/** The last complete line of a file (without its line end) and where it ends; reads from the end. */
async function lastCompleteLine(path: string): Promise<{ line: string | null; completeBytes: number }> {
  const { size } = await stat(path)
  const file = await open(path, 'r')
  try {
    let tail = Buffer.alloc(0)
    let start = size
    // The end of the last complete line, then the newline before it.
    let end = -1
    while (start > 0) {
      const length = Math.min(CHUNK, start)
      start -= length
      const chunk = Buffer.alloc(length)
      await file.read(chunk, 0, length, start)
      tail = Buffer.concat([chunk, tail])
      if (end === -1) {
        const at = tail.lastIndexOf(NEWLINE)
        if (at !== -1) end = start + at
      }
      if (end !== -1) {
        // (A negative offset would count from the end of the buffer.)
        const before = end - start > 0 ? tail.lastIndexOf(NEWLINE, end - start - 1) : -1
        if (before !== -1 || start === 0) {
          const from = before === -1 ? 0 : before + 1
          const line = tail
            .subarray(from, end - start)
            .toString('utf8')
            .replace(/\r$/, '')
          return { line, completeBytes: end + 1 }
        }
      }
    }
    return { line: null, completeBytes: 0 }
  } finally {
    await file.close()
  }
}

/** Where an existing export file ends; null when the file does not exist. */
export async function exportFileEnd(path: string, format: ExportFormat): Promise<ExportFileEnd | null> {
  const found = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  if (found === null) return null
  if (!found.isFile()) throw new NotAnExportError(`${path} is not a regular file`)
  const { line, completeBytes } = await lastCompleteLine(path)
  if (line === null || line === '') return { position: null, completeBytes }
  if (format === 'csv') {
    if (line === CSV_COLUMNS.join(',')) return { position: null, completeBytes }
    const first = line.slice(0, line.indexOf(','))
    if (isPosition(first)) return { position: first, completeBytes }
  } else {
    try {
      const position = (JSON.parse(line) as { position?: unknown }).position
      if (typeof position === 'string' && isPosition(position)) return { position, completeBytes }
    } catch {
      // not NDJSON: refused below
    }
  }
  throw new NotAnExportError(`${path} does not end with a ${format} record of an export`)
}

export type ExportTarget =
  /** Write F from the start (it is new, holds no record, or --force). */
  | { mode: 'write' }
  /** Continue F: cut it to `completeBytes`, then append (no CSV header). */
  | { mode: 'append'; completeBytes: number }
  /** Refused: the message says how to continue or overwrite. */
  | { mode: 'refuse'; message: string }

/** What to do with `--out F` given --after and --force. */
export async function exportTarget(
  path: string,
  format: ExportFormat,
  after: Position | undefined,
  force: boolean,
): Promise<ExportTarget> {
  if (force) return { mode: 'write' }
  let end: ExportFileEnd | null
  try {
    end = await exportFileEnd(path, format)
  } catch (error) {
    if (!(error instanceof NotAnExportError)) throw error
    return { mode: 'refuse', message: `${error.message}; pass --force to overwrite it` }
  }
  if (end === null || end.position === null) return { mode: 'write' }
  if (after === end.position) return { mode: 'append', completeBytes: end.completeBytes }
  return {
    mode: 'refuse',
    message:
      after === undefined
        ? `${path} already holds exported events up to ${end.position}: continue it with --after ${end.position} (appends), or pass --force to overwrite it`
        : `${path} ends at position ${end.position}, not at --after ${after}: continue it with --after ${end.position}, or pass --force to overwrite it`,
  }
}
