/**
 * The event store contract of DESIGN.md as one suite every adapter must pass. Adapter test files
 * (postgres.test.ts, eventstoredb.test.ts) call runEventStoreContract with a harness.
 * Every test works in streams under its own random prefix, so a shared server (EventStoreDB) is fine.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Test } from 'tap'
import {
  DuplicateEventIdError,
  type EventStore,
  EventStoreUnavailableError,
  type NewEvent,
  type Position,
  START,
  type StoredEvent,
  type StreamWrite,
  WrongExpectedRevisionError,
} from '../../src/event-store/contract.ts'

export type OpenTransaction = {
  commit(): Promise<void>
  rollback(): Promise<void>
}

export type ContractHarness = {
  name: string
  /** A store for this suite; closed by the suite. */
  create(): Promise<EventStore>
  /** A store whose server cannot be reached (e.g. a closed port). */
  createUnreachable?(): Promise<EventStore>
  /** Appends inside a transaction that stays open until commit/rollback (PostgreSQL only). */
  holdOpenTransaction?(stream: string, events: NewEvent[]): Promise<OpenTransaction>
  /** Kills every server connection of the store, as a server restart would (PostgreSQL only). */
  killConnections?(): Promise<number>
  /** True when the store holds an append's guard until commit (PostgreSQL; see AppendOptions). */
  atomicGuards?: boolean
  /** Events in the bounded-memory read test; 1,000,000 unless a harness says otherwise. */
  largeLogSize?: number
  /**
   * The heap growth that test allows, in MiB; 64 unless a harness says otherwise. The log must take
   * well more than it (about 250 bytes an event), or a reader that held it all would pass.
   */
  largeLogHeapLimitMiB?: number
}

export function newEvent(type = 'SomethingHappened', data: Record<string, unknown> = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    data: { ...data },
    metadata: { correlationId: randomUUID(), schemaVersion: 1 },
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of iterable) items.push(item)
  return items
}

/** Pulls events from a subscription in the background so a test can await what has arrived. */
/**
 * Waits until the global log shows `position`. On PostgreSQL the readable head stops below the
 * oldest transaction still open in its database (VISIBLE_END in read-log.ts), so a test whose
 * database has other work going on must wait for its own append to become visible.
 */
async function untilVisible(store: EventStore, position: Position, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while ((await store.headPosition()) < position) {
    if (Date.now() > deadline) throw new Error(`position ${position} not visible after ${timeoutMs} ms`)
    await sleep(20)
  }
}

function follow(store: EventStore, prefix: string, after = START) {
  const subscription = store.subscribe({ after, streamPrefix: prefix, batchSize: 100 })
  const received: StoredEvent[] = []
  const done = (async () => {
    for await (const event of subscription) received.push(event)
  })()
  return {
    received,
    async waitFor(count: number, timeoutMs = 120_000): Promise<StoredEvent[]> {
      const deadline = Date.now() + timeoutMs
      while (received.length < count && Date.now() < deadline) await sleep(10)
      return received
    },
    async close() {
      await subscription.close()
      await done
    },
  }
}

