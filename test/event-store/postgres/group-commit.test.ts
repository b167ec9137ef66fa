/**
 * Group commit in the PostgreSQL event store: appends asked for in the same event-loop turn share one
 * transaction (append_events_batch), yet each keeps the outcome it would have had alone.
 */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import {
  DuplicateEventIdError,
  decodePosition,
  type NewEvent,
  WrongExpectedRevisionError,
} from '../../../src/event-store/contract.ts'
import { PostgresEventStore } from '../../../src/event-store/postgres/postgres-event-store.ts'
import { createTestDatabase } from '../../support/database.ts'

const database = await createTestDatabase(t)
const store = new PostgresEventStore(database.pool, { connectionString: database.url, pollIntervalMs: 250 })
t.teardown(() => store.close())

const event = (data: unknown = { n: 1 }): NewEvent => ({ id: randomUUID(), type: 'Happened', data })
const stream = (name: string) => `group-${name}-${randomUUID()}`
const transactionOf = (position: string) => decodePosition(position).high
const storedIn = async (name: string) => {
  const ids: string[] = []
  for await (const stored of store.readStream(name)) ids.push(stored.id)
  return ids
}

t.test('concurrent appends to many streams commit together, each answered for itself', async (t) => {
  const writes = Array.from({ length: 40 }, () => ({ stream: stream('many'), events: [event(), event()] }))
  const results = await Promise.all(writes.map((w) => store.append(w.stream, w.events, 'no_stream')))
  t.ok(
    results.every((result) => result.nextExpectedRevision === 1n),
    'two events each',
  )
  const transactions = new Set(results.map((result) => transactionOf(result.position)))
  t.ok(transactions.size < writes.length, `${writes.length} appends in ${transactions.size} transactions`)
  for (const [i, w] of writes.entries()) {
    t.same(
      await storedIn(w.stream),
      w.events.map((e) => e.id),
      `stream ${i} holds its own events`,
    )
  }
})

t.test("one write's failure is its own: the others of its group commit", async (t) => {
  const stored = { stream: stream('stored'), events: [event()] }
  const original = await store.append(stored.stream, stored.events, 'no_stream')
  const elsewhere = await store.append(stream('elsewhere'), [event()], 'no_stream')
  const movie = stream('movie')
  await store.append(movie, [event()], 'no_stream')
  const reused = event()
  await store.append(stream('owner'), [reused], 'no_stream')
  void elsewhere

  const good = [stream('good'), stream('good')]
  const contested = stream('contested')
  const poison = stream('poison')
  // Already exists: creating it again is a wrong expected revision.
  const wrongRevision = stream('wrong')
  await store.append(wrongRevision, [event()], 'no_stream')
  const outcomes = await Promise.allSettled([
    store.append(good[0] as string, [event()], 'no_stream'),
    store.append(wrongRevision, [event()], 'no_stream'),
    store.append(stored.stream, stored.events, 'no_stream'),
    store.append(stream('conflict'), [reused], 'no_stream'),
    store.append(stream('guarded'), [event()], 'no_stream', { guard: { stream: movie, revision: 3n } }),
    // PostgreSQL's jsonb refuses \u0000: an error inside the group, not a conflict.
    store.append(poison, [event({ text: 'a\u0000b' })], 'no_stream'),
    store.append(contested, [event()], 'no_stream'),
    store.append(contested, [event()], 'no_stream'),
    store.append(good[1] as string, [event()], 'no_stream'),
  ])
  const [first, wrong, retried, conflict, guarded, failed, contestA, contestB, second] = outcomes
  t.equal(first?.status, 'fulfilled')
  t.equal(second?.status, 'fulfilled')
  if (first?.status === 'fulfilled' && second?.status === 'fulfilled') {
    t.equal(
      transactionOf(first.value.position),
      transactionOf(second.value.position),
      'the two good appends committed in one transaction',
    )
  }
  t.ok(wrong?.status === 'rejected' && wrong.reason instanceof WrongExpectedRevisionError, 'wrong revision')
  t.same(
    retried?.status === 'fulfilled' ? retried.value : retried,
    original,
    'a retry answers the original result',
  )
  t.ok(
    conflict?.status === 'rejected' && conflict.reason instanceof DuplicateEventIdError,
    'an id used elsewhere',
  )
  t.ok(
    guarded?.status === 'rejected' &&
      guarded.reason instanceof WrongExpectedRevisionError &&
      guarded.reason.stream === movie,
    'a guard that moved names its stream',
  )
  t.ok(
    failed?.status === 'rejected' && !(failed.reason instanceof WrongExpectedRevisionError),
    'a database error is an error, not a conflict',
  )
  t.same(
    [contestA, contestB].map((outcome) => outcome?.status).sort(),
    ['fulfilled', 'rejected'],
    'two appends to one new stream: one wins',
  )
  t.equal((await storedIn(contested)).length, 1)
  t.same(await storedIn(poison), [], 'the failed write left nothing')
  t.equal((await storedIn(wrongRevision)).length, 1, 'the existing stream kept its one event')
  t.equal((await storedIn(good[0] as string)).length, 1, 'the good writes are stored')
  t.equal((await storedIn(good[1] as string)).length, 1)
})

