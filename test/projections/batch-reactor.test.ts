/**
 * BatchReactor on the real engine and PostgreSQL event store: every handled event reaches the
 * reactor exactly once, in log order, a batch at a time; the checkpoint moves once per batch and
 * ends at the head; a batch that keeps failing is retried, then given up with its last event as the
 * trigger, and the reactor moves on. A reaction that takes long keeps the heartbeat moving (status
 * does not call its owner dead) without moving the checkpoint.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import t from 'tap'
import type { StoredEvent } from '../../src/event-store/contract.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { activeGeneration, ensureProjections, readGeneration } from '../../src/projector/generations.ts'
import type { BatchReactor, Reactor } from '../../src/projector/projection.ts'
import { type EngineContext, runGeneration } from '../../src/projector/run-generation.ts'
import { projectionStatus } from '../../src/projector/status.ts'
import { createTestDatabase } from '../support/database.ts'

const database = await createTestDatabase(t)
const { db } = database
const store = new PostgresEventStore(database.pool, { connectionString: database.url, pollIntervalMs: 100 })
t.teardown(async () => {
  await store.close()
})
const silent = { info() {}, warn() {}, error() {} }
const context: EngineContext = { store, db, logger: silent, owner: 'test' }

/** Waits until every append so far is visible to readers (see projection-engine.test.ts). */
async function visible(): Promise<void> {
  const { rows } = await sql<{ tx: string; seq: string }>`
    SELECT transaction_id::text AS tx, global_position::text AS seq FROM events
    ORDER BY transaction_id DESC, global_position DESC LIMIT 1`.execute(db)
  const hex = (n: string | undefined) =>
    BigInt(n ?? 0)
      .toString(16)
      .padStart(16, '0')
  const appended = hex(rows[0]?.tx) + hex(rows[0]?.seq)
  for (let i = 0; i < 2_400 && (await store.headPosition()) < appended; i++) await sleep(50)
}

async function run(reactor: BatchReactor): Promise<void> {
  await ensureProjections(db, [reactor])
  const generation = (await activeGeneration(db, reactor.name)) as number
  await runGeneration(reactor, generation, context, {
    signal: new AbortController().signal,
    untilCaughtUp: true,
    batchSize: 20,
  })
}

const ping = () => ({ id: randomUUID(), type: 'Pinged', data: {} })
const other = () => ({ id: randomUUID(), type: 'Unrelated', data: {} })

t.test('a batch reactor sees each handled event once, in order, a batch at a time', async (t) => {
  const appended: string[] = []
  for (let i = 0; i < 5; i++) {
    const events = [ping(), other(), ping(), ping(), other(), ping(), ping(), ping(), ping(), other()]
    appended.push(...events.filter((e) => e.type === 'Pinged').map((e) => e.id))
    await store.append(`pings-${randomUUID()}`, events, 'no_stream')
  }
  await visible()
  const batches: string[][] = []
  const reactor: BatchReactor = {
    kind: 'reactor',
    name: 'batch_probe',
    version: 1,
    handles: ['Pinged'],
    react: () => Promise.reject(new Error('a batch reactor is called with batches')),
    async reactToBatch(events) {
      batches.push(events.map((e) => e.id))
    },
    async giveUp() {},
  }
  await run(reactor)
  t.same(batches.flat(), appended, 'every handled event once, in log order, nothing else')
  t.ok(
    batches.length < appended.length && batches.length >= appended.length / 20,
    `${batches.length} batches`,
  )
  t.ok(
    batches.every((b) => b.length > 0),
    'no empty batch',
  )
  const generation = await readGeneration(db, 'batch_probe', 1)
  t.equal(generation?.position, await store.headPosition(), 'the checkpoint is at the head')
  t.equal(Number(generation?.events_applied), appended.length, 'counted once each')

  // Run again from the checkpoint: nothing is delivered twice.
  batches.length = 0
  await store.append(`pings-${randomUUID()}`, [ping()], 'no_stream')
  await visible()
  await run(reactor)
  t.equal(batches.flat().length, 1, 'only the new event')
})

t.test(
  'a failing batch is retried, then given up with its last event, and the reactor moves on',
  async (t) => {
    const events = [ping(), ping(), ping()].map((e) => ({ ...e, type: 'Doomed' }))
    await store.append(`doomed-${randomUUID()}`, events, 'no_stream')
    await visible()
    let attempts = 0
    const givenUp: StoredEvent[] = []
    const reactor: BatchReactor = {
      kind: 'reactor',
      name: 'batch_doomed',
      version: 1,
      handles: ['Doomed'],
      maxAttempts: 2,
      react: () => Promise.reject(new Error('unused')),
      async reactToBatch(batch) {
        attempts++
        t.same(
          batch.map((e) => e.id),
          events.map((e) => e.id),
          'the same batch each attempt',
        )
        throw new Error('always fails')
      },
      async giveUp(event) {
        givenUp.push(event)
      },
    }
    await run(reactor)
    t.equal(attempts, 2, 'maxAttempts')
    t.same(
      givenUp.map((e) => e.id),
      [events.at(-1)?.id],
      'given up once, with the last event',
    )
    t.equal((await readGeneration(db, 'batch_doomed', 1))?.position, await store.headPosition(), 'moved on')
  },
)

t.test('a long reaction keeps the heartbeat moving and the checkpoint where it was', async (t) => {
  await store.append(`slow-${randomUUID()}`, [{ id: randomUUID(), type: 'Slow', data: {} }], 'no_stream')
  await visible()
  let release = () => {}
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  // Written by the reactor (TypeScript does not follow assignments made in callbacks).
  const seen: { startedAt: Date | null; finished: boolean } = { startedAt: null, finished: false }
  const reactor: Reactor = {
    kind: 'reactor',
    name: 'slow_probe',
    version: 1,
    handles: ['Slow'],
    // Like a TMDb import: minutes of work in one reaction; here until the test lets it go.
    async react() {
      seen.startedAt = new Date()
      await gate
      seen.finished = true
    },
    async giveUp() {},
  }
  await ensureProjections(db, [reactor])
  const running = runGeneration(reactor, 1, context, {
    signal: new AbortController().signal,
    untilCaughtUp: true,
    batchSize: 20,
  })
  const deadline = Date.now() + 120_000
  while (seen.startedAt === null && Date.now() < deadline) await sleep(20)
  const before = await readGeneration(db, 'slow_probe', 1)
  const startedAt = seen.startedAt as Date | null
  t.ok(startedAt, 'the reaction is in flight')

  let during: Awaited<ReturnType<typeof readGeneration>>
  do {
    await sleep(100)
    during = await readGeneration(db, 'slow_probe', 1)
  } while (!(during?.heartbeat_at && startedAt && during.heartbeat_at > startedAt) && Date.now() < deadline)
  t.notOk(seen.finished, 'still reacting')
  t.ok(startedAt && during?.heartbeat_at && during.heartbeat_at > startedAt, 'the heartbeat moved during it')
  t.equal(during?.position, before?.position, 'the checkpoint did not move')
  t.match(
    (await projectionStatus(db, store, [reactor])).projections[0]?.generations[0],
    { owner: 'test', ownerAlive: true },
    'status shows the owner alive',
  )

  release()
  await running
  const after = await readGeneration(db, 'slow_probe', 1)
  t.equal(after?.position, await store.headPosition(), 'the checkpoint moved past the event once done')
  t.equal(Number(after?.events_applied), 1)
})