export function runEventStoreContract(t: Test, harness: ContractHarness): void {
  let store: EventStore
  t.before(async () => {
    store = await harness.create()
  })
  t.teardown(async () => {
    await store?.close()
  })
  const prefix = () => `contract${randomUUID().replaceAll('-', '')}-`

  t.test('an append to a new stream is read back with the full envelope', async (t) => {
    const stream = `${prefix()}1`
    const event = { ...newEvent('RatingGiven', { stars: 4 }), metadata: { actorId: 'u1', schemaVersion: 1 } }
    const result = await store.append(stream, [event], 'no_stream')
    t.equal(result.nextExpectedRevision, 0n)
    t.match(result.position, /^[0-9a-f]{32}$/)
    const [stored, ...rest] = await collect(store.readStream(stream))
    t.equal(rest.length, 0)
    t.ok(stored)
    if (!stored) return
    t.equal(stored.id, event.id)
    t.equal(stored.type, 'RatingGiven')
    t.equal(stored.stream, stream)
    t.equal(stored.revision, 0n)
    t.equal(stored.position, result.position)
    t.same(stored.data, { stars: 4 })
    t.same(stored.metadata, { actorId: 'u1', schemaVersion: 1 })
    t.ok(stored.createdAt instanceof Date && Math.abs(stored.createdAt.getTime() - Date.now()) < 60_000)
    t.equal(await store.streamRevision(stream), 0n)
  })

  t.test('expected revisions are enforced and a mismatch writes nothing', async (t) => {
    const stream = `${prefix()}1`
    await t.rejects(store.append(stream, [newEvent()], 'stream_exists'), WrongExpectedRevisionError)
    await t.rejects(store.append(stream, [newEvent()], 0n), WrongExpectedRevisionError)
    t.equal(await store.streamRevision(stream), null, 'no stream was created by the failed appends')

    await store.append(stream, [newEvent(), newEvent()], 'no_stream')
    const conflict = await store.append(stream, [newEvent()], 'no_stream').catch((e: unknown) => e)
    t.ok(conflict instanceof WrongExpectedRevisionError)
    if (conflict instanceof WrongExpectedRevisionError) {
      t.equal(conflict.stream, stream)
      t.equal(conflict.actual, 1n, 'the error names the actual revision')
    }
    await t.rejects(store.append(stream, [newEvent()], 0n), WrongExpectedRevisionError)
    t.equal((await store.append(stream, [newEvent()], 1n)).nextExpectedRevision, 2n)
    t.equal((await store.append(stream, [newEvent()], 'stream_exists')).nextExpectedRevision, 3n)
    t.equal((await store.append(stream, [newEvent()], 'any')).nextExpectedRevision, 4n)
    t.equal((await store.append(`${stream}-other`, [newEvent()], 'any')).nextExpectedRevision, 0n)
    const revisions = (await collect(store.readStream(stream))).map((e) => e.revision)
    t.same(revisions, [0n, 1n, 2n, 3n, 4n], 'only the successful appends are stored')
  })

  t.test('the events of one append get consecutive revisions and increasing positions', async (t) => {
    const stream = `${prefix()}1`
    const events = Array.from({ length: 5 }, (_, i) => newEvent('Counted', { i }))
    const result = await store.append(stream, events, 'no_stream')
    t.equal(result.nextExpectedRevision, 4n)
    const stored = await collect(store.readStream(stream))
    t.same(
      stored.map((e) => e.id),
      events.map((e) => e.id),
    )
    t.same(
      stored.map((e) => e.revision),
      [0n, 1n, 2n, 3n, 4n],
    )
    const positions = stored.map((e) => e.position)
    t.same(positions, [...positions].sort(), 'positions follow revisions')
    t.equal(new Set(positions).size, 5)
    t.equal(positions.at(-1), result.position, 'the append answers the position of its last event')
  })

  t.test('a retried append with the same event ids is a no-op answering the original result', async (t) => {
    const stream = `${prefix()}1`
    const events = [newEvent(), newEvent()]
    const first = await store.append(stream, events, 'no_stream')
    const retry = await store.append(stream, events, 'no_stream')
    t.same(retry, first, 'same revision and position as the original')
    const again = await store.append(stream, events, 'any')
    t.same(again, first)
    t.equal((await collect(store.readStream(stream))).length, 2, 'nothing was duplicated')
    const head = await store.append(stream, [newEvent()], 1n)
    t.equal(head.nextExpectedRevision, 2n, 'the stream goes on normally after a retry')
  })

  t.test('an event id reused with different events is refused and writes nothing', async (t) => {
    const stream = `${prefix()}1`
    const original = newEvent()
    await store.append(stream, [original], 'no_stream')
    const mixed = await store.append(stream, [original, newEvent()], 'no_stream').catch((e: unknown) => e)
    t.ok(
      mixed instanceof DuplicateEventIdError || mixed instanceof WrongExpectedRevisionError,
      `refused with a typed error (${String(mixed)})`,
    )
    t.equal((await collect(store.readStream(stream))).length, 1)
  })

  t.test('concurrent appends at the same revision: exactly one wins each round', async (t) => {
    const stream = `${prefix()}1`
    const writers = 12
    const rounds = 8
    for (let round = 0; round < rounds; round++) {
      const expected = round === 0 ? ('no_stream' as const) : BigInt(round - 1)
      const outcomes = await Promise.allSettled(
        Array.from({ length: writers }, (_, w) =>
          store.append(stream, [newEvent('Raced', { round, w })], expected),
        ),
      )
      const wins = outcomes.filter((o) => o.status === 'fulfilled')
      const losses = outcomes.filter((o) => o.status === 'rejected')
      t.equal(wins.length, 1, `round ${round}: one writer wins`)
      t.ok(
        losses.every((o) => o.reason instanceof WrongExpectedRevisionError),
        `round ${round}: every loser gets a conflict`,
      )
    }
    const stored = await collect(store.readStream(stream))
    t.same(
      stored.map((e) => (e.data as { round: number }).round),
      Array.from({ length: rounds }, (_, i) => i),
      'one event per round, in order',
    )
  })

  t.test('concurrent retries of the same append store it once', async (t) => {
    const stream = `${prefix()}1`
    const events = [newEvent(), newEvent()]
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => store.append(stream, events, 'no_stream')),
    )
    const ok = results.filter((r) => r.status === 'fulfilled').map((r) => r.value)
    t.equal(ok.length, results.length, 'every retry answers success')
    t.ok(
      ok.every((r) => r.position === ok[0]?.position),
      'every success answers the same position',
    )
    t.equal((await collect(store.readStream(stream))).length, 2)
  })

  t.test('a guarded append happens only while its guard stream is at the given revision', async (t) => {
    const guard = `${prefix()}guard`
    const stream = `${prefix()}guarded`
    await store.append(guard, [newEvent('Opened')], 'no_stream')
    const first = [newEvent('Done')]
    const done = await store.append(stream, first, 'no_stream', { guard: { stream: guard, revision: 0n } })
    t.equal(done.nextExpectedRevision, 0n)

    const missing = await store
      .append(`${prefix()}other`, [newEvent()], 'no_stream', {
        guard: { stream: `${prefix()}nowhere`, revision: 0n },
      })
      .catch((e: unknown) => e)
    t.ok(missing instanceof WrongExpectedRevisionError, 'a guard stream that does not exist fails the guard')

    await store.append(guard, [newEvent('Closed')], 0n)
    const moved = await store
      .append(stream, [newEvent('Late')], 0n, { guard: { stream: guard, revision: 0n } })
      .catch((e: unknown) => e)
    t.ok(moved instanceof WrongExpectedRevisionError, 'a moved guard refuses the append')
    if (moved instanceof WrongExpectedRevisionError) {
      t.equal(moved.stream, guard, 'the error names the guard stream')
      t.equal(moved.actual, 1n, 'and its actual revision')
    }
    t.same(
      (await collect(store.readStream(stream))).map((e) => e.type),
      ['Done'],
      'the refused append wrote nothing',
    )
    const retry = await store.append(stream, first, 'no_stream', { guard: { stream: guard, revision: 0n } })
    t.same(retry, done, 'a retry of a stored append answers the original result, guard moved or not')
    const next = await store.append(stream, [newEvent('Next')], 0n, {
      guard: { stream: guard, revision: 1n },
    })
    t.equal(next.nextExpectedRevision, 1n)
  })

  t.test(
    'a guarded append racing an append to its guard stream never lands after it in the log',
    { skip: harness.atomicGuards ? false : `${harness.name} checks guards just before appending` },
    async (t) => {
      const rounds = 15
      const guarded = 12
      let refused = 0
      let before = 0
      for (let round = 0; round < rounds; round++) {
        const guard = `${prefix()}movie`
        await store.append(guard, [newEvent('MovieAdded')], 'no_stream')
        const outcomes = await Promise.allSettled([
          store.append(guard, [newEvent('MovieRemoved')], 0n),
          ...Array.from({ length: guarded }, (_, i) =>
            store.append(
              `${prefix()}interaction${i}`,
              [newEvent('MovieLiked')],
              i % 2 === 0 ? 'no_stream' : 'any',
              {
                guard: { stream: guard, revision: 0n },
              },
            ),
          ),
        ])
        const [removal, ...likes] = outcomes
        if (removal?.status !== 'fulfilled') throw new Error('the removal failed')
        for (const like of likes) {
          if (like.status === 'rejected') {
            t.ok(like.reason instanceof WrongExpectedRevisionError, 'refused with a conflict')
            refused += 1
          } else {
            before += 1
            t.ok(like.value.position < removal.value.position, 'an accepted append comes before the removal')
          }
        }
      }
      t.equal(
        refused + before,
        rounds * guarded,
        `every guarded append decided (${before} before, ${refused} refused)`,
      )
    },
  )

  t.test('readStream pages forwards and backwards, from a revision, with a limit', async (t) => {
    const stream = `${prefix()}1`
    const events = Array.from({ length: 1_203 }, (_, i) => newEvent('Counted', { i }))
    for (let i = 0; i < events.length; i += 400) {
      await store.append(stream, events.slice(i, i + 400), i === 0 ? 'no_stream' : BigInt(i - 1))
    }
    const all = await collect(store.readStream(stream))
    t.equal(all.length, 1_203)
    t.ok(
      all.every((e, i) => e.revision === BigInt(i)),
      'every revision in order across pages',
    )
    const back = await collect(store.readStream(stream, { direction: 'backwards', limit: 3 }))
    t.same(
      back.map((e) => e.revision),
      [1202n, 1201n, 1200n],
    )
    const middle = await collect(store.readStream(stream, { from: 600n, limit: 2 }))
    t.same(
      middle.map((e) => e.revision),
      [600n, 601n],
    )
    const backFrom = await collect(store.readStream(stream, { from: 1n, direction: 'backwards' }))
    t.same(
      backFrom.map((e) => e.revision),
      [1n, 0n],
    )
    t.same(await collect(store.readStream(`${stream}-missing`)), [], 'a missing stream reads as empty')
    t.equal(await store.streamRevision(`${stream}-missing`), null)
  })

  t.test('readAll returns the log in position order, after a position, filtered', async (t) => {
    const p = prefix()
    const before = await store.headPosition()
    await store.append(`${p}a`, [newEvent('A'), newEvent('B')], 'no_stream')
    await store.append(`${p}b`, [newEvent('A')], 'no_stream')
    const c = await store.append(`${p}c`, [newEvent('C')], 'no_stream')
    const last = await store.append(`other${p}a`, [newEvent('A')], 'no_stream')
    await untilVisible(store, last.position)
    const head = await store.headPosition()
    t.ok(head > before, 'the head moved forward')

    const mine = await collect(store.readAll({ streamPrefix: p, after: before }))
    t.same(
      mine.map((e) => `${e.stream.slice(p.length)}:${e.type}`),
      ['a:A', 'a:B', 'b:A', 'c:C'],
    )
    const positions = mine.map((e) => e.position)
    t.same(positions, [...positions].sort(), 'ascending positions')
    // The log and the stream read an event alike: the position its append answered, the same time.
    const [fromStream] = await collect(store.readStream(`${p}c`))
    t.equal(mine.at(-1)?.position, c.position, 'the position its append answered')
    t.equal(mine.at(-1)?.createdAt.getTime(), fromStream?.createdAt.getTime(), 'the time the stream reads')

    const fromStart = await collect(store.readAll({ streamPrefix: p }))
    t.same(
      fromStart.map((e) => e.id),
      mine.map((e) => e.id),
      'START reads from the beginning',
    )
    const typed = await collect(store.readAll({ streamPrefix: p, types: ['A'] }))
    t.same(
      typed.map((e) => e.stream.slice(p.length)),
      ['a', 'b'],
    )
    const afterSecond = await collect(store.readAll({ streamPrefix: p, after: mine[1]?.position ?? START }))
    t.same(
      afterSecond.map((e) => e.id),
      mine.slice(2).map((e) => e.id),
      'after is exclusive',
    )
    const limited = await collect(store.readAll({ streamPrefix: p, limit: 3, batchSize: 2 }))
    t.equal(limited.length, 3)
    const other = await collect(store.readAll({ streamPrefix: `other${p}` }))
    t.equal(other.length, 1)
    const underscore = await collect(store.readAll({ streamPrefix: `${p.slice(0, -1)}_` }))
    t.equal(underscore.length, 0, 'the prefix is matched literally, not as a pattern')
  })

  t.test('appendMany writes every stream and answers each result in order', async (t) => {
    const p = prefix()
    const existing = `${p}existing`
    await store.append(existing, [newEvent()], 'no_stream')
    const writes: StreamWrite[] = [
      { stream: `${p}x`, events: [newEvent(), newEvent()], expectedRevision: 'no_stream' },
      { stream: existing, events: [newEvent()], expectedRevision: 0n },
      { stream: `${p}y`, events: [newEvent()], expectedRevision: 'any' },
    ]
    const results = await store.appendMany(writes)
    t.same(
      results.map((r) => r.nextExpectedRevision),
      [1n, 1n, 0n],
    )
    await untilVisible(store, results[2]?.position ?? START)
    const log = await collect(store.readAll({ streamPrefix: p }))
    t.equal(log.length, 5)
    t.same(
      results.map((r) => r.position),
      [log[2]?.position, log[3]?.position, log[4]?.position],
    )
    await t.rejects(
      store.appendMany([{ stream: existing, events: [newEvent()], expectedRevision: 0n }]),
      WrongExpectedRevisionError,
    )
    t.equal(await store.streamRevision(existing), 1n)

    const chained = `${p}chained`
    const chain = await store.appendMany([
      { stream: chained, events: [newEvent()], expectedRevision: 'no_stream' },
      { stream: chained, events: [newEvent(), newEvent()], expectedRevision: 0n },
    ])
    t.same(
      chain.map((r) => r.nextExpectedRevision),
      [0n, 2n],
      'two writes to one stream in one call chain their revisions',
    )
    const retried = await store.appendMany(writes)
    t.same(retried, results, 'a retried call answers the original results')
  })

  t.test('a subscription catches up, then receives live events, then closes', async (t) => {
    const p = prefix()
    await store.append(`${p}1`, [newEvent('Old')], 'no_stream')
    const follower = follow(store, p)
    t.equal((await follower.waitFor(1)).length, 1, 'caught up with the existing event')
    await store.append(`${p}1`, [newEvent('Live1')], 0n)
    await store.append(`${p}2`, [newEvent('Live2'), newEvent('Live3')], 'no_stream')
    const received = await follower.waitFor(4)
    t.same(
      received.map((e) => e.type),
      ['Old', 'Live1', 'Live2', 'Live3'],
    )
    await follower.close()
    await store.append(`${p}1`, [newEvent('AfterClose')], 1n)
    await sleep(200)
    t.equal(follower.received.length, 4, 'nothing arrives after close')

    const resumed = follow(store, p, received[1]?.position)
    const rest = await resumed.waitFor(3)
    t.same(
      rest.map((e) => e.type),
      ['Live2', 'Live3', 'AfterClose'],
      'a new subscription resumes after the given position',
    )
    await resumed.close()
  })

  t.test('a subscription filtered by type only sees those types', async (t) => {
    const p = prefix()
    const subscription = store.subscribe({ streamPrefix: p, types: ['Wanted'] })
    const received: string[] = []
    const done = (async () => {
      for await (const event of subscription) received.push(event.type)
    })()
    await store.append(`${p}1`, [newEvent('Unwanted'), newEvent('Wanted'), newEvent('Unwanted')], 'no_stream')
    await store.append(`${p}2`, [newEvent('Wanted')], 'no_stream')
    const deadline = Date.now() + 120_000
    while (received.length < 2 && Date.now() < deadline) await sleep(10)
    await subscription.close()
    await done
    t.same(received, ['Wanted', 'Wanted'])
  })

  const { holdOpenTransaction } = harness
  t.test(
    'a transaction held open while others commit is not skipped by readers',
    { skip: holdOpenTransaction ? false : `${harness.name} has no client-held transactions to test` },
    async (t) => {
      if (!holdOpenTransaction) return
      const p = prefix()
      const follower = follow(store, p)
      const late = newEvent('Late')
      const open = await holdOpenTransaction(`${p}slow`, [late])
      await store.append(`${p}fast1`, [newEvent('Fast1')], 'no_stream')
      await store.append(`${p}fast2`, [newEvent('Fast2')], 'no_stream')
      await sleep(300)
      t.same(
        follower.received.map((e) => e.type),
        [],
        'events committed after the open transaction began wait for it',
      )
      const snapshot = await collect(store.readAll({ streamPrefix: p }))
      t.same(snapshot, [], 'readAll does not run ahead of the open transaction either')
      await open.commit()
      const received = await follower.waitFor(3)
      t.same(
        received.map((e) => e.type),
        ['Late', 'Fast1', 'Fast2'],
        'the late event is delivered in its place, nothing skipped',
      )
      const log = await collect(store.readAll({ streamPrefix: p }))
      t.same(
        log.map((e) => e.id),
        received.map((e) => e.id),
        'subscription and readAll agree',
      )

      const rolledBack = await holdOpenTransaction(`${p}rolled`, [newEvent('Never')])
      await store.append(`${p}fast3`, [newEvent('Fast3')], 'no_stream')
      await rolledBack.rollback()
      const after = await follower.waitFor(4)
      t.same(
        after.map((e) => e.type),
        ['Late', 'Fast1', 'Fast2', 'Fast3'],
        'a rolled-back transaction releases the others',
      )
      await follower.close()
    },
  )

  const { killConnections } = harness
  t.test(
    'a subscription resumes after its connections are killed, losing and repeating nothing',
    { skip: killConnections ? false : `${harness.name} connections cannot be killed from a test` },
    async (t) => {
      if (!killConnections) return
      const p = prefix()
      await store.append(`${p}1`, [newEvent('E0'), newEvent('E1')], 'no_stream')
      const follower = follow(store, p)
      await follower.waitFor(2)
      for (let round = 0; round < 3; round++) {
        const killed = await killConnections()
        t.ok(killed > 0, `round ${round}: killed ${killed} connections`)
        // Writers see the outage too; retry like a client would once the server is back.
        let written = false
        for (let attempt = 0; attempt < 50 && !written; attempt++) {
          try {
            await store.append(`${p}1`, [newEvent(`R${round}`)], 'any')
            written = true
          } catch (error) {
            if (!(error instanceof EventStoreUnavailableError)) throw error
            await sleep(100)
          }
        }
        t.ok(written, `round ${round}: the append went through after the kill`)
      }
      const received = await follower.waitFor(5)
      t.same(
        received.map((e) => e.type),
        ['E0', 'E1', 'R0', 'R1', 'R2'],
        'every event exactly once, in order',
      )
      await follower.close()
    },
  )

  const { createUnreachable } = harness
  t.test(
    'an unreachable server answers a typed unavailable error',
    { skip: createUnreachable ? false : `${harness.name} has no unreachable variant` },
    async (t) => {
      if (!createUnreachable) return
      const down = await createUnreachable()
      try {
        await t.rejects(down.append(`${prefix()}1`, [newEvent()], 'any'), EventStoreUnavailableError)
        await t.rejects(down.ping(), EventStoreUnavailableError)
      } finally {
        await down.close()
      }
    },
  )

  t.test('reading a large log keeps memory bounded', async (t) => {
    const total = harness.largeLogSize ?? 1_000_000
    const p = prefix()
    const perStream = 1_000
    const streamsPerCall = 10
    const payload = { movieId: randomUUID(), note: 'x'.repeat(64) }
    const started = performance.now()
    for (let s = 0; s < total / perStream; s += streamsPerCall) {
      const writes: StreamWrite[] = []
      for (let k = s; k < Math.min(s + streamsPerCall, total / perStream); k++) {
        writes.push({
          stream: `${p}${k}`,
          events: Array.from({ length: perStream }, () => ({
            id: randomUUID(),
            type: 'Bulk',
            data: payload,
          })),
          expectedRevision: 'no_stream',
        })
      }
      await store.appendMany(writes)
    }
    t.comment(`wrote ${total} events in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    const readStarted = performance.now()
    const gc = (globalThis as { gc?: () => void }).gc
    gc?.()
    const baseline = process.memoryUsage().heapUsed
    let peak = 0
    let count = 0
    let last = START
    let ordered = true
    for await (const event of store.readAll({ streamPrefix: p })) {
      if (event.position <= last) ordered = false
      last = event.position
      count++
      if (count % 50_000 === 0) {
        gc?.()
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline)
      }
    }
    t.comment(`read ${count} events in ${((performance.now() - readStarted) / 1000).toFixed(1)} s`)
    t.equal(count, total, `read all ${total} events`)
    t.ok(ordered, 'in strictly increasing position order')
    const limitMiB = harness.largeLogHeapLimitMiB ?? 64
    const limit = limitMiB * 1024 * 1024
    t.ok(
      peak < limit,
      `heap grew ${(peak / 1024 / 1024).toFixed(1)} MiB while reading (limit ${limitMiB} MiB; the events take ~${Math.round((total * 250) / 1024 / 1024)} MiB)`,
    )
  })
}
