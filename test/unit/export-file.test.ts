/**
 * `events export --out F` decides from F's last complete record (src/analytics/export-file.ts):
 * lines longer than the 64 KiB it reads at a time, CRLF, a half-written last line, a file holding
 * only the CSV header, and a file that is not an export.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { exportFileEnd, exportTarget, NotAnExportError } from '../../src/analytics/export-file.ts'

const dir = await mkdtemp(join(tmpdir(), 'nexus-export-file-'))
t.teardown(() => rm(dir, { recursive: true, force: true }))
const position = (n: number) => n.toString(16).padStart(32, '0')
let files = 0
async function file(text: string): Promise<string> {
  const path = join(dir, `f${files++}`)
  await writeFile(path, text)
  return path
}
const ndjson = (n: number, padding = 0) =>
  `${JSON.stringify({ position: position(n), id: `e${n}`, data: { text: 'x'.repeat(padding) } })}\n`

t.test('NDJSON: the last complete line, whatever its length', async (t) => {
  const short = await file(ndjson(1) + ndjson(2))
  t.strictSame(await exportFileEnd(short, 'ndjson'), {
    position: position(2),
    completeBytes: (ndjson(1) + ndjson(2)).length,
  })
  // Lines of 200 KiB: the last one spans several of the chunks read from the end.
  const text = ndjson(1, 200_000) + ndjson(2, 200_000)
  t.strictSame(await exportFileEnd(await file(text), 'ndjson'), {
    position: position(2),
    completeBytes: text.length,
  })
  const single = ndjson(7, 100_000)
  t.strictSame(await exportFileEnd(await file(single), 'ndjson'), {
    position: position(7),
    completeBytes: single.length,
  })
})

t.test('a half-written last line is not counted: the file continues after the line before', async (t) => {
  const whole = ndjson(1) + ndjson(2)
  const path = await file(`${whole}{"position":"00000`)
  t.strictSame(await exportFileEnd(path, 'ndjson'), { position: position(2), completeBytes: whole.length })
  t.strictSame(await exportTarget(path, 'ndjson', position(2), false), {
    mode: 'append',
    completeBytes: whole.length,
  })
  t.strictSame(await exportFileEnd(await file('{"position":"0000'), 'ndjson'), {
    position: null,
    completeBytes: 0,
  })
})

t.test('CSV: CRLF records; only the header is no record', async (t) => {
  const header = 'position,id,type,stream,revision,createdAt,data,metadata\r\n'
  const row = `${position(5)},e5,MovieAdded,movie-1,0,2026-01-01T00:00:00.000Z,"{""a"":1}",{}\r\n`
  t.strictSame(await exportFileEnd(await file(header + row), 'csv'), {
    position: position(5),
    completeBytes: (header + row).length,
  })
  const headerOnly = await file(header)
  t.strictSame(await exportFileEnd(headerOnly, 'csv'), { position: null, completeBytes: header.length })
  t.strictSame(await exportTarget(headerOnly, 'csv', undefined, false), { mode: 'write' })
})

t.test('refused: another position, no --after, or not an export; --force and new files write', async (t) => {
  const path = await file(ndjson(1) + ndjson(2))
  const without = await exportTarget(path, 'ndjson', undefined, false)
  t.equal(without.mode, 'refuse')
  t.match(without, { message: new RegExp(`up to ${position(2)}: continue it with --after ${position(2)}`) })
  const other = await exportTarget(path, 'ndjson', position(1), false)
  t.match(other, { mode: 'refuse', message: new RegExp(`ends at position ${position(2)}, not at --after`) })
  t.strictSame(await exportTarget(path, 'ndjson', undefined, true), { mode: 'write' })
  t.strictSame(await exportTarget(join(dir, 'new'), 'ndjson', undefined, false), { mode: 'write' })
  t.strictSame(await exportTarget(await file(''), 'ndjson', position(3), false), { mode: 'write' })

  const notExport = await file('hello\nworld\n')
  await t.rejects(exportFileEnd(notExport, 'ndjson'), NotAnExportError)
  t.match(await exportTarget(notExport, 'csv', undefined, false), {
    mode: 'refuse',
    message: /does not end with a csv record of an export; pass --force/,
  })
  t.match(await exportTarget(path, 'csv', position(2), false), { mode: 'refuse' }, 'NDJSON is not CSV')
})
