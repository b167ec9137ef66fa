/**
 * The bulk path (src/event-store/postgres/append-many.ts): one transaction for the whole call, the
 * set-based INSERT when every write goes as expected, write by write when two writes chain.
 */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import {
  decodePosition,
  type NewEvent,
  type StreamWrite,
  WrongExpectedRevisionError,
} from '../../../src/event-store/contract.ts'
import { appendMany } from '../../../src/event-store/postgres/append-many.ts'
import { appendToStream } from '../../../src/event-store/postgres/append-to-stream.ts'
import { createTestDatabase } from '../../support/database.ts'

const database = await createTestDatabase(t)
const { pool } = database
const event = (): NewEvent => ({ id: randomUUID(), type: 'Imported', data: { n: 1 } })
const stream = () => `bulk-${randomUUID()}`
const countIn = async (names: string[]) =>
  Number(
    (await pool.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE stream_id = ANY($1)', [names]))
      .rows[0]?.n,
  )

t.test('many streams commit in one transaction, each answered with its last revision', async (t) => {
  const existing = stream()
  await appendToStream(pool, existing, [event()], 'no_stream', { lock: true, guard: null })
  const writes: StreamWrite[] = [
    { stream: stream(), events: [event(), event()], expectedRevision: 'no_stream' },
    { stream: existing, events: [event()], expectedRevision: 0n },
    { stream: stream(), events: [event()], expectedRevision: 'any' },
  ]
  const results = await appendMany(pool, writes)
  t.same(
    results.map((r) => r.nextExpectedRevision),
    [1n, 1n, 0n],
  )
  t.equal(new Set(results.map((r) => decodePosition(r.position).high)).size, 1, 'one transaction id')
})

t.test('two writes to one stream chain (the write-by-write path)', async (t) => {
  const name = stream()
  const results = await appendMany(pool, [
    { stream: name, events: [event()], expectedRevision: 'no_stream' },
    { stream: name, events: [event(), event()], expectedRevision: 0n },
  ])
  t.same(
    results.map((r) => r.nextExpectedRevision),
    [0n, 2n],
  )
  t.equal(await countIn([name]), 3)
})

t.test('one write that does not match its expectation leaves the whole call unwritten', async (t) => {
  const taken = stream()
  await appendToStream(pool, taken, [event()], 'no_stream', { lock: true, guard: null })
  const fresh = stream()
  await t.rejects(
    appendMany(pool, [
      { stream: fresh, events: [event()], expectedRevision: 'no_stream' },
      { stream: taken, events: [event()], expectedRevision: 'no_stream' },
    ]),
    WrongExpectedRevisionError,
  )
  t.equal(await countIn([fresh, taken]), 1, 'only the event written before the call')
})

t.test('an empty call writes nothing and an empty write is refused', async (t) => {
  t.same(await appendMany(pool, []), [])
  await t.rejects(appendMany(pool, [{ stream: stream(), events: [], expectedRevision: 'any' }]), RangeError)
})
