/**
 * The general rate limit's leased counts (src/plugins/rate-limit-leases.ts) on the real Redis: two
 * stores on one Redis stand for two API processes.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import t, { type Test } from 'tap'
import { LeasedRedisStore, nextLeaseSize } from '../../src/plugins/rate-limit-leases.ts'
import { dropRedisPrefix, testServices } from '../support/services.ts'

const prefix = `test:${randomUUID()}:`
const redis = new Redis(testServices.redisUrl, { keyPrefix: prefix, enableAutoPipelining: true })
t.teardown(async () => {
  await redis.quit()
  await dropRedisPrefix(prefix)
})

/**
 * Counts the store's round trips to Redis: each script call is one EVALSHA (ioredis follows a
 * NOSCRIPT answer with an EVAL of the same call, not counted again).
 */
async function countedRedis(): Promise<{ client: Redis; trips: () => number }> {
  const client = new Redis(testServices.redisUrl, { keyPrefix: prefix, enableAutoPipelining: true })
  t.teardown(() => client.quit())
  // Connected first: commands queued while connecting pass through sendCommand twice.
  await client.ping()
  let trips = 0
  const send = client.sendCommand.bind(client)
  client.sendCommand = ((command: Parameters<Redis['sendCommand']>[0]) => {
    if (command.name === 'evalsha') trips++
    return send(command)
  }) as Redis['sendCommand']
  return { client, trips: () => trips }
}

type Counted = { current: number; ttl: number }
const incr = (store: LeasedRedisStore, key: string, windowMs: number, max: number) =>
  new Promise<Counted>((resolve, reject) =>
    store.incr(key, (error, result) => (error || !result ? reject(error) : resolve(result)), windowMs, max),
  )

t.test('lease sizes: doubling, capped by a 64th of the limit and an 8th of the headroom', async (t) => {
  t.equal(nextLeaseSize(0, 0, 300, 1), 1, 'a window starts with one count')
  t.equal(nextLeaseSize(1, 1, 1_000_000, 1), 2)
  t.equal(nextLeaseSize(4096, 10_000, 1_000_000, 1), 8192)
  t.equal(nextLeaseSize(16_384, 50_000, 1_000_000, 1), 15_625, 'a 64th of the limit')
  t.equal(nextLeaseSize(2, 2, 300, 1), 4)
  t.equal(nextLeaseSize(4, 6, 300, 1), 4, 'a 64th of 300 is 4')
  t.equal(nextLeaseSize(4, 280, 300, 1), 2, 'an 8th of the 20 left')
  t.equal(nextLeaseSize(4, 295, 300, 1), 1, 'one by one at the end')
  t.equal(nextLeaseSize(1, 10, 1_000_000, 40), 40, 'enough for the requests waiting')
  t.equal(nextLeaseSize(1, 10, 3, 40), 1, 'but never beyond the caps')
})

t.test(
  'two processes never let more than the limit through, and refuse at most a little early',
  async (t) => {
    const max = 2_000
    const key = `user:${randomUUID()}`
    const a = await countedRedis()
    const b = await countedRedis()
    const stores = [
      LeasedRedisStore.forPlugin(a.client, 'rl:'),
      LeasedRedisStore.forPlugin(b.client, 'rl:'),
    ].map((Store) => new Store())
    const requests = 3 * max
    let allowed = 0
    // Bursts of concurrent requests on both processes, as a busy client spread over two replicas.
    for (let sent = 0; sent < requests; sent += 100) {
      const burst = await Promise.all(
        Array.from({ length: 100 }, (_, i) => incr(stores[i % 2] as LeasedRedisStore, key, 60_000, max)),
      )
      allowed += burst.filter((counted) => counted.current <= max).length
    }
    t.ok(allowed <= max, `allowed ${allowed} of ${requests}, limit ${max}`)
    t.ok(allowed >= max * 0.95, `refused early at most 5% (allowed ${allowed})`)
    const trips = a.trips() + b.trips()
    t.ok(trips < requests / 10, `${trips} Redis round trips for ${requests} requests`)
    t.ok(Number(await redis.get(`rl:${key}`)) <= requests, 'the shared counter holds the reservations')
  },
)

