/**
 * Reading one stream (src/event-store/postgres/read-stream.ts): first pages asked for together come
 * back from one query, each in its own order; later pages follow the revision bound; first pages
 * asked for while enough queries are in flight wait and go together in the next.
 */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import type { NewEvent, ReadStreamOptions } from '../../../src/event-store/contract.ts'
import { appendMany } from '../../../src/event-store/postgres/append-many.ts'
import { MAX_READS_IN_FLIGHT, StreamReader } from '../../../src/event-store/postgres/read-stream.ts'
import { createTestDatabase } from '../../support/database.ts'
import { recordStatements } from '../../support/statement-recorder.ts'

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

t.test(
  'first pages asked for while MAX_READS_IN_FLIGHT queries run wait and go together in the next',
  async (t) => {
    const streams = Array.from({ length: MAX_READS_IN_FLIGHT + 3 }, () => `held-${randomUUID()}`)
    await appendMany(
      database.pool,
      streams.map((stream) => ({ stream, events: [event(0)], expectedRevision: 'no_stream' })),
    )
    const recorder = recordStatements(database.pool)
    const turn = () => new Promise((resolve) => setImmediate(resolve))
    // The events table locked elsewhere: the first queries stay in flight until it is released.
    const holder = await database.pool.connect()
    try {
      await holder.query('BEGIN')
      await holder.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE')
      const { result, sent } = await recorder.during(async () => {
        const reads: Promise<number[]>[] = []
        // Each read in a turn of its own, every one of them after the first ones were sent.
        for (const stream of streams) {
          reads.push(revisions(stream))
          await turn()
          await turn()
        }
        await holder.query('COMMIT')
        return Promise.all(reads)
      })
      t.same(
        result,
        streams.map(() => [0]),
        'every read answers its own stream',
      )
      const firstPages = sent.filter((s) => s.name === 'read-stream-first-pages')
      t.equal(
        firstPages.length,
        MAX_READS_IN_FLIGHT + 1,
        `${streams.length} reads in ${streams.length} turns: ${MAX_READS_IN_FLIGHT} alone, the 3 asked meanwhile in one query`,
      )
    } finally {
      holder.release()
    }
  },
)
