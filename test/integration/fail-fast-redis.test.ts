/**
 * The API's Redis client (src/runtime/fail-fast-redis.ts) against the real shared server, under its
 * own key prefix: a command Redis answered while the event loop was held past the command timeout
 * (a long collection, a starved core) is served, not failed, and the connection is kept. A Redis that
 * really does not answer still fails commands in time: test/integration/redis-outage.test.ts
 * (SIGSTOP of a server of its own).
 */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { connectFailFast, untilReady } from '../../src/runtime/fail-fast-redis.ts'
import { dropRedisPrefix, testServices } from '../support/services.ts'

const prefix = `nexus-test:fail-fast:${randomUUID().slice(0, 8)}:`
const warnings: string[] = []
const redis = connectFailFast(testServices.redisUrl, prefix, { warn: (message) => warnings.push(message) })
t.teardown(async () => {
  redis.disconnect()
  await dropRedisPrefix(prefix)
})
await untilReady(redis, 30_000)
t.equal(redis.status, 'ready', 'connected')

/** Holds the event loop (no timer, no socket read) for `ms`, as a long collection or a starved core does. */
function holdTheLoop(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {}
}

t.test('answers that came while the event loop was held past the timeout are served', async (t) => {
  await redis.set('before', '1')
  // Several commands in flight (one autopipelined write), then the loop held for twice the 800 ms
  // timeout once they are written: ioredis writes the pipeline from a setImmediate queued by the
  // first command, so this one runs right after it.
  const answers = Promise.allSettled([redis.incr('count'), redis.get('before'), redis.set('after', '2')])
  setImmediate(() => holdTheLoop(1_600))
  const settled = await answers
  t.same(
    settled.map((outcome) => outcome.status),
    ['fulfilled', 'fulfilled', 'fulfilled'],
    `no command failed: ${settled.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok')).join(', ')}`,
  )
  t.same(
    settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : null)),
    [1, '1', 'OK'],
  )
  t.same(warnings, [], 'the connection was not dropped')
  t.equal(redis.status, 'ready')
  t.equal(await redis.get('after'), '2', 'and it keeps serving')
})
