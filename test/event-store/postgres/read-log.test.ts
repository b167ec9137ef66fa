/**
 * Reading the global log (src/event-store/postgres/read-log.ts): a filtered window still says how
 * far it scanned, stream prefixes are literal, and the head is the last visible event.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import t from 'tap'
import { type NewEvent, type Position, START, type StreamWrite } from '../../../src/event-store/contract.ts'
import { appendMany } from '../../../src/event-store/postgres/append-many.ts'
import { headPosition, readAll, readLogPage } from '../../../src/event-store/postgres/read-log.ts'
import { createTestDatabase, serverUrl } from '../../support/database.ts'

const database = await createTestDatabase(t)
const { pool } = database
const event = (type: string): NewEvent => ({ id: randomUUID(), type, data: {} })

/**
 * appendMany, then waits until the log shows it: the visible head stops below the oldest
 * transaction open in this database (VISIBLE_END).
 */
async function appendVisible(writes: StreamWrite[]): Promise<Position[]> {
  const results = await appendMany(pool, writes)
  const last =
    results
      .map((r) => r.position)
      .sort()
      .at(-1) ?? START
  const deadline = Date.now() + 120_000
  while ((await headPosition(pool)) < last && Date.now() < deadline) await sleep(20)
  return results.map((r) => r.position)
}

t.test('an empty log has its head at START and reads nothing', async (t) => {
  t.equal(await headPosition(pool), START)
  const page = await readLogPage(pool, START, 10, {})
  t.same(page, { events: [], scanned: 0, scannedTo: START })
})

t.test('a window with no match still moves the scan past what it read', async (t) => {
  const [written] = await appendVisible([
    {
      stream: 'noise-1',
      events: Array.from({ length: 5 }, () => event('Noise')),
      expectedRevision: 'no_stream',
    },
  ])
  const page = await readLogPage(pool, START, 3, { types: ['Wanted'] })
  t.same(page.events, [], 'nothing matched')
  t.equal(page.scanned, 3, 'three rows scanned')
  const rest = await readLogPage(pool, page.scannedTo, 3, { types: ['Wanted'] })
  t.equal(rest.scanned, 2, 'the next window starts after them')
  t.equal(rest.scannedTo, written, 'and ends at the last event')
  t.equal(await headPosition(pool), written, 'which is the head')
})

t.test('a stream prefix is literal: LIKE wildcards in it match only themselves', async (t) => {
  await appendVisible([
    { stream: 'a_b-1', events: [event('Kept')], expectedRevision: 'no_stream' },
    { stream: 'axb-1', events: [event('Kept')], expectedRevision: 'no_stream' },
    { stream: 'a%c-1', events: [event('Kept')], expectedRevision: 'no_stream' },
  ])
  const streams = async (streamPrefix: string) => {
    const found: string[] = []
    for await (const stored of readAll(pool, { streamPrefix, batchSize: 2 })) found.push(stored.stream)
    return found
  }
  t.same(await streams('a_b'), ['a_b-1'])
  t.same(await streams('a%'), ['a%c-1'])
})

t.test('types and limit filter readAll across windows', async (t) => {
  await appendVisible([
    {
      stream: 'mixed-1',
      events: Array.from({ length: 30 }, (_, i) => event(i % 3 === 0 ? 'Rare' : 'Common')),
      expectedRevision: 'no_stream',
    },
  ])
  const rare: bigint[] = []
  for await (const stored of readAll(pool, { types: ['Rare'], batchSize: 2 })) rare.push(stored.revision)
  t.same(
    rare,
    Array.from({ length: 10 }, (_, i) => BigInt(i * 3)),
  )
  let limited = 0
  for await (const _ of readAll(pool, { types: ['Common'], limit: 4, batchSize: 3 })) limited++
  t.equal(limited, 4)
})

t.test(
  'a transaction open in another database does not hold back the head; one in this database does',
  async (t) => {
    // A writing transaction elsewhere on the server: it has an xid, and stays open during the checks.
    const elsewhere = new pg.Client({ connectionString: serverUrl() })
    await elsewhere.connect()
    t.teardown(() => elsewhere.end())
    await elsewhere.query('BEGIN')
    await elsewhere.query('SELECT pg_current_xact_id()')
    const [written] = await appendMany(pool, [
      { stream: `far-${randomUUID()}`, events: [event('A')], expectedRevision: 'no_stream' },
    ])
    t.equal(
      await headPosition(pool),
      written?.position,
      'visible at once: that transaction cannot write this log',
    )
    const page = await readLogPage(pool, START, 100_000, {})
    t.equal(page.scannedTo, written?.position, 'and read up to it')
    await elsewhere.query('COMMIT')

    // The same in this database: its transaction could still append with an older transaction id.
    const here = await pool.connect()
    try {
      await here.query('BEGIN')
      await here.query('SELECT pg_current_xact_id()')
      const [hidden] = await appendMany(pool, [
        { stream: `near-${randomUUID()}`, events: [event('A')], expectedRevision: 'no_stream' },
      ])
      t.ok(
        (await headPosition(pool)) < (hidden?.position ?? START),
        'hidden while a transaction of this database is open',
      )
      await here.query('COMMIT')
      t.equal(await headPosition(pool), hidden?.position, 'visible once it ends')
    } finally {
      here.release()
    }
  },
)
