/**
 * Browser-facing protections: security headers from helmet on every response, and CORS from
 * @fastify/cors for the frontend origins in CORS_ORIGINS (none by default: no cross-origin access).
 * Tokens travel in the Authorization header and JSON bodies, never cookies, so CORS does not allow
 * credentials and no CSRF token is needed.
 *
 * helmet's middleware is built once here and run on every request. (@fastify/helmet, used before,
 * rebuilds it per request, parsing the CSP directives each time: 2% of a cached read's CPU.)
 */
import cors from '@fastify/cors'
import fp from 'fastify-plugin'
import helmet from 'helmet'

export default fp(
  async (app) => {
    const securityHeaders = helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI (same origin, no inline scripts) works under helmet's defaults; TLS ends at
          // the load balancer, so forcing https for sub-resources would break plain-http local use.
          upgradeInsecureRequests: null,
        },
      },
    })
    app.addHook('onRequest', (request, reply, done) => {
      securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined))
    })
    await app.register(cors, {
      origin: app.config.corsOrigins.length > 0 ? app.config.corsOrigins : false,
      credentials: false,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-consistency-token', 'x-request-id'],
      exposedHeaders: [
        'x-consistency-token',
        'x-consistency',
        'retry-after',
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
      ],
      maxAge: 600,
    })
  },
  { name: 'security-headers', dependencies: ['config'] },
)
