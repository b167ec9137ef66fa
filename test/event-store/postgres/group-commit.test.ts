/**
 * Group commit in the PostgreSQL event store: appends asked for in the same event-loop turn share one
 * transaction (append_events_group), yet each keeps the outcome it would have had alone; appends asked
 * for while enough groups run wait and commit together in the next; a group carries the NOTIFY.
 */
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import pg from 'pg'
import t from 'tap'
import {
  DuplicateEventIdError,
  decodePosition,
  encodePosition,
  type NewEvent,
  WrongExpectedRevisionError,
} from '../../../src/event-store/contract.ts'
import { EVENTS_CHANNEL } from '../../../src/event-store/postgres/events-table.ts'
import { MAX_GROUPS_IN_FLIGHT } from '../../../src/event-store/postgres/group-commit.ts'
import { PostgresEventStore } from '../../../src/event-store/postgres/postgres-event-store.ts'
import { createTestDatabase } from '../../support/database.ts'
import { recordStatements } from '../../support/statement-recorder.ts'

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

t.test('appends at a known revision are grouped too, beside the creating ones', async (t) => {
  const name = stream('existing')
  const result = await store.append(name, [event()], 'no_stream')
  t.equal(result.nextExpectedRevision, 0n)
  // Appends one after another on one stream, each at the revision the last answered.
  let revision = result.nextExpectedRevision
  for (let i = 0; i < 5; i++) {
    const [next, created] = await Promise.all([
      store.append(name, [event()], revision),
      store.append(stream('x'), [event()], 'no_stream'),
    ])
    t.equal(
      transactionOf(next.position),
      transactionOf(created.position),
      'the append to the existing stream committed with the creating one',
    )
    revision = next.nextExpectedRevision
  }
  t.equal(revision, 5n)
  const positions: string[] = []
  for await (const stored of store.readStream(name)) positions.push(stored.position)
  t.same(positions, [...positions].sort(), 'positions increase with revisions')
})

t.test('grouped appends at one revision of one stream: one lands, the others conflict', async (t) => {
  const name = stream('contested-existing')
  await store.append(name, [event()], 'no_stream')
  const events = Array.from({ length: 20 }, () => event())
  const outcomes = await Promise.allSettled(events.map((e) => store.append(name, [e], 0n)))
  const won = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [events[i]?.id] : []))
  t.equal(won.length, 1, 'one append at revision 0 won')
  t.ok(
    outcomes.every((o) => o.status === 'fulfilled' || o.reason instanceof WrongExpectedRevisionError),
    'the others are conflicts',
  )
  const stored = await storedIn(name)
  t.equal(stored.length, 2, 'nothing lost, nothing doubled')
  t.equal(stored[1], won[0], "the winner's event is the stream's second")
})

t.test("a write whose stream's lock is held elsewhere goes alone; its group does not wait", async (t) => {
  const held = stream('held')
  await store.append(held, [event()], 'no_stream')
  const other = stream('other')
  await store.append(other, [event()], 'no_stream')
  const holder = await database.pool.connect()
  try {
    // A lone append to `held` in the middle of its transaction: it holds the stream's lock.
    await holder.query('BEGIN')
    await holder.query('SELECT pg_advisory_xact_lock(1314391297, hashtext($1))', [held])
    const waiting = store.append(held, [event()], 0n)
    const grouped = await store.append(other, [event()], 0n)
    t.equal(grouped.nextExpectedRevision, 1n, 'the rest of the group committed while the lock was held')
    const settled = await Promise.race([
      waiting.then(() => 'appended'),
      new Promise((resolve) => setTimeout(() => resolve('waiting'), 300)),
    ])
    t.equal(settled, 'waiting', 'the busy write waits for the lock, alone')
    await holder.query('COMMIT')
    const alone = await waiting
    t.equal(alone.nextExpectedRevision, 1n)
    t.not(transactionOf(alone.position), transactionOf(grouped.position), 'in a transaction of its own')
  } finally {
    holder.release()
  }
})