t.test('appends to existing streams take the plain path beside a group', async (t) => {
  const name = stream('lone')
  const result = await store.append(name, [event()], 'no_stream')
  t.equal(result.nextExpectedRevision, 0n)
  // Appends one after another on one stream, each at the revision the last answered.
  let revision = result.nextExpectedRevision
  for (let i = 0; i < 5; i++) {
    const [next] = await Promise.all([
      store.append(name, [event()], revision),
      store.append(stream('x'), [event()], 'no_stream'),
    ])
    revision = next.nextExpectedRevision
  }
  t.equal(revision, 5n)
  const positions: string[] = []
  for await (const stored of store.readStream(name)) positions.push(stored.position)
  t.same(positions, [...positions].sort(), 'positions increase with revisions')
})

t.test('a bulk write holding its lock and a group creating the same stream: no deadlock', async (t) => {
  // The interleaving that used to deadlock, forced: the bulk write takes its exclusive lock first;
  // a group of [create S, create G guarded] starts; only then does the bulk write insert S. A group
  // that inserted S before asking for the bulk lock (its guarded write needs it shared) waited on
  // the bulk write, which waited on S: PostgreSQL broke the cycle after deadlock_timeout (1 s).
  // The group now takes the bulk lock before any insert, so it waits, and S goes to the bulk write.
  const movie = stream('deadlock-movie')
  await store.append(movie, [event()], 'no_stream')
  const first = `group-a-${randomUUID()}`
  const guarded = `group-b-${randomUUID()}`
  const bulk = await database.pool.connect()
  try {
    await bulk.query('BEGIN')
    await bulk.query('SELECT pg_advisory_xact_lock(1314391298, 0)')
    const group = Promise.allSettled([
      store.append(first, [event()], 'no_stream'),
      store.append(guarded, [event()], 'no_stream', { guard: { stream: movie, revision: 0n } }),
    ])
    await new Promise((resolve) => setTimeout(resolve, 300))
    const started = performance.now()
    const e = event()
    await bulk.query(
      'SELECT * FROM append_to_stream($1, $2, $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[])',
      [first, 'no_stream', [e.id], [e.type], [JSON.stringify(e.data)], ['{}']],
    )
    await bulk.query('COMMIT')
    const waited = performance.now() - started
    t.ok(waited < 500, `the bulk write did not wait on the group (${Math.round(waited)} ms)`)
    const [created, guardedOutcome] = await group
    t.ok(
      created?.status === 'rejected' && created.reason instanceof WrongExpectedRevisionError,
      'the group finds the stream the bulk write created',
    )
    t.equal(guardedOutcome?.status, 'fulfilled', 'its guarded write goes through')
    t.same(await storedIn(first), [e.id])
  } finally {
    bulk.release()
  }
})