t.test('near a small limit the count is exact, concurrent or not', async (t) => {
  const Store = LeasedRedisStore.forPlugin(redis, 'rl:')
  const store = new Store()
  const sequential = `ip:${randomUUID()}`
  const results: number[] = []
  for (let i = 0; i < 15; i++) results.push((await incr(store, sequential, 60_000, 10)).current)
  t.same(results.slice(0, 10), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'each request its own count')
  t.ok(
    results.slice(10).every((current) => current > 10),
    'then refused',
  )
  const concurrent = `ip:${randomUUID()}`
  const burst = await Promise.all(Array.from({ length: 30 }, () => incr(store, concurrent, 60_000, 10)))
  t.equal(burst.filter((counted) => counted.current <= 10).length, 10, 'ten of thirty at once')
  t.ok(
    burst.every((counted) => counted.ttl > 0 && counted.ttl <= 60_000),
    'each answer carries the time left in the window',
  )
})

/**
 * Runs `scenario` with a window of `windowsMs[0]`, then longer ones, until what it must do inside one
 * window (from the start to its `inWindow` return) took less than the window: on a loaded machine a
 * few hundred milliseconds can pass between two Redis replies, and a window that ended mid-scenario
 * proves nothing either way (docs/development.md, time windows). The caller asserts on what the run
 * that fitted returns.
 */
async function inOneWindow<T>(
  t: Test,
  windowsMs: readonly number[],
  scenario: (windowMs: number) => Promise<{ spanMs: number; result: T }>,
): Promise<{ windowMs: number; result: T }> {
  for (const windowMs of windowsMs) {
    const { spanMs, result } = await scenario(windowMs)
    if (spanMs < windowMs) return { windowMs, result }
    t.comment(`${Math.round(spanMs)} ms: longer than a window of ${windowMs} ms, again with a longer one`)
  }
  throw new Error(`the scenario never fit in a window of ${windowsMs.at(-1)} ms`)
}

t.test('a key over its limit is refused from memory until its window ends, then counts again', async (t) => {
  const { windowMs, result } = await inOneWindow(t, [400, 2_000, 8_000], async (windowMs) => {
    const counted = await countedRedis()
    const store = new (LeasedRedisStore.forPlugin(counted.client, 'rl:'))()
    const key = `user:${randomUUID()}`
    const started = performance.now()
    for (let i = 0; i < 3; i++) await incr(store, key, windowMs, 3)
    const trips = counted.trips()
    const refused = await Promise.all(Array.from({ length: 50 }, () => incr(store, key, windowMs, 3)))
    const tripsWhileRefused = counted.trips() - trips
    const spanMs = performance.now() - started
    await sleep(windowMs + 100)
    const next = (await incr(store, key, windowMs, 3)).current
    return { spanMs, result: { refused, tripsWhileRefused, next } }
  })
  t.ok(
    result.refused.every((c) => c.current > 3),
    `refused (a window of ${windowMs} ms)`,
  )
  t.equal(result.tripsWhileRefused, 0, 'without asking Redis')
  t.equal(result.next, 1, 'a new window')
})

