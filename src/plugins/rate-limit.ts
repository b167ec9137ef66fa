/**
 * Throttling with @fastify/rate-limit on the shared Redis (so every API replica counts together; keys
 * carry the app's Redis prefix). The general limit reserves its counts in leases (rate-limit-leases.ts:
 * never more than the limit, no Redis round trip on most requests); route limits count exactly. The general limit runs after authentication: per user when signed
 * in, per client IP otherwise. Routes tighten it with `config.rateLimit` (the auth routes, per IP)
 * and `app.createRateLimit` (failed logins per account). Every limited answer carries RateLimit-Limit,
 * -Remaining and -Reset; exceeding answers 429 with Retry-After.
 * Register it inside the /api/v1 scope: health and docs are not throttled.
 */
import rateLimit, { normalizeIP } from '@fastify/rate-limit'
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { AppError } from '../errors.ts'
import { withErrorCodes } from '../http/error-codes.ts'
import { LeasedRedisStore } from './rate-limit-leases.ts'

/** The key of anonymous limits: the client IP (IPv6 by /64), as @fastify/rate-limit computes it. */
export const clientIpKey = (request: FastifyRequest) =>
  // IPv4 as Node gives it is already normal; only IPv6 needs normalizeIP's parse.
  request.ip.includes(':') ? `ip:${normalizeIP(request.ip)}` : `ip:${request.ip}`

export default fp(
  async (app) => {
    // Every route of this scope can answer 429 (a new schema object: routes share theirs with HEAD).
    app.addHook('onRoute', (route) => {
      if (route.schema?.hide) return
      route.schema = {
        ...route.schema,
        response: withErrorCodes(route.schema?.response as Record<string, unknown> | undefined, [
          'RATE_LIMITED',
        ]),
      }
    })
    await app.register(rateLimit, {
      global: true,
      // After onRequest, where authentication has set request.user.
      hook: 'preValidation',
      max: app.config.rateLimitMax,
      timeWindow: app.config.rateLimitWindowSeconds * 1000,
      // Counts reserved in leases on the shared Redis (rate-limit-leases.ts); embedded mode (one
      // process): the plugin's own in-memory store.
      ...(app.redis ? { store: LeasedRedisStore.forPlugin(app.redis, 'rate-limit:') } : {}),
      keyGenerator: (request) => {
        const user = request.user as { id?: unknown } | null | undefined
        return typeof user?.id === 'string' ? `user:${user.id}` : clientIpKey(request)
      },
      // RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (seconds) on every answer, as the
      // IETF draft "RateLimit header fields for HTTP" names them, so a client can pace itself before
      // a 429; a 429 adds Retry-After.
      enableDraftSpec: true,
      // The general limit protects capacity, not secrets: when Redis is down, serve rather than refuse.
      skipOnError: true,
      errorResponseBuilder: (_request, context) =>
        new AppError(429, 'RATE_LIMITED', `too many requests; retry in ${context.after}`, {
          headers: { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) },
        }),
    })
  },
  { name: 'rate-limit', dependencies: ['config', 'redis'] },
)
