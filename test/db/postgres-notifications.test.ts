/**
 * The process's one LISTEN connection (src/db/postgres-notifications.ts) and the
 * subscriptions that hear appends through it (src/event-store/postgres/subscription.ts): however many listen, one
 * connection; when it is killed, listeners are told and it comes back by itself.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { PostgresNotifications } from '../../src/db/postgres-notifications.ts'
import type { StoredEvent } from '../../src/event-store/contract.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { createTestDatabase } from '../support/database.ts'

const database = await createTestDatabase(t)
const { pool } = database
const name = `nexus-test-${randomUUID().slice(0, 8)}/listen`

const connectionsNamed = async (applicationName: string) =>
  Number(
    (
      await pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = $2',
        [database.name, applicationName],
      )
    ).rows[0]?.n,
  )

/**
 * Appends, waits until the log shows the event (the visible head stops below the oldest transaction
 * open in the database, so the append's own NOTIFY may come too early), then
 * notifies again: what the test proves is that the notification, not the poll, delivers.
 */
async function appendAndNotify(
  store: PostgresEventStore,
  stream: string,
  type: string,
  expected: 'no_stream' | bigint,
): Promise<void> {
  const { position } = await store.append(stream, [{ id: randomUUID(), type, data: {} }], expected)
  await eventually(async () => (await store.headPosition()) >= position, 'the append is visible')
  await pool.query("SELECT pg_notify('nexus_events', '')")
}

async function eventually(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (await check()) return
    await sleep(50)
  }
  throw new Error(`timed out waiting until ${what}`)
}

t.test('twenty subscriptions and two channels share one LISTEN connection', async (t) => {
  const notifications = new PostgresNotifications(database.url, { applicationName: name })
  const store = new PostgresEventStore(pool, { listen: notifications.listen, pollIntervalMs: 60_000 })
  t.teardown(async () => {
    await store.close()
    await notifications.close()
  })
  t.equal(await connectionsNamed(name), 0, 'no connection before anyone listens')
  const stream = `heard-${randomUUID()}`
  const received = Array.from({ length: 20 }, () => [] as StoredEvent[])
  const subscriptions = received.map((into) => {
    const subscription = store.subscribe({ streamPrefix: stream })
    void (async () => {
      for await (const event of subscription) into.push(event)
    })()
    return subscription
  })
  let moves = 0
  const unlisten = await notifications.listen('nexus_projections', () => moves++)
  await eventually(() => notifications.listening, 'listening')
  await sleep(200)
  await appendAndNotify(store, stream, 'Heard', 'no_stream')
  // The poll interval is a minute: only a notification can deliver this in time.
  await eventually(() => received.every((into) => into.length === 1), 'every subscription has the event')
  await pool.query(`NOTIFY nexus_projections`)
  await eventually(() => moves >= 2, 'the other channel heard too')
  t.equal(await connectionsNamed(name), 1, 'one connection')
  await unlisten()
  for (const subscription of subscriptions) await subscription.close()
})

t.test('a killed LISTEN connection tells its listeners, comes back, and misses nothing', async (t) => {
  const notifications = new PostgresNotifications(database.url, { applicationName: name })
  // Polling as well: the event appended while down may become visible only after listening
  // restarted (the visible head waits for transactions open in the database).
  const store = new PostgresEventStore(pool, { listen: notifications.listen, pollIntervalMs: 2_000 })
  t.teardown(async () => {
    await store.close()
    await notifications.close()
  })
  let lost = 0
  let heard = 0
  await notifications.listen(
    'nexus_projections',
    () => heard++,
    () => lost++,
  )
  const stream = `resumed-${randomUUID()}`
  const received: StoredEvent[] = []
  const subscription = store.subscribe({ streamPrefix: stream })
  void (async () => {
    for await (const event of subscription) received.push(event)
  })()
  await eventually(() => notifications.listening, 'listening')
  const heardBefore = heard

  await pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
    name,
  ])
  await eventually(() => lost === 1, 'the listener is told the connection is lost')
  // Appended while nobody listens: the restart of listening makes the subscription read again.
  const { position } = await store.append(
    stream,
    [{ id: randomUUID(), type: 'WhileDown', data: {} }],
    'no_stream',
  )
  await eventually(async () => (await store.headPosition()) >= position, 'the append is visible')
  await eventually(() => notifications.listening && heard > heardBefore, 'listening again')
  await eventually(() => received.length === 1, 'the event appended while down arrives')
  await appendAndNotify(store, stream, 'AfterReconnect', 0n)
  await eventually(() => received.length === 2, 'live again')
  t.same(
    received.map((e) => e.type),
    ['WhileDown', 'AfterReconnect'],
  )
  t.equal(await connectionsNamed(name), 1, 'still one connection')
  await subscription.close()
})

t.test(
  'a store given only a connection string opens one LISTEN connection for all its subscriptions',
  async (t) => {
    const store = new PostgresEventStore(pool, { connectionString: database.url, pollIntervalMs: 60_000 })
    const subscriptions = Array.from({ length: 5 }, () => store.subscribe({ streamPrefix: 'none-' }))
    const iterators = subscriptions.map((s) => s[Symbol.asyncIterator]())
    for (const iterator of iterators) void iterator.next().catch(() => {})
    await eventually(async () => (await connectionsNamed('nexus/listen')) === 1, 'one connection')
    await sleep(300)
    t.equal(await connectionsNamed('nexus/listen'), 1, 'still one')
    await store.close()
    await eventually(async () => (await connectionsNamed('nexus/listen')) === 0, 'closed with the store')
  },
)