t.test('a grouped append moving a guard stream lands after a guarded append that checked it', async (t) => {
  // The interleaving grouping must not break, forced: a guarded append holds its guard stream's
  // lock shared (it checked the guard) but has not inserted yet; a group creating `order-a` and
  // moving the guard stream `order-m` starts. Had the group taken its transaction id at the first
  // insert (order-a) and only then waited for order-m's lock, the guarded append's later transaction
  // id would put its event after the move in the log. The group takes order-m's lock before any
  // insert or finds it busy, so the move goes alone, after the guarded append.
  const tag = randomUUID()
  const guardStream = `order-m-${tag}`
  await store.append(guardStream, [event()], 'no_stream')
  const guarded = await database.pool.connect()
  try {
    await guarded.query('BEGIN')
    await guarded.query('SELECT pg_advisory_xact_lock_shared(1314391297, hashtext($1))', [guardStream])
    const group = Promise.all([
      store.append(`order-a-${tag}`, [event()], 'no_stream'),
      store.append(guardStream, [event({ removed: true })], 0n),
    ])
    await new Promise((resolve) => setTimeout(resolve, 200))
    const e = event()
    const inserted = await guarded.query<{ tx: string; pos: string }>(
      `SELECT transaction_id::text AS tx, global_position::text AS pos
       FROM append_to_stream($1, $2, $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[])`,
      [`order-i-${tag}`, 'no_stream', [e.id], [e.type], [JSON.stringify(e.data)], ['{}']],
    )
    await guarded.query('COMMIT')
    const [, moved] = await group
    const row = inserted.rows[0]
    if (!row) throw new Error('the guarded insert answered no row')
    const guardedPosition = encodePosition(BigInt(row.tx), BigInt(row.pos))
    t.ok(moved.position > guardedPosition, 'the move comes after the guarded append in the log')
  } finally {
    guarded.release()
  }
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
    const e = event()
    await bulk.query(
      'SELECT * FROM append_to_stream($1, $2, $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[])',
      [first, 'no_stream', [e.id], [e.type], [JSON.stringify(e.data)], ['{}']],
    )
    await bulk.query('COMMIT')
    // Had the group inserted S first, PostgreSQL would have broken the cycle after deadlock_timeout by
    // failing one side: the bulk write (its query throws here) or the group (its outcomes below).
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

t.test(
  'the common write goes in with the others in one INSERT; the unusual ones run append_events',
  async (t) => {
    // Function calls counted in the calling transaction (track_functions, this session only).
    const client = await database.pool.connect()
    const group = (writes: { stream: string; expected: string; guard?: [string, bigint] }[]) =>
      client.query<{ result: string; next_revision: string }>(
        `SELECT result, next_revision::text FROM append_events_group($1, $2, $3, $4, $5::bigint[], $6::uuid[], $7, $8, $9)`,
        [
          writes.map((w) => w.stream),
          writes.map((w) => w.expected),
          writes.map(() => 1),
          writes.map((w) => w.guard?.[0] ?? null),
          writes.map((w) => (w.guard ? w.guard[1].toString() : null)),
          writes.map(() => randomUUID()),
          writes.map(() => 'Happened'),
          writes.map(() => '{}'),
          writes.map(() => '{}'),
        ],
      )
    const calls = async () =>
      (
        await client.query<{ calls: string }>(
          "SELECT coalesce(sum(calls), 0)::text AS calls FROM pg_stat_xact_user_functions WHERE funcname = 'append_events'",
        )
      ).rows[0]?.calls
    try {
      const movie = stream('set-movie')
      await store.append(movie, [event()], 'no_stream')
      const [a, b] = [stream('set-a'), stream('set-b')]
      await client.query('BEGIN')
      await client.query("SET LOCAL track_functions = 'all'")
      const created = await group([
        { stream: a, expected: 'no_stream', guard: [movie, 0n] },
        { stream: b, expected: 'no_stream' },
      ])
      t.same(
        created.rows.map((row) => row.result),
        ['ok', 'ok'],
      )
      const next = await group([
        { stream: a, expected: '0', guard: [movie, 0n] },
        { stream: b, expected: '0' },
      ])
      t.same(
        next.rows.map((row) => [row.result, row.next_revision]),
        [
          ['ok', '1'],
          ['ok', '1'],
        ],
      )
      t.equal(await calls(), '0', 'no append_events for the common writes')
      const unusual = await group([
        { stream: a, expected: '0' },
        { stream: b, expected: '1', guard: [movie, 5n] },
        { stream: stream('set-c'), expected: 'no_stream' },
      ])
      t.same(
        unusual.rows.map((row) => row.result),
        ['wrong_revision', 'guard_failed', 'ok'],
      )
      t.equal(await calls(), '2', 'append_events found the outcome of the two the INSERT did not take')
      await client.query('ROLLBACK')
    } finally {
      client.release()
    }
  },
)

t.test(
  'appends asked for while MAX_GROUPS_IN_FLIGHT groups run wait and commit together in the next',
  async (t) => {
    const turn = () => new Promise((resolve) => setImmediate(resolve))
    const holder = await database.pool.connect()
    const writes = Array.from({ length: MAX_GROUPS_IN_FLIGHT }, () => [
      stream('in-flight'),
      stream('in-flight'),
    ])
    const later = Array.from({ length: 3 }, () => stream('later'))
    try {
      // The events table locked elsewhere: the first groups stay in flight until it is released.
      await holder.query('BEGIN')
      await holder.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE')
      const groups: Promise<unknown>[] = []
      // Two appends in a turn make a group; each pair in a turn of its own.
      for (const pair of writes) {
        groups.push(Promise.all(pair.map((name) => store.append(name, [event()], 'no_stream'))))
        await turn()
        await turn()
      }
      // Asked for one by one, in turns of their own, while those groups wait.
      const waiting: Promise<{ position: string }>[] = []
      for (const name of later) {
        waiting.push(store.append(name, [event()], 'no_stream'))
        await turn()
        await turn()
      }
      await holder.query('COMMIT')
      await Promise.all(groups)
      const results = await Promise.all(waiting)
      t.equal(
        new Set(results.map((result) => transactionOf(result.position))).size,
        1,
        `${later.length} appends asked for in ${later.length} turns while the groups ran: one transaction`,
      )
      for (const name of later) t.equal((await storedIn(name)).length, 1, `${name} holds its event`)
    } finally {
      holder.release()
    }
  },
)

t.test('a group wakes the subscribers at its own commit: no NOTIFY statement after it', async (t) => {
  const listener = new pg.Client({ connectionString: database.url })
  await listener.connect()
  t.teardown(() => listener.end())
  await listener.query(`LISTEN ${EVENTS_CHANNEL}`)
  const heard = once(listener, 'notification')
  const recorder = recordStatements(database.pool)
  const { result, sent } = await recorder.during(() =>
    Promise.all(Array.from({ length: 10 }, () => store.append(stream('woken'), [event()], 'no_stream'))),
  )
  t.equal(new Set(result.map((r) => transactionOf(r.position))).size, 1, 'one group')
  t.same(
    sent.map((s) => s.name ?? s.text),
    ['append-events-group-notifying'],
    'the group statement notifies; nothing is sent after it',
  )
  const [message] = (await heard) as [pg.Notification]
  t.equal(message.channel, EVENTS_CHANNEL, 'a subscriber heard it')
})
