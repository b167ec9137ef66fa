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
import {
  headPosition,
  microsToMillis,
  readAll,
  readLogPage,
} from '../../../src/event-store/postgres/read-log.ts'
import { StreamReader } from '../../../src/event-store/postgres/read-stream.ts'
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

t.test(
  'a page gives every field as a read of the stream does, times to the millisecond as pg parses them',
  async (t) => {
    const stream = `fields-${randomUUID()}`
    const [written] = await appendVisible([
      {
        stream,
        events: [
          {
            id: randomUUID(),
            type: 'Full',
            data: { n: 1.5, s: 'a "quoted" \\ é', list: [1, null] },
            metadata: { actorId: 'x', occurredAt: '2026-01-01T00:00:00.000Z' },
          },
          { id: randomUUID(), type: 'Bare', data: {} },
        ],
        expectedRevision: 'no_stream',
      },
    ])
    // Times of every kind: whole seconds, whole milliseconds, microseconds, before 1970.
    const times = ['2026-03-04 05:06:07+00', '2026-03-04 05:06:07.501+00', '1960-01-02 03:04:05.123456+00']
    await pool.query(
      `UPDATE events SET created_at = ($2::timestamptz[])[revision::int + 1] WHERE stream_id = $1`,
      [stream, times.slice(0, 2)],
    )
    const viaStream: unknown[] = []
    for await (const stored of new StreamReader(pool).read(stream, {})) viaStream.push(stored)
    const page = await readLogPage(pool, START, 100_000, {})
    const viaLog = page.events.filter((stored) => stored.stream === stream)
    t.equal(page.scannedTo, written, 'scanned to the last event')
    t.same(viaLog, viaStream, 'every field the same, in order')
    t.strictSame(
      viaLog.map((stored) => stored.revision),
      [0n, 1n],
    )
    await pool.query(`UPDATE events SET created_at = $2 WHERE stream_id = $1 AND revision = 0`, [
      stream,
      times[2],
    ])
    const [before1970] = (await readLogPage(pool, START, 100_000, {})).events.filter(
      (e) => e.stream === stream,
    )
    const parse = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date
    t.equal(before1970?.createdAt.getTime(), parse(times[2] as string).getTime(), 'before 1970 too')
  },
)

t.test(
  "microseconds become the milliseconds pg's timestamptz parser gives, for every fraction",
  async (t) => {
    const parse = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date
    let differ = 0
    for (const [day, base] of [
      ['2026-03-04 05:06:07', Date.UTC(2026, 2, 4, 5, 6, 7)],
      ['1960-01-02 03:04:05', Date.UTC(1960, 0, 2, 3, 4, 5)],
    ] as const) {
      for (let us = 0; us < 1_000_000; us++) {
        const text = `${day}.${String(us).padStart(6, '0')}+00`
        if (microsToMillis(base * 1000 + us) !== parse(text).getTime()) differ++
      }
    }
    t.equal(differ, 0, 'no fraction of a second gives another millisecond')
  },
)
