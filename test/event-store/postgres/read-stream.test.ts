/**
 * Reading one stream (src/event-store/postgres/read-stream.ts): first pages asked for together come
 * back from one query, each in its own order; later pages follow the revision bound.
 */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import type { NewEvent, ReadStreamOptions } from '../../../src/event-store/contract.ts'
import { appendMany } from '../../../src/event-store/postgres/append-many.ts'
import { StreamReader } from '../../../src/event-store/postgres/read-stream.ts'
import { createTestDatabase } from '../../support/database.ts'

const database = await createTestDatabase(t)
const reader = new StreamReader(database.pool)
const event = (n: number): NewEvent => ({ id: randomUUID(), type: 'Counted', data: { n } })
const revisions = async (stream: string, options?: ReadStreamOptions) => {
  const found: number[] = []
  for await (const stored of reader.read(stream, options)) found.push(Number(stored.revision))
  return found
}

t.test('first pages read together each answer their own stream, in their own direction', async (t) => {
  const streams = Array.from({ length: 30 }, (_, i) => ({
    name: `read-${randomUUID()}`,
    length: (i % 5) + 1,
  }))
  await appendMany(
    database.pool,
    streams.map((s) => ({
      stream: s.name,
      events: Array.from({ length: s.length }, (_, n) => event(n)),
      expectedRevision: 'no_stream',
    })),
  )
  const reads = await Promise.all(
    streams.map((s, i) =>
      revisions(s.name, i % 2 === 0 ? {} : { direction: 'backwards', limit: 2 }).then((found) => ({
        s,
        i,
        found,
      })),
    ),
  )
  for (const { s, i, found } of reads) {
    const all = Array.from({ length: s.length }, (_, n) => n)
    t.same(found, i % 2 === 0 ? all : all.reverse().slice(0, 2), `stream ${i}`)
  }
  t.same(await revisions(`read-${randomUUID()}`), [], 'no stream reads empty')
})

t.test('a stream longer than a page is read page after page, from any revision', async (t) => {
  const name = `long-${randomUUID()}`
  await appendMany(database.pool, [
    {
      stream: name,
      events: Array.from({ length: 1_203 }, (_, n) => event(n)),
      expectedRevision: 'no_stream',
    },
  ])
  const forwards = await revisions(name)
  t.equal(forwards.length, 1_203)
  t.ok(
    forwards.every((r, i) => r === i),
    'in order',
  )
  t.same(await revisions(name, { from: 1_000n, limit: 3 }), [1_000, 1_001, 1_002])
  const backwards = await revisions(name, { direction: 'backwards', from: 700n })
  t.equal(backwards.length, 701)
  t.same(backwards.slice(0, 2), [700, 699])
  t.equal(backwards.at(-1), 0)
})
