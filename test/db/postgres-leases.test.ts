/**
 * The leases of a process on one session (src/db/postgres-leases.ts): however many leases, one
 * connection; when it dies every lease is lost and another process takes over; and fencing: once
 * another holder has the lease, nothing the old holder still had in flight commits.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { type Kysely, sql } from 'kysely'
import t from 'tap'
import { PostgresLeases } from '../../src/db/postgres-leases.ts'
import type { Database } from '../../src/db/schema.ts'
import { LeaseLostError } from '../../src/projector/lease.ts'
import { createTestDatabase } from '../support/database.ts'

const database = await createTestDatabase(t)
const { db, pool } = database
await sql`CREATE TABLE fenced_writes (holder text NOT NULL)`.execute(db)

/** A row written by a holder (as a projection's batch would write its read model). */
const write = (trx: Kysely<Database>, holder: string) =>
  sql`INSERT INTO fenced_writes (holder) VALUES (${holder})`.execute(trx)
const leasesOf = (holder: string) => {
  const leases = new PostgresLeases(database.url, { owner: holder, applicationName: `nexus-test/${holder}` })
  t.teardown(() => leases.close())
  return leases
}
const connections = async (holder: string) =>
  Number(
    (
      await pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = $2',
        [database.name, `nexus-test/${holder}`],
      )
    ).rows[0]?.n,
  )
const kill = (holder: string) =>
  pool.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2',
    [database.name, `nexus-test/${holder}`],
  )

t.test('leases taken and released side by side go one query at a time on their session', async (t) => {
  // pg queues queries sent to a busy client but deprecates it (pg 9 drops it). Node warns once per
  // process: this test comes first in the file.
  const warnings: string[] = []
  const onWarning = (warning: Error) => warnings.push(warning.message)
  process.on('warning', onWarning)
  t.teardown(() => process.off('warning', onWarning))
  const c = leasesOf('c1')
  const keys = Array.from({ length: 12 }, (_, i) => `projection:side-by-side-${i}`)
  const held = await Promise.all(keys.map((key) => c.acquire(key)))
  t.equal(held.filter((lease) => lease !== null).length, 12, 'all taken')
  await Promise.all(held.map((lease) => lease?.release()))
  t.equal(c.held, 0, 'all released')
  await sleep(10) // warnings are emitted on the next tick
  t.same(
    warnings.filter((message) => /already executing a query/.test(message)),
    [],
    'no query sent to a busy session',
  )
})

t.test('twelve leases, one session; another process gets none of them until released', async (t) => {
  const a = leasesOf('a1')
  const b = leasesOf('b1')
  const keys = Array.from({ length: 12 }, (_, i) => `projection:p${i}`)
  const held = await Promise.all(keys.map((key) => a.acquire(key)))
  t.ok(
    held.every((lease) => lease !== null),
    'all taken',
  )
  t.equal(await connections('a1'), 1, 'on one connection')
  t.equal(await a.acquire('projection:p0'), null, 'a lease held is not taken again, even by its holder')
  t.same(await Promise.all(keys.map((key) => b.acquire(key))), Array(12).fill(null), 'nobody else gets them')
  await held[0]?.release()
  t.ok(await b.acquire('projection:p0'), 'released, it is free')
  t.equal(a.held, 11)
})

t.test('when the session dies every lease it held is lost and another process takes over', async (t) => {
  const a = leasesOf('a2')
  const b = leasesOf('b2')
  const leases = await Promise.all(['x', 'y', 'z'].map((key) => a.acquire(`projection:${key}`)))
  await kill('a2')
  const deadline = Date.now() + 60_000
  while (!leases.every((lease) => lease?.lost.aborted) && Date.now() < deadline) await sleep(20)
  t.ok(
    leases.every((lease) => lease?.lost.aborted),
    'every lease is lost',
  )
  t.equal(a.held, 0)
  for (const key of ['x', 'y', 'z']) t.ok(await b.acquire(`projection:${key}`), `${key} taken over`)
  t.ok(await a.acquire('projection:w'), 'the first holder reconnects for new leases')
})

t.test(
  'a takeover waits for the old holder write in flight; later writes of the old holder fail',
  async (t) => {
    const a = leasesOf('a3')
    const b = leasesOf('b3')
    const lease = await a.acquire('projection:fenced')
    if (!lease) throw new Error('not taken')

    // The old holder is mid-batch, past its fence, when its lease connection dies unnoticed.
    const client = await pool.connect()
    let released = false
    t.teardown(() => {
      if (!released) client.release()
    })
    const inFlight = db.transaction().execute(async (trx) => {
      await lease.fence(trx)
      await write(trx, 'a: in flight')
      await sleep(1_000)
    })
    await sleep(200)
    await kill('a3')
    let takenAt = 0
    const takeover = b.acquire('projection:fenced').then((taken) => {
      takenAt = Date.now()
      return taken
    })
    await inFlight
    const committedAt = Date.now()
    const taken = await takeover
    t.ok(taken, 'the standby takes the lease')
    t.ok(takenAt >= committedAt, 'only once the write in flight has committed')

    // The old holder, not told yet (or told late), tries its next batch: fenced out, rolled back.
    const late = db
      .transaction()
      .execute(async (trx) => {
        await write(trx, 'a: late')
        await lease.fence(trx)
      })
      .catch((error: unknown) => error)
    t.ok((await late) instanceof LeaseLostError, 'the late write is refused')
    t.ok(lease.lost.aborted, 'and its lease is lost')
    await db.transaction().execute(async (trx) => {
      await taken?.fence(trx)
      await write(trx, 'b')
    })
    const rows = await sql<{ holder: string }>`SELECT holder FROM fenced_writes ORDER BY holder`.execute(db)
    t.same(
      rows.rows.map((row) => row.holder),
      ['a: in flight', 'b'],
    )
    client.release()
    released = true
  },
)

t.test('with nothing held, the session closes by itself', async (t) => {
  const a = leasesOf('a4')
  const lease = await a.acquire('projection:brief')
  t.equal(await connections('a4'), 1)
  await lease?.release()
  const deadline = Date.now() + 60_000
  while ((await connections('a4')) > 0 && Date.now() < deadline) await sleep(100)
  t.equal(await connections('a4'), 0)
})
