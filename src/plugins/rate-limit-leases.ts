/**
 * A @fastify/rate-limit store on the shared Redis that takes the general limit's counts in leases.
 *
 * @fastify/rate-limit's own Redis store makes one round trip per request: on a cached read that is
 * most of the request's cost. This store keeps the same fixed window in the same Redis key (INCRBY
 * and PEXPIRE in one script) but reserves counts for this process in blocks: a key's first request
 * of a window reserves 1, each renewal reserves twice the last, up to `max / LEASE_FRACTION` and never
 * more than an eighth of what is left below the limit. Requests then count against the lease in memory.
 * A key still held when its window ends starts the next one where it was (its first lease as large
 * as its last, under the same caps), not at 1: every renewal is a Redis round trip that the key's
 * requests wait for, and a busy key ramping up from 1 at each window waited a dozen times per window
 * (with bench:api's 1 s window, the p99 of memoised answers; docs/benchmarks.md, issue 17, session 11).
 *
 * Guarantees:
 * - Never more than `max` requests of a key are let through per window, whatever the number of API
 *   processes: every count is reserved in Redis before it is used.
 * - A client may be refused early by at most what other processes reserved and did not use, which
 *   shrinks to nothing near the limit (a lease is at most 1/8 of the headroom, so the last counts are
 *   taken one by one). A key with a request now and then is counted exactly (its leases stay at 1-2).
 * - A key over its limit is refused from memory until its window ends (the count only grows within
 *   a fixed window): a flood of refused requests costs Redis nothing.
 * - Requests that arrive while a lease is being taken wait for it together: one round trip.
 *
 * The route-specific limits (`config.rateLimit`, `app.createRateLimit`) are security limits (auth
 * per IP, failed logins per account) and stay exact: their stores (child()) make one round trip per
 * count, as @fastify/rate-limit's Redis store does, with the same keys.
 */
import type { FastifyRateLimitStore } from '@fastify/rate-limit'
import type { Redis } from 'ioredis'

/** A lease is at most this fraction of the limit. */
const LEASE_FRACTION = 64
/** ... and at most this fraction of the counts left below the limit. */
const HEADROOM_FRACTION = 8
/** Local entries are swept this often (expired windows only). */
const SWEEP_EVERY_MS = 10_000
/**
 * At most this many keys held in memory (about 100 bytes each); beyond it, the idle leases are
 * dropped, as if their windows had ended here: their unused counts stay reserved in Redis (those
 * clients may be refused that much early) and their next request asks Redis again.
 */
const MAX_KEYS = 100_000

type Counted = { current: number; ttl: number }
type Callback = (error: Error | null, result?: Counted) => void

type Lease = {
  /** The count in Redis before this lease: the lease covers base+1 .. base+size. */
  base: number
  size: number
  used: number
  /** Local time at which the key's window ends in Redis. */
  expiresAt: number
  /** Requests waiting for the lease being taken; null when none is being taken. */
  waiting: Callback[] | null
  /** What the first lease of the window doubles (half the key's last lease of the window before; 0: none). */
  carried: number
}

/** The lease of a key's next window: nothing reserved yet, its first lease as large as `last` was. */
const nextWindow = (last: Lease | undefined): Lease => ({
  base: 0,
  size: 0,
  used: 0,
  expiresAt: 0,
  waiting: null,
  carried: last === undefined ? 0 : Math.floor(last.size / 2),
})

// KEYS[1] the counter; ARGV[1] counts to reserve; ARGV[2] the window in ms. Returns {count, pttl}.
const RESERVE = `
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {n, ttl}`

// KEYS[1] the counter. Returns {count, pttl} without changing it ({0, 0} when there is none).
const READ = `
local n = redis.call('GET', KEYS[1])
if not n then return {0, 0} end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then ttl = 0 end
return {tonumber(n), ttl}`

type ReservingRedis = Redis & {
  nexusRateReserve(key: string, count: number, windowMs: number): Promise<[number, number]>
  nexusRateRead(key: string): Promise<[number, number]>
}

function withScripts(redis: Redis): ReservingRedis {
  const scripted = redis as ReservingRedis
  if (typeof scripted.nexusRateReserve !== 'function') {
    redis.defineCommand('nexusRateReserve', { numberOfKeys: 1, lua: RESERVE })
    redis.defineCommand('nexusRateRead', { numberOfKeys: 1, lua: READ })
  }
  return scripted
}

/** The size of the next lease of a key whose count in Redis was last seen at `seen`. */
export function nextLeaseSize(previous: number, seen: number, max: number, waiting: number): number {
  const cap = Math.max(1, Math.floor(max / LEASE_FRACTION))
  const headroom = Math.max(1, Math.floor((max - seen) / HEADROOM_FRACTION))
  return Math.max(1, Math.min(Math.max(previous * 2, waiting), cap, headroom))
}

export class LeasedRedisStore implements FastifyRateLimitStore {
  readonly #redis: ReservingRedis
  readonly #prefix: string
  readonly #exact: boolean
  readonly #maxKeys: number
  readonly #leases = new Map<string, Lease>()
  #sweptAt = Date.now()

  constructor(redis: Redis, prefix: string, options: { exact?: boolean; maxKeys?: number } = {}) {
    this.#redis = withScripts(redis)
    this.#prefix = prefix
    this.#exact = options.exact ?? false
    this.#maxKeys = options.maxKeys ?? MAX_KEYS
  }

  /** The store @fastify/rate-limit calls `new` on (its `store` option takes a class). */
  static forPlugin(
    redis: Redis,
    prefix: string,
    options: { maxKeys?: number } = {},
  ): new () => LeasedRedisStore {
    return class extends LeasedRedisStore {
      constructor() {
        super(redis, prefix, options)
      }
    }
  }

