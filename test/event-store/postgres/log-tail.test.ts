/**
 * The recent log shared by the unfiltered subscriptions of one store (src/event-store/postgres/
 * log-tail.ts): several subscriptions woken together read the log once between them, and each
 * still receives every event once, in log order, a late commit included.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import type { NewEvent, StoredEvent } from '../../../src/event-store/contract.ts'
import { withEventCatalogue } from '../../../src/event-store/create-event-store.ts'
import { appendToStream } from '../../../src/event-store/postgres/append-to-stream.ts'
import { EVENTS_CHANNEL } from '../../../src/event-store/postgres/events-table.ts'
import { PostgresEventStore } from '../../../src/event-store/postgres/postgres-event-store.ts'
import { createTestDatabase } from '../../support/database.ts'

const database = await createTestDatabase(t)
const { pool } = database
const event = (type: string): NewEvent => ({ id: randomUUID(), type, data: {} })

/** Log reads sent to PostgreSQL (readLogPage's statement), counted on the store's pool. */
let logReads = 0
const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>
pool.query = ((...args: unknown[]) => {
  const [text] = args
  if (typeof text === 'string' && text.includes('ORDER BY e.transaction_id, e.global_position')) logReads += 1
  return query(...args)
}) as typeof pool.query

// A poll long enough that only notifications make these subscriptions read.
const quiet = new PostgresEventStore(pool, { connectionString: database.url, pollIntervalMs: 60_000 })
// The usual poll: the head waits for this database's open transactions, and what becomes
// visible that way wakes nobody.
const polling = new PostgresEventStore(pool, { connectionString: database.url, pollIntervalMs: 250 })
t.teardown(() => Promise.all([quiet.close(), polling.close()]))

/** Waits until the log shows everything appended so far (the head stops below any open transaction). */
async function untilVisible(store: PostgresEventStore, position: string): Promise<void> {
  const deadline = Date.now() + 120_000
  while ((await store.headPosition()) < position && Date.now() < deadline) await sleep(20)
}

function follow(store: PostgresEventStore, after: string) {
  const subscription = store.subscribe({ after })
  const received: StoredEvent[] = []
  const done = (async () => {
    for await (const stored of subscription) received.push(stored)
  })()
  return {
    received,
    async until(count: number): Promise<void> {
      const deadline = Date.now() + 120_000
      while (received.length < count && Date.now() < deadline) await sleep(10)
    },
    async close() {
      await subscription.close()
      await done
    },
  }
}

t.test('subscriptions woken together share their reads of the log', async (t) => {
  const store = quiet
  const first = await store.append(`tail-${randomUUID()}`, [event('Before')], 'no_stream')
  await untilVisible(store, first.position)
  const followers = Array.from({ length: 5 }, () => follow(store, first.position))
  // Each has made its first read (shared or not) and found nothing new.
  await sleep(500)
  // Written without a notification, visible, then one notification wakes them all.
  const written = await appendToStream(pool, `tail-${randomUUID()}`, [event('Shared')], 'no_stream', {
    lock: false,
    guard: null,
  })
  await untilVisible(store, written.position)
  const before = logReads
  await pool.query(`SELECT pg_notify('${EVENTS_CHANNEL}', '')`)
  await Promise.all(followers.map((f) => f.until(1)))
  for (const follower of followers)
    t.same(
      follower.received.map((e) => e.type),
      ['Shared'],
    )
  t.ok(
    logReads - before < followers.length,
    `${logReads - before} reads for ${followers.length} subscriptions`,
  )
  await Promise.all(followers.map((f) => f.close()))
})

t.test('every subscription gets every event once and in order, a late commit included', async (t) => {
  const store = polling
  const start = await store.headPosition()
  const followers = Array.from({ length: 4 }, () => follow(store, start))
  // A writer holds its transaction (and so its log position) open while others commit after it.
  const late = await pool.connect()
  await late.query('BEGIN')
  await late.query(
    'SELECT * FROM append_to_stream($1, $2, ARRAY[$3::uuid], ARRAY[$4::text], ARRAY[$5::jsonb], ARRAY[$6::jsonb])',
    [`tail-${randomUUID()}`, 'no_stream', randomUUID(), 'Late', '{}', '{}'],
  )
  const writes = Array.from({ length: 60 }, (_, i) =>
    store.append(`tail-${randomUUID()}`, [event(`Burst${i}`), event(`Burst${i}`)], 'no_stream'),
  )
  await Promise.all(writes)
  await sleep(200)
  await late.query('COMMIT')
  late.release()
  // Wake the subscriptions for the late commit (an append's NOTIFY does; the test wrote it by hand).
  const last = await store.append(`tail-${randomUUID()}`, [event('Last')], 'no_stream')
  await untilVisible(store, last.position)
  await Promise.all(followers.map((f) => f.until(122)))
  const expected: string[] = []
  for await (const stored of store.readAll({ after: start })) expected.push(stored.id)
  t.equal(expected.length, 122, 'the log holds the 122 events')
  for (const [i, follower] of followers.entries()) {
    const ids = follower.received.map((e) => e.id)
    t.same(ids, expected, `subscription ${i} received the log as it is, once, in order`)
  }
  await Promise.all(followers.map((f) => f.close()))
})

t.test(
  "a subscription's pages hold its events as each read found them, upcast like the events",
  async (t) => {
    const store = withEventCatalogue(polling)
    const start = await store.headPosition()
    const stream = `tail-${randomUUID()}`
    const appended = await store.append(
      stream,
      Array.from({ length: 25 }, (_, i) => event(`Paged${i}`)),
      'no_stream',
    )
    await untilVisible(polling, appended.position)
    const expected: string[] = []
    for await (const stored of store.readAll({ after: start })) expected.push(stored.id)
    const subscription = store.subscribe({ after: start, batchSize: 10 })
    const pages = subscription.pages?.()
    if (!pages) throw new Error('the PostgreSQL store gives pages')
    const sizes: number[] = []
    const ids: string[] = []
    for await (const page of pages) {
      sizes.push(page.length)
      for (const stored of page) ids.push(stored.id)
      if (ids.length >= expected.length) break
    }
    await subscription.close()
    t.same(sizes, [10, 10, 5], 'one page per read, none empty')
    t.same(ids, expected, 'every event once, in log order')
  },
)
