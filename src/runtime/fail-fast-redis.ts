/**
 * The API's Redis connection for requests (ioredis), failing fast: a request that needs Redis while
 * it is down is answered 503 SERVICE_UNAVAILABLE with Retry-After at once (the error handler maps the
 * client's errors, see src/plugins/redis-errors.ts), never held until Redis returns. No offline
 * queue (a command while disconnected is refused at once), one retry for a command in flight when the
 * connection drops, and a command Redis does not answer within 800 ms fails and drops the connection
 * (so the next ones fail at once rather than each waiting for its own timeout). ioredis reconnects by
 * itself (backing off up to 2 s), so the API recovers with no restart. What works without Redis: see
 * docs/operations.md (failure modes).
 *
 * The timeout is judged after the event loop has read its sockets, not by ioredis's own
 * `commandTimeout`: when the loop is held past 800 ms (a long collection, a starved core on a loaded
 * machine), timers run before the poll phase that would read the answer already waiting on the
 * socket, and ioredis's timer failed every command in flight (503s, the connection dropped) although
 * Redis had answered them all.
 */
import { Redis } from 'ioredis'

/** Longest a command waits for Redis's answer. */
const COMMAND_TIMEOUT_MS = 800

export type FailFastRedisOptions = {
  /** Called once per outage, and when a command went unanswered (the connection is then dropped). */
  warn(message: string, error?: Error): void
}

export function connectFailFast(url: string, keyPrefix: string, options: FailFastRedisOptions): Redis {
  const redis = new Redis(url, {
    keyPrefix,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    // No commandTimeout: see sendCommand below.
    enableOfflineQueue: false,
    lazyConnect: false,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    // Commands issued in the same tick (many requests' rate limits, lookups) go in one write.
    enableAutoPipelining: true,
  })
  // A command Redis does not answer in time means it hangs: it fails, and the connection is dropped
  // so that the commands that follow fail at once (no offline queue) until it answers again, instead
  // of each waiting. The verdict waits for the check phase after the timer: the poll phase in between
  // reads an answer that came while the loop was held, which settles the command first.
  const send = redis.sendCommand.bind(redis)
  redis.sendCommand = (command, stream) => {
    const sent = send(command, stream)
    if (command.isSettled) return sent
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (command.isSettled) return
        command.reject(new Error('Command timed out'))
        if (redis.status === 'ready') {
          options.warn('Redis did not answer in time: reconnecting')
          redis.disconnect(true)
        }
      })
    }, COMMAND_TIMEOUT_MS)
    const settled = () => clearTimeout(timer)
    command.promise.then(settled, settled)
    return sent
  }
  let warned = false
  redis.on('error', (error: Error) => {
    // ioredis reconnects by itself; one warning per outage is enough.
    if (!warned) options.warn('Redis unavailable, reconnecting', error)
    warned = true
  })
  redis.on('ready', () => {
    warned = false
  })
  return redis
}

/**
 * Resolves once `redis` is connected, or after `ms` (the API starts without Redis, answering 503
 * where it is needed until it comes): without the offline queue, commands sent before the first
 * connection would fail.
 */
export function untilReady(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve()
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer)
      redis.off('ready', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    redis.once('ready', done)
  })
}