  /** The store of a route-specific limit: exact, keys as @fastify/rate-limit's Redis store names them. */
  child(options: object): LeasedRedisStore {
    // The plugin passes the route's merged limit options, the route itself under routeInfo.
    const route = (options as { routeInfo?: { method?: string; url?: string } }).routeInfo ?? {}
    return new LeasedRedisStore(this.#redis, `${this.#prefix}${route.method}${route.url}-`, { exact: true })
  }

  incr(key: string, callback: Callback, timeWindow: number, max: number): void {
    if (this.#exact) {
      this.#redis.nexusRateReserve(this.#prefix + key, 1, timeWindow).then(
        ([count, ttl]) => callback(null, { current: count, ttl }),
        (error: Error) => callback(error),
      )
      return
    }
    const now = Date.now()
    if (now - this.#sweptAt >= SWEEP_EVERY_MS) this.#sweep(now)
    let lease = this.#leases.get(key)
    if (lease !== undefined && lease.expiresAt <= now && lease.waiting === null) {
      lease = nextWindow(lease)
      this.#leases.set(key, lease)
    }
    if (lease === undefined) {
      if (this.#leases.size >= this.#maxKeys) this.#shed(now)
      lease = nextWindow(undefined)
      this.#leases.set(key, lease)
    }
    if (lease.waiting !== null) {
      lease.waiting.push(callback)
      return
    }
    if (lease.used < lease.size) {
      lease.used++
      callback(null, { current: lease.base + lease.used, ttl: lease.expiresAt - now })
      return
    }
    if (lease.base + lease.used >= max) {
      // Over the limit for the rest of the window: the count only grows, so memory can tell.
      callback(null, { current: max + 1, ttl: lease.expiresAt - now })
      return
    }
    lease.waiting = [callback]
    this.#renew(key, lease, timeWindow, max)
  }

  /**
   * Makes sure the key has a lease, or one being taken, without counting anything: the general limit
   * calls it as soon as the user is known, in the tick their token's revocation check goes to Redis,
   * so a renewal travels in the same write (autopipelining) instead of a round trip of its own
   * later. The request is counted later by incr, as always (after authentication passed); a count
   * reserved for a request that then fails authentication stays in the lease for the key's next
   * request, or is never used (the early refusal the guarantees above already allow for). Exact
   * stores take nothing ahead.
   */
  prepare(key: string, timeWindow: number, max: number): void {
    if (this.#exact) return
    const now = Date.now()
    const lease = this.#leases.get(key)
    if (lease !== undefined) {
      if (lease.waiting !== null) return
      const live = lease.expiresAt > now
      // A live lease with counts left, or a key over its limit (refused from memory): nothing to take.
      if (live && (lease.used < lease.size || lease.base + lease.used >= max)) return
      if (!live) {
        this.#prepareNew(key, now, timeWindow, max, lease)
        return
      }
      lease.waiting = []
      this.#renew(key, lease, timeWindow, max)
      return
    }
    this.#prepareNew(key, now, timeWindow, max)
  }

  #prepareNew(key: string, now: number, timeWindow: number, max: number, last?: Lease): void {
    if (last === undefined && this.#leases.size >= this.#maxKeys) this.#shed(now)
    const lease: Lease = { ...nextWindow(last), waiting: [] }
    this.#leases.set(key, lease)
    this.#renew(key, lease, timeWindow, max)
  }

  read(key: string, callback: Callback): void {
    this.#redis.nexusRateRead(this.#prefix + key).then(
      ([count, ttl]) => callback(null, { current: count, ttl }),
      (error: Error) => callback(error),
    )
  }

  #renew(key: string, lease: Lease, timeWindow: number, max: number): void {
    const waiting = lease.waiting ?? []
    const size = nextLeaseSize(
      lease.size === 0 ? lease.carried : lease.size,
      lease.base + lease.used,
      max,
      waiting.length,
    )
    this.#redis.nexusRateReserve(this.#prefix + key, size, timeWindow).then(
      ([count, ttl]) => {
        const now = Date.now()
        const callbacks = lease.waiting ?? []
        lease.base = count - size
        lease.size = size
        lease.used = 0
        lease.expiresAt = now + ttl
        lease.waiting = null
        for (const [index, callback] of callbacks.entries()) {
          if (lease.used < lease.size) {
            lease.used++
            callback(null, { current: lease.base + lease.used, ttl })
          } else if (lease.base + lease.used >= max) {
            callback(null, { current: max + 1, ttl })
          } else {
            // More waited than the lease holds: the rest wait for the next one.
            lease.waiting = callbacks.slice(index)
            this.#renew(key, lease, timeWindow, max)
            return
          }
        }
      },
      (error: Error) => {
        const callbacks = lease.waiting ?? []
        // Nothing was reserved (or we cannot know): the next request asks Redis again.
        this.#leases.delete(key)
        for (const callback of callbacks) callback(error)
      },
    )
  }

  /** Too many keys: the expired ones go, and if that is not enough, every lease nobody waits on. */
  #shed(now: number): void {
    this.#sweep(now)
    if (this.#leases.size < this.#maxKeys) return
    for (const [key, lease] of this.#leases) if (lease.waiting === null) this.#leases.delete(key)
  }

  #sweep(now: number): void {
    this.#sweptAt = now
    for (const [key, lease] of this.#leases) {
      if (lease.expiresAt <= now && lease.waiting === null) this.#leases.delete(key)
    }
  }
}