t.test(
  'a busy key starts its next window with a lease as large as its last, a quiet one with 1',
  async (t) => {
    // 1 + 2 + 4 + ... + 256 = 511 counts in 9 leases: the last one 256; then the next window.
    const busy = await inOneWindow(t, [1_000, 4_000, 16_000], async (windowMs) => {
      const counted = await countedRedis()
      const store = new (LeasedRedisStore.forPlugin(counted.client, 'rl:'))()
      const key = `user:${randomUUID()}`
      let started = performance.now()
      for (let i = 0; i < 511; i++) await incr(store, key, windowMs, 1_000_000)
      const ramp = { trips: counted.trips(), stored: Number(await redis.get(`rl:${key}`)) }
      let spanMs = performance.now() - started
      await sleep(windowMs + 100)
      started = performance.now()
      const trips = counted.trips()
      const counts: number[] = []
      for (let i = 0; i < 256; i++) counts.push((await incr(store, key, windowMs, 1_000_000)).current)
      const next = { trips: counted.trips() - trips, stored: Number(await redis.get(`rl:${key}`)), counts }
      spanMs = Math.max(spanMs, performance.now() - started)
      return { spanMs, result: { ramp, next } }
    })
    t.equal(busy.result.ramp.trips, 9, 'nine leases to ramp up')
    t.equal(busy.result.ramp.stored, 511)
    t.same(
      busy.result.next.counts,
      Array.from({ length: 256 }, (_, i) => i + 1),
      'the next window counts from 1',
    )
    t.equal(busy.result.next.trips, 1, 'the next window: its 256 counts in one lease')
    t.equal(busy.result.next.stored, 256, 'reserved at once')
    const quiet = await inOneWindow(t, [200, 1_000, 4_000], async (windowMs) => {
      const counted = await countedRedis()
      const store = new (LeasedRedisStore.forPlugin(counted.client, 'rl:'))()
      const key = `user:${randomUUID()}`
      const windows: { current: number; stored: number }[] = []
      let spanMs = 0
      for (let window = 0; window < 3; window++) {
        const started = performance.now()
        const current = (await incr(store, key, windowMs, 1_000_000)).current
        windows.push({ current, stored: Number(await redis.get(`rl:${key}`)) })
        spanMs = Math.max(spanMs, performance.now() - started)
        await sleep(windowMs + 50)
      }
      return { spanMs, result: windows }
    })
    t.same(
      quiet.result,
      [0, 1, 2].map(() => ({ current: 1, stored: 1 })),
      'a quiet key: each window counted exactly, with a lease of 1',
    )
  },
)

t.test('a window started by another process is honoured: its expiry comes from Redis', async (t) => {
  const { windowMs, result } = await inOneWindow(t, [300, 1_500, 6_000], async (windowMs) => {
    const key = `user:${randomUUID()}`
    const started = performance.now()
    await redis.set(`rl:${key}`, '5', 'PX', windowMs)
    const store = new (LeasedRedisStore.forPlugin(redis, 'rl:'))()
    const first = await incr(store, key, 60_000, 100)
    const spanMs = performance.now() - started
    await sleep(windowMs + 50)
    const next = (await incr(store, key, 60_000, 100)).current
    return { spanMs, result: { first, next } }
  })
  t.equal(result.first.current, 6)
  t.ok(result.first.ttl <= windowMs, `the window's own end (${result.first.ttl} ms left of ${windowMs})`)
  t.equal(result.next, 1, 'counted in a new window after it')
})

t.test('route limits (child stores) count exactly, one round trip each, and can be read', async (t) => {
  const counted = await countedRedis()
  const child = new (LeasedRedisStore.forPlugin(counted.client, 'rl:'))().child({
    routeInfo: { method: 'POST', url: '/auth/login' },
  })
  const key = `ip:${randomUUID()}`
  const counts = []
  for (let i = 0; i < 5; i++) counts.push((await incr(child, key, 60_000, 1_000_000)).current)
  t.same(counts, [1, 2, 3, 4, 5])
  t.equal(counted.trips(), 5, 'no lease, however high the limit')
  t.equal(await redis.get(`rl:POST/auth/login-${key}`), '5', "@fastify/rate-limit's key for the route")
  const read = await new Promise<Counted | undefined>((resolve, reject) =>
    child.read(key, (error, result) => (error ? reject(error) : resolve(result))),
  )
  t.equal(read?.current, 5, 'read does not count')
  const none = await new Promise<Counted | undefined>((resolve, reject) =>
    child.read(`ip:${randomUUID()}`, (error, result) => (error ? reject(error) : resolve(result))),
  )
  t.same(none, { current: 0, ttl: 0 })
})

t.test('Redis unreachable: every waiting request gets the error, the next one asks again', async (t) => {
  const down = new Redis('redis://127.0.0.1:1', {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: true,
  })
  down.on('error', () => {})
  t.teardown(() => down.disconnect())
  const store = new (LeasedRedisStore.forPlugin(down, 'rl:'))()
  const key = `user:${randomUUID()}`
  const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => incr(store, key, 60_000, 100)))
  t.ok(
    outcomes.every((outcome) => outcome.status === 'rejected'),
    'all five rejected',
  )
  const again = await incr(store, key, 60_000, 100).then(
    () => 'counted',
    () => 'rejected',
  )
  t.equal(again, 'rejected', 'still down, asked again rather than stuck waiting')
})

