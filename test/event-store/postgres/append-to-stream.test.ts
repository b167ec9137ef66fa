/**
 * One append to one stream (src/event-store/postgres/append-to-stream.ts): the one-event fast path
 * and append_events answer the same outcomes, and the fast path hands every unusual case over.
 */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import {
  DuplicateEventIdError,
  type NewEvent,
  WrongExpectedRevisionError,
} from '../../../src/event-store/contract.ts'
import { appendToStream } from '../../../src/event-store/postgres/append-to-stream.ts'
import { createTestDatabase } from '../../support/database.ts'

const database = await createTestDatabase(t)
const { pool } = database
const event = (): NewEvent => ({ id: randomUUID(), type: 'Happened', data: { n: 1 } })
const stream = () => `append-${randomUUID()}`
const plain = { lock: true, guard: null }
const revisionsOf = async (name: string) =>
  (
    await pool.query<{ rev: string }>(
      'SELECT e.revision::text AS rev FROM events e WHERE e.stream_id = $1 ORDER BY e.revision',
      [name],
    )
  ).rows.map((row) => row.rev)

for (const count of [1, 3]) {
  const path = count === 1 ? 'the fast path' : 'append_events'
  t.test(`${count} event(s) through ${path}: every expectation answers as the contract says`, async (t) => {
    const name = stream()
    const events = () => Array.from({ length: count }, event)
    const created = await appendToStream(pool, name, events(), 'no_stream', plain)
    t.equal(created.nextExpectedRevision, BigInt(count - 1), 'no_stream creates from revision 0')
    const next = await appendToStream(pool, name, events(), BigInt(count - 1), plain)
    t.equal(next.nextExpectedRevision, BigInt(2 * count - 1), 'an exact revision appends after it')
    t.ok(next.position > created.position, 'later in the log')
    const exists = await appendToStream(pool, name, events(), 'stream_exists', plain)
    t.equal(exists.nextExpectedRevision, BigInt(3 * count - 1))
    const any = await appendToStream(pool, name, events(), 'any', plain)
    t.equal(any.nextExpectedRevision, BigInt(4 * count - 1))

    await t.rejects(appendToStream(pool, name, events(), 'no_stream', plain), WrongExpectedRevisionError)
    await t.rejects(appendToStream(pool, name, events(), 0n, plain), WrongExpectedRevisionError)
    await t.rejects(
      appendToStream(pool, stream(), events(), 'stream_exists', plain),
      WrongExpectedRevisionError,
      'stream_exists on no stream',
    )
    t.same(
      await revisionsOf(name),
      Array.from({ length: 4 * count }, (_, i) => String(i)),
      'nothing written by the refused appends',
    )
  })
}

t.test('a retried append answers its original result; its ids elsewhere are a conflict', async (t) => {
  const name = stream()
  const first = [event()]
  const original = await appendToStream(pool, name, first, 'no_stream', plain)
  await appendToStream(pool, name, [event()], 0n, plain)
  t.same(await appendToStream(pool, name, first, 'no_stream', plain), original, 'the retry is a no-op')
  await t.rejects(appendToStream(pool, stream(), first, 'no_stream', plain), DuplicateEventIdError)
  t.same(await revisionsOf(name), ['0', '1'])
})

t.test('a guarded append goes through append_events and fails when its guard moved', async (t) => {
  const guard = stream()
  await appendToStream(pool, guard, [event(), event()], 'no_stream', plain)
  const name = stream()
  const ok = await appendToStream(pool, name, [event()], 'no_stream', {
    lock: true,
    guard: { stream: guard, revision: 1n },
  })
  t.equal(ok.nextExpectedRevision, 0n)
  const refused = await appendToStream(pool, name, [event()], 0n, {
    lock: true,
    guard: { stream: guard, revision: 0n },
  }).catch((error: unknown) => error)
  t.ok(refused instanceof WrongExpectedRevisionError, 'refused')
  t.equal((refused as WrongExpectedRevisionError).stream, guard, 'naming the guard stream')
  t.equal((refused as WrongExpectedRevisionError).actual, 1n, 'and where it is')
  t.same(await revisionsOf(name), ['0'])
})

t.test("concurrent 'any' appends to one stream all land, one revision each", async (t) => {
  const name = stream()
  await appendToStream(pool, name, [event()], 'no_stream', plain)
  await Promise.all(Array.from({ length: 20 }, () => appendToStream(pool, name, [event()], 'any', plain)))
  t.same(
    await revisionsOf(name),
    Array.from({ length: 21 }, (_, i) => String(i)),
  )
})
