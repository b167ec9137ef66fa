/**
 * Throttling on the shared Redis (so every API replica counts together; keys carry the app's Redis
 * prefix). The general limit reserves its counts in leases (rate-limit-leases.ts: never more than
 * the limit, no Redis round trip on most requests) and runs as a callback hook of its own (below);
 * route limits (`config.rateLimit`: the auth routes per IP; `app.createRateLimit`: failed logins per
 * account) are @fastify/rate-limit's and count exactly. The general limit runs after authentication:
 * per user when signed in, per client IP otherwise (a signed-in user's lease is taken ahead, in the
 * Redis write of their token's revocation check: LeasedRedisStore#prepare; the request is counted
 * after authentication passed). Every limited answer carries RateLimit-Limit,
 * -Remaining and -Reset; exceeding answers 429 with Retry-After.
 * Register it inside the /api/v1 scope: health and docs are not throttled.
 */
import rateLimit from '@fastify/rate-limit'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { AppError } from '../errors.ts'
import { clientIpKeyOf } from '../http/client-ip-key.ts'
import { countTakenEarly } from '../http/early-hits.ts'
import { withErrorCodes } from '../http/error-codes.ts'
import { LeasedRedisStore } from './rate-limit-leases.ts'

/** The key of anonymous limits: the client IP (IPv6 by /64), as @fastify/rate-limit computes it. */
export const clientIpKey = (request: FastifyRequest) => clientIpKeyOf(request.ip)

/** The general limit's key: per user when signed in, per client IP otherwise. */
const limitKey = (request: FastifyRequest) => {
  const user = request.user as { id?: unknown } | null | undefined
  return typeof user?.id === 'string' ? `user:${user.id}` : clientIpKey(request)
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by this plugin on the routes the general limit counts. */
    generalLimit?: boolean
  }
}

type Counted = { current: number; ttl: number }
/** What the general limit counts with: LeasedRedisStore's incr, or WindowCounts's in one process. */
type Counter = {
  incr(
    key: string,
    callback: (error: Error | null, result?: Counted) => void,
    windowMs: number,
    max: number,
  ): void
  /** Takes a lease ahead of the count, if the counter leases (LeasedRedisStore). */
  prepare?(key: string, windowMs: number, max: number): void
}

/**
 * Fixed windows counted in this process's memory: the general limit of embedded mode (one process,
 * no Redis), as @fastify/rate-limit's own in-memory store counted it.
 */
export class WindowCounts implements Counter {
  readonly #windows = new Map<string, { count: number; endsAt: number }>()
  #sweptAt = Date.now()

  incr(key: string, callback: (error: Error | null, result?: Counted) => void, windowMs: number): void {
    const now = Date.now()
    if (now - this.#sweptAt >= windowMs) {
      this.#sweptAt = now
      for (const [k, w] of this.#windows) if (w.endsAt <= now) this.#windows.delete(k)
    }
    let window = this.#windows.get(key)
    if (window === undefined || window.endsAt <= now) {
      window = { count: 0, endsAt: now + windowMs }
      this.#windows.set(key, window)
    }
    window.count += 1
    callback(null, { current: window.count, ttl: window.endsAt - now })
  }
}

/** "30 seconds", "1 minute", "2 hours": when to retry, in words (as @fastify/rate-limit says it). */
export function retryIn(seconds: number): string {
  const [amount, unit] =
    seconds < 60
      ? [seconds, 'second']
      : seconds < 3_600
        ? [Math.round(seconds / 60), 'minute']
        : [Math.round(seconds / 3_600), 'hour']
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`
}

/**
 * The general limit as a preValidation callback hook: with a lease in memory it decides in the
 * request's own tick, without the promises and awaits of @fastify/rate-limit's async hook, and sets
 * its three headers as strings (numbers cost Node a conversion per header on every answer).
 */
function generalLimit(counter: Counter, max: number, windowMs: number) {
  const limit = String(max)
  return (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void => {
    const decide = (error: Error | null, counted?: Counted) => {
      // The general limit protects capacity, not secrets: when Redis is down, serve rather than refuse.
      if (error !== null || counted === undefined) return done()
      const reset = Math.ceil(counted.ttl / 1000)
      const exceeded = counted.current > max
      reply.header('ratelimit-limit', limit)
      reply.header('ratelimit-remaining', exceeded ? '0' : String(max - counted.current))
      reply.header('ratelimit-reset', String(reset))
      if (!exceeded) return done()
      done(
        new AppError(429, 'RATE_LIMITED', `too many requests; retry in ${retryIn(reset)}`, {
          headers: { 'retry-after': String(Math.max(1, reset)) },
        }),
      )
    }
    // Counted already on the early path (src/http/early-hits.ts), which handed the request on.
    const taken = countTakenEarly(request.raw)
    if (taken === undefined) counter.incr(limitKey(request), decide, windowMs, max)
    else decide(taken.error, taken.counted)
  }
}

export default fp(
  async (app) => {
    const max = app.config.rateLimitMax
    const windowMs = app.config.rateLimitWindowSeconds * 1000
    const counter: Counter = app.redis
      ? new (LeasedRedisStore.forPlugin(app.redis, 'rate-limit:'))()
      : new WindowCounts()
    const general = generalLimit(counter, max, windowMs)
    // Memo hits answered before routing count here too, with the same counter and key.
    app.earlyHits?.limitWith({ count: (key, callback) => counter.incr(key, callback, windowMs, max), max })
    // A signed-in request's lease is taken while its token's revocation check is in flight, in
    // the same Redis write; the request is counted in preValidation as before.
    const prepare = counter.prepare?.bind(counter)
    if (prepare && app.hasDecorator('tokenVerified')) {
      app.tokenVerified.push((request) => {
        if (request.routeOptions.config.generalLimit === true) prepare(limitKey(request), windowMs, max)
      })
    }
    // Every route of this scope can answer 429 (a new schema object: routes share theirs with HEAD),
    // and every one without a limit of its own counts against the general limit.
    app.addHook('onRoute', (route) => {
      if (route.config?.rateLimit == null) {
        // A new config object, as for the schema below.
        route.config = { ...route.config, generalLimit: true }
        route.preValidation = [
          ...(route.preValidation === undefined ? [] : [route.preValidation].flat()),
          general,
        ]
      }
      if (route.schema?.hide) return
      route.schema = {
        ...route.schema,
        response: withErrorCodes(route.schema?.response as Record<string, unknown> | undefined, [
          'RATE_LIMITED',
        ]),
      }
    })
    // The route limits (`config.rateLimit`, `app.createRateLimit`): exact counts, one round trip each.
    await app.register(rateLimit, {
      global: false,
      // After onRequest, where authentication has set request.user.
      hook: 'preValidation',
      max,
      timeWindow: windowMs,
      // Route stores are LeasedRedisStore's exact children; embedded mode (one process): the plugin's
      // own in-memory store.
      ...(app.redis ? { store: LeasedRedisStore.forPlugin(app.redis, 'rate-limit:') } : {}),
      keyGenerator: limitKey,
      // RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (seconds) on every answer, as the
      // IETF draft "RateLimit header fields for HTTP" names them, so a client can pace itself before
      // a 429; a 429 adds Retry-After.
      enableDraftSpec: true,
      skipOnError: true,
      errorResponseBuilder: (_request, context) =>
        new AppError(429, 'RATE_LIMITED', `too many requests; retry in ${context.after}`, {
          headers: { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) },
        }),
    })
  },
  { name: 'rate-limit', dependencies: ['config', 'redis'] },
)