t.test('memory stays bounded: past maxKeys idle leases are dropped and asked for again', async (t) => {
  const counted = await countedRedis()
  const store = new (LeasedRedisStore.forPlugin(counted.client, 'rl:', { maxKeys: 5 }))()
  const over = `user:${randomUUID()}`
  t.equal((await incr(store, over, 60_000, 1)).current, 1)
  t.ok((await incr(store, over, 60_000, 1)).current > 1, 'over its limit')
  const trips = counted.trips()
  t.ok((await incr(store, over, 60_000, 1)).current > 1)
  t.equal(counted.trips(), trips, 'refused from memory while held')
  for (let i = 0; i < 10; i++) await incr(store, `user:${randomUUID()}`, 60_000, 1)
  const before = counted.trips()
  t.ok((await incr(store, over, 60_000, 1)).current > 1, 'still refused: the count lives in Redis')
  t.equal(counted.trips(), before + 1, 'after being dropped, it asked Redis again')
})

/** The round trips sent so far, once the commands of this tick have left (autopipelining). */
const tripsSent = async (counted: { trips: () => number }) => {
  await new Promise((resolve) => setImmediate(resolve))
  return counted.trips()
}

t.test('a lease taken ahead (prepare) counts nothing; the request counted after uses it', async (t) => {
  const counted = await countedRedis()
  const store = new (LeasedRedisStore.forPlugin(counted.client, 'rl:'))()
  const key = `user:${randomUUID()}`
  store.prepare(key, 60_000, 1_000_000)
  store.prepare(key, 60_000, 1_000_000)
  t.equal(await tripsSent(counted), 1, 'the lease is asked for at once, once while it is being taken')
  const first = await incr(store, key, 60_000, 1_000_000)
  t.equal(first.current, 1, 'the request counted after it is the first of the window')
  t.equal(await tripsSent(counted), 1, 'with no round trip of its own')
  store.prepare(key, 60_000, 1_000_000)
  t.equal(await tripsSent(counted), 2, 'a used-up lease is renewed ahead')
  t.same(
    [
      (await incr(store, key, 60_000, 1_000_000)).current,
      (await incr(store, key, 60_000, 1_000_000)).current,
    ],
    [2, 3],
    'the counts follow on (a lease of two)',
  )
  t.equal(await tripsSent(counted), 2)
  // A count reserved for a request that is then refused (its token revoked) and never counted stays
  // for the next request of the key: nothing is counted twice or lost below the limit.
  const unused = `user:${randomUUID()}`
  store.prepare(unused, 60_000, 1_000_000)
  await sleep(50)
  t.equal(await redis.get(`rl:${unused}`), '1', 'reserved in Redis')
  store.prepare(unused, 60_000, 1_000_000)
  t.equal(await tripsSent(counted), 3, 'a live lease with a count left asks nothing more')
  t.equal((await incr(store, unused, 60_000, 1_000_000)).current, 1, 'the next request takes that count')
})

t.test('a key over its limit takes no lease ahead; an exact (route) store never does', async (t) => {
  const counted = await countedRedis()
  const store = new (LeasedRedisStore.forPlugin(counted.client, 'rl:'))()
  const key = `user:${randomUUID()}`
  await incr(store, key, 60_000, 1)
  t.ok((await incr(store, key, 60_000, 1)).current > 1, 'over its limit')
  const trips = await tripsSent(counted)
  store.prepare(key, 60_000, 1)
  t.equal(await tripsSent(counted), trips, 'refused from memory, nothing asked ahead')
  const child = store.child({ routeInfo: { method: 'POST', url: '/auth/login' } })
  child.prepare(`ip:${randomUUID()}`, 60_000, 10)
  t.equal(await tripsSent(counted), trips, 'a route limit counts exactly, one round trip per request')
})
