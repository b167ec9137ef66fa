/**
 * The key-value port's contract (src/key-value/contract.ts), run on both adapters: Redis under a
 * client keyPrefix and the in-process store under a view's prefix answer the same reads, writes,
 * prefix deletions, chained reads and sums of sorted sets. The counter batches are compared on the
 * real engine in test/projections/memory-counters.test.ts.
 */
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import t from 'tap'
import type { KeyValueStore } from '../../src/key-value/contract.ts'
import { MemoryStore } from '../../src/key-value/memory-store.ts'
import { RedisKeyValue } from '../../src/key-value/redis.ts'
import { dropRedisPrefix, testServices } from '../support/services.ts'

const keyPrefix = `test:${randomUUID()}:`
const redis = new Redis(testServices.redisUrl, { keyPrefix, maxRetriesPerRequest: 1 })
t.teardown(async () => {
  await dropRedisPrefix(keyPrefix)
  await redis.quit()
})

/** Sorted-set and set writes go through counter batches in the port; here each adapter's own way. */
type Seed = (command: ['ZADD' | 'SADD', string, ...(string | number)[]]) => Promise<unknown>

const adapters: [string, () => { store: KeyValueStore; seed: Seed }][] = [
  [
    'redis',
    () => ({
      store: new RedisKeyValue(redis),
      seed: ([command, key, ...args]) => redis.call(command, key, ...args),
    }),
  ],
  [
    'memory',
    () => {
      const store = MemoryStore.open({ snapshotFile: null }).withPrefix(keyPrefix)
      return { store, seed: (command) => store.run(command) }
    },
  ],
]

for (const [name, open] of adapters) {
  t.test(`${name}: the key-value contract`, async (t) => {
    const { store, seed } = open()
    const at = `${name}:${randomUUID()}:`
    t.equal(store.kind, name)

    t.test('get, mget and set', async (t) => {
      t.equal(await store.get(`${at}missing`), null)
      await store.set(`${at}a`, 'one')
      await store.set(`${at}b`, 'two', 60)
      t.equal(await store.get(`${at}a`), 'one')
      t.same(await store.mget(`${at}a`, `${at}missing`, `${at}b`), ['one', null, 'two'])
    })

    t.test('getChain reads keys that name the values read before them', async (t) => {
      await store.set(`${at}chain:active`, '7')
      await store.set(`${at}chain:g7:checkpoint`, '120')
      await store.set(`${at}chain:entry:g7:120:day`, 'the answer')
      t.same(
        await store.getChain([
          `${at}chain:active`,
          `${at}chain:g{0}:checkpoint`,
          `${at}chain:entry:g{0}:{1}:day`,
        ]),
        ['7', '120', 'the answer'],
      )
      // A missing value stands as '' in the keys after it.
      await store.set(`${at}chain:entry:g7::week`, 'before any checkpoint')
      t.same(
        await store.getChain([
          `${at}chain:active`,
          `${at}chain:g{0}:nothing`,
          `${at}chain:entry:g{0}:{1}:week`,
        ]),
        ['7', null, 'before any checkpoint'],
      )
      t.same(
        await store.getChain([
          `${at}chain:none`,
          `${at}chain:g{0}:checkpoint`,
          `${at}chain:entry:g{0}:{1}:day`,
        ]),
        [null, null, null],
      )
      t.same(await store.getChain([]), [])
    })

    t.test('deletePrefix deletes the keys under a prefix and no other', async (t) => {
      await store.set(`${at}gone:1`, 'x')
      await store.set(`${at}gone:2`, 'y')
      await store.set(`${at}kept`, 'z')
      t.equal(await store.deletePrefix(`${at}gone:`), 2)
      t.same(await store.mget(`${at}gone:1`, `${at}gone:2`, `${at}kept`), [null, null, 'z'])
    })

    t.test('topOfUnion sums sorted sets, narrows to a set, highest first', async (t) => {
      await seed(['ZADD', `${at}h1`, 3, 'm1', 1, 'm2', 2, 'm3'])
      await seed(['ZADD', `${at}h2`, 1, 'm1', 4, 'm2'])
      await seed(['SADD', `${at}drama`, 'm1', 'm3'])
      t.same(await store.topOfUnion([`${at}h1`, `${at}h2`], null, 2), [
        ['m2', 5],
        ['m1', 4],
      ])
      t.same(await store.topOfUnion([`${at}h1`, `${at}h2`], `${at}drama`, 10), [
        ['m1', 4],
        ['m3', 2],
      ])
      t.same(await store.topOfUnion([`${at}h2`], null, 10), [
        ['m2', 4],
        ['m1', 1],
      ])
    })
  })
}

t.test('redis: a chained read is one command, whatever the number of keys', async (t) => {
  const store = new RedisKeyValue(redis)
  const keys = [`chain:${randomUUID()}`, 'chain:g{0}:checkpoint', 'chain:g{0}:{1}:entry']
  // The first call may load the script (EVALSHA answered NOSCRIPT, then EVAL).
  await store.getChain(keys)
  const sent: string[] = []
  const send = redis.sendCommand.bind(redis)
  redis.sendCommand = (command, stream) => {
    sent.push(command.name)
    return send(command, stream)
  }
  t.teardown(() => {
    redis.sendCommand = send
  })
  await store.getChain(keys)
  t.same(sent, ['evalsha'])
})
