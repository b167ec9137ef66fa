/**
 * Counts failed password checks per account with @fastify/rate-limit's Redis store: after
 * LOGIN_FAILURE_LIMIT failures within LOGIN_FAILURE_WINDOW_SECONDS the account answers 429 with
 * Retry-After until the window ends, even to the right password (otherwise the 429 would only hide
 * wrong guesses and the right one would still show). Successes do not reset the count.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../errors.ts'

export type FailureThrottle = {
  /** Throws 429 while the account named by `key` is throttled. */
  check(request: FastifyRequest, key: string): Promise<void>
  record(request: FastifyRequest, key: string): Promise<void>
}

const unavailable = (cause: unknown) =>
  new AppError(503, 'SERVICE_UNAVAILABLE', 'password checks are unavailable right now; retry later', {
    headers: { 'retry-after': '5' },
    cause,
  })

export function failureThrottle(app: FastifyInstance, namespace: string): FailureThrottle {
  // @fastify/rate-limit asks the request for its key; the caller decides it per call.
  const keys = new WeakMap<FastifyRequest, string>()
  const limiter = app.createRateLimit({
    max: app.config.loginFailureLimit,
    timeWindow: app.config.loginFailureWindowSeconds * 1000,
    keyGenerator: (request) => `${namespace}:${keys.get(request) ?? 'unknown'}`,
    // Fail closed: without the counter, guessing would be unlimited.
    skipOnError: false,
  })
  return {
    async check(request, key) {
      keys.set(request, key)
      const state = await limiter(request, { increment: false }).catch((error: unknown) => {
        throw unavailable(error)
      })
      if (!state.isAllowed && state.remaining === 0) {
        throw new AppError(
          429,
          'TOO_MANY_FAILED_ATTEMPTS',
          'too many failed password attempts; retry later',
          {
            headers: { 'retry-after': String(Math.max(1, state.ttlInSeconds)) },
          },
        )
      }
    },
    async record(request, key) {
      keys.set(request, key)
      await limiter(request).catch((error: unknown) => {
        throw unavailable(error)
      })
    },
  }
}
